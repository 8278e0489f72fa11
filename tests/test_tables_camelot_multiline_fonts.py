"""camelot's lattice reader (vector engine) on a ruled table whose CJK cells wrap onto several lines.

The same table is rendered in a Type1 CJK font and in a TrueType CJK font (tests/fixtures/
make_table_pdfs.py). Every cell must come back in its own row and column, whole, in both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.tables.camelot import LATTICE, read_lattice
from extract.tables.pdfplumber import read_tables

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# the table as written in the fixture's source
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
ROWS = [
    ["产出指标", "数量指标", "全年开展道路交通安全宣传进社区、进学校、进企业活动次数", "≥120次", "136次"],
    ["产出指标", "质量指标", "交通视频监控指挥调度中心和交通违法摄录中心设备运维良好率", "≥90%", "96.5%"],
    ["效益指标", "社会效益指标", "辖区道路交通事故死亡人数较上年同期下降幅度", "≥5%", "7.2%"],
    ["满意度指标", "服务对象满意度指标", "群众对交通管理工作的满意度", "≥85%", "91%"],
]


def _joined(rows: list[list[str | None]]) -> list[list[str]]:
    return [[re.sub(r"\s", "", c or "") for c in r] for r in rows]


@pytest.mark.parametrize("name", ["tables_multiline_cff.pdf", "tables_multiline_truetype.pdf"])
def test_lattice_keeps_wrapped_cells_in_their_row(name: str) -> None:
    tables = read_lattice(FIXTURES / name, [1])
    assert len(tables) == 1
    t = tables[0]
    assert t.reader == LATTICE and t.page == 1
    assert _joined(t.rows) == [HEADER, *ROWS]


@pytest.mark.parametrize("name", ["tables_multiline_cff.pdf", "tables_multiline_truetype.pdf"])
def test_lattice_and_pdfplumber_place_the_table_alike(name: str) -> None:
    (cam,) = read_lattice(FIXTURES / name, [1])
    (plumb,) = read_tables(FIXTURES / name)
    assert cam.bbox is not None and plumb.bbox is not None
    # both in top-left page coordinates: the same box within a point or so
    assert all(abs(a - b) < 2 for a, b in zip(cam.bbox, plumb.bbox, strict=True))
    assert cam.page_height == pytest.approx(plumb.page_height)


def test_rulings_drawn_as_tiny_rectangles_are_read() -> None:
    (t,) = read_lattice(FIXTURES / "tables_tiny_rects.pdf", [1])
    assert t.rows == [["Item", "Budget", "Actual"], ["Staff", "1,200.50", "1,180.25"],
                      ["Office", "300.00", "310.75"], ["Total", "1,500.50", "1,491.00"]]


def test_pages_without_rulings_give_no_lattice_table() -> None:
    assert read_lattice(FIXTURES / "tables_borderless.pdf", [1]) == []
    assert read_lattice(FIXTURES / "tables_borderless.pdf", []) == []
