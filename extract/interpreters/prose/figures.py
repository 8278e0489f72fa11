"""Figures stated in prose: money -> BudgetRow(source="text"), scores -> ScoreRow, counts -> FactRow.

Each amount ("2544.29 万元", "25,442,900 元") is read with the words before it in its clause (its
label): the label's term or right-most qualifier gives the measure (normalize/data/prose_figures.yaml),
the label stripped of fillers and qualifiers is the line name. A label with no name of its own
(执行数…, 完成…) takes the item of the amount before it in the sentence; the items listed after
"其中：" take the parent's measure when they have none of their own. A label that names a project
(辅警经费预算资金, “2019 年部门工作保障经费项目”预算批复资金) gives a project row too, and the
project stays in context for 项目预算金额 / 本项目自评总分 in the sentences that follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

import yaml

from extract.text.paragraphs import HEADING, Paragraph, paragraphs
from model.document import DocInput
from model.records import BudgetRow, Extraction, FactRow, IssueRow, ScoreRow
from normalize import DATA_DIR
from normalize.indicator_levels import names_a_level
from normalize.numbers import number_problem, parse_number, to_wan
from normalize.text import fold, no_space
from normalize.units import money_unit, money_unit_pattern

_VOCAB = DATA_DIR / "prose_figures.yaml"
# an amount in prose: a number (the number grammar judges it) before a money unit (the unit grammar's);
# a unit per something (180元/平方米, 3.5万元/公里) is a rate or a unit cost, not an amount of money
_AMOUNT = re.compile(rf"(\d[\d,，.．]*\d|\d)\s*({money_unit_pattern()})(?!\s*[/／])")
_YEAR_PREFIX = re.compile(r"^.*(?:19|20)\d{2}\s*年度?")
_CLAUSE_SEP = re.compile(r"[，,：:；;（）()]")
# a figure of money per something (180元/平方米): a value complete in itself, so what comes before it is
# no label of the next amount (成本指标 … ≤180元/平方米 155.78元/平方米 项目资金120万元)
_UNIT_COST = re.compile(rf"\d\s*(?:{money_unit_pattern()})\s*[/／]")
_INNER_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])[（(][\u4e00-\u9fff]{1,3}[)）](?=[\u4e00-\u9fff])")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,40})[”\"]")
_SCORE = re.compile(r"(自评(?:总分|得分)?|得分|评分)\s*(?:为|是|[:：])?\s*(\d{1,3}(?:\.\d+)?)\s*分")
_GRADE = re.compile(r"(?:自评)?等[级次]\s*(?:为|是|[:：])?\s*[“\"]?([优良中差])")
_DEPT_SCORE = re.compile(r"(?:部门|单位)整体(?:支出)?绩效自评得分\s*[:：]?\s*(\d{1,3}(?:\.\d+)?)(?!\s*[万元%])")
_QUALIFIER_ONLY = re.compile(r"(完成|执行数?|实际使用|实际支出|决算数?|预算数?|支出|使用|共|合计)?")
_NOT_PROJECT = re.compile(r"^(项目|完成|涉及|纳入|全年|本年|其他|总)|共$|三公|[本该此]项目|自评|结果|情况")
_DEPT_SCORE_HEADING = re.compile(r"整体(支出)?绩效自评得分\s*[:：]?$")
_QUOTED_BEFORE = re.compile(r"[“\"]([^”\"]{2,80})[”\"]\s*$")
_PUNCT_ONLY = re.compile(r"[\s“”\"'‘’（）()、，,：:；;]+")
_CODED_ITEM = re.compile(r"([^（()）]+)[（(][类款项][)）](?:支出)?$")
_CLASS_ITEM = re.compile(r"[（(]款[)）](.+?)[（(]项[)）]")
_PROJECT_MEASURES = frozenset({"全年预算数", "全年执行数", "年初预算数"})
_TOP_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*[、.．])")
_HEADING_PROJECT = re.compile(r"^(.{2,40}?(?:经费|项目|资金|专项))(?:项目)?(?:绩效|完成|执行|自评|实施)")


@dataclass(frozen=True)
class _Vocab:
    terms: list[tuple[re.Pattern[str], str]]
    qualifiers: list[tuple[re.Pattern[str], str]]
    skip: tuple[str, ...]
    leading: list[str]
    trailing: re.Pattern[str]
    project_end: re.Pattern[str]
    not_projects: re.Pattern[str]
    pronouns: frozenset[str]
    facts: list[tuple[re.Pattern[str], str]]
    line_terms: list[re.Pattern[str]]
    fact_units: str


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    d: dict[str, Any] = yaml.safe_load(_VOCAB.read_text(encoding="utf-8"))
    return _Vocab(
        terms=[(re.compile(p), m) for p, m in d["measure_terms"]],
        qualifiers=[(re.compile(p), m) for p, m in d["qualifiers"]],
        skip=tuple(d["skip_words"]),
        leading=sorted(d["leading_fillers"], key=len, reverse=True),
        trailing=re.compile(d["trailing_qualifiers"]),
        project_end=re.compile(d["project_endings"]),
        not_projects=re.compile(d["not_projects"]),
        pronouns=frozenset(d["project_pronouns"]),
        facts=[(re.compile(p), s) for p, s in d["fact_subjects"]],
        fact_units=d["fact_units"],
        line_terms=[re.compile(p) for p in d["line_terms"]],
    )


@dataclass
class _Context:
    project: str | None = None
    rows: list[BudgetRow] = field(default_factory=list)


def _strip_leading(label: str, agency: str = "") -> str:
    s = _YEAR_PREFIX.sub("", label)
    s = re.sub(r"^.*\d[\d.]*(?=\D*$)", "", s)  # a date or code run into the label from a table line
    if agency and agency in s:
        s = s.split(agency, 1)[1]
    s = re.sub(r"^[(（][^)）]*[)）]", "", s)
    changed = True
    while changed and s:
        changed = False
        for w in _vocab().leading:
            if s.startswith(w) and len(s) > len(w):
                s, changed = s[len(w) :], True
    return s


def _measure(label: str) -> tuple[str | None, bool]:
    """(measure, from_term): a term decides first, else the right-most qualifier."""
    for pat, m in _vocab().terms:
        if pat.search(label):
            return m, True
    best: tuple[int, str] | None = None
    for pat, m in _vocab().qualifiers:
        for hit in pat.finditer(label):
            if best is None or hit.end() > best[0]:
                best = (hit.end(), m)
    return (best[1] if best else None), False


def _item_name(label: str) -> str:
    s = _vocab().trailing.sub("", label)
    s = re.sub(r"(?<=经费”)总?支出$|(?<=经费)总支出$", "", s)
    s = s.strip("：:，, ")
    for term in _vocab().line_terms:  # before the quotes are stripped: a term may hold them (“三公”经费)
        hit = term.search(s)
        if hit:
            return hit.group(0)
    s = s.strip("“”\"'：:，, ")
    coded = _CODED_ITEM.search(s)  # 人大事务（款）人大会议（项）支出 -> 人大会议
    if coded:
        s = coded.group(1)
    return "" if _QUALIFIER_ONLY.fullmatch(s) else s


def _project_of(label: str, agency: str = "") -> str | None:
    """The project a label names: 辅警经费预算资金 -> 辅警经费; “2019 年…项目”预算… -> …项目."""
    q = _QUOTED.search(label)
    if q:
        name = re.sub(r"^(?:19|20)\d{2}\s*年度?", "", q.group(1)).strip()
        called_project = label[q.end() :].startswith("项目")  # “乡村教师支持计划”项目预算
        if (called_project or _vocab().project_end.search(name)) and not _NOT_PROJECT.search(name):
            return name
    name = _item_name(_strip_leading(label, agency))
    if _measure(name)[1] or _vocab().not_projects.search(name):  # a budget line (人员经费, 公务接待费, …)
        return None
    if len(name) >= 4 and _vocab().project_end.search(name) and not _NOT_PROJECT.search(name):
        return name
    return None


def _last_clause(text: str) -> str:
    """The clause an amount's label stands in; a short bracket inside a name (因公出国（境）费) is no break."""
    masked = _INNER_BRACKET.sub(lambda m: "_" * len(m.group(0)), text)
    seps = [m.end() for m in _CLAUSE_SEP.finditer(masked)]
    return text[seps[-1] :] if seps else text


def _class_item(quoted: str) -> str:
    """'一般公共服务支出（类）财政事务（款）财政委托业务支出（项）' -> '财政委托业务支出'."""
    m = _CLASS_ITEM.search(quoted)
    return no_space(m.group(1) if m else quoted)


def _sentences(par: Paragraph) -> list[str]:
    return [m.group(0) for m in _SENTENCE.finditer(par.text) if m.group(0).strip()]


@dataclass
class _Sentence:
    """One sentence being read amount by amount: what the amounts so far leave for the next."""

    text: str
    spending: str  # the measure of spending: 全年预算数 in a budget, else 全年执行数
    prev_end: int = 0
    last_name: str | None = None
    last_project: str | None = None
    parent_measure: str | None = None
    seen: list[tuple[str, float]] = field(default_factory=list)  # (measure, amount) of the amounts so far
    list_measures: list[str] = field(default_factory=list)
    listed_since: bool = False
    in_list: bool = False
    first_name: str | None = None


def _budget_rows(doc: DocInput, par: Paragraph, sentence: str, ctx: _Context) -> list[BudgetRow]:
    st = _Sentence(text=sentence, spending="全年预算数" if doc.report_kind == "budget" else "全年执行数")
    rows: list[BudgetRow] = []
    for m in _AMOUNT.finditer(sentence):
        rows.extend(_amount_rows(doc, par, ctx, st, m))
    return rows


def _label_before(before: str) -> str:
    """The label of an amount: the last clause before it (or the item quoted there)."""
    clause = _last_clause(before)
    label = no_space(clause).lstrip("、")
    quoted = _QUOTED_BEFORE.search(before)
    if quoted and not _PUNCT_ONLY.sub("", label):
        label = _class_item(quoted.group(1))  # “一般公共服务支出（类）…（项）”418.80万元
    return label


def _amount_rows(doc: DocInput, par: Paragraph, ctx: _Context, st: _Sentence, m: re.Match[str]) -> list[BudgetRow]:
    before = st.text[st.prev_end : m.start()]
    st.prev_end = m.end()
    label = _label_before(before)
    listing = st.in_list or re.search(r"其中|分别为|分别是|包括", before) is not None
    st.in_list = listing
    costs = list(_UNIT_COST.finditer(label))
    own = label[costs[-1].end():] if costs else label  # the label after the last unit cost
    if any(w in own for w in _vocab().skip) or names_a_level(own):
        return []  # a change, a share, a target (≥…), or the cells of an indicator form (效益指标 …)
    value = parse_number(m.group(1))
    if value is None:
        why = number_problem(m.group(1))
        if why:  # 73.033,81万元: reported by the caller, never guessed
            raise ValueError(f"{m.group(1)}{m.group(2)} is not an amount ({why})")
        return []
    amount = to_wan(value, money_unit(m.group(2)))
    stripped = _strip_leading(label, doc.agency)
    measure, from_term = _measure(stripped)
    if measure == "_spending":
        measure = st.spending
    name, project = _name_and_project(doc, ctx, st, label, stripped)
    measures = _measures_of(st, measure, name, listing)
    if not measures or (not name and not project):
        return []
    if (from_term and not listing) or st.parent_measure is None:
        st.parent_measure = measures[0]
    st.seen.append((measures[0], amount))
    if listing and measure is None:
        st.list_measures = measures
        st.listed_since = True
    if st.first_name is None:
        st.first_name = name
    st.last_name, st.last_project = name, project
    return _figure_rows(doc, par, st.text, m, amount=amount, measures=measures, name=name, project=project)


def _name_and_project(
    doc: DocInput, ctx: _Context, st: _Sentence, label: str, stripped: str
) -> tuple[str, str | None]:
    """The item an amount is of, and its project (named here, referred to, or the last one's)."""
    v = _vocab()
    name = _item_name(stripped)
    project = _project_of(label, doc.agency)
    named_here = project is not None and (_QUOTED.search(label) is not None or name != stripped)
    if project is None:
        if stripped.startswith(tuple(v.pronouns)) and "共" not in stripped:
            project = ctx.project
        elif not name:
            project = st.last_project
    elif named_here:
        ctx.project = project
    if not name:
        name = (st.first_name or "") if st.listed_since or label.startswith("与") else (st.last_name or "")
    if not name and not project:
        name = stripped  # the label is all qualifier: 预算资金 36977.06 万元
    return name, project


def _measures_of(st: _Sentence, measure: str | None, name: str, listing: bool) -> list[str]:
    """The measures an amount gives: its own, the list's, or the one the sentence is about."""
    measures: list[str] = [measure] if measure else []
    if not measures and listing and st.list_measures:
        measures = st.list_measures
    if not measures and listing:
        budget_exec = [a for mm, a in st.seen[-2:] if mm in ("全年预算数", "全年执行数")]
        if len(budget_exec) == 2 and abs(budget_exec[0] - budget_exec[1]) < 0.005:
            measures = ["全年预算数", "全年执行数"]
        elif st.parent_measure:
            measures = [st.parent_measure]
    if not measures and name:
        measures = [st.spending]
    return measures


def _figure_rows(
    doc: DocInput, par: Paragraph, sentence: str, m: re.Match[str], *, amount: float, measures: list[str], name: str,
    project: str | None,
) -> list[BudgetRow]:
    """One row per figure: a project's budget or spending, or else a department line's (an item
    listed under 项目支出 is a line of the department's spending, whatever its name)."""
    rows: list[BudgetRow] = []
    for ms in measures:
        if project and ms not in _PROJECT_MEASURES:
            scope, of_project, line_name = "department", None, name or project
        elif project:
            scope, of_project, line_name = "project", project, project
        elif name and name not in _vocab().pronouns:
            scope, of_project, line_name = "department", None, name
        else:
            continue
        rows.append(BudgetRow(
            doc_id=doc.doc_id, page=par.page, source="text", scope=scope, measure=ms, amount_wan=amount,
            amount_raw=m.group(1), unit_raw=m.group(2), source_text=sentence.strip(), project=of_project,
            line_name=line_name,
        ))
    return rows


def _score_rows(doc: DocInput, par: Paragraph, sentence: str, ctx: _Context) -> list[ScoreRow]:
    rows: list[ScoreRow] = []
    s = no_space(sentence)
    grade_m = _GRADE.search(s)
    grade = grade_m.group(1) if grade_m else None
    for m in _DEPT_SCORE.finditer(s):
        rows.append(
            ScoreRow(
                doc_id=doc.doc_id,
                page=par.page,
                scope="department",
                score=float(m.group(1)),
                grade=grade,
                source="text",
                source_text=sentence.strip(),
            )
        )
    if rows:
        return rows
    prev = 0
    for m in _SCORE.finditer(s):
        before = s[prev : m.start()]
        prev = m.end()
        label = _CLAUSE_SEP.split(before)[-1]
        label = _strip_leading(label.split("、")[-1])
        score = float(m.group(2))
        if re.search(r"(本|该|此)项目$", label):
            label = "本项目"
        if score > 100:
            continue
        if "部门整体" in label or "单位整体" in label:
            rows.append(
                ScoreRow(
                    doc_id=doc.doc_id,
                    page=par.page,
                    scope="department",
                    score=score,
                    grade=grade,
                    source="text",
                    source_text=sentence.strip(),
                )
            )
            continue
        project = _project_of(label + "预算") or (label if _vocab().project_end.search(label) else None)
        if project is None or project in _vocab().pronouns or label in _vocab().pronouns:
            project = ctx.project if label in _vocab().pronouns or label.startswith("本项目") or not label else None
        if project is None:
            continue
        rows.append(
            ScoreRow(
                doc_id=doc.doc_id,
                page=par.page,
                scope="project",
                project=project,
                score=score,
                grade=grade,
                source="text",
                source_text=sentence.strip(),
            )
        )
    return rows


def _fact_rows(doc: DocInput, par: Paragraph, sentence: str) -> list[FactRow]:
    """Counts: '民警 51 人', '编制数为 34 名', '17 名民警' (not '11 人次', not '5.5 万人')."""
    v = _vocab()
    rows: list[FactRow] = []
    s = no_space(sentence)
    for pat, subject in v.facts:
        forward = (
            rf"(?:{pat.pattern})(?:人数|总数|数)?(?:共|为|有|达|共计)?"
            rf"(?P<n>\d+)(?P<u>{v.fact_units})(?![次万])"
        )
        backward = rf"(?<![\d.])(?P<n>\d+)(?P<u>{v.fact_units})(?:{pat.pattern})(?!次)"
        for m in [*re.finditer(forward, s), *re.finditer(backward, s)]:
            rows.append(
                FactRow(
                    doc_id=doc.doc_id,
                    page=par.page,
                    subject=subject,
                    value=float(m.group("n")),
                    unit=m.group("u"),
                    source_text=sentence.strip(),
                )
            )
    return rows


def read_prose_figures(doc: DocInput) -> Extraction:
    out = Extraction()
    ctx = _Context()
    for par in paragraphs(doc):
        if par.is_heading:
            body = fold(HEADING.sub("", par.text, count=1))
            hp = _HEADING_PROJECT.match(body)
            if hp and not _NOT_PROJECT.search(hp.group(1)):
                ctx.project = hp.group(1)
            elif _TOP_HEADING.match(par.text):
                ctx.project = None
        for sentence in _sentences(par):
            try:
                out.budgets.extend(_budget_rows(doc, par, sentence, ctx))
                out.scores.extend(_score_rows(doc, par, sentence, ctx))
                out.facts.extend(_fact_rows(doc, par, sentence))
            except ValueError as exc:  # an amount in a unit we do not know
                out.issues.append(
                    IssueRow(
                        doc_id=doc.doc_id,
                        page=par.page,
                        rule="prose_figure_unreadable",
                        severity="warning",
                        message=f"{exc}: {sentence[:80]}",
                    )
                )
    out.scores.extend(_standalone_dept_scores(doc))
    out.budgets = _distinct(out.budgets)
    return out


def _distinct(rows: list[BudgetRow]) -> list[BudgetRow]:
    """One row per figure: a sentence that two patterns (or a repeated paragraph) read twice gives one."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in rows:
        k = (r.page, r.scope, r.project, r.line_name, r.measure, r.amount_wan, r.source_text)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _standalone_dept_scores(doc: DocInput) -> list[ScoreRow]:
    """'（一）部门整体绩效自评得分' on one line and the score alone on the next."""
    rows: list[ScoreRow] = []
    for page in doc.pages:
        lines = [ln.strip() for ln in page.text.splitlines() if ln.strip()]
        for a, b in pairwise(lines):
            if _DEPT_SCORE_HEADING.search(a) and re.fullmatch(r"\d{1,3}(\.\d+)?(分)?", b):
                value = float(b.rstrip("分"))
                if value <= 100:
                    rows.append(
                        ScoreRow(
                            doc_id=doc.doc_id,
                            page=page.number,
                            scope="department",
                            score=value,
                            source="text",
                            source_text=f"{a} {b}",
                        )
                    )
    return rows
