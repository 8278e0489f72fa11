"""Read one source file into its document record and every row found in it.

This is the per-document step of the build: it never raises for a bad file. A file
that cannot be read gets status ``failed`` and an issues row saying why; a reader
that fails on one document costs that reader's rows for that document (status
``partial`` and an issues row), never the run.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.interpreters.meta import read_doc_meta
from extract.sources.docx import read_docx
from extract.sources.pdf import read_pdf_text
from extract.sources.sniff import sha256_of, sniff_type
from extract.sources.xlsx import read_xlsx
from extract.tables.doubt import Note, check_tables, issues_from_notes
from extract.tables.pdfplumber import read_tables
from extract.tables.stitch import stitch
from model.document import DocInput
from model.errors import CorruptDocumentError, InputDocumentError, NotADocumentError
from model.pages import PageText
from model.records import DocumentRecord, Extraction, IssueRow
from model.tables import RawTable
from model.version import __version__

# the interpreters, in the order they run: (name, "module:function"); the statements run first and
# claim their tables (DocInput.claimed_tables), which the self-evaluation reader then leaves alone
READERS: tuple[tuple[str, str], ...] = (
    ("statements", "extract.interpreters.statements.read:read_statements"),
    ("self_evaluation", "extract.interpreters.selfeval.read:read_self_evaluation"),
    ("narrative", "extract.interpreters.narrative:read_narrative"),
    ("prose_figures", "extract.interpreters.prose.figures:read_prose_figures"),
)
RECONCILE = "extract.interpreters.prose.reconcile:reconcile"

# a page with fewer characters than this but with content drawn is treated as a scan
SCANNED_PAGE_CHARS = 5


@dataclass
class DocumentResult:
    document: DocumentRecord
    extraction: Extraction


def _resolve(spec: str) -> Callable[..., Any]:
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def _load(path: Path, file_type: str) -> tuple[list[PageText], list[RawTable], list[Note]]:
    """The pages' text, the tables (stitched across pages) and the second reader's notes."""
    if file_type == "pdf":
        pages = read_pdf_text(path).pages
        try:
            # pdfplumber parses a page in full just to look for rulings: skip pages that draw none
            tables = read_tables(path, pages=[p.number for p in pages if p.paths != 0])
        except Exception as exc:  # pdfminer raises many kinds for a damaged file
            reason = f"the PDF's tables cannot be read ({type(exc).__name__}: {exc})"
            raise CorruptDocumentError(str(path), reason) from exc
        # doubtful pages are read a second way (camelot, word positions) and compared
        checked = check_tables(path, pages, tables)
        return pages, stitch(checked.tables), checked.notes
    if file_type == "docx":
        return (*read_docx(path), [])
    if file_type == "xlsx":
        return (*read_xlsx(path), [])
    raise NotADocumentError(str(path), f"legacy binary .{file_type} files are not read yet; convert to .{file_type}x")


def _page_issues(doc_id: str, pages: list[PageText]) -> list[IssueRow]:
    issues = []
    for p in pages:
        if p.garbled:
            issues.append(
                IssueRow(doc_id, p.number, "garbled_text", "error",
                         f"page {p.number}: {p.bad_chars} characters without a Unicode mapping "
                         "((cid:N) or replacement characters); rows from this page are flagged")
            )
        elif len(p.text.strip()) < SCANNED_PAGE_CHARS and p.width:
            issues.append(
                IssueRow(doc_id, p.number, "scanned_page", "warning",
                         f"page {p.number} has no text layer (a scan or an image); nothing was read from it")
            )
    return issues


def read_document(path: Path, source_url: str | None = None) -> DocumentResult:
    """Read ``path`` (as discovered under the raw folder; stored as raw_path)."""
    path = Path(path)
    doc_id = sha256_of(path)
    rec = DocumentRecord(
        doc_id=doc_id, raw_path=path.as_posix(), source_url=source_url, extractor_version=__version__,
        bytes=path.stat().st_size, file_type=path.suffix.lower().lstrip("."),
    )
    try:
        return _read(path, rec)
    except Exception as exc:  # a defect of ours on one document must not cost the run: record it
        rec.status, rec.error = "failed", f"{type(exc).__name__}: {exc}"
        where = traceback.extract_tb(exc.__traceback__)[-1]
        issue = IssueRow(doc_id, None, "reader_crashed", "error",
                         f"{path.name}: reading stopped with {type(exc).__name__}: {exc} "
                         f"(at {Path(where.filename).name}:{where.lineno})")
        return DocumentResult(rec, Extraction(issues=[issue]))


def _read(path: Path, rec: DocumentRecord) -> DocumentResult:
    doc_id = rec.doc_id
    ex = Extraction()
    try:
        rec.file_type = sniff_type(path)
        pages, tables, notes = _load(path, rec.file_type)
    except InputDocumentError as exc:
        rec.status, rec.error = "failed", exc.reason
        ex.issues.append(IssueRow(doc_id, None, exc.rule, "error", f"{path.name}: {exc.reason}"))
        return DocumentResult(rec, ex)

    rec.pages = len(pages)
    meta = read_doc_meta(pages, tables, path.name)
    rec.title, rec.agency, rec.fiscal_year = meta.title, meta.agency, meta.fiscal_year
    rec.report_kind = meta.report_kind
    rec.province, rec.city, rec.district = meta.province, meta.city, meta.district
    doc = DocInput(doc_id, path, rec.file_type, pages, tables, meta.report_kind, meta.agency, meta.fiscal_year)

    ex.issues.extend(_page_issues(doc_id, pages))
    ex.issues.extend(issues_from_notes(doc_id, notes))
    table_rows, prose_rows = Extraction(), Extraction()
    for name, spec in READERS:
        try:
            found = _resolve(spec)(doc)
        except Exception as exc:  # a reader's defect on one document must not cost the run
            rec.status = "partial"
            where = traceback.extract_tb(exc.__traceback__)[-1]
            ex.issues.append(
                IssueRow(doc_id, None, "reader_failed", "error",
                         f"the {name} reader failed: {type(exc).__name__}: {exc} "
                         f"(at {Path(where.filename).name}:{where.lineno})")
            )
            continue
        (prose_rows if name == "prose_figures" else table_rows).extend(found)
    ex.extend(table_rows)
    try:
        # the prose figures, with those the tables already give linked or dropped as duplicates
        ex.extend(_resolve(RECONCILE)(table_rows, prose_rows))
    except Exception as exc:
        rec.status = "partial"
        ex.extend(prose_rows)
        ex.issues.append(IssueRow(doc_id, None, "reader_failed", "error",
                                  f"reconciling prose with tables failed: {type(exc).__name__}: {exc}"))
    result = DocumentResult(rec, ex)
    garbled_pages = {p.number for p in pages if p.garbled}
    for b in ex.budgets:
        if b.page in garbled_pages:
            b.flagged = True
    if not rec.agency:
        ex.issues.append(IssueRow(doc_id, None, "agency_unknown", "warning", "no agency name found in the document"))
    if meta.year_source == "file_name":
        ex.issues.append(IssueRow(doc_id, None, "fiscal_year_from_file_name", "warning",
                                  f"no year is printed in the document; {rec.fiscal_year} taken from its file name"))
    if not rec.fiscal_year:
        ex.issues.append(
            IssueRow(doc_id, None, "fiscal_year_unknown", "warning", "no fiscal year found in the document")
        )
    if garbled_pages and rec.status == "ok":
        rec.status = "partial"
    return result
