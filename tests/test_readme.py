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
