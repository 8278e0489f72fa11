"""Self-evaluation grades (优/良/中/差) and their score bands (data: normalize/data/grades.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from normalize.text import fold

_DATA = Path(__file__).parent / "data" / "grades.yaml"


@lru_cache(maxsize=1)
def _vocab() -> dict[str, object]:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def canonical_grade(raw: str | None) -> str | None:
    s = fold(raw)
    if not s:
        return None
    bands = [b["grade"] for b in _vocab()["bands"]]  # type: ignore[attr-defined]
    if s in bands:
        return s
    syn = (_vocab()["synonyms"] or {}).get(s)  # type: ignore[attr-defined]
    return str(syn) if syn else None


def grade_for_score(score: float, max_score: float = 100.0) -> str:
    """The band a score falls in (scaled to 100 when the form's maximum differs)."""
    pct = score * 100.0 / max_score if max_score else score
    for band in _vocab()["bands"]:  # type: ignore[attr-defined]
        if pct >= float(band["min"]):
            return str(band["grade"])
    return str(_vocab()["bands"][-1]["grade"])  # type: ignore[index]
