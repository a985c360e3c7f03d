"""Which semantic-version bump a change to the data needs, and whether a release's version has it.

The rule (README, "Adding or correcting figures"): a major version removes or renames a table or
column (or changes a column's type: a reader's typed code breaks as surely); a minor one adds rows,
columns or tables; a patch corrects rows (changes cells, or withdraws a row). The largest change decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BUMPS = ("patch", "minor", "major")  # in increasing order
SEMVER = re.compile(r"^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$")


class VersionError(Exception):
    """A version that is not MAJOR.MINOR.PATCH, or a build that would reuse one: the message says why."""


def parse(version: str | None, where: str) -> tuple[int, int, int]:
    match = SEMVER.match(version) if isinstance(version, str) else None
    if match is None:
        from .printable import printable

        raise VersionError(f"{where} has version {printable(repr(version))}, not MAJOR.MINOR.PATCH "
                           "(e.g. 0.2.0)")
    return tuple(int(part) for part in match.groups())


def reasons(result: dict) -> dict[str, list[str]]:
    """What in the diff calls for each kind of bump, in words."""
    from .diff_schema import schema_changes
    from .printable import printable as p  # names come from releases given to diff: untrusted

    found: dict[str, list[str]] = {bump: [] for bump in BUMPS}
    for change in schema_changes(result):
        found[change.bump].append(change.words(p))
    for name, d in result["tables"].items():
        name = p(name)
        if d["added"]:
            found["minor"].append(f"{len(d['added'])} row(s) added to {name}")
        if d["changed"]:
            found["patch"].append(f"{len(d['changed'])} row(s) of {name} changed")
        if d["removed"]:
            found["patch"].append(f"{len(d['removed'])} row(s) removed from {name}")
    return found


def required_bump(result: dict) -> str | None:
    """"major", "minor" or "patch": the least bump the change needs; None when nothing changed."""
    found = reasons(result)
    return next((bump for bump in reversed(BUMPS) if found[bump]), None)


def least_version(old: tuple[int, int, int], bump: str | None) -> tuple[int, int, int]:
    major, minor, patch = old
    return {"major": (major + 1, 0, 0), "minor": (major, minor + 1, 0),
            "patch": (major, minor, patch + 1), None: old}[bump]


@dataclass(frozen=True)
class VersionCheck:
    """Whether the new release's version is at least the old one bumped as the change needs."""
    ok: bool
    bump: str | None  # what the change needs (None: no change to the data)
    why: tuple[str, ...]  # the first reasons for that bump, in words
    old: tuple[int, int, int]
    new: tuple[int, int, int]
    least: tuple[int, int, int]  # the least version the new release may have

    @property
    def sentence(self) -> str:
        old, new, least = (".".join(map(str, v)) for v in (self.old, self.new, self.least))
        if self.bump is None:
            need = f"no change to the data: the version may stay {old}"
        else:
            need = f"the change needs a {self.bump} version ({'; '.join(self.why)}): {least} or later after {old}"
        return f"{need}; the new release says {new}" + ("" if self.ok else ": bump the version in "
                                                        "schemas/package.toml, then `catraffick render`")


def check(result: dict) -> VersionCheck:
    """The new release's version against the old one and the bump the change needs (VersionError when a
    version is not MAJOR.MINOR.PATCH)."""
    versions = result.get("versions") or {}
    old = parse(versions.get("old"), f"the old release ({result['old']})")
    new = parse(versions.get("new"), f"the new release ({result['new']})")
    bump = result.get("bump")
    least = least_version(old, bump)
    return VersionCheck(new >= least, bump, tuple(reasons(result)[bump][:3]) if bump else (), old, new, least)


def verdict(result: dict) -> str:
    """One line on the version, for a diff's text: the bump needed, and whether the version has it."""
    try:
        checked = check(result)
    except VersionError as exc:
        return f"version: {exc}"
    return f"version: {checked.sentence}" + ("" if checked.ok else " (not bumped enough)")


def build_heading(version: str, changes: dict, unreleased: bool) -> tuple[str | None, list[str]]:
    """The CHANGELOG heading of a build compared with `changes["old"]` (None: the version itself), and
    the warnings to print. A release build whose version is not the previous release's bumped as the
    change needs is refused (VersionError): it would publish a second, different zip under one version
    number, or a CHANGELOG "0.1.0 compared with 0.1.0". `unreleased` builds it anyway, headed and
    flagged as changes not yet released (a pull request's preview)."""
    if changes.get("old") is None:
        return (f"Unreleased changes (the version says {version})" if unreleased else None), []
    checked = check(changes)
    if checked.ok:
        return (f"Unreleased changes (the version says {version})" if unreleased else None), []
    previous = changes["versions"]["old"]
    same = "the same version as this build" if previous == version else f"version {previous}"
    what = f"--previous ({changes['old']}) has {same}, and this build's {version} is not bumped enough: {checked.sentence}"
    if not unreleased:
        raise VersionError(f"{what}. Nothing was written: bump the version, or pass --unreleased for a build "
                           "of changes not yet released (it is headed so in its CHANGELOG)")
    return f"Unreleased changes since {previous}", [f"{what}. This build is marked unreleased: do not publish it"]
