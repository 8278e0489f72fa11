"""The dataset described as a Frictionless Data Package: ``datapackage.json`` in every snapshot.

One resource per table, its path the table's folder (``budgets``: the Parquet files under
``fiscal_year=YYYY/``, read as one table by pyarrow, which frictionless uses for Parquet). The
Table Schema lists the fields in the order a reader gets them (the files' columns, then the
partition column ``fiscal_year``), with their types, descriptions and units from the data
dictionary (model/data/columns.yaml), ``required`` for columns that are never null, the table's
primary key where it has one, and a foreign key from every table's ``doc_id`` to ``documents``.
Validate it with ``frictionless validate data/curated/datapackage.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from dataset.store import PARTITION, file_schema
from model.schema import SCHEMA_VERSION, TABLES, column_doc, dictionary

FILE_NAME = "datapackage.json"


def _field_type(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_string(t):
        return "string"
    # a list of strings (keywords: frictionless reads Parquet through pandas, which gives arrays, not
    # the JSON that "array" expects) or bytes (raw_path_bytes: no Table Schema type holds bytes)
    return "any"


def _field(table: str, f: pa.Field) -> dict[str, Any]:
    text, unit = column_doc(table, f.name)
    out: dict[str, Any] = {"name": f.name, "type": _field_type(f.type),
                           "description": text + (f" (unit: {unit})" if unit else "")}
    if pa.types.is_list(f.type):
        out["description"] += " (a list of strings)"
    if unit:
        out["unit"] = unit  # not a Table Schema property: for the readers who look for it
    if not f.nullable:
        out["constraints"] = {"required": True}
    return out


def reader_order(table: str) -> list[pa.Field]:
    """The table's fields in the order a reader of its folder gets them: the files' columns, then the partition."""
    return [*file_schema(table), TABLES[table].field(PARTITION)]


def table_schema(table: str) -> dict[str, Any]:
    # an empty string is a value here (a heading printed empty), not a missing one: nulls are Parquet's nulls
    schema: dict[str, Any] = {"fields": [_field(table, f) for f in reader_order(table)], "missingValues": []}
    key = dictionary()[table].get("primary_key")
    if key:
        schema["primaryKey"] = list(key)
    if table != "documents":
        schema["foreignKeys"] = [{"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}]
    return schema


def descriptor(tables: Iterable[str]) -> dict[str, Any]:
    resources = [{
        "name": name,
        "path": name,
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "description": str(dictionary()[name]["description"]),
        "schema": table_schema(name),
    } for name in tables]
    return {
        "name": "govperf",
        "title": "Chinese government budget and performance reports, as data",
        "description": ("部门预算, 部门决算, 部门整体/项目支出绩效自评表 and 绩效评价报告 read into tables; "
                        "every figure carries the document (doc_id) and page it was read from."
                        " Money in 万元, rates as fractions. "
                        "Tables are Hive-partitioned by fiscal_year (folder fiscal_year=YYYY)."),
        "version": SCHEMA_VERSION,
        "licenses": [{"name": "other-pd", "title": "government information published under 政府信息公开"}],
        "resources": resources,
    }


def write_datapackage(folder: Path, tables: Iterable[str]) -> Path:
    """Write ``datapackage.json`` describing ``tables`` into ``folder`` (a snapshot being built)."""
    path = Path(folder) / FILE_NAME
    path.write_text(json.dumps(descriptor(tables), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
