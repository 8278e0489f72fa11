"""Read one source file into its document record and every row found in it.

This is the per-document step of the build: it never raises for a bad file. A file
that cannot be read gets status ``failed`` and an issues row saying why; an interpreter
that fails on one document costs that interpreter's rows for that document (status
``partial`` and an issues row), never the run.

A PDF is parsed once per library (:class:`extract.sources.pdf.OpenedPdf`), kept open while the
document is read, and shared by the text layer, the table readers, the doubt check and the
interpreters that go back to it.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.interpreters import REGISTRY, Inputs
from extract.interpreters.meta import DocMeta, read_doc_meta
from extract.interpreters.prose.reconcile import reconcile
from extract.interpreters.selfeval.printed_rows import document_rows_missed, scanned_rows_missed
from extract.interpreters.selfeval.unread_forms import forms_not_read
from extract.interpreters.selfeval.unread_funds import fund_blocks_not_read
from extract.sources.discover import decoded_name
from extract.sources.doc import read_doc
from extract.sources.docx import read_docx
from extract.sources.html import read_html
from extract.sources.pdf import FEW_CHARS, OpenedPdf, read_pdf_text
from extract.sources.pdf_structure import structure_problems
from extract.sources.sniff import sha256_of, sniff_type
from extract.sources.xls import read_xls
from extract.sources.xlsx import read_xlsx
from extract.tables.confidence import stamp_ocr
from extract.tables.doubt import Note, check_tables, issues_from_notes
from extract.tables.identity_readings import name_readings
from extract.tables.identity_rereads import reread_identities
from extract.tables.page_tails import page_tails, pdf_words
from extract.tables.pdfplumber import read_tables
from extract.tables.positions import align_continued
from extract.tables.ruled_columns import take_ruled_columns
from extract.tables.scans import ScanReading, read_scanned
from extract.tables.stitch import stitch
from extract.tables.unread import beside_ruled, unread_pages
from model.document import DocInput, PortalMeta
from model.errors import CorruptDocumentError, InputDocumentError, NotADocumentError
from model.pages import PageText
from model.records import DocumentRecord, Extraction, IssueRow
from model.tables import RawTable
from model.version import __version__

# a page with fewer characters than this but with content drawn is treated as a scan
SCANNED_PAGE_CHARS = FEW_CHARS


@dataclass
class DocumentResult:
    document: DocumentRecord
    extraction: Extraction


@dataclass
class _Loaded:
    """A source read into pages and tables (stitched across pages), with the second reader's notes."""

    pages: list[PageText]
    tables: list[RawTable]
    notes: list[Note]
    pdf: OpenedPdf | None = None  # open while the document is read
    damage: list[str] = field(default_factory=list)  # what a PDF reader had to repair to open the file
    portal: PortalMeta | None = None  # an HTML page's catalogue (发布机构, 发布日期, 索引号)
    ocr_pages: int = 0
    ocr_seconds: float = 0.0
    ocr_words: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # a scanned page's OCR'd words


@contextmanager
def _loaded(path: Path, file_type: str, ocr: bool = True) -> Iterator[_Loaded]:
    """The source's pages and tables; a PDF stays open for the ``with`` block."""
    if file_type == "pdf":
        damage = structure_problems(path)
        with OpenedPdf(path) as pdf:
            loaded = _load_pdf(path, pdf, ocr)
            loaded.damage = damage
            yield loaded
        return
    if file_type == "html":
        page = read_html(path)
        yield _Loaded(page.pages, page.tables, [], portal=page.portal)
        return
    readers = {"docx": read_docx, "xlsx": read_xlsx, "xls": read_xls, "doc": read_doc}
    if file_type not in readers:
        raise NotADocumentError(str(path), f"no reader for .{file_type} files")
    yield _Loaded(*readers[file_type](path), [])


def is_scan(p: PageText) -> bool:
    """The page has no text layer: no text at all, or a few characters over an image (a scan's page
    number). A few words alone on a page that draws no image (the rest of a name cut from the table on
    the page before) are a text layer."""
    text = p.text.strip()
    if not p.width or p.garbled or len(text) >= SCANNED_PAGE_CHARS:
        return False
    return not text or p.images != 0


def _load_pdf(path: Path, pdf: OpenedPdf, ocr: bool = True) -> _Loaded:
    pages = read_pdf_text(pdf).pages
    scans = [p for p in pages if is_scan(p)]
    try:
        # pdfplumber parses a page in full just to look for rulings: skip pages that draw none
        tables = read_tables(pdf, pages=[p.number for p in pages if p.paths != 0 and not is_scan(p)])
        # tables set without rulings beside the ruled ones (a page with both)
        tables += beside_ruled(pdf, pages, tables)
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        reason = f"the PDF's tables cannot be read ({type(exc).__name__}: {exc})"
        raise CorruptDocumentError(str(path), reason) from exc
    # doubtful pages are read a second way (camelot, word positions) and compared
    checked = check_tables(pdf, [p for p in pages if not is_scan(p)], tables)
    found = checked.tables
    scanned = read_scanned(pdf, scans) if ocr and scans else ScanReading()
    if scanned.tables:
        found = sorted([*found, *scanned.tables], key=lambda t: (t.page, t.index_on_page))
    tails = page_tails(pages, found, pdf_words(pdf))  # the rest of a table's last row alone on the next page
    if tails:
        found = sorted([*found, *tails], key=lambda t: (t.page, t.index_on_page))
    take_ruled_columns(found)
    align_continued(found)
    loaded = _Loaded(pages, stitch(found), [*checked.notes, *scanned.notes], pdf)
    loaded.ocr_pages, loaded.ocr_seconds = scanned.pages, scanned.seconds
    loaded.ocr_words = scanned.words
    return loaded


def _page_issues(doc_id: str, pages: list[PageText]) -> list[IssueRow]:
    issues = []
    for p in pages:
        if p.garbled:
            issues.append(
                IssueRow(doc_id=doc_id, page=p.number, rule="garbled_text", severity="error",
                         message=f"page {p.number}: {p.bad_chars} characters without a Unicode mapping "
                                 "((cid:N) or replacement characters); rows from this page are flagged")
            )
        elif is_scan(p):
            issues.append(
                IssueRow(doc_id=doc_id, page=p.number, rule="scanned_page", severity="warning",
                         message=f"page {p.number} has no text layer (a scan or an image); nothing was read from it")
            )
    return issues


def _where(exc: BaseException) -> str:
    """file:line of the frame the exception was raised in."""
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"


def read_document(path: Path, source_url: str | None = None, *, ocr: bool = True,
                  sha256: str | None = None) -> DocumentResult:
    """Read ``path`` (as discovered under the raw folder; stored as raw_path, decoded if not UTF-8).
    ``sha256``: the file's digest when the caller already has it (the build's cache look-up), else hashed here."""
    path = Path(path)
    name, name_bytes = decoded_name(path)
    try:
        doc_id, size = sha256 or sha256_of(path), path.stat().st_size
    except OSError as exc:  # permissions, a dangling link, an I/O error: recorded, never fatal
        return unreadable_result(path, source_url, exc)
    rec = DocumentRecord(
        doc_id=doc_id, raw_path=name, raw_path_bytes=name_bytes, source_url=source_url,
        extractor_version=__version__, bytes=size, file_type=path.suffix.lower().lstrip("."),
    )
    try:
        result = _read(path, rec, ocr)
    except MemoryError:  # the worker's memory limit: its parent records it
        raise
    except Exception as exc:  # a defect of ours on one document must not cost the run: record it
        rec.status, rec.error = "failed", f"{type(exc).__name__}: {exc}"
        crashed = IssueRow(doc_id=doc_id, page=None, rule="reader_crashed", severity="error",
                           message=f"{_shown(rec)}: reading stopped with {type(exc).__name__}: {exc} "
                                   f"(at {_where(exc)})")
        result = DocumentResult(rec, Extraction(issues=[crashed]))
    if name_bytes is not None:
        result.extraction.issues.append(IssueRow(
            doc_id=doc_id, page=None, rule="file_name_not_utf8", severity="info",
            message=f"the file name is not UTF-8; read as GB18030: {name} (bytes kept in raw_path_bytes)"))
    return result


def unreadable_result(path: Path, source_url: str | None, exc: OSError) -> DocumentResult:
    """A file that cannot be opened: failed, with a doc_id made from its path (its bytes cannot be hashed)."""
    doc_id = hashlib.sha256(b"unreadable:" + os.fsencode(path)).hexdigest()
    return failed_result(path, source_url, "file_unreadable", f"the file cannot be opened: {exc.strerror or exc}",
                         doc_id=doc_id, size=0)


def failed_result(path: Path, source_url: str | None, rule: str, reason: str, *, doc_id: str,
                  size: int) -> DocumentResult:
    """The record of a document that was not read at all: status failed and one issues row with ``rule``."""
    name, name_bytes = decoded_name(path)
    rec = DocumentRecord(doc_id=doc_id, raw_path=name, raw_path_bytes=name_bytes, source_url=source_url,
                         extractor_version=__version__, bytes=size, file_type=path.suffix.lower().lstrip("."),
                         status="failed", error=reason)
    issue = IssueRow(doc_id=doc_id, page=None, rule=rule, severity="error", message=f"{_shown(rec)}: {reason}")
    return DocumentResult(rec, Extraction(issues=[issue]))


def _shown(rec: DocumentRecord) -> str:
    """The file's name as recorded (decoded when it is not UTF-8), for messages."""
    return Path(rec.raw_path).name


def _read(path: Path, rec: DocumentRecord, ocr: bool = True) -> DocumentResult:
    opened = ExitStack()
    try:
        rec.file_type = sniff_type(path)
        loaded = opened.enter_context(_loaded(path, rec.file_type, ocr))
    except InputDocumentError as exc:
        rec.status, rec.error = "failed", exc.reason
        failed = IssueRow(doc_id=rec.doc_id, page=None, rule=exc.rule, severity="error",
                          message=f"{_shown(rec)}: {exc.reason}")
        return DocumentResult(rec, Extraction(issues=[failed]))
    with opened:
        return _interpret(path, rec, loaded)


def _interpret(path: Path, rec: DocumentRecord, loaded: _Loaded) -> DocumentResult:
    """Run every interpreter of the registry over the loaded document."""
    doc_id, pages = rec.doc_id, loaded.pages
    rec.pages = len(pages)
    rec.ocr_pages, rec.ocr_seconds = loaded.ocr_pages, loaded.ocr_seconds
    meta = read_doc_meta(pages, loaded.tables, _shown(rec))
    _stamp_meta(rec, meta)
    _stamp_portal(rec, loaded.portal)
    doc = DocInput(doc_id=doc_id, path=path, file_type=rec.file_type, pages=pages, tables=loaded.tables,
                   report_kind=meta.report_kind, agency=meta.agency, fiscal_year=meta.fiscal_year)
    ex = Extraction()
    ex.issues.extend(_page_issues(doc_id, pages))
    if loaded.damage:
        ex.issues.append(IssueRow(doc_id=doc_id, page=None, rule="pdf_structure_repaired", severity="warning",
                                  message="the PDF is damaged and was opened by repair, so text or tables may be "
                                          "missing: " + "; ".join(loaded.damage)))
    ex.issues.extend(issues_from_notes(doc_id, loaded.notes))
    table_rows, prose_rows = _run_registry(doc, loaded.pdf, rec, ex)
    stamp_ocr(table_rows, loaded.tables, pages)
    reread = reread_identities(table_rows, loaded.tables, pages, loaded.pdf, doc_id)
    ex.issues.extend(reread.issues)
    rec.ocr_seconds += reread.seconds
    ex.issues.extend(name_readings(table_rows, loaded.tables, pages, doc_id))
    table_rows.failed_identities.clear()  # read; not carried further
    ex.issues.extend(unread_pages(doc_id, pages, loaded.tables, table_rows))
    flagged = {i.page for i in ex.issues if i.rule == "table_not_read" and i.page is not None}
    ex.issues.extend(forms_not_read(doc_id, pages, table_rows.indicators, flagged))
    flagged |= {i.page for i in ex.issues if i.rule == "table_not_read" and i.page is not None}
    ex.issues.extend(fund_blocks_not_read(doc_id, pages, table_rows.budgets, flagged))
    if loaded.pdf is not None:
        ex.issues.extend(document_rows_missed(doc_id, loaded.pdf, pages, table_rows.indicators))
    ex.issues.extend(scanned_rows_missed(doc_id, pages, loaded.ocr_words, table_rows.indicators))
    ex.extend(table_rows)
    try:
        # the prose figures, with those the tables already give linked or dropped as duplicates
        ex.extend(reconcile(table_rows, prose_rows))
    except Exception as exc:
        rec.status = "partial"
        ex.extend(prose_rows)
        ex.issues.append(IssueRow(doc_id=doc_id, page=None, rule="reader_failed", severity="error",
                                  message=f"reconciling prose with tables failed: {type(exc).__name__}: {exc}"))
    garbled_pages = {p.number for p in pages if p.garbled}
    for b in ex.budgets:
        if b.page in garbled_pages:
            b.flagged = True
    ex.issues.extend(_meta_issues(rec, meta))
    if garbled_pages and rec.status == "ok":
        rec.status = "partial"
    return DocumentResult(rec, ex)


def _stamp_meta(rec: DocumentRecord, meta: DocMeta) -> None:
    rec.title, rec.agency, rec.fiscal_year = meta.title, meta.agency, meta.fiscal_year
    rec.report_kind = meta.report_kind
    rec.province, rec.city, rec.district = meta.province, meta.city, meta.district


def _stamp_portal(rec: DocumentRecord, portal: PortalMeta | None) -> None:
    if portal is not None:
        rec.publisher, rec.published_date = portal.publisher, portal.published_date
        rec.index_number = portal.index_number


def _run_registry(
    doc: DocInput, pdf: OpenedPdf | None, rec: DocumentRecord, ex: Extraction
) -> tuple[Extraction, Extraction]:
    """The table rows and the prose rows of every interpreter; the claims of each are passed to the next."""
    table_rows, prose_rows = Extraction(), Extraction()
    claimed: frozenset[int] = frozenset()
    for interpreter in REGISTRY:
        try:
            reading = interpreter.run(Inputs(doc=doc, pdf=pdf, claimed=claimed))
        except Exception as exc:  # an interpreter's defect on one document must not cost the run
            rec.status = "partial"
            ex.issues.append(
                IssueRow(doc_id=doc.doc_id, page=None, rule="reader_failed", severity="error",
                         message=f"the {interpreter.name} reader failed: {type(exc).__name__}: {exc} "
                                 f"(at {_where(exc)})")
            )
            continue
        claimed |= reading.claimed
        (prose_rows if interpreter.prose else table_rows).extend(reading.rows)
    return table_rows, prose_rows


def _meta_issues(rec: DocumentRecord, meta: DocMeta) -> list[IssueRow]:
    doc_id = rec.doc_id
    out: list[IssueRow] = []
    if not rec.agency:
        out.append(IssueRow(doc_id=doc_id, page=None, rule="agency_unknown", severity="warning",
                            message="no agency name found in the document"))
    if meta.year_source == "file_name":
        out.append(IssueRow(doc_id=doc_id, page=None, rule="fiscal_year_from_file_name", severity="warning",
                            message=f"no year is printed in the document; {rec.fiscal_year} taken from its file name"))
    if not rec.fiscal_year:
        out.append(IssueRow(doc_id=doc_id, page=None, rule="fiscal_year_unknown", severity="warning",
                            message="no fiscal year found in the document"))
    return out
