"""How many distinct printed indicator names map to how many canonical names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from normalize.indicator_names import canonical_name


@dataclass
class NameMappingReport:
    raw_names: int  # distinct names as printed (white space removed)
    canonical_names: int  # distinct name_canonical
    merged: dict[str, list[str]] = field(default_factory=dict)  # canonical -> its raw variants (>1 only)


def name_mapping_report(names: Iterable[str]) -> NameMappingReport:
    groups: dict[str, set[str]] = {}
    raws: set[str] = set()
    for raw in names:
        printed = "".join((raw or "").split())
        if not printed:
            continue
        raws.add(printed)
        groups.setdefault(canonical_name(raw), set()).add(printed)
    merged = {c: sorted(v) for c, v in groups.items() if len(v) > 1}
    return NameMappingReport(raw_names=len(raws), canonical_names=len(groups), merged=merged)
