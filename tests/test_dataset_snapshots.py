"""The dataset is published as snapshots behind one atomic switch: a build killed at any step of the
final write leaves every table readable as the old snapshot or the new one, never a mix; the next build
cleans what the killed one left; two writers into one output never interleave."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import IO

import pandas as pd
import pytest

from dataset.snapshots import KILL_HOOK, SnapshotStore

ROOT = Path(__file__).resolve().parent.parent

# a small build, as the build's write step does it: documents and budgets of one generation
WRITE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dataset.snapshots import SnapshotStore
    from dataset.store import to_arrow, write_dataset
    from model.records import BudgetRow, DocumentRecord
    out, gen = Path(sys.argv[1]), sys.argv[2]
    docs = [DocumentRecord(doc_id=f"{gen}-{i}", raw_path=f"{gen}/{i}.pdf", fiscal_year=2020 + i % 2)
            for i in range(4)]
    budgets = [BudgetRow(doc_id=d.doc_id, page=1, source="table", scope="department", measure="合计",
                         amount_wan=1.0, amount_raw="1", unit_raw="万元") for d in docs]
    tables = {"documents": to_arrow("documents", docs), "budgets": to_arrow("budgets", budgets)}
    store = SnapshotStore(out)
    with store.lock():  # as a build does: lock, clean what a killed build left, write
        store.clean_leftovers()
        write_dataset(tables, out)
    """
)

STEPS = ("tables_written", "snapshot_named", "link_made", "switched", "pruned")


def _write(out: Path, gen: str, kill_at: str | None = None) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(KILL_HOOK, None)
    if kill_at:
        env[KILL_HOOK] = kill_at
    return subprocess.run([sys.executable, "-c", WRITE, str(out), gen], env=env, timeout=120).returncode


def _generations(out: Path) -> set[str]:
    """Which build each table's rows come from, read as users read them (pandas, through the link)."""
    gens = set()
    for table in ("documents", "budgets"):
        df = pd.read_parquet(out / table)
        gens |= {d.split("-")[0] for d in df["doc_id"]}
    return gens


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_of_the_write_leaves_old_or_new_never_a_mix(tmp_path: Path, step: str) -> None:
    out = tmp_path / "curated"
    assert _write(out, "old") == 0
    assert _generations(out) == {"old"}
    rc = _write(out, "new", kill_at=step)
    assert rc == -9, "the hook kills the writer"
    seen = _generations(out)
    assert seen in ({"old"}, {"new"}), f"killed at {step}: tables from {seen}"
    # the next build cleans up and publishes
    assert _write(out, "next") == 0
    assert _generations(out) == {"next"}
    store = SnapshotStore(out)
    assert not [p for p in store.root.iterdir() if p.name.startswith(".staging-")]
    assert not list(out.parent.glob(".curated.link-*"))


def test_readers_see_the_output_folder_as_before(tmp_path: Path) -> None:
    out = tmp_path / "curated"
    assert _write(out, "a") == 0
    assert out.is_symlink() and (out / "documents" / "fiscal_year=2020").is_dir()
    assert sorted(pd.read_parquet(out / "documents")["doc_id"]) == ["a-0", "a-1", "a-2", "a-3"]


def test_old_snapshots_are_pruned_and_the_previous_one_is_kept_for_a_rollback(tmp_path: Path) -> None:
    out = tmp_path / "curated"
    for gen in ("a", "b", "c", "d", "e"):
        assert _write(out, gen) == 0
    store = SnapshotStore(out)
    snaps = store.snapshots()
    assert len(snaps) == 3 and snaps[-1].current
    with store.lock():
        store.switch_to(snaps[-2].id)
    assert _generations(out) == {"d"}


def test_a_dataset_written_before_snapshots_becomes_a_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "curated"
    (out / "documents" / "fiscal_year=2020").mkdir(parents=True)
    (out / ".staging-0123").mkdir()  # what the old writer left when killed
    assert _write(out, "new") == 0
    assert out.is_symlink()
    ids = [s.id for s in SnapshotStore(out).snapshots()]
    assert any("before-snapshots" in i for i in ids), ids


def test_an_output_folder_of_other_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert _write(out, "new") != 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not out.is_symlink()


def _line_with(stream: IO[str], word: str, seconds: float) -> str | None:
    """The first line of ``stream`` holding ``word`` within ``seconds`` (None at end of stream or time)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([stream], [], [], left)
        if not ready:
            return None
        line = stream.readline()
        if not line:
            return None
        if word in line:
            return line
    return None


def test_two_writers_into_one_output_take_turns(tmp_path: Path) -> None:
    """The lock lives beside the output, whatever PREFECT_HOME each writer uses. The first writer holds
    it until the test lets go, so the second one's waiting is seen however slowly it starts."""
    out = tmp_path / "curated"
    hold = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from dataset.snapshots import SnapshotStore
        with SnapshotStore(Path(sys.argv[1])).lock():
            print("locked", flush=True)
            sys.stdin.readline()  # held until the test lets go
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home1")}
    holder = subprocess.Popen([sys.executable, "-c", hold, str(out)], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    waiter: subprocess.Popen[str] | None = None
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        env2 = {**env, "PREFECT_HOME": str(tmp_path / "home2")}
        waiter = subprocess.Popen([sys.executable, "-c", WRITE, str(out), "w"], env=env2, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        assert waiter.stderr is not None
        assert _line_with(waiter.stderr, "waiting", 120) is not None, "the second writer did not wait"
        assert waiter.poll() is None, "the second writer finished while the first held the lock"
        assert holder.stdin is not None
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.wait(timeout=60) == 0
        waiter.communicate(timeout=120)
        assert waiter.returncode == 0
    finally:
        for proc in (holder, waiter):
            if proc is not None:
                proc.kill()
                proc.wait()
