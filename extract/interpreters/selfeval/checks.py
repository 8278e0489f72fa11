"""Cross-checks of one self-evaluation form -> IssueRow (stable rule ids).

- score_sum_equals_total: the 得分 of the indicators (plus the fund block's 得分) add up to 总分;
- weight_sum_equals_100: the 分值 add up to the form's maximum (100) where the form has 分值;
  both count, beside the indicators and the fund block, the rows of a score sheet that are no
  indicators but are given points in its 100 (项目决策, 项目管理: ``OtherPoints``);
- grade_matches_score: the printed grade is the band of the score (normalize/data/grades.yaml).
(执行率 = 全年执行数/全年预算数 is checked where the fund block is read: rate_equals_ratio.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.interpreters.selfeval.indicators import OtherPoints
from model.identities import FailedIdentity, IdentityKind, Term
from model.records import IndicatorRow, IssueRow, ScoreRow
from normalize.grades import grade_for_score

_TOLERANCE = 0.5


@dataclass(kw_only=True)
class FormPoints:
    """The points a form gives beside its indicators' own: the fund block's, and those of its rows
    that are no indicators."""

    block_score: float | None = None
    block_weight: float | None = None
    other: OtherPoints = field(default_factory=OtherPoints)

    def fixed_score(self) -> float:
        return (self.block_score or 0.0) + sum(self.other.scores)

    def fixed_weight(self) -> float:
        return (self.block_weight or 0.0) + sum(self.other.weights)


def _beside(block: float | None, other: list[float]) -> str:
    """The points counted beside the indicators', for a message."""
    text = f"fund block {block or 0:g}"
    return text + (f" + {len(other)} rows that are no indicators {sum(other):g}" if other else "")


def check_form(
    indicators: list[IndicatorRow],
    total: ScoreRow | None,
    points: FormPoints,
    doc_id: str,
    failed: list[FailedIdentity] | None = None,
) -> list[IssueRow]:
    """The issues rows of the form's failed identities; each failed sum also kept in ``failed``
    term by term (its 总分 or maximum first, then each indicator's 得分 or 分值; the points beside
    them fixed)."""
    out: list[IssueRow] = []
    if total is None:
        return out
    page = total.page
    scores = [r.score for r in indicators if r.score is not None]
    if scores:
        got = sum(scores) + points.fixed_score()
        if abs(got - total.score) > _TOLERANCE:
            out.append(
                IssueRow(
                    doc_id=doc_id,
                    page=page,
                    rule="score_sum_equals_total",
                    severity="warning",
                    message=f"总分 {total.score:g} but the 得分 add up to {got:g} "
                    f"({len(scores)} indicators + "
                    f"{_beside(points.block_score, points.other.scores)})",
                )
            )
            _keep(failed, "score_sum_equals_total", Term(role="总分", value=total.score, page=page),
                  [_term(r, "得分") for r in indicators if r.score is not None], points.fixed_score())
    weights = [r.weight for r in indicators if r.weight is not None]
    if weights:
        got = sum(weights) + points.fixed_weight()
        if abs(got - total.max_score) > _TOLERANCE:
            out.append(
                IssueRow(
                    doc_id=doc_id,
                    page=page,
                    rule="weight_sum_equals_100",
                    severity="warning",
                    message=f"分值 add up to {got:g} ({len(weights)} indicators + "
                            f"{_beside(points.block_weight, points.other.weights)}), "
                            f"the form's maximum is {total.max_score:g}",
                )
            )
            _keep(failed, "weight_sum_equals_100", Term(role="满分", value=total.max_score, page=page),
                  [_term(r, "分值") for r in indicators if r.weight is not None], points.fixed_weight())
    if total.grade:
        want = grade_for_score(total.score, total.max_score)
        if want != total.grade:
            out.append(
                IssueRow(
                    doc_id=doc_id,
                    page=page,
                    rule="grade_matches_score",
                    severity="warning",
                    message=f"grade {total.grade} but score {total.score:g}/{total.max_score:g} is {want}",
                )
            )
    return out


def _term(r: IndicatorRow, role: str) -> Term:
    value = r.score if role == "得分" else r.weight
    assert value is not None
    return Term(role=role, value=value, page=r.page, table_index=r.table_index, row_index=r.row_index)


def _keep(failed: list[FailedIdentity] | None, rule: str, total: Term, parts: list[Term],
          fixed: float) -> None:
    if failed is None:
        return
    failed.append(FailedIdentity(rule=rule, kind=IdentityKind.SUM, terms=[total, *parts], tolerance=_TOLERANCE,
                                 page=total.page, fixed=[fixed] if fixed else []))
