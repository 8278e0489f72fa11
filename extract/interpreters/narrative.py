"""Narrative sections: the document split at its own headings, mapped to canonical sections.

Headings are recognised by their numbering (第一部分, 一、, （一）, 1., （1）, ①, in Chinese or
Arabic numerals, with or without punctuation); the outer levels the document uses open
sections (normalize/data/sections.yaml names them), deeper ones stay in the text. Page furniture
(page numbers, 公开NN表 tags), table-of-contents leaders and lines that are table rows (mostly
numbers) are dropped; lines broken by the layout are rejoined. Each section gets keywords from
jieba with the project's domain dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from extract.text.furniture import content_lines
from extract.text.running_heads import is_running, running_lines
from extract.text.table_text import in_table, is_table_line, table_cells
from model.document import DocInput
from model.pages import PageText
from model.records import Extraction, NarrativeRow
from normalize import DATA_DIR
from normalize.jieba_domain import keywords
from normalize.text import no_space

_VOCAB = DATA_DIR / "sections.yaml"
_CN = "一二三四五六七八九十百零〇"
LEVELS: dict[str, re.Pattern[str]] = {
    "part": re.compile(rf"^\s*第\s*[{_CN}\d]+\s*部分"),
    "chinese": re.compile(rf"^\s*[{_CN}]+\s*[、.．](?=\S)|^\s*[{_CN}]+\s+(?=[^\d\s])"),
    "paren_chinese": re.compile(rf"^\s*[（(]\s*[{_CN}]+\s*[)）]"),
    "arabic": re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)|^\s*\d{1,2}-\d{1,2}\s*、"),
    "paren_arabic": re.compile(r"^\s*[（(]\s*\d{1,2}\s*[)）]"),
    "circled": re.compile(r"^\s*[①②③④⑤⑥⑦⑧⑨⑩]"),
}
_DASH_PAGE = re.compile(r"[─━]\s*\d{1,4}\s*[─━]")  # '─ 4 ─' page numbers, also run into a line
_TOC = re.compile(r"(…{2,}|\.{4,}|·{4,})\s*\d*\s*$|^目\s*录$")
_SENT_END = ("。", "！", "？", "；", "：", ":")
_MAX_HEADING = 40
_KEYWORDS = 8


@dataclass
class _Section:
    page: int
    heading: str
    lines: list[str] = field(default_factory=list)
    parent: str | None = None  # canonical section of the enclosing outer heading


@dataclass(frozen=True)
class _Vocab:
    sections: list[tuple[str, list[str]]]
    levels: list[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    d: dict[str, Any] = yaml.safe_load(_VOCAB.read_text(encoding="utf-8"))
    return _Vocab([(s, list(words)) for s, words in d["sections"]], list(d["levels"]))


def canonical_section(heading: str) -> str:
    h = no_space(heading)
    for section, words in _vocab().sections:
        if any(w in h for w in words):
            return section
    return "其他"


def _section_of(s: _Section) -> str:
    """An inner heading that reads like a sentence (long, with commas) takes its outer heading's section."""
    sentence_like = len(s.heading) > 24 or re.search(r"[，,；]", s.heading) is not None
    own = "其他" if s.parent and sentence_like else canonical_section(s.heading)
    return s.parent if own == "其他" and s.parent else own


def heading_level(line: str) -> str | None:
    for name, pat in LEVELS.items():
        if pat.match(line):
            return name
    return None


def _split_heading(line: str) -> tuple[str, str]:
    """'1. 执行率情况。武汉市…' -> ('1. 执行率情况', '武汉市…'); a short line is all heading."""
    m = re.search(r"[。：:]", line)
    if m and m.start() <= _MAX_HEADING:
        return line[: m.start()].strip(), line[m.end() :].strip()
    if len(line) <= _MAX_HEADING:
        return line.strip(), ""
    return line[:_MAX_HEADING].strip(), line[_MAX_HEADING:].strip()


def _is_title_line(line: str) -> bool:
    """A short line that is no sentence: the title of a heading printed as bare numbering."""
    return len(line) <= _MAX_HEADING and not re.search(r"[。；;，,]", line)


def _join(lines: list[str]) -> str:
    out = ""
    for ln in lines:
        if not out:
            out = ln
        elif out.endswith(_SENT_END):
            out += "\n" + ln
        elif out[-1].isascii() and out[-1].isalnum() and ln[0].isascii() and ln[0].isalnum():
            out += " " + ln
        else:
            out += ln
    return out


def _opening_levels(doc: DocInput) -> set[str]:
    """The outer heading levels this document uses (at least one level opens sections)."""
    used: set[str] = set()
    for page in doc.pages:
        if page.garbled:
            continue
        for ln in page.text.splitlines():
            lv = heading_level(ln)
            if lv:
                used.add(lv)
    wanted = {lv for lv in _vocab().levels if lv in used}
    if wanted:
        return wanted
    for lv in LEVELS:
        if lv in used:
            return {lv}
    return set()


def read_narrative(doc: DocInput) -> Extraction:
    out = Extraction()
    out.narratives.extend(_narrative_rows(doc, _sections(doc)))
    return out


def _prose_lines(page: PageText, cells: set[str], running: set[str]) -> Iterator[str]:
    """The page's lines of prose: no furniture, table of contents, table cells or running heads."""
    in_toc = False
    for raw in content_lines(page.text):
        line = _DASH_PAGE.sub("", raw).strip()
        if not line:
            continue
        if _TOC.search(line):
            in_toc = in_toc or line.replace(" ", "") == "目录"
            continue
        if in_toc or is_table_line(line) or in_table(line, cells) or is_running(line, running):
            continue
        yield line


@dataclass
class _Sectioning:
    """Lines of prose cut into sections at the headings of the opening levels."""

    levels: set[str]
    outer: str | None  # the outermost level: its sections are the parents of the inner ones
    sections: list[_Section] = field(default_factory=list)
    parent: str | None = None
    cur: _Section | None = None
    bare: str | None = None  # level of a heading that is only its numbering (第二部分 on its own line)

    def add(self, line: str, page: int) -> None:
        lv = heading_level(line)
        if self.bare and self.cur is not None and lv is None and _is_title_line(line):
            self.cur.heading = f"{self.cur.heading} {line}"  # the bare numbering's title, on the next line
            if self.bare == self.outer:
                self.parent = canonical_section(self.cur.heading)
            self.bare = None
            return
        self.bare = None
        if lv is not None and lv in self.levels:
            self._open(lv, line, page)
            return
        if self.cur is None:
            self.cur = _Section(page=page, heading="")
            self.sections.append(self.cur)
        self.cur.lines.append(line)

    def _open(self, lv: str, line: str, page: int) -> None:
        heading, rest = _split_heading(line)
        if lv == self.outer:
            self.parent = canonical_section(heading)
        self.cur = _Section(page=page, heading=heading, parent=None if lv == self.outer else self.parent)
        self.sections.append(self.cur)
        if rest:
            self.cur.lines.append(rest)
        elif LEVELS[lv].sub("", heading).strip(" 、.．") == "":
            self.bare = lv


def _sections(doc: DocInput) -> list[_Section]:
    levels = _opening_levels(doc)
    cells = table_cells(doc)
    running = running_lines(doc.pages)
    cut = _Sectioning(levels=levels, outer=next((lv for lv in LEVELS if lv in levels), None))
    for page in doc.pages:
        if page.garbled:  # read_document reports the page (rule garbled_text); it stays out of the prose
            continue
        for line in _prose_lines(page, cells.get(page.number, set()), running):
            cut.add(line, page.number)
    return cut.sections


def _narrative_rows(doc: DocInput, sections: list[_Section]) -> list[NarrativeRow]:
    out: list[NarrativeRow] = []
    index = 0
    for s in sections:
        text = _join(s.lines)
        if not text.strip():
            continue  # a heading with nothing under it (its subsections carry the text)
        if not s.heading:
            first = text.partition("\n")[0]
            s.heading, text = (first[:_MAX_HEADING], text) if len(first) <= _MAX_HEADING else ("", text)
        out.append(
            NarrativeRow(
                doc_id=doc.doc_id,
                page=s.page,
                section=_section_of(s),
                heading=s.heading,
                text=text,
                keywords=keywords(s.heading + "\n" + text, _KEYWORDS) if text else [],
                section_index=index,
            )
        )
        index += 1
    return out
