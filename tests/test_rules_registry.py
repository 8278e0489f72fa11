"""Every issues row names a rule listed in model/data/rules.yaml, and the README lists them all."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from model.records import IssueRow
from model.rules import UnknownRuleError, rules

ROOT = Path(__file__).resolve().parent.parent


def test_an_unlisted_rule_is_refused() -> None:
    with pytest.raises(UnknownRuleError):
        IssueRow(doc_id="d" * 64, page=1, rule="some_new_rule", severity="warning", message="x")


def test_an_unknown_severity_is_refused() -> None:
    with pytest.raises(ValueError):
        IssueRow(doc_id="d" * 64, page=1, rule="masked_value", severity="fatal", message="x")


def test_the_built_issues_use_listed_rules(built: dict[str, object]) -> None:
    issues = pd.read_parquet(Path(str(built["out"])) / "issues")
    assert set(issues["rule"]) <= set(rules())


def test_the_readme_lists_every_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [r for r in rules() if f"`{r}`" not in readme]
    assert not missing
