"""Incremental builds: each document's rows are kept by (sha256, name, extractor version); a build
with nothing new reads no document and writes the same dataset; one new report costs one report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.cache import DocumentCache, extractor_version
from extract.document import read_document
from extract.pool import Job, stopped_result
from govperf.cli import main
from tests.conftest import sample


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def test_an_unchanged_rebuild_reads_nothing_and_one_new_report_costs_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    for name in ("seed001_changning_2020.pdf", "ys_2019_jiangsu_renda_tables.pdf"):
        shutil.copy(sample(name), raw)
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    assert "read: 2 document(s), 0 from the cache" in capsys.readouterr().out
    first = _files(out)

    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    assert "read: 0 document(s), 2 from the cache" in capsys.readouterr().out
    assert _files(out) == first  # byte for byte

    shutil.copy(sample("seed004_hongshan_2019.pdf"), raw)
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    assert "read: 1 document(s), 2 from the cache" in capsys.readouterr().out

    assert main(["-q", "build", "--raw", str(raw), "--out", str(out), "--rebuild"]) == 0
    assert "read: 3 document(s), 0 from the cache" in capsys.readouterr().out


def test_a_moved_file_keeps_its_rows_and_gets_its_new_path(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "cache")
    src = sample("seed001_changning_2020.pdf")
    res = read_document(src)
    cache.put(src, res)
    moved = tmp_path / "elsewhere" / src.name
    moved.parent.mkdir()
    shutil.copy(src, moved)
    hit = cache.get(res.document.doc_id, moved, "http://127.0.0.1/x.pdf")
    assert hit is not None and hit.document.raw_path == moved.as_posix()
    assert hit.document.source_url == "http://127.0.0.1/x.pdf"
    assert len(hit.extraction.budgets) == len(res.extraction.budgets)


def test_the_cache_is_never_trusted_across_versions(tmp_path: Path) -> None:
    src = sample("seed001_changning_2020.pdf")
    res = read_document(src)
    old = DocumentCache(tmp_path, version="0000000000000000")
    old.put(src, res)
    new = DocumentCache(tmp_path)
    assert new.version == extractor_version() != old.version
    assert new.get(res.document.doc_id, src, None) is None
    assert new.drop_other_versions() == ["0000000000000000"]
    assert not (tmp_path / "0000000000000000").exists()


def test_a_document_stopped_by_a_limit_is_read_again_next_time(tmp_path: Path) -> None:
    src = sample("seed001_changning_2020.pdf")
    cache = DocumentCache(tmp_path)
    stopped = stopped_result(Job(path=src), "time_limit_exceeded", "reading took longer than the limit")
    cache.put(src, stopped)
    assert cache.get(stopped.document.doc_id, src, None) is None


def test_a_build_of_unchanged_inputs_writes_nothing_and_needs_no_prefect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The nightly case: nothing new. The build says so from the snapshot it already has, without
    starting Prefect (an API address nothing listens on would fail any flow run), and keeps the snapshot."""
    raw, out = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    shutil.copy(sample("seed001_changning_2020.pdf"), raw)
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    written = capsys.readouterr().out
    snapshot = out.resolve()

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # the discard port: no server
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    again = capsys.readouterr().out
    assert "read: 0 document(s), 1 from the cache" in again
    assert "unchanged" in again and out.resolve() == snapshot
    # what it says of the dataset is what the build that wrote it said
    assert [x for x in again.splitlines() if x.startswith("rows:")] == [
        x for x in written.splitlines() if x.startswith("rows:")]


def test_a_changed_or_new_input_is_never_taken_for_unchanged(tmp_path: Path) -> None:
    from dataset.inputs import build_inputs, current_inputs
    from dataset.snapshots import SnapshotStore

    raw, out = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    shutil.copy(sample("seed001_changning_2020.pdf"), raw)
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    docs = sorted(raw.glob("*.pdf"))
    kept = current_inputs(SnapshotStore(out))
    assert kept == build_inputs(docs, {}, ocr=True)
    assert kept != build_inputs(docs, {}, ocr=False)  # --no-ocr reads scanned pages differently
    assert kept != build_inputs(docs, {str(docs[0].resolve()): "http://127.0.0.1/a.pdf"}, ocr=True)
    (raw / docs[0].name).write_bytes(sample("seed004_hongshan_2019.pdf").read_bytes())  # same name, new bytes
    assert kept != build_inputs(docs, {}, ocr=True)


def test_a_stopped_document_makes_the_next_build_read_it_again(tmp_path: Path) -> None:
    """A document stopped by a limit is not cached, so the same inputs still need a build."""
    from dataset.inputs import build_inputs, unchanged_snapshot
    from dataset.snapshots import SnapshotStore

    raw, out = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    shutil.copy(sample("seed001_changning_2020.pdf"), raw)
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    store, docs = SnapshotStore(out), sorted(raw.glob("*.pdf"))
    inputs = build_inputs(docs, {}, ocr=True)
    assert unchanged_snapshot(store, docs, inputs, DocumentCache(store.cache_dir)) == out.resolve()
    assert unchanged_snapshot(store, docs, inputs, DocumentCache(store.cache_dir, reuse=False)) is None  # --rebuild
    shutil.rmtree(store.cache_dir)  # as if its reading had been stopped: nothing kept for it
    assert unchanged_snapshot(store, docs, inputs, DocumentCache(store.cache_dir)) is None


def test_one_new_report_rewrites_only_its_year_and_the_dataset_is_the_same_as_a_full_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A nightly build that finds one new report of 2020 keeps 2019's files from the snapshot it replaces
    (linked, not assembled again), and the dataset is byte for byte what a full build writes."""
    raw, out, full = tmp_path / "raw", tmp_path / "curated", tmp_path / "full"
    raw.mkdir()
    for name in ("seed001_changning_2020.pdf", "seed004_hongshan_2019.pdf"):  # 2020 and 2019
        shutil.copy(sample(name), raw)
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    capsys.readouterr()
    before = out.resolve()
    shutil.copy(sample("seed003_panzhihua_2020.pdf"), raw)  # one more report of 2020
    assert main(["-q", "build", "--raw", str(raw), "--out", str(out)]) == 0
    nightly = capsys.readouterr().out
    after = out.resolve()
    assert after != before

    def inodes(snapshot: Path, year: int) -> set[int]:
        return {p.stat().st_ino for p in snapshot.glob(f"*/fiscal_year={year}/*.parquet")}

    assert inodes(after, 2019) and inodes(after, 2019) == inodes(before, 2019)  # the same files
    assert not inodes(after, 2020) & inodes(before, 2020)  # written again: it has a new report

    assert main(["-q", "build", "--raw", str(raw), "--out", str(full), "--rebuild"]) == 0
    rebuilt = capsys.readouterr().out
    assert _files(out) == _files(full)
    assert (after / "years.json").read_bytes() == (full.resolve() / "years.json").read_bytes()
    assert [x for x in nightly.splitlines() if x.startswith(("rows:", "issues"))] == [
        x for x in rebuilt.splitlines() if x.startswith(("rows:", "issues"))]
