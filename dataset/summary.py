"""What a build wrote: documents, pages, rows per table, issues per rule, identities, indicator names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dataset.assemble import Assembled
from extract.document import DocumentResult
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


def summarize(a: Assembled, results: Iterable[DocumentResult], out: Path,
              skipped: dict[str, int] | None = None, from_cache: int = 0) -> BuildSummary:
    results = list(results)
    names = name_mapping_report(a.tables["indicators"].column("name").to_pylist())
    return BuildSummary(
        out=str(out), documents=a.tables["documents"].num_rows, pages=a.pages, status=dict(a.status),
        rows={k: t.num_rows for k, t in a.tables.items()}, issues_by_rule=dict(sorted(a.issues_by_rule.items())),
        identities_checked=sum(r.extraction.identities_checked for r in results),
        identities_held=sum(r.extraction.identities_held for r in results),
        indicator_names_raw=names.raw_names, indicator_names_canonical=names.canonical_names,
        skipped=dict(sorted((skipped or {}).items())), read=len(results) - from_cache, from_cache=from_cache,
        failed=[f"{Path(r.document.raw_path).name}: {r.document.error}" for r in results
                if r.document.status == "failed"],
        ocr_pages=sum(r.document.ocr_pages for r in results),
        ocr_seconds=round(sum(r.document.ocr_seconds for r in results), 1),
    )


def failed_documents_line(results: list[DocumentResult]) -> str | None:
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
