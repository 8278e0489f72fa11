"""On an OCR'd page, the one reading of an uncertain figure that would make a failed identity hold.

A form or statement read by OCR that breaks an identity it must satisfy (Σ得分 = 总分, Σ分值 = the
form's maximum, 执行率 = 执行数/预算数, 类 = Σ款, 合计 = Σ parts) has either a misprint or, likelier,
a misread figure. The checks keep each failed identity term by term
(:class:`model.identities.FailedIdentity`); here every *uncertain* term of one on an OCR'd page — its
row holds a figure read with uncertain characters or mended, or was read with less confidence than
:data:`extract.sources.ocr.UNCERTAIN_BELOW`, or its text is itself a slip — is read again the ways
the recogniser slips (:func:`alternatives`: one digit for another, a digit lost or doubled, the
decimal point dropped, doubled or moved, ``%06`` for ``60%``, O/l for 0/1). When exactly one term
has a reading that makes the identity hold (the reading that leaves the least difference, and only
one such reading), an issues row ``ocr_reading_satisfies_identity`` names its cell (page, table,
row, column), what was read and that reading. Only where no uncertain term has such a reading are
the terms read surely tried the same way (a 6 with a broken loop read as a sure 5): the message says
which it was.

**Policy: the value is kept as read.** The candidate is only named: a reading that makes one sum
hold is evidence, not proof (the printed figure may be the misprint), and the identity's own issues
row and the row's ``flagged`` already say the figure is doubtful. Whoever checks the page decides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extract.sources.ocr import UNCERTAIN_BELOW, normalise_number
from model.identities import FailedIdentity, IdentityKind, Term
from model.pages import PageText
from model.records import Extraction, IssueRow
from model.tables import RawTable
from normalize.numbers import parse_number
from normalize.text import fold

RULE = "ocr_reading_satisfies_identity"
_DIGITS = "0123456789"
_TOTAL_LABELS = ("总分", "合计", "总计")  # the row of a form's 总分 (its label as the forms print it)


@dataclass(frozen=True, kw_only=True)
class Reading:
    """An uncertain term and the reading of its text that would make its identity hold."""

    term: Term
    text: str  # the term's text as read
    reading: str  # the other reading
    value: float
    residual: float  # what is left of the identity's difference with that reading
    uncertain: bool  # the term was read with uncertain characters (else the identity alone points at it)


def alternatives(text: str) -> dict[float, str]:
    """The other readings of an OCR'd figure's ``text`` the recogniser's usual slips allow, by value:
    one digit read for another, a digit lost (one inserted) or doubled (one deleted), the decimal
    point dropped, doubled, spurious or moved, and the slips :func:`normalise_number` mends. A sign,
    thousands separators and a trailing % are kept apart."""
    mended = normalise_number(text).text
    s = fold(mended).replace(",", "").strip()
    sign = s[:1] if s[:1] in "+-" else ""
    s = s[len(sign):]
    percent = s[-1:] if s[-1:] in "%‰" else ""
    body = s[: len(s) - len(percent)]
    if not body or any(c not in _DIGITS + "." for c in body) or not any(c in _DIGITS for c in body):
        return {}
    texts: set[str] = {body}
    for i in range(len(body) + 1):
        for d in _DIGITS:
            texts.add(body[:i] + d + body[i:])  # a digit lost
        if i < len(body):
            texts.add(body[:i] + body[i + 1:])  # a digit doubled, a point spurious
            if body[i] in _DIGITS:
                texts.update(body[:i] + d + body[i + 1:] for d in _DIGITS)  # one digit for another
    bare = body.replace(".", "")
    texts.update(bare[:i] + "." + bare[i:] for i in range(1, len(bare)))  # the point dropped or moved
    out: dict[float, str] = {}
    for t in sorted(texts, key=lambda t: (len(t), t)):
        v = parse_number(t)
        if v is not None and not t.startswith(".") and not t.endswith("."):
            out.setdefault(-v if sign == "-" else v, sign + t + percent)
    return out


def residual(identity: FailedIdentity, values: list[float]) -> float:
    """How far the identity is from holding with ``values`` (one per term)."""
    if identity.kind is IdentityKind.RATE:
        rate, spent, budget = values
        if not budget:
            return float("inf")
        want = spent / budget * 100.0
        off = abs(want - rate)
        return min(off, abs(want - rate * 100.0)) if 0 < rate <= 1.5 else off
    return abs(values[0] - sum(values[1:]) - sum(identity.fixed))


def _row(tables: list[RawTable], ti: int | None, ri: int | None) -> tuple[RawTable, int] | None:
    if ti is None or ri is None or not 0 <= ti < len(tables) or not 0 <= ri < len(tables[ti].rows):
        return None
    return tables[ti], ri


def cell_text(term: Term, tables: list[RawTable]) -> tuple[str, int | None] | None:
    """The text of the term's cell and its column: the column named, else the cell of the row that
    reads as the term's value (the last such for a 得分, the first otherwise)."""
    if term.text is not None:
        return term.text, term.column
    found = _row(tables, term.table_index, term.row_index)
    if found is None:
        return None
    row = found[0].rows[found[1]]
    if term.column is not None and 0 <= term.column < len(row):
        return (row[term.column] or "").strip(), term.column
    hits = [j for j, c in enumerate(row) if c and cell_value(c) == term.value]
    if not hits:
        return None
    j = hits[-1] if term.role == "得分" else hits[0]
    return (row[j] or "").strip(), j


def cell_value(cell: str) -> float | None:
    s = fold(cell).strip()
    return parse_number(s[:-1] if s.endswith("分") else s)


def locate_total(term: Term, tables: list[RawTable]) -> Term:
    """A form's 总分 (known by its page only): the row of that page labelled 总分/合计 printing it."""
    if term.table_index is not None or term.page is None:
        return term
    for ti, t in enumerate(tables):
        for ri, row in enumerate(t.rows):
            if t.row_pages[ri] != term.page or not any(c and any(k in c for k in _TOTAL_LABELS) for c in row):
                continue
            if any(c and cell_value(c) == term.value for c in row):
                return Term(role=term.role, value=term.value, page=term.page, table_index=ti, row_index=ri)
    return term


def _uncertain(term: Term, text: str, tables: list[RawTable]) -> bool:
    """The term's row holds an uncertain or mended figure, or was read with little confidence, or
    its own text is a slip."""
    reading = normalise_number(text)
    if reading.changed or reading.ambiguous:
        return True
    found = _row(tables, term.table_index, term.row_index)
    if found is None:
        return False
    t, ri = found
    unsure = t.row_uncertain is not None and ri < len(t.row_uncertain) and t.row_uncertain[ri]
    conf = t.row_confidence[ri] if t.row_confidence is not None and ri < len(t.row_confidence) else None
    return bool(unsure) or (conf is not None and conf < UNCERTAIN_BELOW)


def name_reading(identity: FailedIdentity, tables: list[RawTable]) -> Reading | None:
    """The one reading of one term that makes ``identity`` hold, or None (no such reading, or more
    than one term or reading would do). The uncertain terms are tried first; only where none of them
    has such a reading are the terms read surely tried (a digit misread cleanly: a broken 6 read as
    a sure 5), the same way."""
    terms = [locate_total(t, tables) if i == 0 else t for i, t in enumerate(identity.terms)]
    cells = [cell_text(t, tables) for t in terms]
    unsure = [c is not None and _uncertain(t, c[0], tables) for t, c in zip(terms, cells, strict=True)]
    for tier in (True, False):
        found = _readings(identity, terms, [c if u is tier else None for c, u in zip(cells, unsure, strict=True)],
                          uncertain=tier)
        if found:
            best = min(r.residual for r in found)
            top = [r for r in found if r.residual <= best + 1e-9]
            return top[0] if len(top) == 1 else None
    return None


def _readings(identity: FailedIdentity, terms: list[Term], cells: list[tuple[str, int | None] | None], *,
              uncertain: bool) -> list[Reading]:
    """Every reading of a term with a cell in ``cells`` that makes the identity hold."""
    values = [t.value for t in terms]
    found: list[Reading] = []
    for k, (term, cell) in enumerate(zip(terms, cells, strict=True)):
        if cell is None:
            continue
        placed = replace(term, column=cell[1])
        for value, text in alternatives(cell[0]).items():
            if value == term.value:
                continue
            left = residual(identity, [*values[:k], value, *values[k + 1:]])
            if left <= identity.tolerance:
                found.append(Reading(term=placed, text=cell[0], reading=text, value=value, residual=left,
                                     uncertain=uncertain))
    return found


def _message(identity: FailedIdentity, r: Reading) -> str:
    t = r.term
    where = f"page {t.page}, table {t.table_index}, row {t.row_index}, column {t.column}"
    how = "read with uncertain characters" if r.uncertain else "read with no uncertain character"
    return (f"{identity.rule} fails on an OCR'd page; the {t.role} read as {r.text!r} ({where}; {how}) would make "
            f"it hold read as {r.reading!r} (difference left {r.residual:.2f}); kept as read: check the page")


def name_readings(rows: Extraction, tables: list[RawTable], pages: list[PageText], doc_id: str) -> list[IssueRow]:
    """An ``ocr_reading_satisfies_identity`` row for each failed identity of an OCR'd page whose one
    uncertain figure has a reading that makes it hold (the values are left as read)."""
    ocr_pages = {p.number for p in pages if p.ocr}
    out: list[IssueRow] = []
    for identity in rows.failed_identities:
        if identity.page not in ocr_pages:
            continue
        r = name_reading(identity, tables)
        if r is None:
            continue
        out.append(IssueRow(doc_id=doc_id, page=r.term.page, rule=RULE, severity="warning",
                            message=_message(identity, r), table_index=r.term.table_index,
                            row_index=r.term.row_index))
    return out
