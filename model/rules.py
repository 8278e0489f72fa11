"""The registry of issues rule ids (data/rules.yaml): every IssueRow names a listed rule."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from model.errors import GovperfError

_RULES_FILE = Path(__file__).with_name("data") / "rules.yaml"


class UnknownRuleError(GovperfError):
    """Code emitted an issues row with a rule id that data/rules.yaml does not list."""


@lru_cache(maxsize=1)
def rules() -> dict[str, str]:
    """Rule id -> what it finds."""
    data = yaml.safe_load(_RULES_FILE.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def check_rule(rule: str) -> None:
    if rule not in rules():
        raise UnknownRuleError(f"issues rule {rule!r} is not listed in {_RULES_FILE.name}; add it there first")
