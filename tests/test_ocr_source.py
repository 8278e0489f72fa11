"""OCR source (extract/sources/ocr.py): scanned pages of the layout corpus read back against the
original's text layer, and the number-slip normaliser.

The scanned fixtures are image-only renders of the dev documents (same page order), so the
figures and positions printed on the original page (pdfplumber words) are what OCR must find.
Two pages are read (about 8 CPU-s in all): a dense self-evaluation form under a red seal
(150 dpi, colour, skewed 0.96°) and a form page stored sideways with ``/Rotate 270`` (200 dpi,
grey, seal), whose words must come back in the upright page's coordinates.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

from extract.sources import ocr
from extract.tables.words import tables_on_page

ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "tests/fixtures/layouts/tune"
SAMPLES = ROOT / "data/raw/samples"

TOLERANCE = 8.0  # points between an OCR word's centre and the printed word's (scans are skewed up to 1°)


def _printed(stem: str, page: int) -> list[dict[str, Any]]:
    with pdfplumber.open(str(SAMPLES / f"{stem}.pdf")) as pdf:
        p = pdf.pages[page - 1]
        words = p.extract_words()
        p.close()
    return words


def _ocr(path: Path, page: int) -> ocr.OcrPage:
    doc = pdfium.PdfDocument(str(path))
    try:
        p = doc[page - 1]
        try:
            return ocr.ocr_page(p)
        finally:
            p.close()
    finally:
        doc.close()


def _centre(w: Any) -> tuple[float, float]:
    get = (lambda k: w[k]) if isinstance(w, dict) else (lambda k: getattr(w, k))
    return (get("x0") + get("x1")) / 2, (get("top") + get("bottom")) / 2


def _found(printed: dict[str, Any], words: list[ocr.OcrWord]) -> ocr.OcrWord | None:
    """The OCR word holding the printed figure within TOLERANCE of where it is printed. OCR reads a
    run of print as one word where pdfplumber splits at a font change (录用260名 vs 录用 260 名):
    then the figure is placed by its characters' x inside the word."""
    px, py = _centre(printed)
    best = None
    for w in words:
        text = ocr.normalise_number(w.text).text
        spans = [(0, len(w.text))] if text == printed["text"] else []
        start = w.text.find(printed["text"])
        while start >= 0 and not spans:
            end = start + len(printed["text"])
            before = w.text[start - 1] if start else ""
            after = w.text[end] if end < len(w.text) else ""
            if not (before.isdigit() or before == "." or after.isdigit() or after == "."):
                spans.append((start, end))
            start = w.text.find(printed["text"], start + 1)
        for a, b in spans:
            x0, x1 = w.span_x(a, b)
            d = math.hypot((x0 + x1) / 2 - px, _centre(w)[1] - py)
            if d <= TOLERANCE and (best is None or d < best[0]):
                best = (d, w)
    return best[1] if best else None


@pytest.fixture(scope="module")
def stamped_form() -> ocr.OcrPage:
    return _ocr(TUNE / "seed002_qujing_2022__scanned.pdf", 11)


@pytest.fixture(scope="module")
def sideways_form() -> ocr.OcrPage:
    return _ocr(TUNE / "seed000_qingshan_2020__scanrot.pdf", 2)


# figures printed on seed002 page 11 (公开14-5表), several under the seal: budget, targets, actuals
STAMPED_FIGURES = ("255.21", "230", "200", "92", "0.95", "100.00")


def test_stamped_form_figures_found_where_printed(stamped_form: ocr.OcrPage) -> None:
    printed = _printed("seed002_qujing_2022", 11)
    wanted = [w for w in printed if w["text"] in STAMPED_FIGURES]
    assert {w["text"] for w in wanted} == set(STAMPED_FIGURES)  # they are on the original page
    missing = [(w["text"], round(w["x0"]), round(w["top"])) for w in wanted if _found(w, stamped_form.words) is None]
    assert len(missing) <= 1, f"figures not found within {TOLERANCE} pt of where they are printed: {missing}"
    assert stamped_form.engine.startswith("rapidocr-onnxruntime 1.4.4")
    assert abs(stamped_form.width - 595.3) < 2 and abs(stamped_form.height - 841.9) < 2


def test_words_have_pdfplumber_shape_and_confidence(stamped_form: ocr.OcrPage) -> None:
    words = stamped_form.words
    assert len(words) > 100
    for w in words:
        assert 0 <= w.x0 < w.x1 <= stamped_form.width + 1
        assert 0 <= w.top < w.bottom <= stamped_form.height + 1
        assert 0.0 <= w.confidence <= 1.0
        assert len(w.char_confidences) == len(w.text) == len(w.char_x)
        assert w.text and not any(ch.isspace() for ch in w.text)
    d = words[0].as_dict()
    assert {"text", "x0", "x1", "top", "bottom"} <= set(d)


def test_defaults_are_the_measured_choice() -> None:
    d = ocr.DEFAULT
    assert (d.scale, d.det_max_side, d.rec_batch, d.threads, d.use_cls) == (2.0, 1280, 1, 1, False)


def test_position_reader_reads_ocr_words(stamped_form: ocr.OcrPage) -> None:
    # the words go through the same position reader as pdfplumber's; the form's figure rows come out
    tables = tables_on_page(stamped_form.as_dicts(), 11, stamped_form.height)
    cells = [c for t in tables for r in t.rows for c in r if c]
    assert any("255.21" in c for c in cells)


def test_sideways_page_words_in_upright_coordinates(sideways_form: ocr.OcrPage) -> None:
    # /Rotate 270: the stored image runs sideways; words come back in the page as shown
    assert sideways_form.width < sideways_form.height
    printed = [w for w in _printed("seed000_qingshan_2020", 2) if any(ch.isdigit() for ch in w["text"])]
    distinct = [w for w in printed if sum(1 for v in printed if v["text"] == w["text"]) == 1 and len(w["text"]) >= 2]
    assert len(distinct) >= 4
    found = [w for w in distinct if _found(w, sideways_form.words) is not None]
    assert len(found) >= 0.8 * len(distinct), [w["text"] for w in distinct if w not in found]


def test_image_input_uses_given_scale() -> None:
    # a band of a page rendered by the caller: boxes come back in that image's points
    doc = pdfium.PdfDocument(str(TUNE / "seed002_qujing_2022__scanned.pdf"))
    try:
        img = ocr.render(doc[10], 2.0)
    finally:
        doc.close()
    band = img[150 * 2 : 195 * 2]  # the 年度资金总额 / 当年财政拨款 rows, y 150..195 pt
    page = ocr.ocr_page(band, scale=2.0)
    assert abs(page.height - 45) < 1
    hits = [w for w in page.words if w.text == "255.21"]
    assert hits and all(0 <= w.top < w.bottom <= 46 for w in hits)
    assert any(abs(w.x0 - 293.1) < TOLERANCE for w in hits)
    with pytest.raises(ValueError):
        ocr.ocr_page(band)


def test_red_suppression_keeps_black_ink() -> None:
    img = np.full((4, 4, 3), 255, np.uint8)
    img[0, 0] = (40, 40, 200)  # BGR red
    img[1, 1] = (0, 0, 0)  # black
    img[2, 2] = (30, 30, 60)  # black print under a seal (multiplied): dark, slightly red
    out = ocr.suppress_red(img)
    assert tuple(out[0, 0]) == (255, 255, 255)
    assert tuple(out[1, 1]) == (0, 0, 0)
    assert tuple(out[2, 2]) == (30, 30, 60)


def test_uncertain_characters() -> None:
    w = ocr.OcrWord("86.00", 0, 10, 0, 5, 0.9, (0.99, 0.42, 0.98, 0.97, 0.99), (1, 3, 5, 7, 9))
    assert w.uncertain() == [1]
    assert w.marked() == "8?.00"
    assert ocr.number_needs_flag(w)
    sure = ocr.OcrWord("86.00", 0, 10, 0, 5, 0.99, (0.99,) * 5, (1, 3, 5, 7, 9))
    assert not ocr.number_needs_flag(sure)
    mended = ocr.OcrWord("86.00.", 0, 10, 0, 5, 0.99, (0.99,) * 6, (1, 2, 3, 4, 5, 6))
    assert ocr.number_needs_flag(mended)


@pytest.mark.parametrize(
    ("read", "mended"),
    [
        ("86.00", "86.00"),
        ("86.00.", "86.00"),
        ("86.00,", "86.00"),
        ("86：00", "86.00"),
        ("86:00", "86.00"),
        ("８６．００", "86.00"),
        ("９０％", "90%"),
        ("%06", "60%"),
        ("%5.29", "92.5%"),
        ("86. 00", "86.00"),
        ("86..00", "86.00"),
        ("1O0.00", "100.00"),
        ("10O", "100"),
        ("1l.5", "11.5"),
        ("－3.5", "-3.5"),
        ("1,234.56", "1,234.56"),
        ("1，234.56", "1,234.56"),
        ("255.21", "255.21"),
        ("100%", "100%"),
    ],
)
def test_number_slips_mended(read: str, mended: str) -> None:
    r = ocr.normalise_number(read)
    assert r.text == mended
    assert not r.ambiguous
    assert r.changed == (read != mended)


@pytest.mark.parametrize("read", ["86.0.0", "10:3", "1:2:3", "8.6.00"])
def test_ambiguous_slips_left_as_read(read: str) -> None:
    r = ocr.normalise_number(read)
    assert r.text == read and r.ambiguous and not r.changed


@pytest.mark.parametrize("read", ["人次", "达标", "有效提升", "O", "≥", ""])
def test_words_that_are_not_numbers_untouched(read: str) -> None:
    r = ocr.normalise_number(read)
    assert r.text == read and not r.ambiguous and not r.fixes


def test_engine_loads_offline() -> None:
    # the models ship inside the wheel: loading and reading must not touch the network
    code = (
        "import socket\n"
        "def no(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = no; socket.create_connection = no; socket.getaddrinfo = no\n"
        "import numpy as np\n"
        "from extract.sources import ocr\n"
        "page = ocr.ocr_page(np.full((40, 120, 3), 255, np.uint8), scale=2.0)\n"
        "print(ocr.engine_version(), len(page.words))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("rapidocr-onnxruntime 1.4.4 PP-OCRv4")


def test_huge_page_render_is_capped() -> None:
    # a 20,000 x 20,000-point page at 2x would be 1.6 gigapixels; an A4 page keeps its 2x
    scale = ocr.capped_scale(20_000, 20_000, 2.0)
    assert 20_000 * 20_000 * scale * scale <= ocr.MAX_PIXELS * 1.0001
    assert ocr.capped_scale(595.3, 841.9, 2.0) == 2.0
