"""A large build never holds every row: results stay in the cache until their fiscal year is written,
and the files are the same as from one assembly of everything."""

from __future__ import annotations

import shutil
from pathlib import Path

from dataset.assemble import Totals, assemble, assemble_by_year
from dataset.store import write_dataset, write_parts
from extract.cache import DocumentCache
from extract.pool import Job, Limits, read_documents
from tests.conftest import sample

# three fiscal years, and one file twice under two names (one document)
DOCS = ("seed000_qingshan_2020.pdf", "seed004_hongshan_2019.pdf", "ys_2018_jiangsu_zhengxie_tables.pdf")


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def test_writing_year_by_year_gives_the_files_of_one_assembly(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in DOCS:
        shutil.copy(sample(name), raw)
    shutil.copy(sample(DOCS[0]), raw / "a_copy.pdf")
    jobs = [Job(path=p) for p in sorted(raw.iterdir())]
    cache = DocumentCache(tmp_path / "cache")
    kept = read_documents(jobs, workers=0, limits=Limits(), cache=cache)
    # the rows wait in the cache, not in memory
    assert all(k.result is None and k.entry is not None for k in kept)

    totals = Totals()
    streamed = write_parts(assemble_by_year(kept, totals), tmp_path / "streamed")
    whole = assemble([k.load() for k in kept])
    at_once = write_dataset(whole.tables, tmp_path / "at_once")
    assert _files(streamed) == _files(at_once)
    years = {p.name for p in (streamed / "documents").iterdir()}
    assert years == {"fiscal_year=2018", "fiscal_year=2019", "fiscal_year=2020"}
    assert totals.rows["documents"] == len(DOCS) == whole.tables["documents"].num_rows
    assert totals.issues_by_rule["duplicate_file"] == 1
    assert dict(totals.rows) == {k: t.num_rows for k, t in whole.tables.items()}


def test_a_year_too_large_for_one_part_is_written_in_parts_with_the_same_rows(tmp_path: Path) -> None:
    """However many documents a year holds, memory is bounded: past a number of rows the year is written in
    several files, and the dataset read back holds the same rows."""
    import pandas as pd

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):  # three distinct files of one year (a copy under another name is one document)
        data = sample(DOCS[0]).read_bytes() + f"\n% copy {i}\n".encode()
        (raw / f"{i}_{DOCS[0]}").write_bytes(data)
    kept = read_documents([Job(path=p) for p in sorted(raw.iterdir())], workers=0, limits=Limits(),
                          cache=DocumentCache(tmp_path / "cache"))
    # one disclosure published three times: none is checked against the others' tables, so they part
    assert len({(k.document.agency, k.document.report_kind) for k in kept}) == 1 and all(k.rows for k in kept)
    assert not any(k.checks_companions for k in kept)
    parts = write_parts(assemble_by_year(kept, Totals(), chunk_rows=1), tmp_path / "parts")
    whole = write_dataset(assemble([k.load() for k in kept]).tables, tmp_path / "whole")
    year = next((parts / "budgets").iterdir()).name
    assert sorted(p.name for p in (parts / "budgets" / year).iterdir()) == ["part-0.parquet", "part-1.parquet",
                                                                            "part-2.parquet"]
    for table in ("documents", "budgets", "indicators", "issues", "execution"):
        a, b = pd.read_parquet(parts / table), pd.read_parquet(whole / table)
        keys = list(a.columns)
        a = a.sort_values(keys, na_position="first").reset_index(drop=True)
        b = b.sort_values(keys, na_position="first").reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b)


def test_a_prose_file_stays_in_one_part_with_the_tables_file_it_is_checked_against(tmp_path: Path) -> None:
    """A disclosure published as a prose file and a tables file: the prose file's figures are checked
    against the other file's tables, so the two are assembled together however small the parts are;
    the rows are those of one assembly of both."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("ys_2019_jiangsu_renda_doc.pdf", "ys_2019_jiangsu_renda_tables.pdf"):
        shutil.copy(sample(name), raw)
    kept = read_documents([Job(path=p) for p in sorted(raw.iterdir())], workers=0, limits=Limits(),
                          cache=DocumentCache(tmp_path / "cache"))
    assert [k.checks_companions for k in kept] == [True, False]  # the _doc file prints no statements
    parts = write_parts(assemble_by_year(kept, Totals(), chunk_rows=1), tmp_path / "parts")
    whole = write_dataset(assemble([k.load() for k in kept]).tables, tmp_path / "whole")
    assert [p.name for p in (parts / "budgets" / "fiscal_year=2019").iterdir()] == ["part-0.parquet"]
    assert _files(parts) == _files(whole)
