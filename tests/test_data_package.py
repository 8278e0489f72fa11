"""The dataset describes itself: datapackage.json valid under frictionless, descriptions in the files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq

from model.schema import TABLES, column_doc, dictionary

ROOT = Path(__file__).resolve().parent.parent


def test_every_column_is_described() -> None:
    for table, schema in TABLES.items():
        assert dictionary()[table]["description"], table
        for f in schema:
            text, _unit = column_doc(table, f.name)
            assert text.strip(), (table, f.name)
        described = set(dictionary()[table]["columns"])
        assert described == {f.name for f in schema}, table  # nothing described that is not written


def test_each_parquet_file_carries_the_descriptions(built: dict[str, object]) -> None:
    f = next((Path(str(built["out"])) / "budgets").glob("fiscal_year=*/*.parquet"))
    schema = pq.read_schema(f)
    assert schema.field("amount_wan").metadata[b"unit"] == "万元".encode()
    assert b"description" in schema.field("line_code").metadata
    assert schema.metadata[b"description"]


def test_the_data_package_is_in_the_snapshot_and_valid(built: dict[str, object]) -> None:
    from frictionless import validate

    out = Path(str(built["out"]))
    assert out.is_symlink()
    path = out.resolve() / "datapackage.json"  # written into the snapshot, not beside the link
    assert path.exists() and not (out.parent / "datapackage.json").exists()
    desc = json.loads(path.read_text(encoding="utf-8"))
    assert {r["name"] for r in desc["resources"]} == set(TABLES)
    budgets = next(r for r in desc["resources"] if r["name"] == "budgets")
    amount = next(f for f in budgets["schema"]["fields"] if f["name"] == "amount_wan")
    assert amount["type"] == "number" and amount["unit"] == "万元"
    assert budgets["schema"]["foreignKeys"][0]["reference"] == {"resource": "documents", "fields": "doc_id"}
    report = validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:10]


def test_the_readme_cites_the_contract_that_is_in_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(SCHEMA.md)" in readme and (ROOT / "SCHEMA.md").exists()


def test_every_contract_column_is_written() -> None:
    contract = (ROOT / "SCHEMA.md").read_text(encoding="utf-8").split("\n---\n")[0]
    for block in re.split(r"^## ", contract, flags=re.M)[1:]:
        table = block.split()[0]
        for line in block.splitlines():
            m = re.match(r"^\| ([a-z_, ]+) \|", line)
            if not m or m.group(1).strip() == "column":
                continue
            for col in (c.strip() for c in m.group(1).split(",")):
                assert col in TABLES[table].names, (table, col)
