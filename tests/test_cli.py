import json

from conftest import ROOT, cli, read_rows, run_cli, write_rows


def test_validate_the_raw_package(tmp_path):
    proc = run_cli("validate", cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert proc.stdout.startswith("OK:")


def corrupt(package_copy):
    path = package_copy / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows[0]["value"] = "lots"
    rows[1]["qualifier"] = "roughly"
    write_rows(path, header, rows)


def test_bad_data_exits_1_with_located_problems_in_every_format(package_copy):
    corrupt(package_copy)
    text = cli("validate", package_copy)
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert "raw/hotline_counts.csv:2:" in text.stdout and "[type-number]" in text.stdout
    assert "hint:" in text.stdout

    as_json = cli("validate", package_copy, "--format", "json")
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and report["valid"] is False
    assert {(p["line"], p["field"], p["rule"]) for p in report["problems"]} >= {(2, "value", "type-number"),
                                                                                (3, "qualifier", "enum")}
    github = cli("validate", package_copy, "--format", "github")
    lines = [l for l in github.stdout.splitlines() if l.startswith("::error ")]
    assert any("file=" in l and "line=2" in l and "title=type-number" in l for l in lines)


def test_usage_errors_exit_2_without_traceback(tmp_path):
    proc = cli("validate", tmp_path / "missing.csv", cwd=ROOT)
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "Traceback" not in proc.stderr
    odd = tmp_path / "rows.csv"
    odd.write_text("a,b\n1,2\n")
    proc = cli("validate", odd, cwd=ROOT)
    assert proc.returncode == 2 and "--table" in proc.stderr
    proc = cli("validate", odd, "--table", "nope", cwd=ROOT)
    assert proc.returncode == 2 and "hotline_counts" in proc.stderr
    proc = cli("frobnicate")
    assert proc.returncode == 2


def test_contributed_csv_is_matched_to_its_table_by_header(tmp_path):
    header, rows = read_rows(ROOT / "raw" / "hotline_counts.csv")
    new = tmp_path / "my rows.csv"
    write_rows(new, header, [dict(rows[0], figure_id="hc-9001", value="oops")])
    proc = cli("validate", new, cwd=ROOT)
    assert proc.returncode == 1
    assert "my rows.csv:2:" in proc.stdout and "type-number" in proc.stdout


def test_build_writes_nothing_on_bad_data(package_copy, tmp_path):
    corrupt(package_copy)
    out = tmp_path / "rel"
    proc = cli("build", "--root", package_copy, "--out", out)
    assert proc.returncode == 1 and not out.exists() and "Nothing was written" in proc.stderr


def test_conflicts_command_in_text_and_json():
    text = cli("conflicts", cwd=ROOT)
    assert text.returncode == 0 and "count_vs_list" in text.stdout and "rows: rf-071" in text.stdout
    records = json.loads(cli("conflicts", "--format", "json", cwd=ROOT).stdout)
    assert {"conflict_id", "kind", "figures", "description", "found_by", "status"} <= set(records[0])
    assert any(r["found_by"] == "curated" for r in records) and any(r["found_by"] != "curated" for r in records)


def test_conflicts_of_a_release_folder(built_release, tmp_path):
    proc = cli("conflicts", "--release", built_release, "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) > 10


def test_a_contributed_csv_read_early_keeps_its_lines_when_it_is_irregular(tmp_path):
    # the CLI starts reading a contributed file before its imports; a blank line sends it to the careful reader
    header, rows = read_rows(ROOT / "raw" / "hotline_counts.csv")
    new = tmp_path / "new.csv"
    write_rows(new, header, [dict(rows[0], figure_id="hc-9001"), dict(rows[0], figure_id="hc-9002", value="oops")])
    lines = new.read_text(encoding="utf-8").splitlines(keepends=True)
    new.write_text("".join(lines[:2] + ["\n"] + lines[2:]), encoding="utf-8")
    proc = run_cli("validate", new, "--table", "hotline_counts", "--format", "json", cwd=ROOT)
    found = {(p["line"], p["rule"]) for p in json.loads(proc.stdout)["problems"]}
    assert proc.returncode == 1 and (4, "type-number") in found and (3, "blank-line") in found, found
