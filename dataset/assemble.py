"""Assemble per-document results into the curated tables.

Stamps each row with its document's fiscal_year and agency, drops a second copy
of the same file (same sha256), and returns pyarrow tables of the contract's schemas,
with the derived tables (execution, indicator_results: dataset/derived.py) computed from them.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from dataset.derived import derive
from dataset.store import to_arrow
from extract.document import DocumentResult
from extract.interpreters.prose.reconcile import reconcile_companions
from model.records import IssueRow

# Extraction's row lists, each the curated table of the same name
_FACT_TABLES = ("budgets", "indicators", "scores", "narratives", "facts", "issues")


@dataclass
class Assembled:
    tables: dict[str, pa.Table]
    status: Counter[str] = field(default_factory=Counter)
    issues_by_rule: Counter[str] = field(default_factory=Counter)
    pages: int = 0


def _stamp(rows: Iterable[Any], year: int, agency: str) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = dataclasses.asdict(r)
        d["fiscal_year"] = year
        d["agency"] = agency
        out.append(d)
    return out


def assemble(results: Iterable[DocumentResult]) -> Assembled:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _FACT_TABLES}
    docs: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    a = Assembled(tables={})
    results = sorted(results, key=lambda r: r.document.raw_path)
    reconcile_companions([(r.document, r.extraction) for r in results])
    for res in results:
        d = res.document
        if d.doc_id in seen:
            # the same bytes under another name: one document, noted once
            rows["issues"].extend(_stamp(
                [IssueRow(doc_id=d.doc_id, page=None, rule="duplicate_file", severity="info",
                          message=f"{d.raw_path} has the same content as {seen[d.doc_id]}; read once")],
                d.fiscal_year, d.agency))
            continue
        seen[d.doc_id] = d.raw_path
        docs.append({**dataclasses.asdict(d), "identities_checked": res.extraction.identities_checked,
                     "identities_held": res.extraction.identities_held})
        a.status[d.status] += 1
        a.pages += d.pages
        for name in _FACT_TABLES:
            rows[name].extend(_stamp(getattr(res.extraction, name), d.fiscal_year, d.agency))
    a.tables["documents"] = to_arrow("documents", docs)
    for name in _FACT_TABLES:
        a.tables[name] = to_arrow(name, rows[name])
    a.tables.update(derive(a.tables))
    a.issues_by_rule = Counter(r["rule"] for r in rows["issues"])
    return a
