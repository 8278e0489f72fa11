"""The documents table of a full build over the shipped samples: one exact row per file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from model.schema import SCHEMA_VERSION, TABLES

# written from the documents themselves (cover/title, page count as the PDF viewer shows it)
EXPECTED = {
    "seed000_qingshan_2020.pdf": ("武汉市公安局青山区交通大队", 2020, "department_self_evaluation", 6),
    "seed001_changning_2020.pdf": ("常宁市公安局交通警察大队", 2020, "evaluation_report", 7),
    "seed002_qujing_2022.pdf": ("曲靖市公安局交通警察支队", 2022, "department_self_evaluation", 24),
    "seed003_panzhihua_2020.pdf": ("攀枝花市公安局交通警察支队", 2020, "final_accounts", 16),
    "seed004_hongshan_2019.pdf": ("武汉市公安局洪山区分局", 2019, "project_self_evaluation", 14),
    "jues_2024_shanghai_putuo_guihuaziran.pdf": ("上海市普陀区规划和自然资源局", 2024, "final_accounts", 30),
    "ys_2018_jiangsu_zhengxie_doc.pdf": ("江苏省政协办公厅", 2018, "budget", 17),
    "ys_2018_jiangsu_zhengxie_tables.pdf": ("江苏省政协办公厅", 2018, "budget", 12),
    "ys_2019_jiangsu_renda_doc.pdf": ("江苏省人大常委会办公厅", 2019, "budget", 19),
    "ys_2019_jiangsu_renda_tables.pdf": ("江苏省人大常委会办公厅", 2019, "budget", 13),
    "ys_2024_shanghai_putuo_wanlijiedao.pdf": ("上海市普陀区人民政府万里街道办事处", 2024, "budget", 33),
    "ys_2025_shanghai_putuo_caizhengju_dept.pdf": ("上海市普陀区财政局", 2025, "budget", 24),
    "ys_2025_shanghai_putuo_shangwuwei_unit.pdf": ("上海市普陀区商务委员会", 2025, "budget", 22),
}


@pytest.fixture(scope="module")
def documents(built: dict[str, object]) -> pd.DataFrame:
    return pd.read_parquet(Path(str(built["out"])) / "documents")


def test_every_sample_has_one_row_keyed_by_its_sha256(
    documents: pd.DataFrame, built: dict[str, object]
) -> None:
    raw = Path(str(built["raw"]))
    ok = documents[documents["raw_path"].str.contains("/samples/")]
    assert sorted(Path(p).name for p in ok["raw_path"]) == sorted(EXPECTED)
    for _, row in ok.iterrows():
        data = (raw / "samples" / Path(row["raw_path"]).name).read_bytes()
        assert row["doc_id"] == hashlib.sha256(data).hexdigest()
    assert documents["doc_id"].is_unique


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_metadata_is_exact(documents: pd.DataFrame, name: str) -> None:
    agency, year, kind, pages = EXPECTED[name]
    row = documents[documents["raw_path"].str.endswith("/" + name)].iloc[0]
    assert (row["agency"], int(row["fiscal_year"]), row["report_kind"], int(row["pages"])) == (
        agency,
        year,
        kind,
        pages,
    )
    assert row["status"] in ("ok", "partial")
    assert row["extractor_version"]


def test_every_table_is_written_with_its_schema_and_version(built: dict[str, object]) -> None:
    out = Path(str(built["out"]))
    for name, schema in TABLES.items():
        files = sorted((out / name).glob("fiscal_year=*/*.parquet"))
        assert files, name
        got = pq.read_schema(files[0])
        assert got.metadata[b"schema_version"].decode() == SCHEMA_VERSION
        assert [f.name for f in got] == [f.name for f in schema if f.name != "fiscal_year"]


def test_fiscal_year_partitions_prune(built: dict[str, object]) -> None:
    out = Path(str(built["out"]))
    df = pd.read_parquet(out / "documents", filters=[("fiscal_year", "==", 2020)])
    assert sorted(df["agency"]) == sorted(a for a, y, _, _ in EXPECTED.values() if y == 2020)


def test_summary_counts_what_was_written(built: dict[str, object]) -> None:
    s = built["summary"]
    out = Path(str(built["out"]))
    for name in TABLES:
        assert s.rows[name] == len(pd.read_parquet(out / name)), name  # type: ignore[attr-defined]
    assert s.documents == len(EXPECTED) + 5  # type: ignore[attr-defined]
