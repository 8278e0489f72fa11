"""What a snapshot was built from, so that a build of the same inputs can say so and write nothing.

A snapshot carries ``inputs.json``: the extractor version (extract/cache.py), the writer version
(a hash of the code that assembles and writes the tables, and of the libraries that write the
files), whether OCR was on, and every document read (raw_path, sha256, source_url), in order.
A build whose inputs are the same as the current snapshot's, and whose every document's rows are
in the cache, would write the same files again: it writes nothing and starts no Prefect server.
A document stopped by a time or memory limit is never cached, so it is read again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dataset.plan import BuildPlan
from dataset.snapshots import SnapshotStore
from dataset.summary import BuildSummary, snapshot_summary
from extract.cache import DocumentCache, code_version, extractor_version
from extract.sources.discover import decoded_name
from extract.sources.sniff import sha256_of
from fetch.manifest import source_urls

FILE_NAME = "inputs.json"
# the code that turns extracted rows into files, and the libraries that write them
_WRITER_PACKAGES = ("dataset", "model")
_WRITER_LIBRARIES = ("pyarrow", "pandas")


@lru_cache(maxsize=1)
def writer_version() -> str:
    """A hash of the code and libraries that assemble and write the tables (16 hex digits)."""
    return code_version(_WRITER_PACKAGES, _WRITER_LIBRARIES)


@dataclass(frozen=True, kw_only=True)
class Inputs:
    """The inputs of one build: enough to tell that another build would write the same files."""

    extractor: str
    writer: str
    ocr: bool
    documents: tuple[tuple[str, str, str | None], ...]  # (raw_path, sha256, source_url), in reading order

    def to_json(self) -> str:
        head: dict[str, Any] = {"extractor_version": self.extractor, "writer_version": self.writer, "ocr": self.ocr}
        lines = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
        docs = [json.dumps(list(d), ensure_ascii=False) for d in self.documents]  # [raw_path, sha256, source_url]
        return "{\n" + "\n".join(lines) + '\n "documents": [\n  ' + ",\n  ".join(docs) + "\n ]\n}\n"

    @classmethod
    def from_json(cls, text: str) -> Inputs:
        body = json.loads(text)
        return cls(extractor=body["extractor_version"], writer=body["writer_version"], ocr=bool(body["ocr"]),
                   documents=tuple((d[0], d[1], d[2]) for d in body["documents"]))


def _digest(path: Path) -> str | None:
    """The file's sha256 (None: it cannot be read)."""
    try:
        return sha256_of(path)
    except OSError:
        return None


def build_inputs(paths: Sequence[Path], urls: Mapping[str, str | None], *, ocr: bool) -> Inputs:
    """The inputs of a build reading ``paths`` (``urls``: source URL by resolved path). A file that cannot
    be read has an empty digest, so a build with it never counts as unchanged."""
    docs = [(decoded_name(p)[0], _digest(p) or "", urls.get(str(p.resolve()))) for p in paths]
    return Inputs(extractor=extractor_version(), writer=writer_version(), ocr=ocr, documents=tuple(docs))


def plan_inputs(plan: BuildPlan, ocr: bool) -> Inputs:
    return build_inputs(plan.discovery.documents, source_urls(plan.raw), ocr=ocr)


def write_inputs(folder: Path, inputs: Inputs) -> Path:
    path = folder / FILE_NAME
    path.write_text(inputs.to_json(), encoding="utf-8")
    return path


def current_inputs(store: SnapshotStore) -> Inputs | None:
    """The inputs of the dataset ``store`` shows now (None: no dataset, or one written before inputs.json)."""
    cur = store.current()
    if cur is None:
        return None
    try:
        return Inputs.from_json((cur / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None


def unchanged_snapshot(store: SnapshotStore, paths: Sequence[Path], inputs: Inputs,
                       cache: DocumentCache) -> Path | None:
    """The current snapshot when building ``inputs`` (read from ``paths``) would write it again: same
    inputs, and every document's rows in the cache (never with --rebuild). Else None."""
    if not cache.reuse or cache.version != inputs.extractor or current_inputs(store) != inputs:
        return None
    if not all(sha and cache.has(sha, p, inputs.ocr) for p, (_r, sha, _u) in zip(paths, inputs.documents, strict=True)):
        return None
    return store.current()


def unchanged_build(plan: BuildPlan, inputs: Inputs, cache: DocumentCache) -> BuildSummary | None:
    """The summary of the current snapshot when building ``plan`` would write it again, else None."""
    store = SnapshotStore(plan.out)
    same = unchanged_snapshot(store, plan.discovery.documents, inputs, cache)
    if same is None:
        return None
    return snapshot_summary(same, plan.out, found=len(plan.discovery.documents),
                            skipped=dict(plan.discovery.skipped))
