"""Build the data release into the wheel, so that `load()` works from site-packages with no checkout.

The release is validated on the way: a wheel is never built from data that fails validation.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundleRelease(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from catraffick_data.build import build
            from catraffick_data.outfolder import MARKER
            from catraffick_data.problems import format_text
        finally:
            sys.path.pop(0)
        out = root / "src" / "catraffick_data" / "_release"
        if out.is_dir() and not (out / MARKER).is_file():
            shutil.rmtree(out)  # this hook's own folder, written before releases carried their marker
        # the bundled release serves load(): it carries no web site, which keeps the wheel lean and its
        # build free of matplotlib
        result = build(root, out, site=False)
        if result.out is None:
            report = format_text(result.validation.problems, result.validation.checked)
            raise RuntimeError(f"the raw data do not validate, so no wheel is built:\n{report}")
        if version != "editable":  # an editable install reads src/ directly
            build_data["force_include"][str(out)] = "catraffick_data/_release"
