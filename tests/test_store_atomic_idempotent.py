"""The writer: the same inputs give the same files; a failed write leaves the previous dataset whole."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import dataset.store as store
from dataset.assemble import assemble
from extract.document import read_document
from model.errors import DatasetWriteError
from tests.conftest import sample

DOCS = ("seed000_qingshan_2020.pdf", "ys_2018_jiangsu_zhengxie_tables.pdf")


def _build(out: Path) -> None:
    results = [read_document(sample(n)) for n in DOCS]
    store.write_dataset(assemble(results).tables, out)


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def test_building_twice_gives_identical_files(tmp_path: Path) -> None:
    out = tmp_path / "curated"
    _build(out)
    first = _files(out)
    _build(out)
    assert _files(out) == first
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_the_same_file_twice_is_one_document(tmp_path: Path) -> None:
    a = tmp_path / "a.pdf"
    b = tmp_path / "copy_of_a.pdf"
    a.write_bytes(sample(DOCS[0]).read_bytes())
    b.write_bytes(sample(DOCS[0]).read_bytes())
    asm = assemble([read_document(a), read_document(b)])
    assert asm.tables["documents"].num_rows == 1
    assert "duplicate_file" in asm.issues_by_rule


def test_a_failed_write_keeps_the_previous_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "curated"
    _build(out)
    before = _files(out)
    real = store._write_table
    calls = {"n": 0}

    def failing(t: object, folder: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real(t, folder)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_write_table", failing)
    with pytest.raises(DatasetWriteError):
        _build(out)
    assert _files(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert len(pd.read_parquet(out / "documents")) == len(DOCS)
