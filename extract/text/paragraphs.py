"""A document's prose as paragraphs: furniture dropped, lines broken by the PDF layout rejoined.

A paragraph starts at a heading line (一、 （一） 1. （1） ① 第一部分) or after a line that ends a
sentence (。！？：) and runs on across line and page breaks; it keeps the page it starts on.
Table text is no prose: a line that is a row of figures or all cells of a table read on its page
(:mod:`extract.text.table_text`) is left out and ends the paragraph before it, so the words of a
table's cells never become the label of a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.text.furniture import content_lines
from extract.text.running_heads import is_running, running_lines
from extract.text.table_text import in_table, is_table_line, table_cells
from model.document import DocInput

_CN_NUM = "一二三四五六七八九十百零〇"
HEADING = re.compile(
    rf"^\s*(第[{_CN_NUM}\d]+部分|[{_CN_NUM}]+\s*[、.．]|[（(]\s*[{_CN_NUM}]+\s*[)）]|"
    rf"\d{{1,2}}\s*[、.．](?!\d)|\d{{1,2}}-\d{{1,2}}\s*、|[（(]\s*\d{{1,2}}\s*[)）]|[①②③④⑤⑥⑦⑧⑨⑩])"
)
_SENTENCE_END = ("。", "！", "？", "：", ":")


@dataclass
class Paragraph:
    page: int
    text: str
    is_heading: bool = False  # starts with a heading mark


def _join(a: str, b: str) -> str:
    """Rejoin a line broken by the layout: no space between CJK, one space between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


def paragraphs(doc: DocInput) -> list[Paragraph]:
    out: list[Paragraph] = []
    cur: Paragraph | None = None
    running = running_lines(doc.pages)
    cells = table_cells(doc)
    for page in doc.pages:
        if page.garbled:
            cur = None
            continue
        on_page = cells.get(page.number, set())
        for line in content_lines(page.text):
            if is_running(line, running):
                continue
            if is_table_line(line) or in_table(line, on_page):
                cur = None
                continue
            starts = HEADING.match(line) is not None
            if cur is None or starts or cur.text.endswith(_SENTENCE_END):
                cur = Paragraph(page=page.number, text=line, is_heading=starts)
                out.append(cur)
            else:
                cur.text = _join(cur.text, line)
    return out
