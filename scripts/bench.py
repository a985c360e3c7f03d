"""Benchmark catraffick_data: import cost, first load, validation speed and memory, in one run.

    python scripts/bench.py                 # 1,000,000 generated rows, 5 repeats
    python scripts/bench.py --rows 20000 --repeat 3

Timing uses the standard library only: every measured command runs in a fresh interpreter started with
`subprocess`, timed with `time.perf_counter`, and its peak resident memory is read from the rusage that
`os.wait4` returns for that one child. Medians are over `--repeat` runs, after one unmeasured warm-up run
(in (c) too, for catraffick; frictionless, two minutes a run, runs once, after it).

(a) cold `import catraffick_data` against cold `import pandas`;
(b) cold import + first `catraffick_data.load(T)` against cold `import pandas; pandas.read_parquet(...)` of the
    same Parquet file, T being the widest statistics table;
(c) `catraffick validate` against `frictionless validate` on a generated N-row contributed CSV for T with
    errors planted at known lines, checking that each tool finds each error at its physical line;
(d) peak RSS of `catraffick validate` against the in-memory size of the typed frame it builds.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bench_data import frictionless_package, generate, package_tables, referenced, widest_statistics_table

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LIMIT_ERRORS = 1_000_000


# ---------------------------------------------------------------- running children


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes
    returncode: int
    stdout: str
    stderr: str


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> Run:
    """Run `cmd` to completion; wall time and the peak RSS of that child alone (os.wait4)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
        return Run(seconds, rss, proc.returncode, out.read(), err.read())


def checked(r: Run, what: str, ok=(0,)) -> Run:
    if r.returncode not in ok:
        sys.exit(f"bench: {what} failed with exit status {r.returncode}:\n{r.stderr[-3000:]}")
    return r


def median_pair(cmd_a, cmd_b, repeat: int, env=None, cwd=None) -> tuple[float, float]:
    """Medians of `repeat` interleaved runs of two commands, after one unmeasured warm-up run of each."""
    a, b = [], []
    for i in range(repeat + 1):
        ra = checked(run(cmd_a, env, cwd), " ".join(cmd_a))
        rb = checked(run(cmd_b, env, cwd), " ".join(cmd_b))
        if i:
            a.append(ra.seconds)
            b.append(rb.seconds)
    return statistics.median(a), statistics.median(b)


def tool(name: str) -> list[str]:
    path = BIN / name
    if path.exists():
        return [str(path)]
    found = shutil.which(name)
    if found:
        return [found]
    if name == "catraffick":
        return [sys.executable, "-m", "catraffick_data"]
    sys.exit(f"bench: `{name}` not found beside {sys.executable} nor on PATH")


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def facts() -> list[tuple[str, str]]:
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    versions = []
    for dist in ("catraffick-data", "pandas", "pyarrow", "pandera", "numpy", "frictionless"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            pass
    return [("date", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
            ("platform", platform.platform()), ("python", f"{platform.python_implementation()} {platform.python_version()}"),
            ("cpu count", str(os.cpu_count())), ("memory", mem or "unknown"), ("packages", ", ".join(versions))]


def table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths)), *(fmt.format(*r) for r in rows)])


# ---------------------------------------------------------------- the measures


def measure_imports(repeat: int, cwd: Path) -> tuple[float, float]:
    return median_pair([sys.executable, "-c", "import catraffick_data"],
                       [sys.executable, "-c", "import pandas"], repeat, cwd=cwd)


def release_env(tmp: Path, build: bool) -> tuple[dict, str]:
    env = dict(os.environ)
    env.pop("CATRAFFICK_RELEASE", None)
    if not build:
        probe = run([sys.executable, "-c", "from catraffick_data import catalog; print(catalog.release_dir())"
                     " if (catalog.release_dir() / 'datapackage.json').is_file() else None"], env)
        if probe.returncode == 0 and probe.stdout.strip() not in ("", "None"):
            return env, f"bundled release ({probe.stdout.strip()})"
    out = tmp / "release"
    checked(run(tool("catraffick") + ["build", "--out", str(out), "--root", str(ROOT)], env), "catraffick build")
    env["CATRAFFICK_RELEASE"] = str(out)
    return env, f"built with `catraffick build --out {out}` (CATRAFFICK_RELEASE set)"


def measure_load(name: str, repeat: int, env: dict, cwd: Path) -> tuple[float, float, str]:
    where = run([sys.executable, "-c", f"from catraffick_data import catalog; print(catalog.parquet_path({name!r}))"], env)
    parquet = checked(where, "catalog.parquet_path").stdout.strip()
    a, b = median_pair([sys.executable, "-c", f"import catraffick_data; catraffick_data.load({name!r})"],
                       [sys.executable, "-c", f"import pandas; pandas.read_parquet({parquet!r})"], repeat, env, cwd)
    return a, b, parquet


def typed_frame_bytes(path: Path, table_name: str) -> int:
    """In-memory size (deep) of the typed frame the validator builds from `path`."""
    from catraffick_data.csvfile import read_csv_table
    from catraffick_data.fieldtypes import parse_table
    from catraffick_data.rawpackage import find_root, open_package

    table = open_package(find_root(Path(__file__).parent)).tables[table_name]
    csv_table, _ = read_csv_table(path, str(path), table.field_names)
    typed, _, _ = parse_table(csv_table, table.fields)
    return int(typed.memory_usage(deep=True).sum())


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000, help="rows of the generated contributed CSV (default 1,000,000)")
    p.add_argument("--repeat", type=int, default=5, help="runs per measure, medians reported (default 5)")
    p.add_argument("--build-release", action="store_true",
                   help="build a release into a temporary folder for (b) instead of using the bundled one")
    p.add_argument("--drop-support-tables", action="store_true",
                   help="give frictionless the contributed CSV alone, foreign keys dropped (default: with the tables it refers to)")
    p.add_argument("--distinct-texts", action="store_true",
                   help="end every row's notes and locator with its row number, so that no free text repeats "
                        "(the worst case for checks run once per distinct text)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder and print where it is")
    args = p.parse_args(argv)
    if args.rows < 100 or args.repeat < 1:
        p.error("--rows must be at least 100 and --repeat at least 1")

    tmp = Path(tempfile.mkdtemp(prefix="catraffick-bench-"))
    try:
        return bench(args, tmp)
    finally:
        if args.keep:
            print(f"\n(temporary files kept in {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def bench(args, tmp: Path) -> int:
    n, k = args.rows, args.repeat
    tables = package_tables(ROOT)
    name = widest_statistics_table(tables)
    width = len(tables[name]["schema"]["fields"])
    print(f"catraffick_data benchmark: {n:,} rows, {k} repeat(s), widest statistics table {name!r} ({width} columns)")
    print("Every command runs in a fresh interpreter; times are wall-clock medians after one unmeasured warm-up run "
          "(frictionless in (c) runs once).\n")
    summary = []

    # (a)
    imp_ctd, imp_pd = measure_imports(k, tmp)
    ratio_a = imp_ctd / imp_pd
    print("(a) cold import")
    print(f"    import catraffick_data  {imp_ctd * 1000:8.1f} ms")
    print(f"    import pandas           {imp_pd * 1000:8.1f} ms")
    print(f"    ratio                   {ratio_a:8.3f}   (nothing subtracted, interpreter start-up is in both)\n")
    summary.append(["(a) import catraffick_data / import pandas", f"{ratio_a:.3f}", "<= 0.15", ratio_a <= 0.15])

    # (b)
    env, release = release_env(tmp, args.build_release)
    load_ctd, load_pd, parquet = measure_load(name, k, env, tmp)
    ratio_b = load_ctd / load_pd
    print(f"(b) cold import + first load of {name!r}, from the {release}")
    label = f"import catraffick_data; load({name!r})"
    print(f"    {label}  {load_ctd * 1000:8.1f} ms")
    print(f"    {'import pandas; read_parquet(same file)':{len(label)}}  {load_pd * 1000:8.1f} ms   ({parquet})")
    print(f"    {'ratio':{len(label)}}  {ratio_b:8.3f}   (load() also reads the sources table for .attrs)\n")
    summary.append([f"(b) import+load({name}) / import pandas+read_parquet", f"{ratio_b:.3f}", "<= 1.15", ratio_b <= 1.15])

    # (c)
    with_fk = not args.drop_support_tables
    support = referenced(tables, name) if with_fk else []
    contributed = tmp / "data" / f"{name}-bench.csv"
    contributed.parent.mkdir()
    t0 = time.perf_counter()
    planted, starts = generate(tables[name]["path"], contributed, n, with_fk, args.distinct_texts)
    gen_s = time.perf_counter() - t0
    if hasattr(os, "sync"):
        os.sync()  # write the new file out now, not while the first timed run reads it
    dp = frictionless_package(tmp, tables, name, contributed, support)
    print(f"(c) validation of a contributed CSV: {n:,} rows cycled from raw/{name}.csv with new figure_ids, "
          f"{contributed.stat().st_size / 2**20:,.0f} MiB, written in {gen_s:.1f} s, {len(planted)} errors planted")
    print("    subgroup gets a suffix _g<row> so that no two rows state the same measure, place, period and subgroup")
    if args.distinct_texts:
        print("    notes and locator end with the row number: no free text repeats")
    if with_fk:
        print(f"    frictionless gets a datapackage.json with the CSV (schema inlined, all foreign keys kept) and the "
              f"tables it refers to: {', '.join(support)}")
    else:
        print("    frictionless gets a datapackage.json with the CSV alone (schema inlined, foreign keys dropped)")
    print(f"    catraffick checks the CSV together with the raw package at {ROOT}")

    cat_cmd = tool("catraffick") + ["validate", str(contributed), "--table", name, "--root", str(ROOT), "--format", "json"]
    fr_cmd = tool("frictionless") + ["validate", str(dp), "--json", "--limit-errors", str(LIMIT_ERRORS)]
    warm_up = checked(run(cat_cmd, cwd=tmp), "catraffick validate", ok=(0, 1))
    cat_runs = [checked(run(cat_cmd, cwd=tmp), "catraffick validate", ok=(0, 1)) for _ in range(k)]
    fr_run = checked(run(fr_cmd, cwd=tmp), "frictionless validate", ok=(0, 1))
    cat_s = statistics.median(r.seconds for r in cat_runs)
    fr_s = fr_run.seconds
    speed = fr_s / cat_s

    report = json.loads(cat_runs[-1].stdout)
    cat_found: dict[int, list[str]] = {}
    cat_other_files = 0
    for prob in report["problems"]:
        if prob["file"] and (tmp / prob["file"]).resolve() == contributed.resolve() and prob["line"] is not None:
            cat_found.setdefault(prob["line"], []).append(prob["rule"])
        else:
            cat_other_files += 1
    fr_report = json.loads(fr_run.stdout)
    fr_found: dict[int, list[str]] = {}
    fr_other = 0
    for task in fr_report["tasks"]:
        for err in task["errors"]:
            if task["name"] == name and err.get("rowNumber"):
                fr_found.setdefault(starts[err["rowNumber"] - 1], []).append(err["type"])  # rowNumber 1 = header
            else:
                fr_other += 1
    fr_other += len(fr_report.get("errors", []))

    rows = []
    both_ok = cat_all = 0
    for plant in planted:
        c = cat_found.get(plant.line)
        f = fr_found.get(plant.line)
        rows.append([plant.kind, str(plant.line), plant.column, "yes " + ",".join(sorted(set(c))) if c else "NO",
                     ("yes " + ",".join(sorted(set(f))) if f else "NO") if plant.both else
                     ("n/a" + (f" (reported {','.join(f)})" if f else ""))])
        cat_all += bool(c)
        both_ok += bool(plant.both and c and f)
    expected = {p.line for p in planted} | {line for p in planted for line in p.also}
    cat_extra = sorted(set(cat_found) - expected)
    fr_extra = sorted(set(fr_found) - expected)
    n_both = sum(p.both for p in planted)
    print("    planted errors, found at the exact physical line? (frictionless rowNumber mapped to the line where "
          "that record starts; header = rowNumber 1)")
    print("    " + table(rows, ["error", "line", "column", "catraffick", "frictionless"]).replace("\n", "\n    "))
    print(f"    n/a: a rule of catraffick's own that a Table Schema cannot express; agreement is judged only on the "
          f"{n_both} errors both can see.")
    print(f"    the duplicate's first row (line {starts[1]}) is also reported by catraffick, as expected.")
    print(f"    unplanted findings: catraffick {len(cat_extra)} line(s) {cat_extra[:5]}, {cat_other_files} in other files; "
          f"frictionless {len(fr_extra)} line(s) {fr_extra[:5]}, {fr_other} elsewhere")
    each = ", ".join(f"{r.seconds:.2f}" for r in cat_runs)
    print(f"    catraffick validate   {cat_s:8.2f} s  {n / cat_s:>12,.0f} rows/s   (median of {k} runs: {each} s, after a"
          f" warm-up run of {warm_up.seconds:.2f} s; exit {cat_runs[-1].returncode}, {report['problem_count']} problems)")
    print(f"    frictionless validate {fr_s:8.2f} s  {n / fr_s:>12,.0f} rows/s   (run once, exit {fr_run.returncode}, "
          f"--limit-errors {LIMIT_ERRORS:,}, {fr_report['stats']['errors']} errors)")
    print(f"    speed ratio           {speed:8.1f} x\n")
    summary.append(["(c) frictionless time / catraffick time", f"{speed:.1f}", ">= 20", speed >= 20])
    summary.append(["(c) planted errors both see, found by both", f"{both_ok}/{n_both}", "all", both_ok == n_both])
    summary.append(["(c) planted errors found by catraffick", f"{cat_all}/{len(planted)}", "all", cat_all == len(planted)])

    # (d)
    peak = max(r.peak_rss for r in [warm_up, *cat_runs])
    typed_b = typed_frame_bytes(contributed, name)
    ratio_d = peak / typed_b
    print("(d) memory of catraffick validate")
    print(f"    peak RSS of the child        {mib(peak):>10}   (max over the {k} runs and the warm-up; os.wait4 rusage of that child, "
          f"/usr/bin/time {'present' if Path('/usr/bin/time').exists() else 'absent'}, not needed)")
    print(f"    typed frame, deep            {mib(typed_b):>10}   (memory_usage(deep=True).sum(), computed in the bench process)")
    print(f"    ratio                        {ratio_d:10.2f}\n")
    summary.append(["(d) peak RSS / typed frame", f"{ratio_d:.2f}", "<= 2", ratio_d <= 2])

    print("Summary")
    print(table([[m, v, t, "yes" if ok else "no"] for m, v, t, ok in summary], ["measure", "value", "target", "met"]))
    print()
    for key, value in facts():
        print(f"{key:10} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
