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
