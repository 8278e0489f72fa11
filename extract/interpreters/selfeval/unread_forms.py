"""Pages that print the column headings of a performance form (一级指标 二级指标 三级指标 年度指标值
实际完成值 分值 得分) but from which no indicator was read: issues rule ``table_not_read``.

A page *prints a form's headings* when one of its lines, not a sentence, names at least
``MIN_ROLES`` distinct column roles of the indicator forms' vocabulary (selfeval_vocab.yaml:
indicator_columns), among them the indicator's name and one of the roles a header row needs
(indicator_header_needs). The figures of such a form may be words, masked (``**``) or label and
amount pairs, so the page need not show lines of figures (:mod:`extract.tables.unread`); without
this check a form no reader could read would leave no trace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from extract.interpreters.selfeval.vocab import column_role, key, vocab
from model.pages import PageText
from model.records import IndicatorRow, IssueRow, ScoreRow
from normalize.text import is_sentence

RULE = "table_not_read"
MIN_ROLES = 3  # distinct column roles one line of headings names


def heading_roles(line: str) -> set[str]:
    """The indicator-form column roles the words of ``line`` name (none for a sentence)."""
    if is_sentence(line):
        return set()
    return {r for r in (column_role(w) for w in line.split()) if r is not None}


def form_headings(text: str) -> str | None:
    """The first line of ``text`` that reads as the headings of an indicator form, or None."""
    needs = set(vocab()["indicator_header_needs"])
    for line in text.split("\n"):
        roles = heading_roles(line)
        if len(roles) >= MIN_ROLES and "name" in roles and roles & needs:
            return line.strip()
    return None


def unread_pages_printing(pages: list[PageText], read: set[int], flagged: set[int],
                          prints: Callable[[str], str | None]) -> Iterator[tuple[str, int, str]]:
    """For every page (not garbled, not among ``read`` or ``flagged``) whose text ``prints`` something
    (the line that shows it): how the page is named (page / OCR'd page), its number and that line."""
    for p in pages:
        if p.garbled or p.number in read or p.number in flagged:
            continue
        line = prints(p.text)
        if line:
            yield ("OCR'd page" if p.ocr else "page"), p.number, line


def forms_not_read(doc_id: str, pages: list[PageText], indicators: list[IndicatorRow],
                   flagged: set[int]) -> list[IssueRow]:
    """An issue for every page (not garbled, not among ``flagged``) that prints a form's headings but
    gave no indicator."""
    return [IssueRow(doc_id=doc_id, page=n, rule=RULE, severity="warning",
                     message=f"{how} {n} prints the column headings of a performance form ({line[:60]}) but no "
                             "indicator was read from it: its indicators are missing from the dataset")
            for how, n, line in unread_pages_printing(pages, {i.page for i in indicators}, flagged, form_headings)]


TOTAL_RULE = "form_total_not_read"


def totals_not_read(forms: list[tuple[str, str | None, list[IndicatorRow]]], scores: list[ScoreRow],
                    doc_id: str) -> list[IssueRow]:
    """An issue for every form (scope, project, its indicators) whose indicators print their points
    (得分) but for whose scope and project no total score was read: its 总分 row was lost (a page tail
    not stitched to its form, a total row read as something else), and with it the form's score."""
    read = {(s.scope, key(s.project or "")) for s in scores}
    out: list[IssueRow] = []
    for scope, project, indicators in forms:
        scored = [i for i in indicators if i.score is not None]
        if not scored or (scope, key(project or "")) in read:
            continue
        read.add((scope, key(project or "")))  # one issue for a form read in two parts
        name = f"project {project}" if project else "the department form"
        out.append(IssueRow(doc_id=doc_id, page=scored[-1].page, rule=TOTAL_RULE, severity="warning",
                            message=f"the performance form of {name} prints its indicators' points but no total "
                                    "score was read from it: the form's score is missing from the dataset"))
    return out
