"""The curated dataset's tables as explicit pyarrow schemas (the contract: SCHEMA.md).

Columns the contract fixes come first; columns govperf adds for users follow; the derived
tables (execution, indicator_results) are computed from the others when the dataset is written.
Every schema carries ``schema_version`` and its table's description in its metadata, and every
field its description (and unit) from the data dictionary ``model/data/columns.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

SCHEMA_VERSION = "2"
_COLUMNS_FILE = Path(__file__).with_name("data") / "columns.yaml"

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
    _f("identities_checked", _i32),  # accounting identities of the statements that could be checked
    _f("identities_held", _i32),
    _f("publisher", _str),  # HTML pages: the portal's 发布机构
    _f("published_date", _str),  # HTML pages: the portal's 发布日期, YYYY-MM-DD
    _f("index_number", _str),  # HTML pages: the portal's 索引号
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

EXECUTION = _schema(
    _f("doc_id", _str, False),
    _f("fiscal_year", _i32, False),
    _f("agency", _str, False),
    _f("report_kind", _str, False),
    _f("unit", _str, False),
    _f("scope", _str, False),
    _f("project", _str),
    _f("basis", _str, False),
    _f("statement", _str),
    _f("budget_wan", _f64),
    _f("budget_measure", _str),
    _f("actual_wan", _f64),
    _f("actual_measure", _str),
    _f("rate", _f64),
    _f("budget_page", _i32),
    _f("budget_table_index", _i32),
    _f("budget_row_index", _i32),
    _f("actual_page", _i32),
    _f("actual_table_index", _i32),
    _f("actual_row_index", _i32),
)

INDICATOR_RESULTS = _schema(
    *_PROVENANCE,
    _f("table_index", _i32, False),
    _f("row_index", _i32, False),
    _f("scope", _str, False),
    _f("project", _str),
    _f("level1", _str, False),
    _f("level2", _str),
    _f("name", _str, False),
    _f("name_canonical", _str, False),
    _f("target_operator", _str),
    _f("target_operator_inferred", pa.bool_(), False),
    _f("target_value", _f64),
    _f("target_unit", _str),
    _f("actual_operator", _str),
    _f("actual_value", _f64),
    _f("actual_unit", _str),
    _f("met", pa.bool_()),
    _f("gap", _f64),
    _f("weight", _f64),
    _f("score", _f64),
    _f("score_share", _f64),
    _f("target_raw", _str),
    _f("actual_raw", _str),
)


@lru_cache(maxsize=1)
def dictionary() -> dict[str, Any]:
    """The data dictionary (model/data/columns.yaml): per table its description, key and columns."""
    data: dict[str, Any] = yaml.safe_load(_COLUMNS_FILE.read_text(encoding="utf-8"))
    return data


def column_doc(table: str, column: str) -> tuple[str, str | None]:
    """(description, unit or None) of one column; KeyError when the dictionary does not describe it."""
    entry = dictionary()[table]["columns"][column]
    if isinstance(entry, dict):
        return str(entry["description"]), (str(entry["unit"]) if entry.get("unit") else None)
    return str(entry), None


def _described(table: str, schema: pa.Schema) -> pa.Schema:
    fields = []
    for f in schema:
        text, unit = column_doc(table, f.name)
        meta = {"description": text, **({"unit": unit} if unit else {})}
        fields.append(f.with_metadata({k: v.encode() for k, v in meta.items()}))
    table_meta = {**(schema.metadata or {}), b"description": str(dictionary()[table]["description"]).encode()}
    return pa.schema(fields, metadata=table_meta)


_BASE = {
    "documents": DOCUMENTS,
    "budgets": BUDGETS,
    "indicators": INDICATORS,
    "scores": SCORES,
    "narratives": NARRATIVES,
    "facts": FACTS,
    "issues": ISSUES,
    "execution": EXECUTION,
    "indicator_results": INDICATOR_RESULTS,
}
TABLES: dict[str, pa.Schema] = {name: _described(name, s) for name, s in _BASE.items()}
# computed from the other tables when the dataset is written (dataset/derived.py)
DERIVED = ("execution", "indicator_results")

# the order rows are written in, so that two builds of the same inputs are byte-identical
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "budgets": ("doc_id", "source", "table_index", "row_index", "page", "line_name", "measure"),
    "indicators": ("doc_id", "table_index", "row_index"),
    "scores": ("doc_id", "source", "page", "scope", "project"),
    "narratives": ("doc_id", "section_index"),
    "facts": ("doc_id", "page", "subject"),
    "issues": ("doc_id", "page", "rule", "table_index", "row_index", "message"),
    "execution": ("doc_id", "scope", "unit"),
    "indicator_results": ("doc_id", "table_index", "row_index"),
}
