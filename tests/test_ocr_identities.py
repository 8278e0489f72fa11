"""An OCR'd figure that breaks one of the form's identities is flagged, never kept silently.

The page is page 1 of the dev sample seed000 (武汉市公安局青山区交通大队 2020 部门整体支出绩效自评表),
scanned at 150 dpi with no text layer. Its fund block prints 预算数(A) 2953.33, 执行数(B) 2609.14,
执行率(B/A) 88.3% (2609.14 / 2953.33 = 88.35 %). In the altered scan the 6 of 2609.14 is overprinted
with the 2 printed before it, so the page shows 执行数 2209.14 beside the same 88.3 %: a misreading the
recogniser cannot notice (every digit is clean), which only the identity 执行率 = 执行数/预算数 shows.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.document import DocumentResult, read_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data/raw/samples/seed000_qingshan_2020.pdf"
DPI = 150


def _scan(out: Path, *, overprint: bool, broken: bool = False) -> Path:
    """Page 1 of the sample as an image-only PDF; with ``overprint`` the 执行数's second digit
    covered by its first, with ``broken`` the lower left of that digit (the 6's loop) rubbed out
    (the glyph boxes come from the sample's text layer)."""
    with pdfplumber.open(SAMPLE) as pdf:
        page = pdf.pages[0]
        # the fund block's 执行数: the lower of the two 2609.14 (the first is in the prose above the form)
        spent = max((w for w in page.extract_words() if w["text"] == "2609.14"), key=lambda w: w["top"])
        chars = sorted((c for c in page.chars if abs(c["top"] - spent["top"]) < 1
                        and spent["x0"] - 0.1 <= c["x0"] and c["x1"] <= spent["x1"] + 0.1), key=lambda c: c["x0"])
    doc = pdfium.PdfDocument(SAMPLE)
    try:
        image = doc[0].render(scale=DPI / 72).to_pil().convert("L")
    finally:
        doc.close()
    if overprint:
        s = DPI / 72

        def box(c: dict) -> tuple[int, int, int, int]:
            return round(c["x0"] * s), round(c["top"] * s), round(c["x1"] * s), round(c["bottom"] * s)

        image.paste(image.crop(box(chars[0])), box(chars[1])[:2])  # "2" over "6"
    if broken:
        x0, y0, x1, y1 = (round(v * DPI / 72) for v in (chars[1]["x0"], chars[1]["top"], chars[1]["x1"],
                                                          chars[1]["bottom"]))
        image.paste(255, (x0, y0 + (y1 - y0) // 3, x0 + (x1 - x0) // 2, y1))  # the 6's loop opened on the left
    image.save(out, resolution=DPI)
    return out


@pytest.fixture(scope="module")
def altered(tmp_path_factory: pytest.TempPathFactory) -> DocumentResult:
    return read_document(_scan(tmp_path_factory.mktemp("altered") / "自评表.pdf", overprint=True))


@pytest.fixture(scope="module")
def as_printed(tmp_path_factory: pytest.TempPathFactory) -> DocumentResult:
    return read_document(_scan(tmp_path_factory.mktemp("printed") / "自评表.pdf", overprint=False))


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> DocumentResult:
    return read_document(_scan(tmp_path_factory.mktemp("broken") / "自评表.pdf", overprint=False, broken=True))


def _spent(res: DocumentResult) -> list:
    return [b for b in res.extraction.budgets
            if b.source == "table" and b.line_name == "部门整体支出总额" and b.measure == "全年执行数"]


def test_ocr_figure_breaking_rate_identity_is_flagged(altered: DocumentResult) -> None:
    # what the altered page prints is read, and it is flagged: 2209.14 / 2953.33 is not 88.3 %
    (row,) = _spent(altered)
    assert row.amount_wan == 2209.14
    assert row.flagged
    assert any(i.rule == "rate_equals_ratio" and i.page == 1 for i in altered.extraction.issues)


def test_ocr_figure_keeping_rate_identity_is_not_flagged(as_printed: DocumentResult) -> None:
    # the same page as printed: 2609.14 / 2953.33 = 88.35 %, the identity holds, nothing to flag
    (row,) = _spent(as_printed)
    assert row.amount_wan == 2609.14
    assert not row.flagged
    assert not any(i.rule == "rate_equals_ratio" for i in as_printed.extraction.issues)


def test_misread_figure_is_named_with_the_reading_that_keeps_the_rate_identity(broken: DocumentResult) -> None:
    # the 6 of 2609.14 with its loop opened reads as another digit: 执行率 88.3 % no longer holds, and
    # the one reading of one figure that makes it hold again is the printed 2609.14 — named, not put in
    (row,) = _spent(broken)
    assert row.amount_wan != 2609.14 and row.flagged  # kept as read
    (issue,) = [i for i in broken.extraction.issues if i.rule == "ocr_reading_satisfies_identity"]
    assert issue.page == 1 and issue.table_index == row.table_index and issue.row_index == row.row_index
    assert "全年执行数" in issue.message and "'2609.14'" in issue.message
