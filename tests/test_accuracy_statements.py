"""Recall of the statement reader on the real 部门预算/部门决算 samples against their golds."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from gold_matching import Tally, tally_doc

from extract.interpreters.statements.read import read_statements
from extract.sources.pdf import read_pdf_text
from extract.sources.sniff import sha256_of
from extract.tables.pdfplumber import read_tables
from extract.tables.stitch import stitch
from model.document import DocInput

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw" / "samples"
GOLDS = sorted((ROOT / "tests" / "gold" / "real").glob("*.gold.json"))


def _read(pdf: Path) -> DocInput:
    return DocInput(doc_id=sha256_of(pdf), path=pdf, file_type="pdf", pages=read_pdf_text(pdf).pages,
                    tables=stitch(read_tables(pdf)))


@pytest.fixture(scope="module")
def results() -> list[tuple[str, int, int, int, int]]:
    out = []
    for gp in GOLDS:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        ext = read_statements(_read(SAMPLES / gold["file"]))
        t = Tally()
        tally_doc("budgets", gold, [asdict(b) for b in ext.budgets], t)
        checked, held = ext.identities_checked, ext.identities_held
        out.append((gold["file"], t.found, t.gold, checked, held))
    return out


def test_statement_recall_on_real_documents(results: list[tuple[str, int, int, int, int]]) -> None:
    assert len(results) == len(GOLDS) > 0
    found = sum(r[1] for r in results)
    total = sum(r[2] for r in results)
    assert total > 0
    assert found / total >= 0.98, [r for r in results if r[1] < r[2]]


def test_statement_identities_hold_on_real_documents(results: list[tuple[str, int, int, int, int]]) -> None:
    assert len(results) == len(GOLDS) > 0
    checked = sum(r[3] for r in results)
    held = sum(r[4] for r in results)
    assert checked > 0
    assert held / checked >= 0.99
