"""Two column headings read as one cell: 自评得分偏差原因分析 over the score and reason columns.

A form set without rulings prints the headings of neighbouring columns touching where each fills its
cell (自评得分 set flush right against 偏差原因分析), so the position reader takes them for one word:
one column is headed by both, the other by nothing, and the first role read from the joined heading
(score) names a column of the other's cells (the reasons). A heading that is exactly two words of two
different roles of the vocabulary (selfeval_vocab.yaml: indicator_columns), one after the other, beside
a column whose heading is empty, heads both columns in the order they are printed: the first word
the left of the two, the second the right.
"""

from __future__ import annotations

from functools import lru_cache

from extract.interpreters.selfeval.vocab import key, vocab
from model.tables import Cell


@lru_cache(maxsize=1)
def _heading_words() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """The vocabulary's column headings with their roles, in its order, and each heading's first role."""
    words = tuple((str(w), str(role)) for role, ws in vocab()["indicator_columns"] for w in ws)
    first: dict[str, str] = {}
    for w, role in words:
        first.setdefault(w, role)
    return words, first


def joined_roles(cell: Cell) -> tuple[str, str] | None:
    """The roles of a heading that is two vocabulary words run together, in print order; None else."""
    k = key(cell)
    words, role_of = _heading_words()
    for first, role1 in words:
        if len(first) < 2 or not k.startswith(first):
            continue
        role2 = role_of.get(k[len(first):])
        if role2 is not None and role2 != role1:
            return role1, role2
    return None


def split_joined_headings(row: list[Cell], roles: dict[int, str]) -> None:
    """``roles`` of a header ``row`` with each heading of two run-together words (see the module)
    spread over its column and the neighbouring one whose heading is empty (in place); not where both
    neighbours or neither are empty, nor where either role already heads another column."""
    for c, cell in enumerate(row):
        got = joined_roles(cell)
        if got is None or any(r in got for cc, r in roles.items() if cc != c):
            continue
        empty = [n for n in (c - 1, c + 1) if 0 <= n < len(row) and not key(row[n]) and n not in roles]
        if len(empty) != 1:
            continue
        left, right = (empty[0], c) if empty[0] < c else (c, empty[0])
        roles[left], roles[right] = got
