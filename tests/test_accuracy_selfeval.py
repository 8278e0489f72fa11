"""Accuracy over the dev PDFs against the gold copies in tests/gold/dev: the bar of issue 3, F1 >= 0.97.

Each PDF is read as the build reads it (every reader, prose reconciled with tables). Budgets: the
gold rows that come from tables (source table; prose figures have their own test). Scores: the full
gold, including scores stated only in prose.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from gold_matching import Tally, tally_doc

from extract.document import read_document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "dev"
SAMPLES = ROOT / "data" / "raw" / "samples"
BAR = 0.97


@pytest.fixture(scope="module")
def tallies() -> dict[str, Tally]:
    golds = sorted(GOLD.glob("*.gold.json"))
    assert golds, "no dev gold"
    out = {t: Tally() for t in ("indicators", "budgets", "scores")}
    for gp in golds:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        ex = read_document(SAMPLES / gold["file"]).extraction
        rows = {
            "indicators": [asdict(r) for r in ex.indicators],
            "budgets": [asdict(r) for r in ex.budgets],
            "scores": [asdict(r) for r in ex.scores],
        }
        for t in out:
            tally_doc(t, gold, rows[t], out[t])
    return out


def _report(t: Tally) -> str:
    return (
        f"recall {t.recall:.3f} ({t.found}/{t.gold}) precision {t.precision:.3f} ({t.right}/{t.out}) "
        f"F1 {t.f1:.3f}"
    )


def test_indicators_f1(tallies: dict[str, Tally]) -> None:
    t = tallies["indicators"]
    assert t.f1 >= BAR, _report(t)


def test_budgets_from_tables_f1(tallies: dict[str, Tally]) -> None:
    t = tallies["budgets"]
    assert t.f1 >= BAR, _report(t)


def test_scores_f1(tallies: dict[str, Tally]) -> None:
    t = tallies["scores"]
    assert t.f1 >= BAR, _report(t)
