"""The curated dataset's tables as explicit pyarrow schemas (the contract: SCHEMA.md).

Columns the contract fixes come first; columns govperf adds for users follow.
Every schema carries ``schema_version`` in its metadata.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1"

_str = pa.string()
_i32 = pa.int32()
_f64 = pa.float64()


def _schema(*fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"schema_version": SCHEMA_VERSION})


def _f(name: str, typ: pa.DataType, nullable: bool = True) -> pa.Field:
    return pa.field(name, typ, nullable=nullable)


_PROVENANCE = (
    _f("doc_id", _str, False),
    _f("fiscal_year", _i32, False),
    _f("agency", _str, False),
    _f("page", _i32),
)

DOCUMENTS = _schema(
    _f("doc_id", _str, False),
    _f("source_url", _str),
    _f("raw_path", _str, False),
    _f("title", _str),
    _f("agency", _str, False),
    _f("province", _str),
    _f("city", _str),
    _f("district", _str),
    _f("fiscal_year", _i32, False),
    _f("report_kind", _str, False),
    _f("pages", _i32, False),
    _f("status", _str, False),
    _f("extractor_version", _str, False),
    # added by govperf
    _f("bytes", pa.int64(), False),
    _f("file_type", _str),
    _f("error", _str),
    _f("raw_path_bytes", pa.binary()),  # the file name's bytes where they are not UTF-8 (raw_path is then decoded)
    _f("ocr_pages", _i32, False),  # pages without a text layer read by OCR
)

BUDGETS = _schema(
    *_PROVENANCE,
    _f("table_index", _i32),
    _f("row_index", _i32),
    _f("source", _str, False),
    _f("statement", _str),
    _f("scope", _str, False),
    _f("project", _str),
    _f("line_code", _str),
    _f("line_name", _str),
    _f("funding_source", _str),
    _f("measure", _str, False),
    _f("amount_wan", _f64, False),
    _f("amount_raw", _str),
    _f("unit_raw", _str),
    # added by govperf
    _f("source_text", _str),
    _f("extractor", _str),
    _f("flagged", pa.bool_(), False),
    _f("confidence", _f64),
    _f("linked_table_index", _i32),
    _f("linked_row_index", _i32),
    _f("linked_doc_id", _str),
)

INDICATORS = _schema(
    *_PROVENANCE,
    _f("table_index", _i32),
    _f("row_index", _i32),
    _f("scope", _str, False),
    _f("project", _str),
    _f("level1", _str, False),
    _f("level2", _str),
    _f("name", _str, False),
    _f("name_canonical", _str, False),
    _f("operator", _str),
    _f("target_raw", _str),
    _f("actual_raw", _str),
    _f("target_value", _f64),
    _f("actual_value", _f64),
    _f("target_unit", _str),
    _f("actual_unit", _str),
    _f("weight", _f64),
    _f("score", _f64),
    _f("deviation_reason", _str),
    # added by govperf
    _f("extractor", _str),
    _f("confidence", _f64),
    _f("flagged", pa.bool_(), False),
    _f("actual_operator", _str),
)

SCORES = _schema(
    *_PROVENANCE,
    _f("scope", _str, False),
    _f("project", _str),
    _f("score", _f64, False),
    _f("max_score", _f64, False),
    _f("grade", _str),
    # added by govperf
    _f("source", _str, False),
    _f("source_text", _str),
    _f("extractor", _str),
    _f("confidence", _f64),
    _f("flagged", pa.bool_(), False),
)

NARRATIVES = _schema(
    *_PROVENANCE,
    _f("section", _str, False),
    _f("heading", _str, False),
    _f("text", _str, False),
    _f("keywords", pa.list_(_str)),
    # added by govperf
    _f("section_index", _i32, False),
)

FACTS = _schema(
    *_PROVENANCE,
    _f("subject", _str, False),
    _f("value", _f64, False),
    _f("unit", _str, False),
    _f("source_text", _str, False),
)

ISSUES = _schema(
    _f("doc_id", _str, False),
    _f("fiscal_year", _i32, False),
    _f("agency", _str, False),
    _f("page", _i32),
    _f("rule", _str, False),
    _f("severity", _str, False),
    _f("message", _str, False),
    # added by govperf
    _f("table_index", _i32),
    _f("row_index", _i32),
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "budgets": BUDGETS,
    "indicators": INDICATORS,
    "scores": SCORES,
    "narratives": NARRATIVES,
    "facts": FACTS,
    "issues": ISSUES,
}

# the order rows are written in, so that two builds of the same inputs are byte-identical
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "budgets": ("doc_id", "source", "table_index", "row_index", "page", "line_name", "measure"),
    "indicators": ("doc_id", "table_index", "row_index"),
    "scores": ("doc_id", "source", "page", "scope", "project"),
    "narratives": ("doc_id", "section_index"),
    "facts": ("doc_id", "page", "subject"),
    "issues": ("doc_id", "page", "rule", "table_index", "row_index", "message"),
}
