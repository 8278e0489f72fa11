"""Fonts without a ToUnicode map give (cid:N) or characters of other scripts: never written silently."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from extract.document import read_document
from extract.sources.garbled import garbled_count, is_garbled
from tests.conftest import sample


def _strip_unicode_maps(src: Path, dst: Path) -> None:
    """The same PDF with every font's ToUnicode map removed (what some real publishers ship)."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(src))
    for page in writer.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for ref in (fonts.get_object().values() if fonts else []):
            font = ref.get_object()
            if "/ToUnicode" in font:
                del font["/ToUnicode"]
    buf = io.BytesIO()
    writer.write(buf)
    dst.write_bytes(buf.getvalue())


@pytest.mark.parametrize(
    "text",
    ["(cid:6922)(cid:1849)(cid:20056) 公开表一", "\ufffd\ufffd\ufffd", "݀ᓔ㸼ϔ 䚼䮼˖ ऩԡ˖ϛܗ ࡳ㛑⾥Ⳃৡ⿄ 䞥乱 乍Ⳃৡ⿄ 䞥乱"],
)
def test_unmapped_text_is_garbled(text: str) -> None:
    assert is_garbled(text)


@pytest.mark.parametrize(
    "text",
    ["一、财政拨款 18,330.37 一般公共服务支出（≥95%）", "机关事业单位基本养老保险缴费支出 ① ② ■ μ", "第 3 页",
     "是否达到预期 ✓ 是 ☐ 否", "☑ 已完成 ✔ ✗ ★",  # the marks forms tick
     "﹦100% ﹤5% ﹪ ︰"],  # small and vertical forms: the national templates' 指标值 ﹦100%
)
def test_ordinary_report_text_is_not_garbled(text: str) -> None:
    assert garbled_count(text) == 0


def test_garbled_pages_get_issues_and_their_rows_are_flagged(tmp_path: Path) -> None:
    path = tmp_path / "no_unicode_maps.pdf"
    _strip_unicode_maps(sample("ys_2019_jiangsu_renda_tables.pdf"), path)
    res = read_document(path)
    garbled = [i for i in res.extraction.issues if i.rule == "garbled_text"]
    assert {i.page for i in garbled} == set(range(1, res.document.pages + 1))
    assert res.document.status == "partial"
    assert all(b.flagged for b in res.extraction.budgets)
