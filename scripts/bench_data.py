"""The data of the benchmark: the raw package's tables, and a generated contributed CSV with errors
planted at known lines, plus the Data Package frictionless validates the same CSV in."""
from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

FIRST_ID = 1_000_000  # generated figure_ids are PREFIX-1000000 upwards: 7 digits, unlike the raw 3-digit ids


# ---------------------------------------------------------------- the package


def package_tables(root: Path) -> dict[str, dict]:
    """name -> {"path": csv path, "schema": Table Schema}, from the raw datapackage.json."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    out = {}
    for res in descriptor["resources"]:
        schema = res["schema"]
        if isinstance(schema, str):
            schema = json.loads((root / schema).read_text(encoding="utf-8"))
        out[res["name"]] = {"path": root / res["path"], "schema": schema}
    return out


def widest_statistics_table(tables: dict[str, dict]) -> str:
    figures = {n: t for n, t in tables.items() if any(f["name"] == "figure_id" for f in t["schema"]["fields"])}
    return max(figures, key=lambda n: (len(figures[n]["schema"]["fields"]), n))


def referenced(tables: dict[str, dict], name: str) -> list[str]:
    """The tables `name` refers to through foreign keys, transitively (itself excluded)."""
    seen: list[str] = []
    todo = [name]
    while todo:
        for fk in tables[todo.pop()]["schema"].get("foreignKeys", []):
            target = fk["reference"].get("resource")
            if target and target != name and target not in seen:
                seen.append(target)
                todo.append(target)
    return seen


# ---------------------------------------------------------------- the contributed CSV


@dataclass
class Plant:
    kind: str
    column: str
    value: str
    both: bool  # True when frictionless can see it too (a Table Schema rule), False for catraffick-only rules
    row: int = -1  # 0-based data row in the generated file
    line: int = -1  # physical line in the file
    also: list[int] = field(default_factory=list)  # other lines a tool may rightly report for this error


def plants(header: list[str], prefix: str, with_fk: bool) -> list[tuple[Plant, callable]]:
    """Errors to plant, each with the property its base row must have (so that it breaks one rule only)."""
    col = {name: i for i, name in enumerate(header)}

    def has(name):
        return lambda r: r[col[name]] != ""

    def plain_count(r):
        return (r[col["unit"]] == "count" and r[col["qualifier"]] == "exact" and r[col["value"]] != ""
                and r[col["value_text"]] != "")

    def dated(r):
        return r[col["period_start"]] != "" and r[col["period_end"]] != ""

    return [
        (Plant("bad number", "value", "12,5", True), has("value")),
        (Plant("impossible date", "period_start", "2018-02-30", True), dated),
        (Plant("bad enum value", "qualifier", "approximately", True), lambda r: True),
        (Plant("duplicate figure_id", "figure_id", f"{prefix}-{FIRST_ID}", True), lambda r: True),
        (Plant("value_text mismatch", "value", "", False), plain_count),  # value set to value + 1 below
        (Plant("pattern (subgroup)", "subgroup", "Minors", True), lambda r: True),
        (Plant("minimum (negative)", "value", "-3", True), has("value")),
        (Plant("required cell empty", "source", "", True), lambda r: True),
        (Plant("foreign key (geography)", "geography", "atlantis", with_fk), lambda r: True),
        (Plant("maxLength (excerpt)", "excerpt", "", True), lambda r: True),  # excerpt padded past 400 below
        (Plant("pattern (figure_id)", "figure_id", f"{prefix}-12", True), lambda r: True),
        (Plant("period ends before start", "period_end", "1990-12-31", False), dated),
    ]


def record_lines(row: list[str]) -> int:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    return buf.getvalue().count("\n")


def generate(raw_csv: Path, out: Path, n: int, with_fk: bool,
             distinct_texts: bool = False) -> tuple[list[Plant], list[int]]:
    """Write `n` rows cycling the real rows of `raw_csv` with new figure_ids; plant errors; return the plants
    and the physical line where each record (header first) starts. With `distinct_texts`, every row's
    notes and locator end with the row's number, so that no free text repeats."""
    with open(raw_csv, encoding="utf-8", newline="") as fh:
        header, *base = list(csv.reader(fh))
    if not base:
        sys.exit(f"bench: {raw_csv} has no rows to cycle")
    prefix = base[0][0].split("-")[0]
    if n + FIRST_ID > 9_999_999:
        sys.exit("bench: --rows too large for 7-digit figure_ids")
    col = {name: i for i, name in enumerate(header)}
    sub = col["subgroup"]
    chosen: dict[int, Plant] = {}
    planned = plants(header, prefix, with_fk)
    for k, (plant, fits) in enumerate(planned):
        i = max(1, (k + 1) * n // (len(planned) + 1))
        while i < n and (i in chosen or not fits(base[i % len(base)])):
            i += 1
        if i >= n:
            sys.exit(f"bench: --rows {n} is too small to plant {plant.kind!r}")
        plant.row = i
        chosen[i] = plant

    base_lines = [record_lines(r) for r in base]
    starts = [1]
    line = 1 + record_lines(header)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        chunk = []
        for i in range(n):
            row = list(base[i % len(base)])
            row[0] = f"{prefix}-{FIRST_ID + i}"
            row[sub] = f"{row[sub]}_g{i}"  # each row a statement of its own (one-preferred would flag repeats)
            if distinct_texts:
                for name in ("notes", "locator"):
                    row[col[name]] = f"{row[col[name]]} (row {i})".lstrip()
            plant = chosen.get(i)
            if plant is None:
                lines = base_lines[i % len(base)]
            else:
                c = col[plant.column]
                if plant.kind == "value_text mismatch":
                    row[c] = str(int(float(row[c])) + 1)
                elif plant.kind == "maxLength (excerpt)":
                    row[c] = (row[c] + " and more") * (1 + 400 // max(1, len(row[c])))
                else:
                    row[c] = plant.value
                plant.value = row[c]
                lines = record_lines(row)
                plant.line = line
            starts.append(line)
            line += lines
            chunk.append(row)
            if len(chunk) == 50_000:
                writer.writerows(chunk)
                chunk = []
        writer.writerows(chunk)
    for plant in chosen.values():
        if plant.kind == "duplicate figure_id":
            plant.also = [starts[1]]  # the first row holding that id; catraffick reports both rows
    return sorted(chosen.values(), key=lambda p: p.row), starts


def frictionless_package(folder: Path, tables: dict[str, dict], name: str, csv_path: Path,
                         support: list[str]) -> Path:
    """A datapackage.json holding the contributed CSV for `name` (schema inlined) and the `support` tables;
    foreign keys to tables not included are dropped."""
    data = folder / "data"
    data.mkdir(exist_ok=True)
    resources = []
    for table in [name, *support]:
        schema = json.loads(json.dumps(tables[table]["schema"]))
        included = {name, *support}
        schema["foreignKeys"] = [fk for fk in schema.get("foreignKeys", [])
                                 if fk["reference"].get("resource", table) in included or not fk["reference"].get("resource")]
        if not schema["foreignKeys"]:
            del schema["foreignKeys"]
        if table == name:
            path = csv_path
        else:
            path = data / tables[table]["path"].name
            shutil.copyfile(tables[table]["path"], path)
        resources.append({"name": table, "type": "table", "path": path.relative_to(folder).as_posix(),
                          "scheme": "file", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "schema": schema})
    descriptor = {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
                  "name": "catraffick-bench", "resources": resources}
    out = folder / "datapackage.json"
    out.write_text(json.dumps(descriptor, indent=1), encoding="utf-8")
    return out


# ---------------------------------------------------------------- reporting


