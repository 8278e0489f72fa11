"""An identity a form or statement must satisfy that failed, with the cells it was computed from.

The checks (:mod:`extract.interpreters.selfeval.checks`, ``funds``, ``statements.checks``) raise an
issues row when an identity fails; they also keep the failed identity here, term by term, with each
term's cell (page, table, row, column) and the text printed in it, so that on an OCR'd page the
reading of one uncertain figure that would make the identity hold can be named
(:mod:`extract.tables.identity_readings`). These records live only while a document is read: they
are not a curated table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class IdentityKind(Enum):
    SUM = "total = sum of parts"
    RATE = "rate (%) = spent / budget x 100"


@dataclass(kw_only=True)
class Term:
    """One figure of an identity and where it is printed."""

    role: str  # what the figure is: 总分, 得分, 分值, 执行率, 全年执行数, a statement's measure ...
    value: float  # as read (in the unit the identity is computed in)
    text: str | None = None  # the cell's text as read (None: not known; looked up in the table)
    page: int | None = None
    table_index: int | None = None
    row_index: int | None = None
    column: int | None = None  # the cell's column in its table row (None: looked up by its value)


@dataclass(kw_only=True)
class FailedIdentity:
    """``SUM``: terms[0] is the total, the rest its parts; ``RATE``: terms are (rate, spent, budget)."""

    rule: str  # the rule id of the issues row the failure raised
    kind: IdentityKind
    terms: list[Term]
    tolerance: float  # the check's own tolerance, in the identity's unit
    page: int | None = None  # the page of the issues row
    table_index: int | None = None
    row_index: int | None = None
    fixed: list[float] = field(default_factory=list)  # constant parts not read from a cell (a block's 得分 missing)
