"""Fiscal years that a build would write exactly as the current snapshot holds them, kept as they are.

A nightly build that finds one new report would otherwise assemble and write every year again. The
files of one ``fiscal_year`` partition depend only on that year's documents (companion disclosures
are reconciled within agency, year and kind; the derived tables are computed per year), on which
copy of a duplicated file is kept, and on the code that assembles and writes them. So each snapshot
records, in ``years.json``, a key per year over exactly those inputs, and what the year held (rows
per table, statuses, issues per rule, pages, indicator names: the build's summary adds them up).

A later build whose key for a year equals the current snapshot's links that year's files into its
own snapshot (hard links; a copy where the file system has none) instead of assembling them, and
takes the year's counts from ``years.json``. Because the key covers everything the files are made
from, the result is the same bytes as assembling the year again (tests/test_incremental_build.py).

Never kept: year 0 (documents whose year is unknown; it is also where an empty table's file goes),
a year with a document whose rows are not cached (stopped by a limit: read again each time), and
anything under ``--rebuild``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.schema import TABLES

FILE_NAME = "years.json"
PARTITION = "fiscal_year"
_FORMAT = 1
_DOCUMENT_FIELDS = tuple(f.name for f in TABLES["documents"])


@dataclass(kw_only=True)
class Totals:
    """What some fiscal years' files hold (one year's, or a build's added up year by year): rows per
    table, documents per status, issues per rule, pages, distinct indicator names."""

    rows: Counter[str] = field(default_factory=Counter)
    status: Counter[str] = field(default_factory=Counter)
    issues_by_rule: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    indicator_names: set[str] = field(default_factory=set)

    def update(self, other: Totals) -> None:
        self.rows.update(other.rows)
        self.status.update(other.status)
        self.issues_by_rule.update(other.issues_by_rule)
        self.pages += other.pages
        self.indicator_names.update(other.indicator_names)

    def to_json(self) -> dict[str, Any]:
        return {"rows": dict(sorted(self.rows.items())), "status": dict(sorted(self.status.items())),
                "issues_by_rule": dict(sorted(self.issues_by_rule.items())), "pages": self.pages,
                "indicator_names": sorted(self.indicator_names)}

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> Totals:
        return cls(rows=Counter(body["rows"]), status=Counter(body["status"]),
                   issues_by_rule=Counter(body["issues_by_rule"]), pages=int(body["pages"]),
                   indicator_names=set(body["indicator_names"]))


@dataclass(frozen=True, kw_only=True)
class YearEntry:
    key: str
    counts: Totals


@dataclass(frozen=True, kw_only=True)
class KeptYear:
    """A year whose files are taken from ``snapshot`` as they are."""

    year: int
    snapshot: Path
    counts: Totals


@dataclass(kw_only=True)
class YearLedger:
    """The years of one build: those of the snapshot it replaces (``previous``, in ``snapshot``), which it
    may keep, and those it writes (``written``, recorded in its own years.json)."""

    version: str  # of the code that reads and writes the files
    snapshot: Path | None = None
    previous: dict[int, YearEntry] = field(default_factory=dict)
    written: dict[int, YearEntry] = field(default_factory=dict)

    @classmethod
    def after(cls, snapshot: Path | None, version: str) -> YearLedger:
        """A ledger for a build replacing ``snapshot`` (None, e.g. under --rebuild: keep nothing)."""
        return cls(version=version, snapshot=snapshot, previous=read_years(snapshot))

    def kept(self, year: int, key: str, all_cached: bool) -> KeptYear | None:
        """The year as the previous snapshot holds it, when its key is the same and it may be kept."""
        prev = self.previous.get(year)
        if self.snapshot is None or prev is None or prev.key != key or year == 0 or not all_cached:
            return None
        return KeptYear(year=year, snapshot=self.snapshot, counts=prev.counts)


def year_key(version: str, documents: Iterable[tuple[Mapping[str, Any], int, int, str]]) -> str:
    """The key of one year's files: ``version`` (the code that reads and writes them, and the part size)
    and, for each of the year's documents, its documents-table record, its identities checked and held,
    and the raw_path of the copy of its file that is kept."""
    lines = sorted(
        json.dumps([{k: record.get(k) for k in _DOCUMENT_FIELDS}, checked, held, kept],
                   ensure_ascii=False, sort_keys=True, default=str)
        for record, checked, held, kept in documents
    )
    h = hashlib.sha256(version.encode())
    for line in lines:
        h.update(b"\n" + line.encode())
    return h.hexdigest()[:32]


def read_years(snapshot: Path | None) -> dict[int, YearEntry]:
    """The years recorded by ``snapshot`` (empty: none, or written before years.json, or unreadable)."""
    if snapshot is None:
        return {}
    try:
        body = json.loads((snapshot / FILE_NAME).read_text(encoding="utf-8"))
        if body.get("format") != _FORMAT:
            return {}
        return {int(y): YearEntry(key=str(e["key"]), counts=Totals.from_json(e["counts"]))
                for y, e in body["years"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_years(folder: Path, years: Mapping[int, YearEntry]) -> Path:
    body = {"format": _FORMAT,
            "years": {str(y): {"key": e.key, "counts": e.counts.to_json()} for y, e in sorted(years.items())}}
    path = folder / FILE_NAME
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def link_year(kept: KeptYear, staging: Path) -> set[str]:
    """Put the year's files of every table of ``kept.snapshot`` into ``staging`` (hard links, else copies).
    Returns the tables that got files."""
    tables: set[str] = set()
    for name in TABLES:
        src = kept.snapshot / name / f"{PARTITION}={kept.year}"
        if not src.is_dir():
            continue
        dst = staging / name / src.name
        dst.mkdir(parents=True, exist_ok=True)
        for f in sorted(src.glob("part-*.parquet")):
            try:
                os.link(f, dst / f.name)
            except OSError:  # no hard links here (another file system, or not allowed): copy
                shutil.copyfile(f, dst / f.name)
        tables.add(name)
    return tables
