"""A failed identity on an OCR'd page names the one reading of an uncertain figure that makes it hold.

The figures are those printed on the forms: the fund block of page 1 of the dev sample seed000
(武汉市公安局青山区交通大队 2020: 预算数 2953.33, 执行数 2609.14, 执行率 88.3 %), and the fund block of
the national fixture proj_yuan_header_linxi_2022 (合计 550,522.28 / 464,642.42 / 84.40 %; its
本年财政拨款 and 上年结转 rows print 执行率 as ``—``). The misreadings are the recogniser's usual slips
written by hand into the cells; the value kept is always the one read.
"""

from __future__ import annotations

import pytest

from extract.interpreters.selfeval.funds import FundBlock, emit_block
from extract.tables.identity_readings import alternatives, name_reading
from model.identities import FailedIdentity, IdentityKind, Term
from model.records import IssueRow
from model.tables import RawTable

SEED000_ROW = ["部门整体支出总额", "2953.33", "2953.33", "2209.14", "10", "88.3%", "9"]  # 执行数 misread 2609 -> 2209


def _table(rows: list[list[str | None]], *, uncertain: list[bool], confidence: float = 0.95) -> RawTable:
    t = RawTable.on_page(page=1, rows=rows, reader="rapidocr-onnxruntime 1.4.4 PP-OCRv4")
    t.row_uncertain = uncertain
    t.row_confidence = [confidence] * len(rows)
    return t


def _rate_identity(row: list[str | None]) -> FailedIdentity:
    def term(role: str, col: int) -> Term:
        text = row[col] or ""
        return Term(role=role, value=float(text.rstrip("%")), text=text, page=1, table_index=0, row_index=0,
                    column=col)

    return FailedIdentity(rule="rate_equals_ratio", kind=IdentityKind.RATE,
                          terms=[term("执行率", 5), term("全年执行数", 3), term("全年预算数", 2)], tolerance=0.1,
                          page=1, table_index=0, row_index=0)


@pytest.mark.parametrize(("read", "printed"), [
    ("86.00.", 86.0), ("86：00", 86.0), ("%06", 60.0), ("1O0", 100.0), ("8600", 86.0), ("8.600", 86.0),
    ("866", 86.0), ("6", 16.0), ("2209.14", 2609.14),
])
def test_usual_ocr_slips_have_the_printed_figure_among_their_readings(read: str, printed: float) -> None:
    assert printed in alternatives(read)


def test_misread_spent_amount_is_named_by_the_rate_identity() -> None:
    # 2209.14 / 2953.33 = 74.8 %, not the printed 88.3 %; read 2609.14 it is 88.35 %: one digit, one cell
    tables = [_table([SEED000_ROW], uncertain=[True])]
    r = name_reading(_rate_identity(SEED000_ROW), tables)
    assert r is not None
    assert (r.term.role, r.term.page, r.term.row_index, r.term.column) == ("全年执行数", 1, 0, 3)
    assert (r.text, r.reading) == ("2209.14", "2609.14")


def test_misread_figure_read_surely_is_named_only_where_no_uncertain_figure_would_do() -> None:
    # every digit read surely: the identity alone points at the 执行数, and the message says so
    tables = [_table([SEED000_ROW], uncertain=[False], confidence=0.99)]
    r = name_reading(_rate_identity(SEED000_ROW), tables)
    assert r is not None and (r.term.role, r.reading, r.uncertain) == ("全年执行数", "2609.14", False)


def test_uncertain_figure_is_preferred_to_figures_read_surely() -> None:
    # 得分 10, 9 (read surely) and 8 (uncertain) against a 总分 of 28: the 8 read as 9 makes the sum
    # hold, and so would the sure 10 read as 11 — the uncertain figure is the one named
    identity, tables = _score_identity(["10", "9", "8"], 28.0)
    tables[0].row_uncertain = [False, False, True]
    r = name_reading(identity, tables)
    assert r is not None and (r.term.row_index, r.reading, r.uncertain) == (2, "9", True)
    tables[0].row_uncertain = [False, False, False]  # all sure: the 10 and the 8 would both do, none is named
    assert name_reading(identity, tables) is None


def _score_identity(scores: list[str], total: float) -> tuple[FailedIdentity, list[RawTable]]:
    rows: list[list[str | None]] = [["指标", "10", s] for s in scores]
    parts = [Term(role="得分", value=float(s), page=1, table_index=0, row_index=i) for i, s in enumerate(scores)]
    identity = FailedIdentity(rule="score_sum_equals_total", kind=IdentityKind.SUM,
                              terms=[Term(role="总分", value=total, page=1), *parts], tolerance=0.5, page=1)
    return identity, [_table(rows, uncertain=[s == "8" for s in scores])]


def test_score_with_a_lost_decimal_point_is_named_by_the_sum_of_scores() -> None:
    # the 得分 8.5 read as 85 (its point lost): Σ = 123.5 against the 总分 47; read 8.5 the sum is 47
    identity, tables = _score_identity(["10", "9", "85", "10", "9.5"], 47.0)
    tables[0].row_uncertain = [False, False, True, False, False]
    r = name_reading(identity, tables)
    assert r is not None
    assert (r.term.row_index, r.term.column, r.text, r.reading) == (2, 2, "85", "8.5")


def test_reading_is_not_named_when_two_uncertain_figures_could_each_make_the_sum_hold() -> None:
    # two uncertain 8s and a sum short by 1: either could be a 9 — the identity does not tell which
    identity, tables = _score_identity(["10", "8", "8", "10"], 37.0)
    assert name_reading(identity, tables) is None


def test_rate_printed_as_dash_is_not_checked_as_zero_percent() -> None:
    # linxi's 本年财政拨款 row prints 执行率 —: no rate is stated, so 222,343.94/267,134.72 is not "0 %"
    rows: list[list[str | None]] = [
        ["合计", None, None, "541,079.13", "550,522.28", "464,642.42", "10", "84.40%", "8.44"],
        ["本年财政拨款", None, None, "257,691.57", "267,134.72", "222,343.94", "—", "—", "—"],
        ["上年结转", None, None, "283,387.56", "283,387.56", "242,298.48", "-", "-", "-"],
    ]
    block = FundBlock(measures={3: "年初预算数", 4: "全年预算数", 5: "全年执行数"}, sources={}, rate_col=7,
                      score_col=8, weight_col=6, unit="元", ncols=9,
                      rows=[(i + 4, 1, r) for i, r in enumerate(rows)])
    issues: list[IssueRow] = []
    emit_block(block, doc_id="d", table_index=0, scope="project", project="p", statement="s", reader="r",
               issues=issues)
    assert not [i for i in issues if i.rule == "rate_equals_ratio"]


@pytest.mark.parametrize("rate", ["0.91", "91%", "91.1%"])
def test_rate_is_as_exact_as_it_is_printed(rate: str) -> None:
    # 南岭市邕江区市场监督管理局 2022 (national fixture dept_qianyuan_yongjiang): 27,276.40 of 29,930.46 is
    # 91.13 %; the form prints its 执行率 as the fraction 0.91 — right to the two decimals it prints
    row: list[str | None] = ["年度资金总额", None, "29,930.46", "29,930.46", "27,276.40", "10", rate, "9.11"]
    block = FundBlock(measures={2: "年初预算数", 3: "全年预算数", 4: "全年执行数"}, sources={}, rate_col=6,
                      score_col=7, weight_col=5, unit="万元", ncols=8, rows=[(0, 1, row)])
    issues: list[IssueRow] = []
    emit_block(block, doc_id="d", table_index=0, scope="department", project=None, statement="s", reader="r",
               issues=issues)
    assert not [i for i in issues if i.rule == "rate_equals_ratio"]


def test_rate_breaking_its_identity_is_kept_with_its_cells() -> None:
    # the same block with the 合计's rate misread 64.40 %: reported, and its three cells kept for naming a reading
    rows: list[list[str | None]] = [
        ["合计", None, None, "541,079.13", "550,522.28", "464,642.42", "10", "64.40%", "8.44"],
    ]
    block = FundBlock(measures={3: "年初预算数", 4: "全年预算数", 5: "全年执行数"}, sources={}, rate_col=7,
                      score_col=8, weight_col=6, unit="元", ncols=9, rows=[(0, 1, rows[0])])
    issues: list[IssueRow] = []
    failed: list[FailedIdentity] = []
    emit_block(block, doc_id="d", table_index=0, scope="project", project="p", statement="s", reader="r",
               issues=issues, failed=failed)
    assert [i.rule for i in issues] == ["rate_equals_ratio"]
    (identity,) = failed
    assert [(t.role, t.text, t.column) for t in identity.terms] == [
        ("执行率", "64.40%", 7), ("全年执行数", "464,642.42", 5), ("全年预算数", "550,522.28", 4)]
    tables = [_table([rows[0]], uncertain=[True])]
    r = name_reading(identity, tables)
    assert r is not None and (r.term.role, r.reading) == ("执行率", "84.40%")
