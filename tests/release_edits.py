"""Changes made to a copy of a release the tests built, one kind of change each, for the tests of
diff, its markdown and the version check."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import read_rows, write_rows


@pytest.fixture(scope="session")
def small_release(small_package, tmp_path_factory) -> Path:
    """A release built from the small package (hotline_counts and what it needs), once per session;
    copy it before changing it."""
    from catraffick_data.build import build

    out = tmp_path_factory.mktemp("small-release") / "release"
    assert build(small_package, out).out == out
    return out


def version_after(version: str, change: str) -> str:
    """A version relative to the package's own, so that these tests hold at every release:
    "major", "minor", "patch" bump it, "same" keeps it, "below" is one patch or minor lower."""
    major, minor, patch = (int(part) for part in version.split("."))
    if change == "major":
        return f"{major + 1}.0.0"
    if change == "minor":
        return f"{major}.{minor + 1}.0"
    if change == "patch":
        return f"{major}.{minor}.{patch + 1}"
    if change == "below":
        return f"{major}.{minor}.{patch - 1}" if patch else f"{major}.{minor - 1}.9" if minor else f"{major - 1}.9.9"
    assert change == "same", change
    return version


def copy_release(release: Path, dest: Path) -> Path:
    shutil.copytree(release, dest)
    return dest


def descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def save_descriptor(folder: Path, data: dict) -> None:
    (folder / "datapackage.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def set_version(folder: Path, version: str) -> None:
    data = descriptor(folder)
    data["version"] = version
    save_descriptor(folder, data)


def resource(data: dict, name: str) -> dict:
    return next(r for r in data["resources"] if r["name"] == name)


def edit_rows(folder: Path, table: str, edit) -> None:
    path = folder / "data" / f"{table}.csv"
    header, rows = read_rows(path)
    header, rows = edit(header, rows)
    write_rows(path, header, rows)


def add_row(folder: Path, table: str = "hotline_counts", figure_id: str = "hc-998") -> str:
    edit_rows(folder, table, lambda h, rows: (h, rows + [dict(rows[0], figure_id=figure_id)]))
    return figure_id


def change_cell(folder: Path, column: str = "notes", text: str = " Checked again.") -> tuple[str, str, str]:
    """Appends `text` to a cell of the first hotline row; returns its key, old and new text."""
    seen = {}

    def edit(header, rows):
        seen.update(key=rows[0]["figure_id"], old=rows[0][column], new=rows[0][column] + text)
        rows[0][column] = seen["new"]
        return header, rows
    edit_rows(folder, "hotline_counts", edit)
    return seen["key"], seen["old"], seen["new"]


def remove_row(folder: Path, table: str = "hotline_counts") -> str:
    seen = {}

    def edit(header, rows):
        seen["key"] = rows[-1]["figure_id"]
        return header, rows[:-1]
    edit_rows(folder, table, edit)
    return seen["key"]


def add_column(folder: Path, table: str = "hotline_counts", column: str = "page") -> None:
    edit_rows(folder, table, lambda h, rows: (h + [column], [dict(r, **{column: "12"}) for r in rows]))
    data = descriptor(folder)
    resource(data, table)["schema"]["fields"].append({"name": column, "type": "string"})
    save_descriptor(folder, data)


def remove_column(folder: Path, table: str = "hotline_counts", column: str = "notes") -> None:
    def edit(header, rows):
        for r in rows:
            del r[column]
        return [c for c in header if c != column], rows
    edit_rows(folder, table, edit)
    data = descriptor(folder)
    fields = resource(data, table)["schema"]["fields"]
    fields[:] = [f for f in fields if f["name"] != column]
    save_descriptor(folder, data)


def rename_column(folder: Path, table: str = "hotline_counts", old: str = "notes", new: str = "remarks") -> None:
    def edit(header, rows):
        return [new if c == old else c for c in header], [{(new if k == old else k): v for k, v in r.items()} for r in rows]
    edit_rows(folder, table, edit)
    data = descriptor(folder)
    for f in resource(data, table)["schema"]["fields"]:
        if f["name"] == old:
            f["name"] = new
    save_descriptor(folder, data)


def retype_column(folder: Path, table: str = "hotline_counts", column: str = "value", type_: str = "string") -> None:
    data = descriptor(folder)
    next(f for f in resource(data, table)["schema"]["fields"] if f["name"] == column)["type"] = type_
    save_descriptor(folder, data)


def remove_table(folder: Path, table: str = "task_forces") -> None:
    data = descriptor(folder)
    data["resources"] = [r for r in data["resources"] if r["name"] != table]
    save_descriptor(folder, data)


def rename_table(folder: Path, table: str = "task_forces", new: str = "regional_task_forces") -> None:
    data = descriptor(folder)
    res = resource(data, table)
    res["name"], res["path"] = new, f"data/{new}.csv"
    shutil.copy(folder / "data" / f"{table}.csv", folder / "data" / f"{new}.csv")
    save_descriptor(folder, data)


def add_table(folder: Path, table: str = "task_forces", new: str = "task_forces_listed") -> None:
    data = descriptor(folder)
    res = json.loads(json.dumps(resource(data, table)))
    res["name"], res["path"] = new, f"data/{new}.csv"
    shutil.copy(folder / "data" / f"{table}.csv", folder / "data" / f"{new}.csv")
    data["resources"].append(res)
    save_descriptor(folder, data)
