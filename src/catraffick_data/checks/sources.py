"""Checks on the sources table: each stored text is readable, confined to sources/, and unchanged."""
from __future__ import annotations

from ..sourcetexts import RULES
from .base import collector

CHECKS: list = []
row_check = collector(CHECKS)


def _text_file_not(refusal: str):
    def passes(df, ctx):
        return df["text_file"].isna() | df["text_file"].map(lambda p: ctx.text_file_refusals.get(p) != refusal)
    return passes


for _refusal, _rule in RULES.items():
    row_check(_rule, ("text_file",), "text_file")(_text_file_not(_refusal))


@row_check("text-file-hash", ("text_file", "text_sha256"), "text_sha256")
def _text_file_hash(df, ctx):
    actual = df["text_file"].map(lambda p: ctx.text_file_hashes.get(p))
    return actual.isna() | df["text_sha256"].isna() | (actual == df["text_sha256"])
