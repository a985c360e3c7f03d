"""The README's two set-up commands are the ones CI runs, and its example runs."""
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```sh\n(.+?)\n```", section, flags=re.M | re.S)


def test_readme_has_exactly_two_setup_commands_and_ci_runs_both():
    commands = setup_commands()
    assert len(commands) == 2
    assert any("catraffick build" in c for c in commands) and any("pytest" in c for c in commands)
    ci_lines = [line.strip() for line in CI.splitlines()]
    for command in commands:
        assert command.strip() in ci_lines
        # a stock Debian Python refuses `pip install` outside a virtual environment (externally-managed)
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && "), command


def test_the_notebook_example_runs(use_release):
    example = README.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(example.strip().splitlines()) <= 5
    exec(compile(example, "README example", "exec"), {})


def _attrs_operations(df, other):
    """Every operation the README's `.attrs` table names, as it names it."""
    import pandas as pd

    mask, cols, col, m = df["value"] > 100, ["figure_id", "value"], "source", {"value": "v"}
    return {
        "df.copy()": lambda: df.copy(), "df[mask]": lambda: df[mask], "df.loc[mask, cols]": lambda: df.loc[mask, cols],
        "df[cols]": lambda: df[cols], "df.query(expr)": lambda: df.query("value > 100"), "df.head()": df.head,
        "df.dropna()": lambda: df.dropna(subset=["value"]), "df.sort_values(col)": lambda: df.sort_values(col),
        "df.assign(x=1)": lambda: df.assign(x=1), "df.rename(columns=m)": lambda: df.rename(columns=m),
        "df.set_index(col)": lambda: df.set_index(col), "df.reset_index()": df.reset_index,
        "df.drop_duplicates(col)": lambda: df.drop_duplicates(col),
        "pd.concat([df[mask], df[~mask]])": lambda: pd.concat([df[mask], df[~mask]]),
        "pd.concat([df, other])": lambda: pd.concat([df, other]),
        "df.merge(other)": lambda: df.merge(other, on="figure_id"),
        "pd.merge(df, other)": lambda: pd.merge(df, other, on="figure_id"),
        "df.join(other)": lambda: df.set_index("figure_id").join(other.set_index("figure_id"), how="left",
                                                                 suffixes=("", "_other")),
        "df.groupby(col)[cols].sum()": lambda: df.groupby(col)[["value"]].sum(),
        "df.groupby(col).first()": lambda: df.groupby(col).first(),
        "df.pivot_table(...)": lambda: df.pivot_table(index="period_start", columns=col, values="value",
                                                      aggfunc="first"),
        'df.groupby(col).agg(n=(col, "size"))': lambda: df.groupby(col).agg(n=(col, "size")),
        "df.groupby(col).size()": lambda: df.groupby(col).size(),
        "df.pivot(...)": lambda: df.pivot(index="figure_id", columns=col, values="value"),
        "df[col].value_counts()": lambda: df[col].value_counts(),
    }


def test_the_attrs_table_says_what_pandas_does(use_release, tmp_path):
    import pandas as pd

    import catraffick_data as ctd

    df, other = ctd.load("hotline_counts"), ctd.load("law_figures")
    operations = _attrs_operations(df, other)
    operations["df.to_parquet(path)"] = lambda: (df.to_parquet(tmp_path / "f.parquet"),
                                                 pd.read_parquet(tmp_path / "f.parquet"))[1]
    operations["df.to_csv(path)"] = lambda: (df.to_csv(tmp_path / "f.csv"), pd.read_csv(tmp_path / "f.csv"))[1]
    table = README.split("<!-- attrs: checked by tests/test_readme.py -->", 1)[1].split("<!-- end of attrs -->")[0]
    said = {}
    for line in table.strip().splitlines()[2:]:
        cells, outcome = line.strip("|").rsplit("|", 1)
        names = [n for n in re.findall(r"`([^`]+)`", cells) if n not in ("ctd.figures()", "with_sources=True",
                                                                           "pd.read_parquet(path)", "pd.read_csv(path)")]
        said.update({n: outcome.strip() for n in names})
    assert set(said) == set(operations)
    measured = {n: "kept" if op().attrs == df.attrs else "lost" if not op().attrs else "changed"
                for n, op in operations.items()}
    assert measured == said


def test_the_sql_example_runs_in_sqlite_and_duckdb(use_release):
    import sqlite3

    import catraffick_data as ctd

    query = re.search(r"`(SELECT f\.figure_id[^`]+)`", README).group(1)
    rows = sqlite3.connect(use_release / "catraffick-data.sqlite").execute(query).fetchall()
    assert len(rows) == len(ctd.load("figure_conflicts")) > 0
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return
    assert len(ctd.sql(query)) == len(rows)
