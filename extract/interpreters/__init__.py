"""Interpreters: each reads one kind of content of a document into records.

:data:`REGISTRY` lists them in the order they run. Each declares what it consumes of
:class:`Inputs` and returns a :class:`Reading`: its rows and the tables it claimed. The driver
(:func:`extract.document.read_document`) passes the claims made so far to the next interpreter,
so the self-evaluation reader leaves the statement tables alone; nothing is mutated on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.interpreters.narrative import read_narrative
from extract.interpreters.prose.figures import read_prose_figures
from extract.interpreters.selfeval.read import read_self_evaluation
from extract.interpreters.statements.read import read_statements_claiming
from extract.sources.pdf import OpenedPdf
from model.document import DocInput
from model.records import Extraction


@dataclass(frozen=True, kw_only=True)
class Inputs:
    """What an interpreter may consume."""

    doc: DocInput  # pages, tables and what doc_meta read (kind, agency, year)
    pdf: OpenedPdf | None = None  # the opened PDF, for readers that go back to it (None: .docx, .xlsx)
    claimed: frozenset[int] = frozenset()  # indexes of tables an earlier interpreter read


@dataclass(frozen=True, kw_only=True)
class Reading:
    rows: Extraction
    claimed: frozenset[int] = frozenset()  # indexes of the tables this interpreter read


@dataclass(frozen=True, kw_only=True)
class Interpreter:
    name: str  # named in reader_failed issues
    consumes: tuple[str, ...]  # the fields of Inputs it reads
    run: Callable[[Inputs], Reading]
    prose: bool = False  # its rows are figures from the prose, reconciled with the table rows


def _statements(inputs: Inputs) -> Reading:
    rows, claimed = read_statements_claiming(inputs.doc)
    return Reading(rows=rows, claimed=claimed)


def _self_evaluation(inputs: Inputs) -> Reading:
    return Reading(rows=read_self_evaluation(inputs.doc, inputs.claimed, inputs.pdf))


def _narrative(inputs: Inputs) -> Reading:
    return Reading(rows=read_narrative(inputs.doc))


def _prose_figures(inputs: Inputs) -> Reading:
    return Reading(rows=read_prose_figures(inputs.doc))


STATEMENTS = Interpreter(name="statements", consumes=("doc",), run=_statements)
SELF_EVALUATION = Interpreter(name="self_evaluation", consumes=("doc", "claimed", "pdf"), run=_self_evaluation)
NARRATIVE = Interpreter(name="narrative", consumes=("doc",), run=_narrative)
PROSE_FIGURES = Interpreter(name="prose_figures", consumes=("doc",), run=_prose_figures, prose=True)

# in the order they run: the statements claim their tables before the self-evaluation reader looks
REGISTRY: tuple[Interpreter, ...] = (STATEMENTS, SELF_EVALUATION, NARRATIVE, PROSE_FIGURES)
