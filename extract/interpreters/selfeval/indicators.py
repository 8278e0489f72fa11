"""Indicator sections of self-evaluation tables (一级/二级/三级指标 ... 得分), row by row.

A section starts at a header row naming the indicator column (三级指标, 指标内容) next to
level or target columns; a two-line header (绩效指标 | 年度指标值 over 指标性质 | 指标值 |
度量单位) is read as one, a lower cell that prints only a bracketed tail (年度指标值 over （A）: a
heading wrapped before its opening bracket, its lines read on the two header rows) counting as empty.
Blank or merged level cells inherit from the row above, also
across pages and across tables that continue the section (their missing left columns are
aligned from the right). A row cut by the page break is joined to the row above: on the new
page it has no indicator name, or a name and nothing else (the rest of a wrapped name), or the rest
of a name and a value beside no weight or score under a row whose value lacks its figure. A form
without a 一级指标 column takes each row's level 1 from its level 2. % targets typed as
fractions among whole percentages are converted (convert_percent_fractions).

The rows under a level of the evaluation framework that is no performance (项目决策, 项目管理 and
their level 2s) are no indicators, but a score sheet gives them 分值 and 得分 in its 100 (the
framework of 财预〔2020〕10号 weighs 决策, 过程, 产出 and 效益 together): their points are kept
(:class:`OtherPoints`) for the form's Σ分值 and Σ得分 checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.interpreters.selfeval.joined_headers import split_joined_headings
from extract.interpreters.selfeval.vocab import column_role, first_text, join_lines, key, points_of, vocab
from extract.sources.docx import READER as DOCX
from extract.sources.html import READER as HTML
from extract.sources.ocr import EXTRACTOR as OCR
from extract.sources.xls import READER as XLS
from extract.sources.xlsx import READER as XLSX
from extract.tables.camelot import LATTICE
from extract.tables.pdfplumber import READER as PDFPLUMBER
from model.records import IndicatorRow, IssueRow
from model.tables import Cell
from normalize.indicator_levels import (
    canonical_level1,
    canonical_level2,
    four_level_level1,
    is_level_name,
    is_not_indicator_level1,
    is_not_indicator_level2,
    level1_of_level2,
    level2_one_character_off,
)
from normalize.indicator_names import canonical_name
from normalize.indicator_values import IndicatorValue, parse_indicator_value, parse_operator
from normalize.text import nfkc

# readers that take a table's cells from its rulings or its file's cells: a level label merged down
# rows is printed in its cell, so the level-1 block a row is in is the one the page prints
_CELL_READERS = frozenset({PDFPLUMBER, LATTICE, DOCX, HTML, XLS, XLSX})
# an actual percentage above which a bare target of 1 beside it is 100 % rather than 1 %: where the two
# readings are equally far from it by ratio (√(1 × 100))
ONE_READINGS_MEET = 10.0


@dataclass
class OtherPoints:
    """The 分值 and 得分 a form gives to rows that are no indicators (under 项目决策, 项目管理), each
    row's as printed, in the form's order."""

    weights: list[float] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)

    def add(self, weight: float | None, score: float | None) -> None:
        if weight is not None:
            self.weights.append(weight)
        if score is not None:
            self.scores.append(score)


@dataclass
class IndicatorSection:
    roles: dict[int, str]  # column (in the header's numbering) -> role
    ncols: int
    scope: str
    project: str | None
    level1: str | None = None
    level2: str | None = None
    rows: list[IndicatorRow] = field(default_factory=list)
    open: bool = True  # no end label seen: the next table may continue it
    labelled: set[int] = field(default_factory=set)  # ids of rows whose level-2 cell is printed in the row
    skip: bool = False  # under a level-1 block that is not performance (项目决策, 项目管理)
    four_level: bool = False  # the form uses the four-level scheme (决策/过程/产出/效益)
    other: OtherPoints = field(default_factory=OtherPoints)  # the form's, shared by its sections

    def col(self, role: str) -> int | None:
        for c, r in self.roles.items():
            if r == role:
                return c
        return None


def header_roles(rows: list[list[Cell]], i: int) -> dict[int, str] | None:
    """Column roles when rows[i] is an indicator header row (merged with a header above it)."""
    row = rows[i]
    roles: dict[int, str] = {}
    for c, cell in enumerate(row):
        r = column_role(cell)
        if r:  # a role named twice: the rightmost column (an outer label sits at the left)
            roles = {cc: rr for cc, rr in roles.items() if rr != r}
            roles[c] = r
    if "name" not in roles.values():
        return None
    split_joined_headings(row, roles)
    _level2_without_ordinal(row, roles)
    if not any(r in roles.values() for r in vocab()["indicator_header_needs"]):
        return None
    if i > 0:  # two-line header: roles of the upper row fill the columns the lower row leaves empty
        upper = rows[i - 1]
        for c, cell in enumerate(upper):
            r = column_role(cell)
            if r and c not in roles and r not in roles.values() and not key(row[c] if c < len(row) else None):
                roles[c] = r
    return roles


def _level2_without_ordinal(row: list[Cell], roles: dict[int, str]) -> None:
    """A heading that is 二级指标 without its ordinal (``级指标``: the 二 under a seal's stroke lost
    by OCR) or with it misread (``专级指标``), standing between the 一级指标 and 三级指标 columns, is the
    level-2 column (in place)."""
    have = {r: c for c, r in roles.items()}
    if "level2" in have or "level1" not in have or have["level1"] >= have["name"]:
        return
    words = dict(vocab()["indicator_columns"])["level2"]
    for c in range(have["level1"] + 1, have["name"]):
        k = key(row[c]) if c < len(row) else ""
        if c not in roles and k and any(len(w) > 1 and (k == key(w)[1:] or _ordinal_misread(k, key(w))) for w in words):
            roles[c] = "level2"
            return


def _level2_read_by_vocabulary(section: IndicatorSection, row: list[Cell], issues: list[IssueRow], *, doc_id: str,
                               page: int, table_index: int, row_index: int) -> list[Cell]:
    """``row`` with an OCR'd level-2 label that is one character off the one level 2 of the vocabulary
    near it (:func:`normalize.indicator_levels.level2_one_character_off`) read as that level 2; the
    reading is named in an ``ocr_level_label_read_by_vocabulary`` row (what was read, what it was read as)."""
    raw = _cell(row, section, "level2")
    reading = level2_one_character_off(raw)
    if raw is None or reading is None:
        return row
    c = (section.col("level2") or 0) - (section.ncols - len(row))  # as _cell finds it
    issues.append(IssueRow(
        doc_id=doc_id, page=page, rule="ocr_level_label_read_by_vocabulary", severity="warning",
        message=f"level-2 label read as {nfkc(raw)!r} on an OCR'd page is one character off {reading!r}, "
                f"the only level 2 of the vocabulary so near: read as {reading!r}",
        table_index=table_index, row_index=row_index))
    return [reading if k == c else cell for k, cell in enumerate(row)]


def _ordinal_misread(k: str, word: str) -> bool:
    """``k`` is ``word`` (二级指标) with its first character, the ordinal, read as another."""
    return len(k) == len(word) > 2 and k[1:] == word[1:] and k[0] != word[0]


def _cell(row: list[Cell], section: IndicatorSection, role: str) -> Cell:
    c = section.col(role)
    if c is None:
        return None
    c -= section.ncols - len(row)  # a part of the table that lost columns on the left
    if c < 0 or c >= len(row):
        return None
    return row[c]


def _level_column_lost(row: list[Cell], section: IndicatorSection, role: str) -> bool:
    c = section.col(role)
    return c is not None and c - (section.ncols - len(row)) < 0


def _update_levels(section: IndicatorSection, row: list[Cell], page_text: str, reader: str = PDFPLUMBER,
                   ruled: bool = False) -> bool:
    """Running level1/level2 after this row; True when the row prints its own level-2 label. ``ruled``:
    the table's cells were built from the rulings seen (a scan's grid), its merged cells as printed."""
    raw1, raw2 = _cell(row, section, "level1"), _cell(row, section, "level2")
    inferred = reader not in _CELL_READERS and not ruled  # merged labels placed by their height on the page
    # in the four-level scheme a level-2 label names its block in a ruled table too: a merged level-1
    # cell cut by a page break has no closing rule, so its label is read in no cell
    if (inferred or section.four_level) and _level2_names_the_block(section, raw1, raw2):
        return not section.skip
    if raw1 and is_not_indicator_level1(raw1):
        section.skip = section.four_level = True
        return False
    l1 = canonical_level1(raw1) if raw1 else None
    l2 = canonical_level2(raw2) if raw2 else None
    if l1:
        section.level1 = l1
        section.skip = False
    if l2:
        section.level2 = l2
        no_level1 = section.col("level1") is None or _level_column_lost(row, section, "level1")
        if l1 is None and (section.level1 is None or no_level1 or (inferred and _outside_block(section, l2))):
            section.level1 = level1_of_level2(l2) or section.level1
    if section.level1 is None or section.level2 is None:  # labels of a merged cell drawn off the table
        f1, f2 = floating_labels(page_text)
        section.level2 = section.level2 or (f2[0] if f2 else None)
        section.level1 = section.level1 or (f1[0] if f1 else level1_of_level2(section.level2))
    return l2 is not None


def _level2_names_the_block(section: IndicatorSection, raw1: Cell, raw2: Cell) -> bool:
    """In a table read from positions, where the level-1 blocks of the four-level scheme (决策, 过程, 产出,
    效益) are told apart by the level-2 label a row prints (its level-1 label, merged over more rows, is
    placed by its height and may stand on a row of the next or the last block): a level-2 of 决策 or 过程
    (项目立项, 组织实施) starts rows that are not indicators, a level-2 of the performance blocks (数量指标)
    after them starts indicators again, under the level 1 it implies. True when the row's levels are
    settled so (in place). A level-1 label of a performance block on a row that prints no level 2, while
    the running level 2 is one of 决策 or 过程, stands off its block (placed by its height): the row is
    still in the running block."""
    if not raw2:
        return bool(raw1 and section.four_level and section.skip and canonical_level1(raw1))
    if is_not_indicator_level2(raw2):
        section.level1 = canonical_level1(raw1) or section.level1
        section.skip = section.four_level = True
        return True
    l2 = canonical_level2(raw2)
    implied = level1_of_level2(l2)
    if implied is None or not (section.four_level or (raw1 and is_not_indicator_level1(raw1))):
        return False
    section.level2, section.level1 = l2, implied
    section.skip, section.four_level = False, True
    return True


def _outside_block(section: IndicatorSection, level2: str) -> bool:
    """A level-2 label printed without a level-1 one that the running level-1 block cannot hold (数量指标
    after 效益指标), in a table read from positions: the level-1 label of the block it opens was given to
    another row (a merged cell's label read at the wrong height) or lost; the level-2 names its block.
    (A ruled table's merged cell says which block a row is in, even one the framework puts elsewhere.)
    Not where the level-1 block carries the level-2's own name (a 成本指标 block of 成本指标), nor in
    the four-level scheme, nor for a level-2 the schemes place under different level-1s (满意度 under
    效益指标 in some forms)."""
    implied = level1_of_level2(level2)
    return (implied is not None and section.level1 is not None and implied != section.level1
            and level2 != section.level1 and not section.four_level and four_level_level1(level2) is None)


def floating_labels(page_text: str) -> tuple[list[str], list[str]]:
    """Level-1 and level-2 names printed as lines of their own on a page, in order."""
    l1: list[str] = []
    l2: list[str] = []
    for line in page_text.splitlines():
        s = line.strip()
        if not s or len(s) > 12:
            continue
        if is_level_name(s, 1):
            l1.append(canonical_level1(s) or s)
        elif is_level_name(s, 2):
            l2.append(canonical_level2(s) or s)
    return l1, l2


def fix_trailing_labels(
    section: IndicatorSection, rows: list[IndicatorRow], cells: list[str], page_text: str
) -> None:
    """Rows at the foot of a page under a merged level-2 cell whose label is drawn outside the
    table (the cell runs on to the next page): the page's unclaimed level-2 label names them."""
    if not rows:
        return
    _, f2 = floating_labels(page_text)
    for c in cells:
        if is_level_name(c, 2) and (canonical_level2(c) or c) in f2:
            f2.remove(canonical_level2(c) or c)
    if rows[0].level2 in f2 and id(rows[0]) not in section.labelled:
        f2.remove(rows[0].level2)  # the label of the run the page starts with
    last = max((n for n, r in enumerate(rows) if id(r) in section.labelled), default=None)
    if not f2 or last is None or last == len(rows) - 1:
        return
    label = f2[-1]
    for r in rows[last + 1 :]:
        r.level2 = label
        if (
            level1_of_level2(label)
            and r.level1 != level1_of_level2(label)
            and section.col("level1") is not None
        ):
            r.level1 = level1_of_level2(label) or r.level1
    section.level2 = label
    section.level1 = rows[-1].level1 or section.level1


def is_end_row(row: list[Cell]) -> bool:
    _, k = first_text(row)
    return k in vocab()["section_end_labels"]


def read_indicator_row(
    section: IndicatorSection,
    row: list[Cell],
    *,
    doc_id: str,
    page: int,
    table_index: int,
    row_index: int,
    new_page: bool,
    reader: str,
    ruled: bool = False,
    issues: list[IssueRow],
    page_text: str = "",
) -> None:
    name_cell = _cell(row, section, "name")
    name = join_lines(_without_placeholder_lines(name_cell))
    if name_cell is None and not new_page:
        return  # the name column is covered by a label spanning the row (其他需要说明事项)
    if not name:
        if new_page and section.rows and any(c for c in row):
            _join_cut_row(section.rows[-1], row, section)
        return
    if new_page and section.rows and section.rows[-1].page != page and (
            _name_only(row, section) or _rest_of_cut_row(row, section, section.rows[-1])):
        prev = section.rows[-1]  # the row's name itself was cut by the page break
        prev.name = prev.name + name
        prev.name_canonical = canonical_name(prev.name)
        _join_cut_row(prev, row, section)
        return
    if key(name) in vocab()["section_end_labels"] or column_role(name) == "name":
        return
    if reader == OCR:
        row = _level2_read_by_vocabulary(section, row, issues, doc_id=doc_id, page=page, table_index=table_index,
                                         row_index=row_index)
    own_label = _update_levels(section, row, page_text, reader, ruled)
    if is_placeholder_name(name):
        return
    if section.skip:  # no indicator, but its points count in the sheet's 100
        section.other.add(points_of(_cell(row, section, "weight")), points_of(_cell(row, section, "score")))
        return
    unit_hint = join_lines(_cell(row, section, "unit")) or None
    target_raw = join_lines(_cell(row, section, "target")) or None
    actual_raw = join_lines(_cell(row, section, "actual")) or None
    target = parse_indicator_value(target_raw, unit_hint)
    if target_raw is None:  # no target printed: the planned value (计划完成值) states it
        target = parse_indicator_value(join_lines(_cell(row, section, "planned")) or None, unit_hint)
    actual = parse_indicator_value(actual_raw, unit_hint)
    _common_unit(target, actual)
    operator = parse_operator(_cell(row, section, "operator")) or target.operator
    for what, v in (("target", target), ("actual", actual)):
        if v.masked:
            issues.append(
                IssueRow(
                    doc_id=doc_id,
                    page=page,
                    rule="masked_value",
                    severity="info",
                    message=f"indicator {name!r}: {what} {v.raw!r} is masked; stored as null",
                    table_index=table_index,
                    row_index=row_index,
                )
            )
    section.rows.append(
        IndicatorRow(
            doc_id=doc_id,
            page=page,
            table_index=table_index,
            row_index=row_index,
            scope=section.scope,
            project=section.project,
            name=name,
            name_canonical=canonical_name(name),
            level1=_level1_of_row(section),
            level2=section.level2,
            operator=operator,
            target_raw=target_raw,
            actual_raw=actual_raw,
            target_value=target.value,
            actual_value=actual.value,
            target_unit=target.unit if target.value is not None else None,
            actual_unit=actual.unit if actual.value is not None else None,
            weight=points_of(_cell(row, section, "weight")),
            score=points_of(_cell(row, section, "score")),
            deviation_reason=join_lines(_cell(row, section, "reason")) or None,
            extractor=reader,
            actual_operator=actual.operator,
        )
    )
    if own_label:
        section.labelled.add(id(section.rows[-1]))


_VALUE_ROLES = ("target", "actual", "weight", "score", "operator", "unit")


def _common_unit(target: IndicatorValue, actual: IndicatorValue) -> None:
    """A target per item beside an actual total in the item's money unit (6.25万元/台 | 50万元):
    both in the unit they share (万元), so that the two compare; a rate printed as such on both
    sides (≤420元/平方米 | 366.17元/平方米) keeps it."""
    for a, b in ((target, actual), (actual, target)):
        if a.unit and b.unit and "/" in a.unit and "/" not in b.unit and a.unit.split("/")[0] == b.unit:
            a.unit = b.unit


def _without_placeholder_lines(cell: Cell) -> Cell:
    """A name cell without its first and last lines that are the blank template's (指标1： of an unused
    row set without rulings under the row above, read as that name's last line; or above a row whose
    cells are centred, one leading above its name, read as its first line)."""
    if not cell or "\n" not in cell:
        return cell
    lines = cell.split("\n")
    while len(lines) > 1 and template_number(lines[-1]):
        lines.pop()
    while len(lines) > 1 and template_number(lines[0]):
        lines.pop(0)
    return "\n".join(lines)


def template_number(line: str) -> bool:
    """A line that is the blank template's numbered name (指标1：), not a short fragment of a name."""
    k = key(line)
    return len(k) >= 3 and bool(re.fullmatch(vocab()["placeholder_pattern"], k))


def is_placeholder_name(name: str) -> bool:
    """A row left as in the blank template (指标1：, 不适用, 无, /): not an indicator."""
    k = key(name)
    return k in vocab()["placeholder_names"] or bool(re.fullmatch(vocab()["placeholder_pattern"], k))


def _level1_of_row(section: IndicatorSection) -> str:
    if section.four_level:
        return four_level_level1(section.level2) or section.level1 or ""
    return section.level1 or ""


def _name_only(row: list[Cell], section: IndicatorSection) -> bool:
    """A row with a name and nothing else: no value, no operator or unit, no level label of its own."""
    if any(join_lines(_cell(row, section, r)) for r in _VALUE_ROLES):
        return False
    return not any(
        (raw := _cell(row, section, role)) and (canonical_level1(raw) or canonical_level2(raw))
        for role in ("level1", "level2")
    )


def _rest_of_cut_row(row: list[Cell], section: IndicatorSection, prev: IndicatorRow) -> bool:
    """The rest of a row whose cells were cut by the page break (a word processor splits a tall row
    across pages): no weight or score (the one-line cells printed on the first part, as on the row
    above), no level label of its own, and a value left without its figure above (不少于 | 1500人)."""
    if prev.weight is None and prev.score is None:
        return False
    if any(join_lines(_cell(row, section, r)) for r in ("weight", "score")):
        return False
    if any((raw := _cell(row, section, role)) and (canonical_level1(raw) or canonical_level2(raw))
           for role in ("level1", "level2")):
        return False
    return any(raw and value is None for raw, value in ((prev.target_raw, prev.target_value),
                                                      (prev.actual_raw, prev.actual_value)))


def _join_cut_row(prev: IndicatorRow, row: list[Cell], section: IndicatorSection) -> None:
    """The rest of a row cut by a page break: its text continues the row above."""
    extra_target = join_lines(_cell(row, section, "target"))
    extra_actual = join_lines(_cell(row, section, "actual"))
    extra_reason = join_lines(_cell(row, section, "reason"))
    unit_hint = prev.target_unit
    if extra_target:
        prev.target_raw = (prev.target_raw or "") + extra_target
        v = parse_indicator_value(prev.target_raw, unit_hint)
        prev.target_value, prev.target_unit = v.value, v.unit if v.value is not None else None
        prev.operator = prev.operator or v.operator
    if extra_actual:
        prev.actual_raw = (prev.actual_raw or "") + extra_actual
        v = parse_indicator_value(prev.actual_raw, unit_hint)
        prev.actual_value, prev.actual_unit = v.value, v.unit if v.value is not None else None
    if extra_reason:
        prev.deviation_reason = (prev.deviation_reason or "") + extra_reason


def _percent_from_column(raw: str | None) -> bool:
    """The % of a value comes from the 度量单位 column, not from a sign printed after the number."""
    return "%" not in nfkc(raw)


def _rate_without_unit(r: IndicatorRow) -> bool:
    """A target that is a bare number with no unit at all, a proportion: of a rate (an indicator named
    …率: 预算执行率 ≥0.95) when the actual is a bare number or a percentage too, or of any indicator
    whose actual prints its own % sign (企业满意度 0.95 | 97%: the row's values are percentages)."""
    if r.target_unit is not None:
        return False
    if _actual_prints_percent(r):
        return True
    if not nfkc(r.name or "").rstrip().endswith(tuple(vocab()["rate_name_suffixes"])):
        return False
    return r.actual_value is None or r.actual_unit in (None, "%")


def _actual_prints_percent(r: IndicatorRow) -> bool:
    return r.actual_value is not None and r.actual_unit == "%" and not _percent_from_column(r.actual_raw)


def _one_is_whole(r: IndicatorRow) -> bool:
    """A bare target of 1 (no unit, no % sign) beside an actual that prints its own % sign, nearer (by
    ratio) to 100 % than to 1 %: the proportion 1, as a spreadsheet shows a percentage typed as a
    formula (=100% shows 1). The two readings meet at 10 % (√(1 × 100))."""
    a = r.actual_value
    return r.target_unit is None and _actual_prints_percent(r) and a is not None and a > ONE_READINGS_MEET




def _fraction_candidate(r: IndicatorRow) -> bool:
    if r.target_value is None:
        return False
    if r.target_unit == "%":
        return _percent_from_column(r.target_raw)
    return _rate_without_unit(r)


def _actual_is_fraction(r: IndicatorRow, bare: bool) -> bool:
    """The row's actual is written the way its target was: a bare proportion (≤ 1, 1 being 100 % beside a
    fraction target) for a rate with no unit, a fraction under the unit column's % otherwise."""
    a = r.actual_value
    if a is None or not _percent_from_column(r.actual_raw):
        return False
    if bare:
        return r.actual_unit is None and 0 < a <= 1
    return r.actual_unit == "%" and 0 < a < 1


def _convert_row(r: IndicatorRow) -> str:
    """Target (and an actual written the same way) of a fraction row -> percentages; what changed."""
    v, a, bare = r.target_value, r.actual_value, r.target_unit is None
    assert v is not None
    r.target_value, r.target_unit = round(v * 100, 6), "%"
    if a is None or not _actual_is_fraction(r, bare):
        return ""
    r.actual_value, r.actual_unit = round(a * 100, 6), "%"
    return f"; actual {a:g} -> {r.actual_value:g}%"


def convert_percent_fractions(rows: list[IndicatorRow], doc_id: str) -> list[IssueRow]:
    """% targets typed as fractions (0.95 under a % unit) in a form whose other % targets are whole
    percentages (95, 100) are percentages: 0.95 -> 95, and the row's actual likewise. Only a % taken
    from the unit column counts (a printed "≤0.5%" means 0.5%), and upper limits (<, <=) are left
    alone (error and accident rates are small percentages). A rate printed with no unit at all
    (预算执行率 ≥0.95, actual 0.98) is a proportion and is read the same way, with the same evidence
    (whole percentages elsewhere in the form), and so is a bare target beside an actual printed with
    its own % sign. A target of exactly 1 is ambiguous (1% or 100%): kept as printed, unless it is bare
    beside such an actual nearer 100 % than 1 % (1 | 100%: the proportion 1, ``_one_is_whole``).
    Every converted or kept value is noted as an issue."""
    out: list[IssueRow] = []
    for r in (r for r in rows if _fraction_candidate(r)):
        v = r.target_value
        if v is None or not 0 < v <= 1:
            continue
        whole = [o for o in rows if o is not r and o.target_unit == "%" and (o.target_value or 0) > 1]
        if not whole or r.operator in ("<", "<="):
            continue
        unit = "with unit %" if r.target_unit == "%" else "a rate with no unit"
        if v == 1 and _one_is_whole(r):
            msg = f"indicator {r.name!r}: target {r.target_raw!r} with no unit beside the actual {r.actual_raw!r} "
            msg += "among whole percentages read as the proportion 1 -> 100% (nearer the actual than 1%): a guess"
            _convert_row(r)
        elif v == 1:
            msg = f"indicator {r.name!r}: target {r.target_raw!r} {unit} among whole percentages; "
            msg += "1% or 100% is ambiguous: kept as printed"
        else:
            msg = f"indicator {r.name!r}: target {r.target_raw!r} {unit} among whole percentages "
            msg += f"read as a fraction: {v:g} -> {round(v * 100, 6):g}%"
            msg += _convert_row(r)
        out.append(
            IssueRow(doc_id=doc_id, page=r.page, rule="percent_written_as_fraction", severity="warning", message=msg,
                     table_index=r.table_index, row_index=r.row_index)
        )
    return out
