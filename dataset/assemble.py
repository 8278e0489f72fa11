"""Assemble per-document results into the curated tables.

Stamps each row with its document's fiscal_year and agency, drops a second copy
of the same file (same sha256), and returns pyarrow tables of the contract's schemas,
with the derived tables (execution, indicator_results: dataset/derived.py) computed from them.

A large build is assembled one fiscal year (one partition of every table) at a time
(:func:`assemble_by_year`): only that year's documents' rows are loaded from the cache, so memory
follows the largest year, not the corpus. Everything assembly relates across documents lies within
one year (companion disclosures share agency, year and kind); which copy of a duplicated file is kept
is decided over the whole build first. The files are the same as from one :func:`assemble` of all.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from dataset.derived import derive
from dataset.store import to_arrow
from dataset.years import KeptYear, Totals, YearEntry, YearLedger, year_key
from extract.cache import KeptResult
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
        d = dict(vars(r))  # the records' fields are flat (a list of keywords at most): no deep copy needed
        d["fiscal_year"] = year
        d["agency"] = agency
        out.append(d)
    return out


def kept_copies(raw_paths: Iterable[tuple[str, str]]) -> dict[str, str]:
    """doc_id -> the raw_path of the copy that is kept, the first by raw_path, from (doc_id, raw_path) pairs."""
    kept: dict[str, str] = {}
    for doc_id, raw_path in sorted(raw_paths, key=lambda p: p[1]):
        kept.setdefault(doc_id, raw_path)
    return kept


def assemble(results: Iterable[DocumentResult], kept: dict[str, str] | None = None) -> Assembled:
    """The tables of ``results``. ``kept``: which copy of each document is kept (:func:`kept_copies`),
    when ``results`` are a part of a build; by default, the first of ``results`` by raw_path."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _FACT_TABLES}
    docs: list[dict[str, Any]] = []
    a = Assembled(tables={})
    results = sorted(results, key=lambda r: r.document.raw_path)
    if kept is None:
        kept = kept_copies((r.document.doc_id, r.document.raw_path) for r in results)
    seen = {doc_id: raw_path for doc_id, raw_path in kept.items()}
    reconcile_companions([(r.document, r.extraction) for r in results])
    for res in results:
        d = res.document
        if seen[d.doc_id] != d.raw_path:
            # the same bytes under another name: one document, noted once
            rows["issues"].extend(_stamp(
                [IssueRow(doc_id=d.doc_id, page=None, rule="duplicate_file", severity="info",
                          message=f"{d.raw_path} has the same content as {seen[d.doc_id]}; read once")],
                d.fiscal_year, d.agency))
            continue
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


def totals_of(a: Assembled) -> Totals:
    """What ``a``'s tables hold, for the build's summary and the snapshot's years.json."""
    return Totals(rows=Counter({name: t.num_rows for name, t in a.tables.items()}), status=Counter(a.status),
                  issues_by_rule=Counter(a.issues_by_rule), pages=a.pages,
                  indicator_names={n for n in a.tables["indicators"].column("name").to_pylist() if n})


# a fiscal year whose documents give more rows than this is assembled and written in parts of about
# this many rows (part-0.parquet, part-1.parquet, ...), so memory is bounded however large a year is
CHUNK_ROWS = 25_000


def _chunks(results: list[KeptResult], limit: int) -> Iterator[list[KeptResult]]:
    """``results`` (one year's) in parts of about ``limit`` rows. The documents of one disclosure (agency
    and report kind) stay in one part when one of them is checked against its companion files' tables;
    otherwise (the same disclosure published many times, say) each document is a unit of its own."""
    groups: dict[tuple[str, str], list[KeptResult]] = {}
    for r in sorted(results, key=lambda r: r.document.raw_path):
        groups.setdefault((r.document.agency, r.document.report_kind), []).append(r)
    units = [unit for members in groups.values()
             for unit in ([members] if any(m.checks_companions for m in members) else [[m] for m in members])]
    part: list[KeptResult] = []
    rows = 0
    for members in units:
        size = sum(m.rows for m in members)
        if part and rows + size > limit:
            yield part
            part, rows = [], 0
        part.extend(members)
        rows += size
    if part:
        yield part


def _year_key(members: Sequence[KeptResult], kept: dict[str, str], version: str) -> str:
    return year_key(version, ((dataclasses.asdict(r.document), r.identities_checked, r.identities_held,
                               kept[r.document.doc_id]) for r in members))


def assemble_by_year(results: Sequence[KeptResult], totals: Totals, chunk_rows: int = CHUNK_ROWS,
                     ledger: YearLedger | None = None) -> Iterator[dict[str, pa.Table] | KeptYear]:
    """The tables of ``results``, one fiscal year at a time (a large year in parts of about ``chunk_rows``
    rows), each part's rows loaded only for it; what each part held is added to ``totals``.

    With a ``ledger``, a year whose files the replaced snapshot holds for the same inputs is not
    assembled: it comes as a :class:`KeptYear` (its files to link), and every year's key and totals go
    into ``ledger.written``."""
    kept = kept_copies((r.document.doc_id, r.document.raw_path) for r in results)
    years: dict[int, list[KeptResult]] = {}
    for r in results:
        years.setdefault(r.document.fiscal_year, []).append(r)
    for year in sorted(years):
        members = years[year]
        key = _year_key(members, kept, f"{ledger.version}:{chunk_rows}") if ledger else ""
        same = ledger.kept(year, key, all(r.entry is not None for r in members)) if ledger else None
        if same is not None:
            year_totals = same.counts
            yield same
        else:
            year_totals = Totals()
            for part in _chunks(members, chunk_rows):
                a = assemble([r.load() for r in part], kept=kept)
                year_totals.update(totals_of(a))
                yield a.tables
        totals.update(year_totals)
        if ledger is not None:
            ledger.written[year] = YearEntry(key=key, counts=year_totals)
