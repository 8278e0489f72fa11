"""A PDF page is parsed by pdfplumber once per document, however many readers need it.

Parsing a page (pdfminer's content stream, pdfplumber's objects) is most of the cost of reading
a form; the self-evaluation reader's cell lines (extract/tables/cell_lines.py) used to parse every
page it looked at a second time. The table reader now keeps what the cell lines need — the cells'
boxes and texts and the characters in the tables — from its own parse. The one-cell-per-line forms
under tests/fixtures/selfeval_vertical/ are the documents whose indicators are read from the cells'
lines.

A form printed without rulings is read from its words' positions, and the check of its printed row
lines against the rows read (``indicator_rows_missed``, extract/interpreters/selfeval/printed_rows.py)
used to parse each of its pages again for those words: the reader now keeps them. The borderless
project forms of the layouts' tune set (their rulings taken out) are such documents.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber.page
import pytest

from extract.document import read_document
from extract.sources.pdf import OpenedPdf
from extract.tables import cell_lines
from extract.tables.pdfplumber import read_tables
from extract.tables.words import read_borderless, words_of_page

VERTICAL = Path(__file__).resolve().parent / "fixtures" / "selfeval_vertical"
FORMS = sorted(VERTICAL.glob("*.pdf"))
BORDERLESS = sorted((Path(__file__).resolve().parent / "fixtures" / "layouts" / "national_tune")
                    .glob("proj_*__borderless.pdf"))


@pytest.mark.parametrize("pdf", FORMS[:3] + BORDERLESS[:1], ids=lambda p: p.stem)
def test_reading_a_form_parses_each_page_once(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: Counter[int] = Counter()
    parse = pdfplumber.page.Page.parse_objects

    def counted(page: pdfplumber.page.Page) -> object:
        parsed[page.page_number] += 1
        return parse(page)

    monkeypatch.setattr(pdfplumber.page.Page, "parse_objects", counted)
    result = read_document(pdf)
    assert result.extraction.indicators, "the form's indicators are read (through the cells' lines, or the words)"
    assert parsed and max(parsed.values()) == 1, f"pages parsed more than once: {parsed}"


@pytest.mark.parametrize("pdf", FORMS, ids=lambda p: p.stem)
def test_kept_cell_geometry_is_what_a_second_parse_gives(pdf: Path) -> None:
    with OpenedPdf(pdf) as opened:
        read_tables(opened)
        kept = dict(cell_lines._PAGES[opened])
    assert kept, "the table reader keeps the geometry of the pages it read"
    with OpenedPdf(pdf) as fresh:
        for page, geometry in kept.items():
            again = cell_lines._read_page_geometry(fresh, page)
            assert geometry.tables == again.tables
            assert geometry.chars.texts == again.chars.texts
            assert list(geometry.chars.coords) == list(again.chars.coords)


@pytest.mark.parametrize("pdf", BORDERLESS[:1], ids=lambda p: p.stem)
def test_kept_words_are_what_a_second_parse_gives(pdf: Path) -> None:
    with OpenedPdf(pdf) as opened:
        tables = read_borderless(opened, [1])
        assert tables, "the form's first page gives a table from its words"
        kept = words_of_page(opened, 1)
    with OpenedPdf(pdf) as fresh:
        again = words_of_page(fresh, 1)
    assert [(w["text"], w["x0"], w["top"]) for w in kept] == [(w["text"], w["x0"], w["top"]) for w in again]
