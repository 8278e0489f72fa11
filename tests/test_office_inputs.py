"""Word and Excel reports are read too: text, tables and merged cells."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from extract.document import read_document


def test_docx_text_and_merged_table_cells(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("2021年度某市某局部门整体支出绩效自评报告")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "一级指标", "三级指标", "指标值"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "产出指标"
    t.cell(1, 1).text, t.cell(1, 2).text = "培训人次", "100"
    t.cell(2, 1).text, t.cell(2, 2).text = "培训合格率", "95%"
    path = tmp_path / "report.docx"
    d.save(str(path))

    res = read_document(path)
    assert res.document.file_type == "docx"
    assert res.document.status in ("ok", "partial")
    assert res.document.pages == 1


def test_xlsx_sheet_is_a_table_with_its_title(tmp_path: Path) -> None:
    from extract.sources.xlsx import read_xlsx

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2022年部门收支预算总表"])
    ws.append(["项目", "金额"])
    ws.append(["一般公共预算拨款收入", 1234.5])
    path = tmp_path / "tables.xlsx"
    wb.save(str(path))

    pages, tables = read_xlsx(path)
    assert len(pages) == 1 and len(tables) == 1
    assert tables[0].text_above == "2022年部门收支预算总表"
    assert tables[0].rows == [["项目", "金额"], ["一般公共预算拨款收入", "1234.5"]]
    assert read_document(path).document.file_type == "xlsx"
