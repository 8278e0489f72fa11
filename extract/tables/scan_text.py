"""The text of a scanned page in the order a text layer gives it.

A scanned page's text is its OCR'd words line by line (:attr:`OcrPage.text`). The text layer an
office program writes gives a ruled table cell by cell instead: a row whose cells run over several
lines (a side heading 「（三）部门整体收支情 / 况」 beside a paragraph of figures) comes out heading
first, then the paragraph, each whole. Read line by line, the heading's lines fall between the
paragraph's and cut its sentences (收入合计17023.66万元，其中：财政拨 / （三）部门整体收支情 / 款收入…), so
the prose readers lose the figures. Rows of a scan's ruled tables that hold prose (a cell with a
sentence, the row over more than one line) are therefore given cell by cell; every other line stays
as the OCR read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.sources.ocr import OcrWord, lines_of_type
from extract.tables.scan_grid import ScanTable
from normalize.text import is_sentence


@dataclass(frozen=True, kw_only=True)
class ProseRow:
    """A row of a ruled table that holds prose: its text cell by cell, where it stands, its words."""

    top: float
    text: str
    words: frozenset[int]  # id() of the row's word dicts


def prose_rows(t: ScanTable) -> list[ProseRow]:
    """The rows of ``t`` with at least two filled cells, one of them a sentence, one of them wrapped."""
    out: list[ProseRow] = []
    for cells, words in zip(t.rows, t.row_words, strict=False):
        filled = [c.strip() for c in cells if c and c.strip()]
        placed = [w for w in words if "top" in w]  # a mark read again from the image has no box
        wrapped = any("\n" in c for c in filled)
        if len(filled) < 2 or not placed or not wrapped or not any(is_sentence(c) for c in filled):
            continue
        out.append(ProseRow(top=min(float(w["top"]) for w in placed), text="\n".join(filled),
                            words=frozenset(id(w) for w in words)))
    return out


def page_text(words: list[dict[str, Any]], rows: list[ProseRow]) -> str | None:
    """The page's text: ``rows`` cell by cell, the other words line by line, in order down the page
    (None when there is no prose row: the OCR's own lines stand)."""
    if not rows:
        return None
    taken = frozenset().union(*(r.words for r in rows))
    rest = [_word(w) for w in words if id(w) not in taken]
    blocks = [((line[0].top + line[0].bottom) / 2, " ".join(w.text for w in line)) for line in lines_of_type(rest)]
    blocks += [(r.top, r.text) for r in rows]
    return "\n".join(text for _, text in sorted(blocks, key=lambda b: b[0]))


def _word(w: dict[str, Any]) -> OcrWord:
    return OcrWord(text=str(w["text"]), x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                   bottom=float(w["bottom"]), confidence=float(w.get("confidence") or 0.0))
