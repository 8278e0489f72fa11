"""Everyday use is safe: a typo never wipes the dataset, skipped files are counted, odd file names and
unreadable files are recorded, exports do what their names say, and failures look like failures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dataset.snapshots import SnapshotStore
from dataset.store import to_arrow, write_dataset
from govperf.cli import main
from model.records import DocumentRecord
from tests.conftest import sample


def _dataset_of(out: Path, n_docs: int) -> list[str]:
    """A published dataset of ``n_docs`` documents (no reading needed); returns its doc_ids."""
    docs = [DocumentRecord(doc_id=f"{i:064x}", raw_path=f"old/{i}.pdf", fiscal_year=2020) for i in range(n_docs)]
    store = SnapshotStore(out)
    with store.lock():
        write_dataset({"documents": to_arrow("documents", docs)}, out, store)
    return [d.doc_id for d in docs]


def _doc_ids(out: Path) -> list[str]:
    return sorted(pd.read_parquet(out / "documents")["doc_id"])


@pytest.mark.parametrize("kind", ["missing", "empty", "only_other_files"])
def test_a_raw_folder_without_documents_is_refused_and_the_dataset_untouched(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "curated"
    before = _dataset_of(out, 4)
    raw = tmp_path / "raw"
    if kind != "missing":
        raw.mkdir()
    if kind == "only_other_files":
        (raw / "notes.txt").write_text("x", encoding="utf-8")
        (raw / "list.csv").write_text("x", encoding="utf-8")
        (raw / "more.txt").write_text("x", encoding="utf-8")
    assert main(["build", "--raw", str(raw), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("govperf build: ")
    if kind == "missing":
        assert "does not exist" in err[0]
    if kind == "only_other_files":
        assert "only 2 *.txt, 1 *.csv" in err[0]
    assert _doc_ids(out) == before


def test_a_build_that_would_shrink_the_dataset_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "curated"
    before = _dataset_of(out, 6)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sample("seed001_changning_2020.pdf"), raw)
    assert main(["build", "--raw", str(raw), "--out", str(out), "-q"]) == 2
    assert "refusing to replace" in capsys.readouterr().err
    assert _doc_ids(out) == before
    assert main(["build", "--raw", str(raw), "--out", str(out), "-q", "--force"]) == 0
    assert len(_doc_ids(out)) == 1
    # the replaced dataset is still there as the previous snapshot
    assert len(SnapshotStore(out).snapshots()) == 2


def test_odd_names_unreadable_files_and_own_exports_are_recorded_or_skipped(
    tmp_path: Path, built: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    gbk_name = os.fsdecode("预算公开".encode("gbk") + b".pdf")  # a GBK name, as zip tools and servers write
    shutil.copy(sample("seed001_changning_2020.pdf"), raw / gbk_name)
    (raw / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")  # listed, but cannot be opened
    assert main(["export", "documents", "--curated", str(built["out"]), "-o", str(raw / "documents.xlsx")]) == 0
    out = tmp_path / "curated"
    assert main(["build", "--raw", str(raw), "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "skipped files: 1 govperf export" in printed
    docs = pd.read_parquet(out / "documents").set_index("status")
    assert sorted(docs.index) == ["failed", "ok"]
    ok = docs.loc["ok"]
    assert ok["raw_path"].endswith("预算公开.pdf")
    assert ok["raw_path_bytes"].endswith("预算公开".encode("gbk") + b".pdf")
    assert docs.loc["failed"]["raw_path"].endswith("gone.pdf")
    issues = pd.read_parquet(out / "issues")
    assert {"file_unreadable", "file_name_not_utf8"} <= set(issues["rule"])


def test_a_damaged_pdf_that_still_opens_carries_a_warning(tmp_path: Path) -> None:
    from extract.document import read_document

    good = sample("seed000_qingshan_2020.pdf").read_bytes()
    damaged = bytearray(good)
    for i in range(len(good) // 3, len(good) // 3 + 400, 97):  # a few flipped bytes inside the content
        damaged[i] ^= 0xFF
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(damaged))
    res = read_document(path)
    rules = [i.rule for i in res.extraction.issues]
    assert res.document.status == "failed" or "pdf_structure_repaired" in rules
    clean = read_document(sample("seed000_qingshan_2020.pdf"))
    assert "pdf_structure_repaired" not in [i.rule for i in clean.extraction.issues]


def test_export_takes_the_format_from_the_extension(built: dict[str, object], tmp_path: Path) -> None:
    target = tmp_path / "docs.xlsx"
    assert main(["export", "documents", "--curated", str(built["out"]), "-o", str(target)]) == 0
    assert target.read_bytes()[:2] == b"PK"
    assert len(pd.read_excel(target)) == len(pd.read_parquet(Path(str(built["out"])) / "documents"))
    assert main(["export", "documents", "--curated", str(built["out"]), "-o", str(tmp_path / "d.ods")]) == 2


def test_export_writes_to_standard_output(built: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "scores", "--curated", str(built["out"]), "-o", "-"]) == 0
    out = capsys.readouterr().out
    # the figures first, the provenance (doc_id, page) last; text quoted so codes stay text
    header = out.splitlines()[0].split(",")
    assert header[:2] == ['"fiscal_year"', '"agency"']
    assert header.index('"doc_id"') > header.index('"score"') and header.index('"page"') > header.index('"score"')
    assert not Path("-").exists()


def test_export_accepts_several_years_and_names_what_is_there_when_nothing_matches(
    built: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "d.csv"
    curated = str(built["out"])
    assert main(["export", "documents", "--curated", curated, "-o", str(target), "--year", "2019",
                 "--year", "2020"]) == 0
    assert set(pd.read_csv(target)["fiscal_year"]) == {2019, 2020}
    capsys.readouterr()
    assert main(["export", "documents", "--curated", curated, "-o", str(tmp_path / "e.csv"), "--year", "1999"]) == 2
    err = capsys.readouterr().err
    assert "no documents rows for year 1999" in err and "2019" in err and "2020" in err
    assert not (tmp_path / "e.csv").exists()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("govperf 0.")
