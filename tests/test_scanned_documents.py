"""Scanned documents: pages without a text layer OCR'd and read like digital ones, or (--no-ocr)
left with a warning; pages whose text shows an amount table but gave no rows get ``table_not_read``.

The scan is the first two pages of the layout corpus' scanned seed000 (the 部门整体绩效自评表 of
武汉市公安局青山区交通大队, 2020: page 1 at 150 dpi in colour, page 2 at 200 dpi in grey under a
red seal). What must come out is what the form prints (as in the dev gold of seed000).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from extract.document import DocumentResult, is_scan, read_document
from extract.sources.ocr import EXTRACTOR
from extract.sources.pdf import read_pdf_text
from extract.tables.unread import RULE, unread_pages
from model.pages import PageText
from model.records import Extraction
from model.tables import RawTable

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "tests/fixtures/layouts/tune/seed000_qingshan_2020__scanned.pdf"


@pytest.fixture(scope="module")
def form_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scan") / "2020年度武汉市公安局青山区交通大队整体绩效自评表.pdf"
    writer = PdfWriter()
    for page in PdfReader(str(SCAN)).pages[:2]:
        writer.add_page(page)
    with out.open("wb") as f:
        writer.write(f)
    return out


@pytest.fixture(scope="module")
def read_with_ocr(form_scan: Path) -> DocumentResult:
    return read_document(form_scan)


def test_scanned_form_gives_indicators_scores_and_funds(read_with_ocr: DocumentResult) -> None:
    ex = read_with_ocr.extraction
    assert read_with_ocr.document.ocr_pages == 2 and read_with_ocr.document.ocr_seconds > 0
    # printed on the form: 总分 92, the indicators of the department with their targets and scores
    assert any(s.scope == "department" and s.score == 92.0 for s in ex.scores)
    names = {i.name for i in ex.indicators}
    printed = {"交通事故案件证据准确率", "执法暂扣车辆保管完好率", "交通事故检测鉴定完成率", "执法暂扣车辆完成率",
               "警用摩托车勤务使用良好率", "专项资金使用规范", "交管电警设施建设合格率"}
    assert len(printed & names) >= 5, names
    amounts = {b.amount_wan for b in ex.budgets}
    assert {5576.54, 2771.31} & amounts  # 基本支出总额, 项目支出总额
    assert not [i for i in ex.issues if i.rule == "scanned_page"]


def test_ocr_rows_carry_engine_and_confidence(read_with_ocr: DocumentResult) -> None:
    ex = read_with_ocr.extraction
    rows = [*ex.indicators, *(b for b in ex.budgets if b.source == "table")]
    assert rows and all(r.extractor == EXTRACTOR for r in ex.indicators)
    assert all(r.confidence is not None and 0.0 <= r.confidence <= 1.0 for r in rows)
    table_scores = [s for s in ex.scores if s.source == "table"]
    assert all(s.extractor == EXTRACTOR for s in table_scores)


def test_no_ocr_leaves_scanned_pages_with_a_warning(form_scan: Path) -> None:
    res = read_document(form_scan, ocr=False)
    ex = res.extraction
    assert res.document.ocr_pages == 0
    assert not ex.indicators and not ex.budgets
    assert sorted(i.page for i in ex.issues if i.rule == "scanned_page") == [1, 2]


def _page(number: int, text: str, ocr: bool = False) -> PageText:
    return PageText(number=number, text=text, width=595, height=842, ocr=ocr)


STATEMENT = "\n".join(["收入支出决算总表", "单位：万元", "一般公共预算财政拨款收入 1,234.56 1,100.00",
                       "事业收入 12.00 0.00", "其他收入 3.45 2.10", "本年收入合计 1,250.01 1,102.10"])


def test_page_showing_an_amount_table_without_rows_is_reported() -> None:
    issues = unread_pages("d", [_page(1, STATEMENT), _page(2, STATEMENT, ocr=True)], [], Extraction())
    assert [(i.page, i.rule) for i in issues] == [(1, RULE), (2, RULE)]
    assert "OCR'd page 2" in issues[1].message


def test_page_whose_table_was_read_is_not_reported() -> None:
    # the table holds the rows the page prints (a table that holds fewer leaves one unread: see
    # test_tables_sideways_and_mixed_pages.py)
    rows = [[c for c in line.rsplit(" ", 2)] for line in STATEMENT.split("\n")[2:]]
    table = RawTable.on_page(page=1, rows=[["项目", "本年数", "上年数"], *rows], reader="words")
    assert unread_pages("d", [_page(1, STATEMENT)], [table], Extraction()) == []


def test_prose_and_contents_are_not_amount_tables() -> None:
    prose = "2020年度我队总收入2544.29万元，其中财政拨款收入2466.87万元，占全年总收入的96.9%。"
    contents = "\n".join(["目录", "一、收入支出决算总表……………3", "二、收入决算表……………4", "三、支出决算表……………5"])
    assert unread_pages("d", [_page(1, prose), _page(2, contents)], [], Extraction()) == []


def test_a_page_holding_a_few_words_and_no_image_has_a_text_layer() -> None:
    # the rest of a name cut from the table on the page before (房补贴) alone on its page: no scan; a
    # scan's page is an image, with at most a stray character or page number in a text layer
    def page(text: str, images: int) -> PageText:
        return PageText(number=4, text=text, width=595.0, height=842.0, images=images)

    assert not is_scan(page("房补贴", images=0))
    assert is_scan(page("房补贴", images=1))
    assert is_scan(page(" 3 ", images=1))
    assert is_scan(page("", images=0))
    assert not is_scan(page("2024年部门收入总表", images=1))


def test_a_page_with_a_few_characters_reads_how_many_images_it_draws() -> None:
    pages = read_pdf_text(SCAN).pages
    assert all(p.images >= 1 for p in pages if len(p.text.strip()) < 5)
