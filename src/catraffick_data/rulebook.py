"""The catalogue of every problem the validator can report (rules.toml), read once when first needed.

Checks name their rule by id and take its message and hint from here unless the data give better words;
`Problem` refuses an id the catalogue does not list, so a new check cannot report a rule nobody can look up.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Rule:
    id: str
    message: str
    hint: str
    example: str


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Rule]:
    text = resources.files("catraffick_data").joinpath("rules.toml").read_text(encoding="utf-8")
    return {rule_id: Rule(rule_id, e["message"], e["hint"], e["example"]) for rule_id, e in tomllib.loads(text).items()}


def rule(rule_id: str) -> Rule:
    try:
        return catalogue()[rule_id]
    except KeyError:
        raise ValueError(f"rule {rule_id!r} is not in the catalogue (src/catraffick_data/rules.toml)") from None


def format_rules(as_json: bool = False) -> str:
    rules = sorted(catalogue().values(), key=lambda r: r.id)
    if as_json:
        import json

        return json.dumps([r.__dict__ for r in rules], indent=2, ensure_ascii=False)
    lines = []
    for r in rules:
        lines += [f"{r.id}: {r.message}", f"    hint: {r.hint}", f"    example: {r.example}"]
    lines.append(f"{len(rules)} rules.")
    return "\n".join(lines)
