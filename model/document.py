"""One source document, read once, as every interpreter sees it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from model.pages import PageText
from model.tables import RawTable


@dataclass(kw_only=True)
class DocInput:
    doc_id: str  # sha256 of the file
    path: Path
    file_type: str  # pdf, docx, xlsx
    pages: list[PageText]  # 1-based .number; .garbled flags unreadable pages
    tables: list[RawTable]  # stitched across pages; table_index = position in this list
    report_kind: str = "unknown"  # the document's kind as read by extract.interpreters.meta
    agency: str = ""
    fiscal_year: int = 0

    def page_text(self, number: int) -> str:
        return self.pages[number - 1].text


@dataclass(kw_only=True)
class PortalMeta:
    """What a portal prints about an article it publishes as HTML: 发布机构, 发布日期, 索引号."""

    publisher: str | None = None
    published_date: str | None = None  # ISO YYYY-MM-DD
    index_number: str | None = None
