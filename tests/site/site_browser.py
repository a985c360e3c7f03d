"""A real browser for the site's tests: Debian's Chromium driven by Playwright, launched so that it
makes no network request of its own (every host name fails to resolve), opening the site from the
file system. Tests that need it skip, saying what to install, where it is missing."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = os.environ.get("CATRAFFICK_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("CATRAFFICK_AXE", ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"))
ARTEFACTS = ROOT / "test-artefacts"  # screenshots; git ignores the folder
ARGS = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
        "--disable-component-update", "--disable-domain-reliability", "--disable-sync", "--no-first-run",
        "--no-default-browser-check", "--dns-prefetch-disable", "--disable-features=OptimizationHints,Translate"]


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="install Playwright: pip install playwright "
                                                                   "(no browser download: Debian's chromium is used)")
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        pytest.skip(f"install Chromium: apt-get install chromium (looked for {CHROMIUM})")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Tab:
    """One page of the browser that records console errors, uncaught exceptions and every request that
    is not for a file (there should be none: the site needs no network)."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.page.route(lambda url: not url.startswith("file://"), self._refuse)

    def _refuse(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri(), wait_until="load")
        return self.page

    def close(self):
        self.page.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser)
    yield t
    t.close()
