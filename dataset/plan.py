"""What a build will do, checked before anything is read or written.

A mistyped ``--raw`` must never replace a dataset: a raw folder that does not exist, or holds
no document to read, is an error (:class:`RawFolderError`); a build whose documents are
fewer than half of those in the dataset it would replace is refused (:class:`BuildRefused`)
unless forced; an ``--out`` that holds someone else's files is refused too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dataset.snapshots import SnapshotStore
from extract.sources.discover import Discovery, discover
from model.errors import BuildRefused, RawFolderError

# a build replacing a dataset with fewer than this share of its documents is refused without --force
SHRINK_FLOOR = 0.5


@dataclass(frozen=True)
class BuildPlan:
    raw: Path
    out: Path
    discovery: Discovery
    current_documents: int | None  # in the dataset that will be replaced (None: there is none)


def plan_build(raw: Path, out: Path, *, force: bool = False) -> BuildPlan:
    """Find the documents and check the build may replace ``out``; raise with a one-line reason if not."""
    found = discover(Path(raw))
    if found.unlisted and not found.documents:
        raise RawFolderError(f"{raw} cannot be read: {'; '.join(found.unlisted)}")
    if not found.documents:
        what = f"only {found.skipped_text()}" if found.skipped else "it is empty"
        raise RawFolderError(f"no documents to read under {raw} ({what}); govperf reads "
                             ".pdf, .docx, .xlsx, .doc and .xls")
    store = SnapshotStore(Path(out))
    store.check_out_is_usable()
    current = store.document_count()
    check_shrink(current, len(found.documents), out=Path(out), raw=Path(raw), force=force)
    return BuildPlan(raw=Path(raw), out=Path(out), discovery=found, current_documents=current)


def check_shrink(current: int | None, new: int, *, out: Path, raw: Path, force: bool) -> None:
    """Refuse to replace a dataset of ``current`` documents with one of ``new`` (under half) unless forced."""
    if force or not current or new >= current * SHRINK_FLOOR:
        return
    raise BuildRefused(
        f"refusing to replace {out} ({current} documents) with {new} document(s) from {raw}: "
        f"fewer than {SHRINK_FLOOR:.0%} of them. Check --raw, or pass --force to replace it."
    )
