"""The dataset on disk as versioned snapshots behind one atomic switch.

``--out data/curated`` is a symbolic link to one complete snapshot folder::

    data/curated -> .curated.snapshots/20261201T020000.123456Z-3f9a1c
    data/.curated.snapshots/20261201T020000.123456Z-3f9a1c/<table>/fiscal_year=Y/part-0.parquet
    data/.curated.lock
    data/.curated.cache/            (each document's rows, for the next build: extract/cache.py)

A build writes every table into a staging folder (``.staging-<id>`` beside the snapshots),
renames it to its snapshot id, then replaces the link with one ``rename(2)``: readers
(pandas, duckdb, polars all read ``data/curated/<table>`` through the link) see the old
snapshot or the new one, every table of it, never a mix. A build killed at any point
leaves the previous snapshot whole and the link pointing at it; the next build removes
what the killed one left. The last few snapshots are kept, so a bad build can be rolled
back by pointing the link at the previous one (``govperf snapshots``).

Writers are serialised by a lock file beside the output (``.curated.lock``), whatever
``PREFECT_HOME`` each of them uses.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from model.errors import DatasetWriteError

# the environment variable a test sets to kill the build at one step of the final write
KILL_HOOK = "GOVPERF_TEST_KILL_AT"
KEEP_DEFAULT = 3
# what a folder must hold to be taken for a dataset written by an earlier govperf (before snapshots)
_LEGACY_MARKER = "documents"


def checkpoint(step: str) -> None:
    """Kill this process at ``step`` when the test hook asks for it (a crash at the worst moment)."""
    if os.environ.get(KILL_HOOK) == step:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class Snapshot:
    id: str
    path: Path
    current: bool


class SnapshotStore:
    """The snapshots of one output folder ``out`` (the path users read)."""

    def __init__(self, out: Path, keep: int = KEEP_DEFAULT) -> None:
        self.out = Path(os.path.abspath(out))
        self.root = self.out.parent / f".{self.out.name}.snapshots"
        self.lock_path = self.out.parent / f".{self.out.name}.lock"
        # each document's extracted rows, reused by the next build (extract.cache)
        self.cache_dir = self.out.parent / f".{self.out.name}.cache"
        self.keep = max(1, keep)

    # ------------------------------------------------------------------ reading
    def current(self) -> Path | None:
        """The folder readers see now (the link's target, or a pre-snapshot dataset folder), or None."""
        if self.out.is_symlink():
            target = self.out.resolve()
            return target if target.is_dir() else None
        if self.out.is_dir():
            return self.out
        return None

    def snapshots(self) -> list[Snapshot]:
        """Every complete snapshot, oldest first."""
        cur = self.current()
        if not self.root.is_dir():
            return []
        found = sorted(p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("."))
        return [Snapshot(id=p.name, path=p, current=cur is not None and p.resolve() == cur) for p in found]

    def document_count(self) -> int | None:
        """Documents in the current snapshot (None when there is no dataset yet)."""
        cur = self.current()
        if cur is None or not (cur / "documents").is_dir():
            return None
        return sum(pq.ParquetFile(f).metadata.num_rows for f in sorted((cur / "documents").rglob("*.parquet")))

    # ------------------------------------------------------------------ writing
    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the output's writer lock; a second writer waits (and says so) instead of interleaving."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock_path.open("a+") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                f.seek(0)
                holder = f.read().strip() or "another process"
                print(f"govperf: {self.out} is being written by {holder}; waiting for it", file=sys.stderr)
                fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0)
            f.truncate()
            f.write(f"pid {os.getpid()}\n")
            f.flush()
            yield

    def clean_leftovers(self) -> list[str]:
        """Remove what a killed build left (staging folders, half-made links). Call under the lock."""
        removed: list[str] = []
        if self.root.is_dir():
            for p in self.root.iterdir():
                if p.name.startswith(".staging-"):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p.name)
        for p in self.out.parent.glob(f".{self.out.name}.link-*"):
            p.unlink(missing_ok=True)
            removed.append(p.name)
        if self.out.is_dir() and not self.out.is_symlink():  # pre-snapshot layout: its own staging folders
            for p in self.out.iterdir():
                if p.name.startswith((".staging-", ".old-")):
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p.name)
        return removed

    def new_staging(self) -> Path:
        """An empty folder to write a new snapshot into."""
        self.root.mkdir(parents=True, exist_ok=True)
        now = time.time()
        sid = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}Z-" + uuid.uuid4().hex[:6]
        staging = self.root / f".staging-{sid}"
        staging.mkdir()
        return staging

    def publish(self, staging: Path) -> Path:
        """Make the staged snapshot the one readers see, in one atomic switch; prune old snapshots."""
        try:
            checkpoint("tables_written")
            snap = self.root / staging.name.removeprefix(".staging-")
            os.replace(staging, snap)
            checkpoint("snapshot_named")
            self._adopt_legacy_folder()
            self._point_at(snap)
            checkpoint("switched")
            self._fsync_dir(self.out.parent)
            self.prune()
            checkpoint("pruned")
        except OSError as exc:
            raise DatasetWriteError(f"could not publish the dataset at {self.out}: {exc}") from exc
        return snap

    def switch_to(self, snapshot_id: str) -> Path:
        """Point the output at an existing snapshot (a roll-back). Call under the lock."""
        snap = self.root / snapshot_id
        if not snap.is_dir() or snapshot_id.startswith("."):
            known = ", ".join(s.id for s in self.snapshots()) or "none"
            raise DatasetWriteError(f"no snapshot {snapshot_id!r} of {self.out} (snapshots: {known})")
        self._point_at(snap)
        return snap

    def _point_at(self, snap: Path) -> None:
        """Replace the link at ``out`` by one to ``snap``: a new link beside it, renamed over it (atomic)."""
        link = self.out.parent / f".{self.out.name}.link-{uuid.uuid4().hex[:8]}"
        os.symlink(os.path.relpath(snap, self.out.parent), link)
        checkpoint("link_made")
        os.replace(link, self.out)

    def prune(self) -> None:
        """Keep the current snapshot and the newest others, ``keep`` in all."""
        snaps = self.snapshots()
        others = [s for s in snaps if not s.current]
        excess = len(snaps) - self.keep
        for s in others[: max(0, excess)]:
            shutil.rmtree(s.path, ignore_errors=True)

    def check_out_is_usable(self) -> None:
        """Refuse early (before any reading) an --out that is a file or a folder of someone else's files."""
        self._legacy_state()

    def _legacy_state(self) -> str:
        """What stands at ``out``: "link" or "nothing" (fine), "empty" or "dataset" (a real folder govperf
        may take over); anything else raises, so a mistyped --out never replaces someone's files."""
        if self.out.is_symlink():
            return "link"
        if not self.out.exists():
            return "nothing"
        if not self.out.is_dir():
            raise DatasetWriteError(f"{self.out} exists and is not a folder; choose another --out")
        entries = [p for p in self.out.iterdir() if not p.name.startswith((".staging-", ".old-"))]
        if not entries:
            return "empty"
        if (self.out / _LEGACY_MARKER).is_dir():
            return "dataset"
        raise DatasetWriteError(
            f"{self.out} holds files that are not a govperf dataset; choose another --out (nothing was changed)"
        )

    def _adopt_legacy_folder(self) -> None:
        """A real folder at ``out`` (a dataset of govperf before snapshots) becomes a snapshot itself."""
        state = self._legacy_state()
        if state == "empty":
            shutil.rmtree(self.out)
        elif state == "dataset":
            os.replace(self.out, self.root / ("00000000T000000.000000Z-before-snapshots-" + uuid.uuid4().hex[:6]))

    @staticmethod
    def _fsync_dir(folder: Path) -> None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
