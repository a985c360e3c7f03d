"""Run the `run:` steps of one job of a GitHub Actions workflow, in order, the way a runner would.

What GitHub does for a step is done here: the job's and workflow's default shell (`bash` runs as
`bash --noprofile --norc -eo pipefail FILE`), the env of workflow, job and step merged, the variables a
runner sets (GITHUB_STEP_SUMMARY and the others point at files), and `if: failure()` / `always()`.
A step that uses an action (`uses:`) is skipped, and so is one that needs GitHub itself (it uses `gh`,
or has a GH_TOKEN), and any step the caller names with its reason. An expression (`${{ ... }}`) in a
run script is refused: the workflows pass them through env only, and this runner could not run it.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
USES_GH = re.compile(r"(^|[\s;&|(`])gh\s")
SHELLS = {"bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"], "sh": ["sh", "-e"],
          None: ["bash", "-e"]}  # None: no shell named (GitHub's default on Linux)


@dataclass
class StepRun:
    id: str | None
    name: str
    outcome: str  # "success", "failure", or "skipped: why"
    stdout: str = ""
    stderr: str = ""


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as True
        data["on"] = data.pop(True)
    return data


def _expand(value, contexts: dict[str, str]) -> str:
    def one(match):
        if match.group(1) not in contexts:
            raise ValueError(f"the runner does not know the expression {match.group(0)}")
        return contexts[match.group(1)]
    return EXPRESSION.sub(one, str(value))


def _should_run(step: dict, failed: bool) -> bool:
    condition = str(step.get("if", "")).strip()
    if not condition:
        return not failed
    if condition == "failure()":
        return failed
    if condition.startswith("always()"):
        return True
    raise ValueError(f"the runner does not evaluate the condition {condition!r}")


def run_job(workflow: Path, job: str, workdir: Path, env: dict[str, str], skip: dict[str, str] | None = None,
            contexts: dict[str, str] | None = None) -> list[StepRun]:
    """Every step of `job`, run or skipped, with what it printed; stops running steps (but for those
    that run on failure) once one fails, as GitHub does."""
    data = load(workflow)
    spec = data["jobs"][job]
    shell = (spec.get("defaults", {}).get("run", {}).get("shell")
             or data.get("defaults", {}).get("run", {}).get("shell"))
    contexts = {"github.token": "not-a-token", **(contexts or {})}
    skip = skip or {}
    runs: list[StepRun] = []
    failed = False
    with tempfile.TemporaryDirectory() as scripts:
        for number, step in enumerate(spec["steps"]):
            name = step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0]
            if "uses" in step:
                runs.append(StepRun(step.get("id"), name, "skipped: uses an action"))
                continue
            if not _should_run(step, failed):
                runs.append(StepRun(step.get("id"), name, "skipped: its condition is false"))
                continue
            step_env = {**data.get("env", {}), **spec.get("env", {}), **step.get("env", {})}
            if "GH_TOKEN" in step_env or USES_GH.search(step["run"]):
                runs.append(StepRun(step.get("id"), name, "skipped: needs GitHub (gh)"))
                continue
            if step.get("id") in skip:
                runs.append(StepRun(step.get("id"), name, f"skipped: {skip[step['id']]}"))
                continue
            if EXPRESSION.search(step["run"]):
                raise ValueError(f"step {name!r} has an expression in its script")
            script = Path(scripts) / f"step-{number}.sh"
            script.write_text(step["run"], encoding="utf-8")
            command = [*SHELLS[step.get("shell", shell)], str(script)]
            full_env = {**env, **{k: _expand(v, contexts) for k, v in step_env.items()}}
            cwd = workdir / step.get("working-directory", ".")
            proc = subprocess.run(command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600)
            outcome = "success" if proc.returncode == 0 else "failure"
            failed = failed or proc.returncode != 0
            runs.append(StepRun(step.get("id"), name, outcome, proc.stdout, proc.stderr))
    return runs


def runner_env(workdir: Path, summary: Path, **extra: str) -> dict[str, str]:
    """The variables a GitHub runner gives every step, their files in a folder beside `workdir`."""
    files = workdir.parent / "runner"
    files.mkdir(exist_ok=True)
    for name in ("output", "env", "path"):
        (files / name).touch()
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR", "PIP_CONFIG_FILE")}
    return {**keep, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workdir),
            "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(files / "output"),
            "GITHUB_ENV": str(files / "env"), "GITHUB_PATH": str(files / "path"), "RUNNER_TEMP": str(files),
            "GITHUB_REPOSITORY": "owner/catraffick_data", **extra}
