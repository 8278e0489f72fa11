"""Canonical agency names: the full name as printed on the cover, title or 部门名称 cell.

Folds width and white space, drops stamps and brackets around the name (（盖章）) and an agency
code printed before it (219003-临溪县人民政府办公室), and maps
known short or informal names through the reviewed alias table ``data/agency_aliases.tsv``.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from normalize.text import fold

_ALIASES = Path(__file__).with_name("data") / "agency_aliases.tsv"
_STAMP = re.compile(r"[（(](单位)?(盖章|公章|签章)[)）]")
# an agency code printed before the name (219-临溪县人民政府, 219003-临溪县人民政府办公室, [307]石门县…)
_CODE = re.compile(r"^(?:\d{2,12}(?:[-－—_.、]|(?![年月日号届\d]))|[\[【(（]\d{2,12}[\]】)）])(?=\D)")
_EDGE = re.compile(r"^[\s:：，,。.、;；“”\"'‘’《》]+|[\s:：，,。.、;；“”\"'‘’《》]+$")


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    with _ALIASES.open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    return {r["alias"]: r["canonical"] for r in csv.DictReader(lines, delimiter="\t")}


def clean_agency(raw: str) -> str:
    """Whitespace, width and stamps folded; no alias lookup."""
    s = fold(raw)
    s = _STAMP.sub("", s)
    s = _EDGE.sub("", s)
    return _CODE.sub("", s)


def canonical_agency(raw: str) -> str:
    s = clean_agency(raw)
    return _aliases().get(s, s)
