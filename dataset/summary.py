"""What a build wrote: documents, pages, rows per table, issues per rule, identities, indicator names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dataset.years import Totals
from extract.cache import KeptResult
from model.schema import TABLES
from normalize.indicator_name_report import name_mapping_report


@dataclass(kw_only=True)
class BuildSummary:
    out: str
    documents: int = 0
    pages: int = 0
    status: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    issues_by_rule: dict[str, int] = field(default_factory=dict)
    identities_checked: int = 0
    identities_held: int = 0
    indicator_names_raw: int = 0  # distinct 三级指标 names as printed
    indicator_names_canonical: int = 0  # distinct name_canonical they map to
    skipped: dict[str, int] = field(default_factory=dict)  # files under raw/ not read, by kind
    failed: list[str] = field(default_factory=list)  # "name: reason" of each failed document
    ocr_pages: int = 0  # pages without a text layer read by OCR
    ocr_seconds: float = 0.0  # CPU seconds those pages took (render + detect + recognise)
    read: int = 0  # documents read by this build
    from_cache: int = 0  # documents whose rows came from the cache of an earlier build
    unchanged: bool = False  # the inputs were those of the current snapshot: nothing was written


def summarize(t: Totals, results: Iterable[KeptResult], out: Path,
              skipped: dict[str, int] | None = None, from_cache: int = 0) -> BuildSummary:
    results = list(results)
    names = name_mapping_report(t.indicator_names)
    return BuildSummary(
        out=str(out), documents=t.rows["documents"], pages=t.pages, status=dict(t.status),
        rows={k: t.rows[k] for k in TABLES if k in t.rows}, issues_by_rule=dict(sorted(t.issues_by_rule.items())),
        identities_checked=sum(r.identities_checked for r in results),
        identities_held=sum(r.identities_held for r in results),
        indicator_names_raw=names.raw_names, indicator_names_canonical=names.canonical_names,
        skipped=dict(sorted((skipped or {}).items())), read=len(results) - from_cache, from_cache=from_cache,
        failed=_failed_lines((r.document.raw_path, r.document.status, r.document.error) for r in results),
        ocr_pages=sum(r.document.ocr_pages for r in results),
        ocr_seconds=round(sum(r.document.ocr_seconds for r in results), 1),
    )


def _failed_lines(docs: Iterable[tuple[str, str, str | None]]) -> list[str]:
    """"name: reason" of each failed document, from (raw_path, status, error)."""
    return [f"{Path(raw_path).name}: {error}" for raw_path, status, error in docs if status == "failed"]


def _read(snapshot: Path, table: str, columns: list[str]) -> pa.Table:
    return pq.read_table(snapshot / table, columns=columns, partitioning=None)


def _total(t: pa.Table, column: str) -> int:
    return int(pc.sum(t.column(column)).as_py() or 0)


def snapshot_summary(snapshot: Path, out: Path, *, found: int, skipped: dict[str, int] | None = None) -> BuildSummary:
    """The summary of the build that wrote ``snapshot``, read back from its files, for a build of ``found``
    documents whose inputs were unchanged, so that it wrote nothing (every document counted as from the
    cache). OCR seconds are not kept in the dataset, so they are not shown."""
    rows = {k: sum(pq.ParquetFile(f).metadata.num_rows for f in sorted((snapshot / k).rglob("*.parquet")))
            for k in TABLES if (snapshot / k).is_dir()}
    docs = _read(snapshot, "documents", ["raw_path", "status", "pages", "error", "identities_checked",
                                        "identities_held", "ocr_pages"])
    names = name_mapping_report(n for n in _read(snapshot, "indicators", ["name"]).column("name").to_pylist() if n)
    rules = Counter(_read(snapshot, "issues", ["rule"]).column("rule").to_pylist())
    failed = _failed_lines(zip(*(docs.column(c).to_pylist() for c in ("raw_path", "status", "error")), strict=True))
    return BuildSummary(
        out=str(out), documents=docs.num_rows, pages=_total(docs, "pages"),
        status=dict(sorted(Counter(docs.column("status").to_pylist()).items())),
        rows=rows, issues_by_rule=dict(sorted(rules.items())),
        identities_checked=_total(docs, "identities_checked"), identities_held=_total(docs, "identities_held"),
        indicator_names_raw=names.raw_names, indicator_names_canonical=names.canonical_names,
        skipped=dict(sorted((skipped or {}).items())), read=0, from_cache=found, failed=failed,
        ocr_pages=_total(docs, "ocr_pages"), unchanged=True,
    )


def failed_documents_line(results: Sequence[KeptResult]) -> str | None:
    """"3 of 3 documents failed: a.pdf (…); …" when every document failed (the build then fails), else None."""
    failed = [r.document for r in results if r.document.status == "failed"]
    if not results or len(failed) < len(results):
        return None
    shown = "; ".join(f"{Path(d.raw_path).name} ({d.error})" for d in failed[:5])
    more = f"; and {len(failed) - 5} more" if len(failed) > 5 else ""
    return f"{len(failed)} of {len(results)} documents failed: {shown}{more}"


def summary_markdown(s: BuildSummary, snapshot: str) -> str:
    """The summary as a Markdown page (the build's Prefect artifact)."""
    status = ", ".join(f"{k} {v}" for k, v in sorted(s.status.items()))
    lines = [f"# Build of `{s.out}`", "",
             f"Snapshot `{snapshot}`: {s.documents} documents ({status}), {s.pages} pages.",
             "", "| table | rows |", "|---|---:|", *(f"| {k} | {v} |" for k, v in s.rows.items()), ""]
    if s.issues_by_rule:
        lines += ["| issues rule | rows |", "|---|---:|",
                  *(f"| `{k}` | {v} |" for k, v in sorted(s.issues_by_rule.items(), key=lambda kv: -kv[1])), ""]
    if s.identities_checked:
        lines.append(f"Statement identities: {s.identities_held} of {s.identities_checked} hold.")
    if s.indicator_names_raw:
        lines.append(f"Indicator names: {s.indicator_names_raw} as printed -> {s.indicator_names_canonical} canonical.")
    if s.skipped:
        lines.append("Skipped files: " + ", ".join(f"{v} {k}" for k, v in s.skipped.items()) + ".")
    lines += [f"- failed: {f}" for f in s.failed]
    return "\n".join(lines) + "\n"
