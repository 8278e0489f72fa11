"""Document metadata from its text: title, agency, region, fiscal year, report kind.

Sources, strongest first:
- agency: a labelled name on the first pages (部门：…, 预算主管部门：…, 部门名称 cell), the title
  (2020 年度<agency>整体绩效自评结果, <agency> 2020 年度部门决算), the cover lines before the
  title, labelled names anywhere (tables included), then a line that is only an agency name;
- fiscal year: the title's year (2020 年度, 二〇二〇年度), then the most common "YYYY 年度" of the
  text, then a year in the file name (last resort only);
- report kind: keyword rules (extract/data/doc_meta.yaml) on the title, then on the whole text.
The vocabularies live in extract/data/doc_meta.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from extract.text.furniture import content_lines
from model.pages import PageText
from model.tables import RawTable
from normalize.agency import canonical_agency, clean_agency
from normalize.divisions import locate
from normalize.text import fold, no_space

_VOCAB = Path(__file__).with_name("data") / "doc_meta.yaml"
_CN_DIGITS = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "O": "0",
    "0": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_YEAR = re.compile(r"((?:19|20)\d{2}|[二][〇零○O0][一二三四五六七八九〇零○O0]{2})\s*年(度)?")
_HEADING = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
_TITLE_LINES = 8
_TITLE_CHARS = 40  # a title is one short line: longer lines naming a kind are running text
_ROW_FIELDS = 3  # cells on a line that make it a table's row
_AMOUNT = re.compile(r"\d\.\d|\d,\d{3}")
_SENTENCE = re.compile(r"[，。；：,;:]")  # a line of running text or a labelled value, no title
# a note printed between a label and its colon: 填报单位（盖章）：, 部门（单位）：
_LABEL_NOTE = r"(?:[（(][^)）\n]{1,6}[)）])"


@dataclass
class DocMeta:
    title: str | None = None
    agency: str = ""
    province: str | None = None
    city: str | None = None
    district: str | None = None
    fiscal_year: int = 0
    report_kind: str = "unknown"
    year_source: str = ""  # title, text, file_name (no year printed in the document) or ""


@dataclass(frozen=True)
class _Vocab:
    kinds: list[tuple[str, list[re.Pattern[str]]]]
    labels: list[str]
    suffixes: tuple[str, ...]
    cut_words: list[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data: dict[str, Any] = yaml.safe_load(_VOCAB.read_text(encoding="utf-8"))
    kinds = [(k["kind"], [re.compile(p) for p in k["patterns"]]) for k in data["report_kinds"]]
    return _Vocab(
        kinds,
        list(data["agency_labels"]),
        tuple(data["agency_suffixes"]),
        sorted(data["title_cut_words"], key=len, reverse=True),
    )


def year_value(text: str) -> int | None:
    """'2020' -> 2020, '二〇二〇' -> 2020, '二0二一' -> 2021."""
    digits = "".join(_CN_DIGITS.get(c, c) for c in text)
    return int(digits) if digits.isdigit() and len(digits) == 4 else None


def is_agency_name(s: str) -> bool:
    return 4 <= len(s) <= 40 and s.endswith(_vocab().suffixes) and not re.search(r"\d", s)


def kind_of(text: str) -> str | None:
    t = fold(text)
    for kind, pats in _vocab().kinds:
        if any(p.search(t) for p in pats):
            return kind
    return None


def _content_lines(page: PageText) -> list[str]:
    return content_lines(page.text)


def _table_row(line: str) -> bool:
    """A line of a table's cells, no title: ``_ROW_FIELDS`` cells or more (资金来源 年初预算数 全年预算数 …)
    or an amount (年初预算数：226.86). Its measure names (预算数, 执行数) name no report kind."""
    joined = re.sub(r"\s*(\d+)\s*", r"\1", line)  # (a title sets its year apart: 经费 2021 年度绩效评价报告)
    return len(joined.split()) >= _ROW_FIELDS or bool(_AMOUNT.search(line))


def _title_block(pages: list[PageText]) -> tuple[list[str], int] | None:
    """The first page's cover lines up to the line that names the report kind (and its index); lines
    of a table's cells are no part of it. A spreadsheet exported to PDF (Calc, Excel) may write its
    title cell after the table's cells, so the text layer opens with the table: then the title is the
    first page's first short line, neither a table row nor a sentence, that names the kind. Without
    such a line, the opening lines up to the first that names a kind, with the table's (a 部门收支总表
    titled without its kind, named by its header's 预算数)."""
    if not pages:
        return None
    content = _content_lines(pages[0])
    lines = content[:_TITLE_LINES]
    start = 0  # the first line after the last table row
    for i, ln in enumerate(lines):
        if _HEADING.match(ln) and i > 0:
            break
        if _table_row(ln):
            start = i + 1
            continue
        if kind_of(ln) or kind_of("".join(lines[start: i + 1])):  # a title split over lines: 整体支出绩效 / 自评报告
            return lines[start: i + 1], i
    for i, ln in enumerate(content):
        if (len(no_space(ln)) <= _TITLE_CHARS and not _table_row(ln) and not _SENTENCE.search(ln)
                and kind_of(ln)):
            return [ln], i
    for i, ln in enumerate(lines):  # no title line: the opening lines, a table's header among them
        if _HEADING.match(ln) and i > 0:
            break
        if kind_of("".join(lines[: i + 1])):
            return lines[: i + 1], i
    return None


def _labelled(text: str) -> list[str]:
    """Agency names introduced by a label in running text: '部门：江苏省政协办公厅 单位：万元'."""
    out: list[str] = []
    for label in _vocab().labels:
        pattern = rf"(?:^|\s){re.escape(label)}\s*{_LABEL_NOTE}?\s*[:：]?\s*([^\s:：]+)"
        for m in re.finditer(pattern, text, re.MULTILINE):
            cand = clean_agency(m.group(1))
            if is_agency_name(cand):
                out.append(cand)
    return out


def _labelled_cells(tables: list[RawTable]) -> list[str]:
    """Agency names in the cell after a label cell, the strongest label's first (实施单位 before
    主管部门 where a form prints both), each label's in table order."""
    rank = {fold(lb): n for n, lb in enumerate(_vocab().labels)}
    note = re.compile(_LABEL_NOTE)
    found: list[tuple[int, str]] = []
    for t in tables:
        for row in t.rows:
            cells = [c for c in row if c]
            for i, c in enumerate(cells[:-1]):
                label = note.sub("", fold(c)).rstrip(":：")
                if label in rank:
                    cand = clean_agency(cells[i + 1])
                    if is_agency_name(cand):
                        found.append((rank[label], cand))
    return [cand for _, cand in sorted(found, key=lambda f: f[0])]


def _agency_from_title(block: list[str]) -> str | None:
    """<agency> 2020 年度部门决算 / 2020 年度<agency>整体绩效自评结果 / cover lines before the title."""
    joined = fold("".join(block))
    joined = re.sub(r"^.*?[:：]", "", joined) if re.match(r"^[^:：]{0,8}[:：]", joined) else joined
    parts = _YEAR.split(joined, maxsplit=1)
    before = parts[0]
    after = parts[-1] if len(parts) > 1 else ""
    for w in _vocab().cut_words:
        after = after.split(w)[0]
        if len(parts) == 1:  # no year in the title: <agency>部门决算
            before = before.split(w)[0]
    cands = [before, after]
    for c in cands:
        c = clean_agency(c)
        if is_agency_name(c):
            return c
    return None


def _standalone_names(pages: list[PageText]) -> list[str]:
    out: list[str] = []
    for p in pages:
        for ln in _content_lines(p):
            c = clean_agency(ln)
            if is_agency_name(c) and locate(c).province:
                out.append(c)
    return out


def _year_of(title: str | None, pages: list[PageText], file_name: str) -> tuple[int, str]:
    """The year reported on, and where it was read: title, text, file_name (last resort) or ''."""
    if title:
        m = _YEAR.search(fold(title))
        if m and (y := year_value(m.group(1))):
            return y, "title"
    counts: Counter[int] = Counter()
    for p in pages:
        for m in _YEAR.finditer(fold(p.text)):
            y = year_value(m.group(1))
            if y and m.group(2):
                counts[y] += 1
    if counts:
        return counts.most_common(1)[0][0], "text"
    m2 = re.search(r"(?:19|20)\d{2}", file_name)
    return (int(m2.group(0)), "file_name") if m2 else (0, "")


def read_doc_meta(pages: list[PageText], tables: list[RawTable], file_name: str) -> DocMeta:
    block = _title_block(pages)
    title = "".join(block[0]) if block else None
    title = re.sub(r"\s+", " ", title).strip() if title else None

    agency: str | None = None
    first_text = "\n".join(p.text for p in pages[:2])
    found = _labelled(first_text)
    if found:
        agency = found[0]
    if agency is None and block:
        agency = _agency_from_title(block[0])
    if agency is None:
        rest = _labelled("\n".join(p.text for p in pages)) + _labelled_cells(tables)
        if rest:  # the most often named; between equals, the strongest label's (listed first)
            counts = Counter(rest)
            agency = max(counts, key=lambda a: (counts[a], -rest.index(a)))
    if agency is None:
        names = _standalone_names(pages)
        if names:
            agency = Counter(names).most_common(1)[0][0]
    agency = canonical_agency(agency or "")

    kind = kind_of(title) if title else None
    if kind is None:
        kind = _kind_from_body(pages)
    region = locate(agency)
    year, year_source = _year_of(title, pages, file_name)
    return DocMeta(
        title=title,
        agency=agency,
        province=region.province,
        city=region.city,
        district=region.district,
        fiscal_year=year,
        report_kind=kind or "unknown",
        year_source=year_source,
    )


def _kind_from_body(pages: list[PageText]) -> str | None:
    """The kind whose keywords the text names most often (tables-only companions, untitled files)."""
    text = fold("\n".join(p.text for p in pages))
    best: tuple[int, str] | None = None
    for kind, pats in _vocab().kinds:
        n = sum(len(p.findall(text)) for p in pats)
        if n and (best is None or n > best[0]):
            best = (n, kind)
    return best[1] if best else None
