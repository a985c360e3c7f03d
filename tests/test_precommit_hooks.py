"""`.pre-commit-hooks.yaml`: another repository that keeps rows in this package's layout runs
`catraffick validate` as a pre-commit hook, through the real pre-commit (`pre-commit try-repo`).

pre-commit installs this repository into an environment of its own the first time (about a minute:
it builds the wheel, which builds a release); so the test runs where pre-commit is installed, as
.ci/run does, and is skipped elsewhere."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, read_rows, write_rows

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}


def pre_commit() -> str:
    found = Path(sys.executable).with_name("pre-commit")
    found = str(found) if found.is_file() else shutil.which("pre-commit")
    if found is None:
        pytest.skip("install pre-commit to run this test: pip install pre-commit (.ci/run does)")
    return found


def git(*args, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def hook_repository(dest: Path) -> Path:
    """This repository as committed plus the working tree's changes, in one commit, so that both runs
    below use the one environment pre-commit installs for it."""
    git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(dest), cwd=ROOT.parent)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    for rel in filter(None, listed.split("\0")):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    git("add", "-A", cwd=dest)
    git("commit", "--quiet", "--allow-empty", "-m", "the working tree", cwd=dest)
    return dest


def test_try_repo_fails_on_a_bad_row_and_passes_on_a_good_one(small_package, tmp_path):
    exe = pre_commit()
    if subprocess.run(["git", "rev-parse"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip("the hook repository is this git checkout, and this is none")
    hooks = hook_repository(tmp_path / "hooks")
    rows = tmp_path / "rows"
    shutil.copytree(small_package, rows)
    git("init", "--quiet", cwd=rows)
    git("add", "-A", cwd=rows)
    git("commit", "--quiet", "-m", "rows", cwd=rows)
    path = rows / "raw" / "hotline_counts.csv"
    header, good = read_rows(path)
    write_rows(path, header, [dict(good[0], value="lots"), *good[1:]])
    git("add", "-A", cwd=rows)
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run():
        return subprocess.run([exe, "try-repo", str(hooks), "catraffick-validate", "--all-files"], cwd=rows, env=env,
                              capture_output=True, text=True, timeout=900)

    bad = run()
    assert bad.returncode == 1, bad.stdout[-3000:] + bad.stderr[-3000:]
    assert "raw/hotline_counts.csv:2:" in bad.stdout and "[type-number]" in bad.stdout
    write_rows(path, header, good)
    git("add", "-A", cwd=rows)
    fine = run()
    assert fine.returncode == 0, fine.stdout[-3000:] + fine.stderr[-3000:]
    assert "catraffick validate" in fine.stdout and "Passed" in fine.stdout


def test_the_manifest_is_one_pre_commit_accepts():
    proc = subprocess.run([pre_commit(), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
