"""Words that pdfplumber glued across the edge between two cells set close.

pdfplumber makes one word of characters closer than its tolerance (3 points), so a cell whose text
fills its column to the edge (a wrapped level label: 服务对象满意度指 | 标) and the cell beside it,
begun just after (演出观众满意度), come out as one word: 服务对象满意度指演出观众满意度. Chinese type sets
its characters touching, with no room between them; a gap inside a run of them is the room between
two cells. The word is cut there into two, the second marked ``glued`` (its gap is narrower than the
gap that parts cells: joined into one segment again, without a space, unless that gap falls on a
column's start, where the position reader cuts two cells; see
:func:`extract.tables.positions._split_at_columns`).

Text whose characters are spaced out evenly (a distributed label: 合 计) has the same gap between
all of them and is left as it is: the cut needs a gap clearly wider than the word's others.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

Word = dict[str, Any]
Char = dict[str, Any]

GAP_SHARE = 0.2  # a gap of at least this share of a character's width between two ideographs parts two cells
EVEN = 0.5  # ...when the word's other gaps are at most this share of it (not a spaced-out run)
GLUED = "glued"  # the word key marking a word cut from the one before it

_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _gap(a: Char, b: Char) -> float:
    return float(b["x0"]) - float(a["x1"])


def _cuts(chars: list[Char]) -> list[int]:
    """The indexes of ``chars`` that begin a new word: after a gap between two ideographs wider than
    ``GAP_SHARE`` of a character and than the word's other gaps (``EVEN``)."""
    gaps = [_gap(a, b) for a, b in itertools.pairwise(chars)]
    out = []
    for k, g in enumerate(gaps):
        a, b = chars[k], chars[k + 1]
        width = float(a["x1"]) - float(a["x0"])
        if width <= 0 or g < GAP_SHARE * width:
            continue
        if not (_IDEOGRAPH.match(str(a["text"])) and _IDEOGRAPH.match(str(b["text"]))):
            continue
        others = gaps[:k] + gaps[k + 1:]
        if all(o <= EVEN * g for o in others):
            out.append(k + 1)
    return out


def _word_of(chars: list[Char], glued: bool) -> Word:
    w: Word = {
        "text": "".join(str(c["text"]) for c in chars),
        "x0": min(float(c["x0"]) for c in chars), "x1": max(float(c["x1"]) for c in chars),
        "top": min(float(c["top"]) for c in chars), "bottom": max(float(c["bottom"]) for c in chars),
        "upright": chars[0].get("upright", True), "chars": chars,
    }
    w["doctop"] = min(float(c["doctop"]) if "doctop" in c else float(c["top"]) for c in chars)
    w["direction"] = chars[0].get("direction", "ltr")
    w["width"], w["height"] = w["x1"] - w["x0"], w["bottom"] - w["top"]
    if glued:
        w[GLUED] = True
    return w


def split_glued(words: list[Word]) -> list[Word]:
    """``words`` (pdfplumber ``extract_words`` dicts made with ``return_chars=True``) with every word
    cut where a gap between two of its ideographs parts two cells, each piece with its ``chars``."""
    out: list[Word] = []
    for w in words:
        chars = w.get("chars") or []
        cuts = _cuts(chars) if len(chars) == len(str(w["text"])) else []
        if not cuts:
            out.append(w)
            continue
        bounds = [0, *cuts, len(chars)]
        out.extend(_word_of(chars[i:j], glued=i > 0) for i, j in itertools.pairwise(bounds))
    return out


def spacer(w: Word) -> str:
    """What stands between ``w`` and the word before it on its line: a space, none before a glued word."""
    return "" if w.get(GLUED) else " "


def words_text(words: list[Word]) -> str:
    """The text of ``words`` side by side on a line."""
    return "".join((spacer(w) if i else "") + str(w["text"]) for i, w in enumerate(words))
