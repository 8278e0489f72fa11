"""HTML report pages: a report published as a portal article, read like any other document.

- charset: decoded as the crawler decodes pages (:func:`fetch.html_links.decode_html`: BOM,
  ``<meta charset>``, then detection of UTF-8 else GB18030, which covers GBK and GB2312);
- the article's text: the portal's furniture removed (script/nav/header/footer elements, elements
  whose class or id names navigation, link lists, footer and toolbar lines; vocabulary in
  ``data/html_portal.yaml``), lines kept in document order, as **page 1** (an HTML page has no pages);
- its data ``<table>``s: every table that holds no other table and has at least two rows and two
  columns becomes a :class:`RawTable` on page 1, ``rowspan``/``colspan`` expanded the way the other
  readers give merged cells (the text in the top-left cell, ``None`` in the cells it covers). A
  table that holds tables, or a one-row/one-column table, is layout: its text joins the page text;
- the catalogue block (索引号, 发布机构, 发布日期) into :class:`PortalMeta`, removed from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import lxml.html
import yaml
from lxml import etree

from extract.sources.garbled import cells_garbled, garbled_count, is_garbled
from fetch.html_links import decode_html
from model.document import PortalMeta
from model.errors import CorruptDocumentError
from model.pages import PageText
from model.tables import Cell, RawTable
from normalize.text import nfkc

READER = "html"
_VOCAB = Path(__file__).with_name("data") / "html_portal.yaml"
_BLOCK = frozenset(
    "address article blockquote body center dd div dl dt fieldset figcaption figure h1 h2 h3 h4 h5 h6 hr li "
    "main ol p pre section table tbody thead tfoot tr td th caption ul".split()
)
_MAX_SPAN = 1000  # a rowspan/colspan beyond this is a mistake of the page, read as 1
_ABOVE_LINES = 6  # lines of text kept as a table's text_above/text_below
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass(frozen=True)
class _Vocab:
    fields: dict[str, str]  # label (no white space) -> PortalMeta field
    labels: tuple[str, ...]  # every catalogue label, longest first
    drop_tags: frozenset[str]
    furniture_class: re.Pattern[str]
    furniture_line: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data: dict[str, Any] = yaml.safe_load(_VOCAB.read_text(encoding="utf-8"))
    fields = {re.sub(r"\s+", "", lb): name for name, labels in data["portal_fields"].items() for lb in labels}
    labels = tuple(sorted([*fields, *data["catalogue_labels"]], key=len, reverse=True))
    words = "|".join(re.escape(w) for w in sorted(data["furniture_class_words"], key=len, reverse=True))
    return _Vocab(
        fields=fields,
        labels=labels,
        drop_tags=frozenset(data["drop_tags"]),
        furniture_class=re.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_\d-])", re.IGNORECASE),
        furniture_line=re.compile("|".join(f"(?:{p})" for p in data["furniture_lines"])),
    )


@dataclass
class HtmlDocument:
    pages: list[PageText]
    tables: list[RawTable]
    portal: PortalMeta
    encoding: str


@dataclass
class _Flow:
    """The page in document order: runs of text lines, and the grids of the data tables between them."""

    segments: list[list[str]] = field(default_factory=lambda: [[]])  # segments[i]: text before table i
    grids: list[list[list[Cell]]] = field(default_factory=list)
    _buf: list[str] = field(default_factory=list)

    def text(self, s: str) -> None:
        self._buf.append(s)

    def table(self, grid: list[list[Cell]]) -> None:
        self.close()
        self.grids.append(grid)
        self.segments.append([])

    def close(self) -> None:
        self.segments[-1].extend("".join(self._buf).split("\n"))
        self._buf = []


def read_html(path: Path) -> HtmlDocument:
    """The article of an HTML page: its text as page 1, its data tables, the portal's catalogue."""
    text, encoding = decode_html(path.read_bytes())
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptDocumentError(str(path), f"the HTML page cannot be parsed ({exc})") from exc
    _drop_furniture(root)
    flow = _Flow()
    _walk(root, flow)
    flow.close()
    portal = PortalMeta()
    segments = [_content(seg, portal) for seg in flow.segments]
    tables: list[RawTable] = []
    for i, grid in enumerate(flow.grids):
        rows = [r for r in grid if any(r)]
        if not rows or _catalogue_table(rows, portal):
            continue
        tables.append(RawTable.on_page(
            page=1, rows=rows, reader=READER, index_on_page=len(tables),
            text_above="\n".join(segments[i][-_ABOVE_LINES:]), text_below="\n".join(segments[i + 1][:_ABOVE_LINES]),
            garbled=cells_garbled(rows),
        ))
    article = "\n".join(ln for seg in segments for ln in seg)
    page = PageText(number=1, text=article, width=0.0, height=0.0, garbled=is_garbled(article),
                    bad_chars=garbled_count(article))
    return HtmlDocument(pages=[page], tables=tables, portal=portal, encoding=encoding)


# ---------------------------------------------------------------- furniture
def _classes(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _drop_furniture(root: Any) -> None:
    """Remove what is never the article: furniture elements and blocks made of links."""
    v = _vocab()
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
        elif el.tag in v.drop_tags or (el.tag != "body" and v.furniture_class.search(_classes(el))):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # the element and its content; the text that follows it stays
    for el in list(root.iter("ul", "ol", "div", "p", "dl")):
        if el.getparent() is not None and _is_link_list(el):
            el.drop_tree()


def _is_link_list(el: Any) -> bool:
    """A block whose text is mostly the text of its links, holding no table: a menu or a link list."""
    if el.find(".//table") is not None:
        return False
    text = _squash(el.text_content())
    if not text:
        return False
    linked = sum(len(_squash(a.text_content())) for a in el.iter("a"))
    return linked / len(text) > 0.6


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _content(lines: list[str], portal: PortalMeta) -> list[str]:
    """The article's lines: spaces tidied, empty and furniture lines dropped, catalogue lines read."""
    v = _vocab()
    out: list[str] = []
    for raw in lines:
        ln = re.sub(r"[ \t\u3000\xa0]+", " ", raw).strip()
        if not ln or v.furniture_line.fullmatch(ln):
            continue
        if _catalogue_line(ln, portal):
            continue
        out.append(ln)
    return out


# ---------------------------------------------------------------- the catalogue block
def _label_at(s: str) -> str | None:
    """The catalogue label ``s`` starts with (white space inside the label ignored), if any."""
    folded = _squash(s)
    for lb in _vocab().labels:
        if folded.startswith(lb) and re.match(r"[:：]", folded[len(lb):] or "x"):
            return lb
    return None


def _catalogue_line(line: str, portal: PortalMeta) -> bool:
    """Whether ``line`` is a catalogue line (索引号：… 发布机构：… 发布日期：…); its values go to ``portal``."""
    if len(line) > 160 or _label_at(line) is None:
        return False
    labels = "|".join(r"\s*".join(map(re.escape, lb)) for lb in _vocab().labels)
    pairs = re.findall(rf"({labels})\s*[:：]\s*(.*?)\s*(?=(?:{labels})\s*[:：]|$)", line)
    for label, value in pairs:
        _set_field(portal, _squash(label), value)
    return True


def _catalogue_table(rows: list[list[Cell]], portal: PortalMeta) -> bool:
    """A table of catalogue labels and values (索引号 | … | 发布机构 | …): read into ``portal``."""
    cells = [c for r in rows for c in r if c]
    labels = {_squash(c).rstrip(":：") for c in cells} & set(_vocab().labels)
    inline = [c for c in cells if _label_at(c)]
    if len(labels) + len(inline) < 2:
        return False
    for r in rows:
        filled = [c for c in r if c]
        for i, c in enumerate(filled):
            if _squash(c).rstrip(":：") in _vocab().fields and i + 1 < len(filled):
                _set_field(portal, _squash(c).rstrip(":："), filled[i + 1])
            elif _label_at(c):
                _catalogue_line(c, portal)
    return True


def _set_field(portal: PortalMeta, label: str, value: str) -> None:
    name = _vocab().fields.get(label)
    value = value.strip()
    if not name or not value or getattr(portal, name):
        return
    if name == "published_date":
        m = _DATE.search(nfkc(value))
        if not m:
            return
        value = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    setattr(portal, name, value)


# ---------------------------------------------------------------- document order and tables
def _walk(el: Any, flow: _Flow) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table" and el.find(".//table") is None and _is_data_table(el):
        flow.table(_grid(el))
    elif tag == "br":
        flow.text("\n")
    else:
        block = tag in _BLOCK
        if block:
            flow.text("\n")
        if el.text and tag:
            flow.text(el.text)
        for child in el:
            _walk(child, flow)
        if block:
            flow.text("\n")
        elif tag in ("td", "th"):
            flow.text(" ")
    if el.tail:
        flow.text(el.tail)


def _rows_of(table: Any) -> list[Any]:
    """The table's rows (thead, tbody, tfoot or bare), in order; a data table holds no other table."""
    return list(table.iter("tr"))


def _cells_of(tr: Any) -> list[Any]:
    return [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _is_data_table(table: Any) -> bool:
    """At least two rows and two columns: a grid of data, not a frame around text."""
    rows = _rows_of(table)
    return len(rows) >= 2 and max((sum(_span(c, "colspan") for c in _cells_of(tr)) for tr in rows), default=0) >= 2


def _span(cell: Any, attr: str) -> int:
    m = re.match(r"\s*(\d+)", cell.get(attr) or "")
    n = int(m.group(1)) if m else 1
    return n if 1 <= n <= _MAX_SPAN else 1


def _cell_text(cell: Any) -> str:
    flow = _Flow()
    flow.text(cell.text or "")
    for child in cell:
        _walk(child, flow)
    flow.close()
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip() for ln in flow.segments[0]]
    return "\n".join(ln for ln in lines if ln)


def _grid(table: Any) -> list[list[Cell]]:
    """The table's cells on a grid: a spanning cell's text in its top-left slot, None in the slots it covers."""
    rows = _rows_of(table)
    slots: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in _cells_of(tr):
            while (r, c) in slots:
                c += 1
            rs = min(_span(cell, "rowspan"), len(rows) - r)
            cs = _span(cell, "colspan")
            for dr in range(rs):
                for dc in range(cs):
                    slots[(r + dr, c + dc)] = None
            slots[(r, c)] = _cell_text(cell)
            c += cs
            width = max(width, c)
    return [[slots.get((r, c), "") for c in range(width)] for r in range(len(rows))]
