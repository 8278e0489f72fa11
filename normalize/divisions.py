"""Administrative region of an agency from its name (province / city / district).

Reads the shipped table ``data/divisions.tsv`` (see its header for the source). The
agency name is scanned left to right for division names; a name found later must lie
inside the one found before it (武汉市…青山区 -> 湖北省/武汉市/青山区, not 包头市's 青山区).
For 直辖市 (上海市普陀区…) the city stays empty, as for 省直辖县级 divisions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_TSV = Path(__file__).with_name("data") / "divisions.tsv"


@dataclass(frozen=True)
class Region:
    province: str | None = None
    city: str | None = None
    district: str | None = None


@dataclass(frozen=True)
class _Division:
    adcode: str
    name: str
    level: str  # province, city, district
    province: str
    city: str
    district: str


@lru_cache(maxsize=1)
def _table() -> dict[str, list[_Division]]:
    by_name: dict[str, list[_Division]] = {}
    with _TSV.open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        d = _Division(r["adcode"], r["name"], r["level"], r["province"], r["city"], r["district"])
        by_name.setdefault(d.name, []).append(d)
    return by_name


@lru_cache(maxsize=1)
def _max_len() -> int:
    return max(len(n) for n in _table())


def _inside(child: _Division, parent: _Division) -> bool:
    if parent.level == "province":
        return child.adcode[:2] == parent.adcode[:2]
    if parent.level == "city":
        return child.adcode[:4] == parent.adcode[:4]
    return False


def _matches(agency: str) -> list[list[_Division]]:
    """Division names in ``agency``, left to right, longest name first at each position."""
    table = _table()
    found: list[list[_Division]] = []
    i = 0
    while i < len(agency):
        for n in range(min(_max_len(), len(agency) - i), 1, -1):
            cands = table.get(agency[i : i + n])
            if cands:
                found.append(cands)
                i += n
                break
        else:
            i += 1
    return found


def locate(agency: str) -> Region:
    """The region an agency name names: 武汉市公安局青山区交通大队 -> 湖北省 / 武汉市 / 青山区."""
    chain: list[_Division] = []
    for cands in _matches(agency or ""):
        if chain:
            inner = [c for c in cands if _inside(c, chain[-1])]
            if inner:
                chain.append(inner[0])
            continue
        if len(cands) == 1:
            chain.append(cands[0])
        else:
            top = [c for c in cands if c.level in ("province", "city")]
            if len(top) == 1:
                chain.append(top[0])
        if chain and chain[-1].level == "district":
            break
    if not chain:
        return Region()
    last = chain[-1]
    return Region(
        province=last.province or None,
        city=last.city or None,
        district=last.district or None,
    )
