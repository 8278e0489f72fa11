"""Which form a self-evaluation table belongs to: scope, project and statement name.

The project comes from the table's 项目名称 row, else from the numbered heading above the
table (1.部门工作保障经费); the department form (部门名称 row, a title with 整体) has scope
department. The statement is the form's title above the table, canonical where the
vocabulary knows it (extract/data/selfeval_vocab.yaml: statement_titles).

A table that names no form (no label row, title or heading) gives its indicator rows the department
scope and no project; in a document whose other forms are named by their projects such a table is
most likely the rest of a form begun on the page before that was not joined to it: issues rule
``indicator_form_not_named`` (:func:`unnamed_forms`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.interpreters.selfeval.vocab import join_lines, key, texts, vocab
from model.records import IndicatorRow, IssueRow
from model.tables import Cell
from normalize.text import fold, nfkc

_HEADING = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．]\s*(\S.{0,48}?)\s*$")
_SENTENCE = re.compile(r"[，。；;,:：！？]")
_YEAR_PREFIX = re.compile(r"^.*?\d{4}\s*年度?")
_ATTACHMENT = re.compile(r"^(附件|附表)\s*[\d.]*\s*[:：]?\s*")


@dataclass
class FormContext:
    scope: str = "department"
    project: str | None = None
    statement: str | None = None
    known: bool = False  # scope/project were read from the table or its heading
    unit: str | None = None  # money unit of a line such as 单位：元 above the form


def clean_project(name: str | None) -> str | None:
    """A project's name without a code printed before it (13098121-高标准农田建设管护经费)."""
    if not name:
        return name
    return re.sub(str(vocab()["project_code_pattern"]), "", name).strip() or name


def labelled_project(text_above: str) -> str | None:
    """A project named in a line above the form (项目名称：中小学校舍维修改造资金 实施单位：…)."""
    pattern = re.compile(str(vocab()["project_line_pattern"]))
    for line in reversed(text_above.splitlines()):
        m = pattern.search(nfkc(line))
        if m:
            return m.group(1)
    return None


def title_from(text_above: str) -> str | None:
    """The last line above the table that reads as a form title (…绩效…表, …自评…表)."""
    for line in reversed([ln.strip() for ln in text_above.splitlines() if ln.strip()]):
        s = fold(line)
        if s.endswith("表") and ("绩效" in s or "自评" in s) and len(s) <= 60:
            return s
    return None


def statement_name(title: str | None, scope: str) -> str:
    if title:
        for word, canon in vocab()["statement_titles"]:
            if word in title:
                return str(canon)
        printed = _YEAR_PREFIX.sub("", _ATTACHMENT.sub("", title))
        if printed:
            return printed
    return str(vocab()["statement_default"][scope])


def heading_project(text_above: str) -> str | None:
    """The nearest numbered heading above the table that names a project (1.部门工作保障经费)."""
    for line in reversed([ln.strip() for ln in text_above.splitlines() if ln.strip()]):
        m = _HEADING.match(nfkc(line))
        if m and not _SENTENCE.search(m.group(1)):
            return m.group(1).strip()
    return None


def label_value(row: list[Cell], labels: str) -> str | None:
    """The value next to a label cell of ``labels`` (项目名称 | 交通事故预防及处理专项经费), or
    after the label in the same cell (项目名称：交通事故预防及处理专项经费)."""
    cells = texts(row)
    for n, (_, c) in enumerate(cells):
        stacked = _stacked_value(c, cells[n + 1][1], vocab()[labels]) if n + 1 < len(cells) else None
        if stacked:
            return stacked
        if n + 1 < len(cells) and _is_label(c, cells[n + 1][1], vocab()[labels]):
            value = join_lines(cells[n + 1][1])
            if key(value) not in vocab()[labels] and not any(
                key(value) == w for _, ws in vocab()["indicator_columns"] for w in ws
            ):
                return value
        inline = _inline_value(join_lines(c), vocab()[labels])
        if inline:
            return inline
    return None


def _is_label(label_cell: str, value_cell: str, labels: list[str]) -> bool:
    """Is ``label_cell`` one of ``labels`` (its lines joined: a label wrapped in its cell)? Where a reader
    caught the lines printed above a form into its first label cell (2025年项目支出绩效目标表\n项目名称 |
    某某经费: the title of a second form on the page), the label is the cell's last line, beside a value
    of one line."""
    lines = [ln for ln in label_cell.split("\n") if ln.strip()]
    one_value_line = len([ln for ln in value_cell.split("\n") if ln.strip()]) == 1
    return key(label_cell) in labels or (len(lines) > 1 and one_value_line and key(lines[-1]) in labels)


def _stacked_value(label_cell: str, value_cell: str, labels: list[str]) -> str | None:
    """Label rows a reader merged into one row, labels stacked line by line in one cell and their
    values line by line in the next (项目名称\n主管部门 | 某某补助\n某某局): the value on the line
    of the label, where both cells hold as many lines (two or more)."""
    names = [ln.strip() for ln in label_cell.split("\n") if ln.strip()]
    values = [ln.strip() for ln in value_cell.split("\n") if ln.strip()]
    if len(names) < 2 or len(names) != len(values):
        return None
    return next((v for ln, v in zip(names, values, strict=True) if key(ln) in labels), None)


def _inline_value(text: str, labels: list[str]) -> str | None:
    """项目名称：X (label, colon, value in one cell) -> X."""
    for label in labels:
        m = re.match(rf"^\s*{re.escape(label)}\s*[:：]\s*(\S.*?)\s*$", text)
        if m:
            return m.group(1)
    return None


def unnamed_forms(forms: list[tuple[FormContext, list[IndicatorRow]]], doc_id: str) -> list[IssueRow]:
    """A warning for each form that gave indicator rows but names no form, in a document where other
    forms are named by their projects (``forms``: each form's context and indicator rows)."""
    named = [c.project for c, _ in forms if c.known and c.project]
    out = []
    for ctx, rows in forms:
        if ctx.known or not rows or not named:
            continue
        first = rows[0]
        out.append(IssueRow(
            doc_id=doc_id, page=first.page, rule="indicator_form_not_named", severity="warning",
            table_index=first.table_index, row_index=first.row_index,
            message=f"{len(rows)} indicator rows (from {first.name}) were read from a table that names no form "
                    f"(no 项目名称 or 部门名称, title or heading), while the document's other forms name their "
                    f"projects ({named[0]} …): probably the rest of a form begun on the page before, its rows "
                    "stamped without its project"))
    return out
