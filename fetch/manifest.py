"""The crawl manifest: ``<raw>/manifest.jsonl``, one JSON object per line, append-only.

The manifest is an event log; the latest row for a URL is that URL's state. Rows are written
when something is learnt: a new file stored, a URL found to carry an already-stored file, a
failure (with its reason), a rejected file, or a URL recovering from a failure. A 304 or an
unchanged re-download of a healthy URL adds no row.

Appends are single ``write()`` calls on an ``O_APPEND`` descriptor under an exclusive lock,
fsynced; a torn last line (the process killed mid-write) is ignored on reading and cut off
before the next append.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.jsonl"

# outcomes
NEW = "new"  # bytes not seen before, stored under <raw>/<source>/
DUPLICATE = "duplicate"  # bytes already stored (same sha256), not stored again; path points to them
UNCHANGED = "unchanged"  # re-downloaded, same bytes as this URL's last file (written only on recovery)
NOT_MODIFIED = "not_modified"  # 304 to a conditional request (written only on recovery)
REJECTED = "rejected"  # bytes contradict their claimed type (e.g. HTML served as PDF); not stored
ERROR = "error"  # nothing usable fetched; see reason
OK_OUTCOMES = frozenset({NEW, DUPLICATE, UNCHANGED, NOT_MODIFIED})


class ManifestError(RuntimeError):
    """The manifest file cannot be read or written."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class ManifestRow:
    source: str
    url: str
    final_url: str
    fetched_at: str
    outcome: str
    kind: str = "file"  # "file" (a report) or "page" (a listing/detail page that failed)
    status: int | None = None
    content_type: str | None = None
    bytes: int | None = None
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    path: str | None = None  # relative to the raw folder, POSIX separators
    title: str | None = None  # <title> of the page that linked to the file
    link_text: str | None = None  # text of the link
    listing_url: str | None = None  # the page the link was found on
    reason: str | None = None
    attempts: int | None = None
    supersedes: str | None = None  # sha256 of this URL's previous file, when it changed

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ManifestRow:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


class Manifest:
    """In-memory view of the manifest plus atomic appends."""

    def __init__(self, raw: Path) -> None:
        self.raw = Path(raw)
        self.path = self.raw / MANIFEST_NAME
        self.rows: list[ManifestRow] = []
        self.skipped_lines = 0
        self._latest: dict[str, ManifestRow] = {}
        self._last_ok: dict[str, ManifestRow] = {}
        self._by_sha: dict[str, ManifestRow] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ManifestError(f"cannot read manifest {self.path}: {exc}") from exc
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                row = ManifestRow.from_dict(json.loads(line))
            except (json.JSONDecodeError, TypeError):
                self.skipped_lines += 1  # a torn line from a killed process
                continue
            self._index(row)

    def _index(self, row: ManifestRow) -> None:
        self.rows.append(row)
        self._latest[row.url] = row
        if row.outcome in OK_OUTCOMES and row.sha256:
            self._last_ok[row.url] = row
        if row.outcome == NEW and row.sha256 and row.path:
            self._by_sha.setdefault(row.sha256, row)

    # -- queries -------------------------------------------------------------------------------

    def latest(self, url: str) -> ManifestRow | None:
        return self._latest.get(url)

    def last_ok(self, url: str) -> ManifestRow | None:
        """The last row of ``url`` with a stored file that still exists."""
        row = self._last_ok.get(url)
        if row is None or not row.path or not (self.raw / row.path).is_file():
            return None
        return row

    def stored(self, sha256: str) -> ManifestRow | None:
        """The row that stored these bytes, if the file is still there."""
        row = self._by_sha.get(sha256)
        if row is None or not row.path or not (self.raw / row.path).is_file():
            return None
        return row

    def validators(self, url: str) -> dict[str, str]:
        """Conditional-request headers for ``url`` (empty if we hold no file for it)."""
        row = self.last_ok(url)
        headers: dict[str, str] = {}
        if row is None:
            return headers
        if row.etag:
            headers["If-None-Match"] = row.etag
        if row.last_modified:
            headers["If-Modified-Since"] = row.last_modified
        return headers

    def failed(self, source: str) -> list[ManifestRow]:
        """Rows of ``source`` whose URL's latest state is a failure (to retry next run)."""
        return [r for r in self._latest.values() if r.source == source and r.outcome not in OK_OUTCOMES]

    def new_since(self, start: int) -> list[ManifestRow]:
        return [r for r in self.rows[start:] if r.outcome == NEW]

    # -- writing -------------------------------------------------------------------------------

    def append(self, row: ManifestRow) -> None:
        """Append one row atomically (after the file it describes is in place)."""
        self.raw.mkdir(parents=True, exist_ok=True)
        data = (row.to_json() + "\n").encode("utf-8")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ManifestError(f"cannot open manifest {self.path}: {exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._cut_torn_tail(fd)
            os.write(fd, data)
            os.fsync(fd)
        except OSError as exc:
            raise ManifestError(f"cannot append to manifest {self.path}: {exc}") from exc
        finally:
            os.close(fd)  # releases the lock
        self._index(row)

    @staticmethod
    def _cut_torn_tail(fd: int) -> None:
        size = os.fstat(fd).st_size
        if size == 0:
            return
        if os.pread(fd, 1, size - 1) == b"\n":
            return
        block = 65536
        end = size
        while end > 0:
            start = max(0, end - block)
            chunk = os.pread(fd, end - start, start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                os.ftruncate(fd, start + nl + 1)
                return
            end = start
        os.ftruncate(fd, 0)


def read_manifest(raw: Path) -> list[ManifestRow]:
    """All rows of ``<raw>/manifest.jsonl`` (empty if there is none)."""
    return Manifest(raw).rows


def source_urls(raw: Path) -> dict[str, str]:
    """Stored files (resolved paths) -> the URL a crawl fetched them from, from every manifest under ``raw``."""
    urls: dict[str, str] = {}
    for manifest in sorted(Path(raw).rglob(MANIFEST_NAME)):
        for row in read_manifest(manifest.parent):
            if row.path and row.url and row.outcome == NEW:
                urls.setdefault(str((manifest.parent / row.path).resolve()), row.url)
    return urls
