from catraffick_data.validate import validate
from conftest import ROOT, read_rows, write_rows


def located(problems):
    return {(p.file.split("/")[-1], p.line, p.field, p.rule) for p in problems}


def test_the_raw_package_is_valid():
    result = validate(ROOT)
    assert result.problems == [], "\n".join(f"{p.place()} {p.rule} {p.message}" for p in result.problems[:20])
    assert all(len(t.frame) > 0 for t in result.tables.values())


def test_every_problem_of_a_corrupted_copy_is_located_at_once(package_copy):
    path = package_copy / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows[0]["value"] = "1,000"
    rows[1]["measure"] = "no_such_measure"
    rows[2]["period_end"] = "2018-02-30"
    rows[3]["figure_id"] = rows[4]["figure_id"]
    write_rows(path, header, rows)
    geo = package_copy / "raw" / "geographies.csv"
    gheader, grows = read_rows(geo)
    grows[0]["level"] = "planet"
    write_rows(geo, gheader, grows)

    found = located(validate(package_copy).problems)
    assert ("hotline_counts.csv", 2, "value", "type-number") in found
    assert ("hotline_counts.csv", 3, "measure", "foreign-key") in found
    assert ("hotline_counts.csv", 4, "period_end", "type-date") in found
    assert ("hotline_counts.csv", 5, "figure_id", "primary-key") in found
    assert ("hotline_counts.csv", 6, "figure_id", "primary-key") in found
    assert ("geographies.csv", 2, "level", "enum") in found


def test_lines_are_physical_after_a_blank_line(package_copy):
    path = package_copy / "raw" / "hotline_counts.csv"
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header, rows = read_rows(path)
    lines = text[:2] + ["\n"] + text[2:]
    path.write_text("".join(lines), encoding="utf-8")
    _, rows = read_rows(path)
    bad = lines[3].replace(rows[1]["figure_id"], "XX-1", 1)
    lines[3] = bad
    path.write_text("".join(lines), encoding="utf-8")
    found = located(validate(package_copy).problems)
    assert ("hotline_counts.csv", 3, None, "blank-line") in found
    assert ("hotline_counts.csv", 4, "figure_id", "pattern") in found


def test_contributed_rows_are_checked_with_the_existing_tables(package_copy, tmp_path):
    header, rows = read_rows(package_copy / "raw" / "hotline_counts.csv")
    existing = rows[0]
    good = dict(existing, figure_id="hc-9001")
    clash = dict(existing, figure_id=existing["figure_id"])
    dangling = dict(existing, figure_id="hc-9002", geography="atlantis")
    new = tmp_path / "hotline_counts-new.csv"
    write_rows(new, header, [good, clash, dangling])

    result = validate(package_copy, [(new, "hotline_counts")])
    found = located(result.problems)
    assert ("hotline_counts-new.csv", 3, "figure_id", "primary-key") in found
    assert ("hotline_counts-new.csv", 4, "geography", "foreign-key") in found
    assert not any(p.file.endswith("hotline_counts-new.csv") and p.line == 2 for p in result.problems)
    assert str(new) in result.checked or new.name in " ".join(result.checked)


def test_an_excerpt_must_be_verbatim_in_its_source(package_copy):
    path = package_copy / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    rows[0]["excerpt"] = rows[0]["excerpt"].replace(" ", "  ", 1)
    write_rows(path, header, rows)
    assert ("hotline_counts.csv", 2, "excerpt", "excerpt-in-source") in located(validate(package_copy).problems)


def test_a_changed_source_text_is_caught(package_copy):
    article = package_copy / "sources" / "human-trafficking-in-california.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
    rules = {p.rule for p in validate(package_copy).problems}
    assert "text-file-hash" in rules


def test_competing_rows_need_one_preferred(package_copy):
    path = package_copy / "raw" / "hotline_counts.csv"
    header, rows = read_rows(path)
    for row in rows:
        if row["figure_id"] == "hc-023":
            row["statement_rank"], row["rank_reason"] = "normal", ""
    write_rows(path, header, rows)
    found = located(validate(package_copy).problems)
    assert ("hotline_counts.csv", 2, "statement_rank", "one-preferred") in found  # hc-001, its competitor


def test_a_check_that_breaks_is_reported_not_passed(package_copy, monkeypatch):
    from dataclasses import replace

    from catraffick_data import checks

    def broken(df, ctx):
        raise RuntimeError("boom")

    found = [replace(c, passes=broken) if c.rule == "bounds-order" else c for c in checks.ROW_CHECKS]
    monkeypatch.setattr(checks, "ROW_CHECKS", found)
    problems = validate(package_copy).problems
    assert any(p.rule == "check-error" and "bounds-order" in p.message for p in problems)


def test_a_judgment_whose_rows_changed_is_reported_at_its_line(package_copy):
    path = package_copy / "raw" / "conflict_judgments.csv"
    header, rows = read_rows(path)
    rows[0]["figures"] = ";".join(rows[0]["figures"].split(";")[:-1])  # one row of the disagreement dropped
    write_rows(path, header, rows)
    found = [p for p in validate(package_copy).problems if p.rule == "judgment-stale"]
    assert [(p.file.rsplit("/", 1)[-1], p.line, p.field) for p in found] == [("conflict_judgments.csv", 2, "figures")]
    assert "judge that entry" in found[0].hint
