"""Typed records: one dataclass per curated table, plus the extraction bundle.

Facts are born with their provenance (doc_id, page, table_index, row_index).
Document-level fields (fiscal_year, agency) are stamped when a document's rows
are assembled (``dataset.assemble``), because they are known only once the
whole document has been read.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field

from model.identities import FailedIdentity
from model.rules import check_rule

SEVERITIES = ("error", "warning", "info")


@dataclass(kw_only=True)
class DocumentRecord:
    doc_id: str
    raw_path: str
    source_url: str | None = None
    title: str | None = None
    agency: str = ""
    province: str | None = None
    city: str | None = None
    district: str | None = None
    fiscal_year: int = 0
    report_kind: str = "unknown"
    pages: int = 0
    status: str = "ok"
    extractor_version: str = ""
    ocr_pages: int = 0  # pages without a text layer read by OCR
    ocr_seconds: float = 0.0  # CPU seconds spent on them (render + detect + recognise)
    bytes: int = 0
    file_type: str = "pdf"
    error: str | None = None
    raw_path_bytes: builtins.bytes | None = None  # the name's bytes where they are not UTF-8 (`bytes` is a field here)
    publisher: str | None = None  # an HTML page's 发布机构, as the portal prints it
    published_date: str | None = None  # an HTML page's 发布日期 (YYYY-MM-DD)
    index_number: str | None = None  # an HTML page's 索引号


@dataclass(kw_only=True)
class BudgetRow:
    doc_id: str
    page: int
    source: str  # "table" or "text"
    scope: str  # "department" or "project"
    measure: str
    amount_wan: float
    amount_raw: str
    unit_raw: str
    table_index: int | None = None
    row_index: int | None = None
    statement: str | None = None
    project: str | None = None
    line_code: str | None = None
    line_name: str | None = None
    funding_source: str | None = None
    source_text: str | None = None  # the sentence, for source == "text"
    extractor: str | None = None  # which table reader produced the row
    flagged: bool = False  # garbled page, or an OCR'd number that was uncertain or breaks an identity
    confidence: float | None = None  # OCR: the recogniser's lowest confidence over the row's cells
    linked_table_index: int | None = None  # a prose figure that a table row also gives: that row
    linked_row_index: int | None = None
    linked_doc_id: str | None = None  # the document holding that row (a companion tables-only file)


@dataclass(kw_only=True)
class IndicatorRow:
    doc_id: str
    page: int
    table_index: int
    row_index: int
    scope: str
    name: str
    name_canonical: str
    level1: str
    level2: str | None = None
    project: str | None = None
    operator: str | None = None
    target_raw: str | None = None
    actual_raw: str | None = None
    target_value: float | None = None
    actual_value: float | None = None
    target_unit: str | None = None
    actual_unit: str | None = None
    weight: float | None = None
    score: float | None = None
    deviation_reason: str | None = None
    extractor: str | None = None
    confidence: float | None = None  # OCR: the recogniser's lowest confidence over the row's cells
    flagged: bool = False  # an OCR'd number that was uncertain or breaks an identity of the form
    actual_operator: str | None = None  # the operator printed with the actual (≥95%, 24小时内)


@dataclass(kw_only=True)
class ScoreRow:
    doc_id: str
    page: int
    scope: str
    score: float
    max_score: float = 100.0
    project: str | None = None
    grade: str | None = None
    source: str = "table"  # table or text
    source_text: str | None = None
    extractor: str | None = None  # OCR'd pages: the OCR engine
    confidence: float | None = None  # OCR: the recogniser's confidence in the score's figure
    flagged: bool = False  # an OCR'd score that was uncertain or breaks an identity of the form


@dataclass(kw_only=True)
class NarrativeRow:
    doc_id: str
    page: int
    section: str
    heading: str
    text: str
    keywords: list[str] = field(default_factory=list)
    section_index: int = 0


@dataclass(kw_only=True)
class FactRow:
    """A non-money figure stated in a document (staff counts, vehicles, ...)."""

    doc_id: str
    page: int
    subject: str  # e.g. 在职人员, 民警, 辅警, 公务用车保有量
    value: float
    unit: str
    source_text: str


@dataclass(kw_only=True)
class IssueRow:
    doc_id: str
    page: int | None
    rule: str
    severity: str  # error, warning, info
    message: str
    table_index: int | None = None
    row_index: int | None = None

    def __post_init__(self) -> None:
        check_rule(self.rule)
        if self.severity not in SEVERITIES:
            raise ValueError(f"issue severity {self.severity!r} is not one of {SEVERITIES}")


@dataclass(kw_only=True)
class Extraction:
    """What the readers found in one document (all rows carry their provenance)."""

    budgets: list[BudgetRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    scores: list[ScoreRow] = field(default_factory=list)
    narratives: list[NarrativeRow] = field(default_factory=list)
    facts: list[FactRow] = field(default_factory=list)
    issues: list[IssueRow] = field(default_factory=list)
    identities_checked: int = 0  # accounting identities of the statements that could be checked
    identities_held: int = 0  # ... and of those, how many hold
    # identities that failed, term by term (read while the document is read; not a curated table)
    failed_identities: list[FailedIdentity] = field(default_factory=list)

    def extend(self, other: Extraction) -> None:
        self.budgets.extend(other.budgets)
        self.indicators.extend(other.indicators)
        self.scores.extend(other.scores)
        self.narratives.extend(other.narratives)
        self.facts.extend(other.facts)
        self.issues.extend(other.issues)
        self.identities_checked += other.identities_checked
        self.identities_held += other.identities_held
        self.failed_identities.extend(other.failed_identities)
