"""Level blocks of a self-evaluation form read from a scan's ruled grid (issue #11).

A scan's ruled form is read by its cells, built from the rulings seen in the image: a level-1 cell
merged down its rows is printed there, as in a digital ruled form, so the block a row is in is the
one the page prints, even where the national framework puts its level 2 elsewhere (an 经济效益指标
row inside a 项目完成指标 block). The same form read from word positions places the merged label by
its height, and there a level 2 the block cannot hold names its own block. A level-2 label a seal's
character spoiled (时效指局) is read as the one level 2 of the vocabulary it is one character off, and
the reading named in an issues row.
"""

from __future__ import annotations

from extract.interpreters.selfeval.indicators import IndicatorSection, read_indicator_row
from extract.sources.ocr import EXTRACTOR
from extract.tables.pdfplumber import READER as PDFPLUMBER
from model.records import IssueRow

ROLES = {0: "level1", 1: "level2", 2: "name", 3: "target", 4: "actual"}


def _level1_of(row: list[str | None], *, ruled: bool) -> str | None:
    section = IndicatorSection(roles=ROLES, ncols=5, scope="project", project="道路养护经费",
                               level1="产出指标", level2="成本指标")
    read_indicator_row(section, row, doc_id="d", page=1, table_index=0, row_index=0, new_page=False,
                       reader=EXTRACTOR, ruled=ruled, issues=[])
    (got,) = section.rows
    return got.level1


def test_a_level2_inside_a_merged_level1_block_of_a_scans_grid_stays_in_that_block() -> None:
    row: list[str | None] = [None, "经济效益指标", "降低群众出行成本", "有所降低", "明显降低"]
    assert _level1_of(row, ruled=True) == "产出指标"


def test_the_same_row_read_from_word_positions_names_its_own_block() -> None:
    row: list[str | None] = ["", "经济效益指标", "降低群众出行成本", "有所降低", "明显降低"]
    assert _level1_of(row, ruled=False) == "效益指标"


def _read(row: list[str | None], reader: str = EXTRACTOR) -> tuple[str | None, list[str]]:
    section = IndicatorSection(roles=ROLES, ncols=5, scope="project", project="道路养护经费",
                               level1="产出指标", level2="质量指标")
    issues: list[IssueRow] = []
    read_indicator_row(section, row, doc_id="d", page=3, table_index=0, row_index=4, new_page=False,
                       reader=reader, ruled=True, issues=issues)
    (got,) = section.rows
    return got.level2, [i.rule for i in issues]


def test_a_level2_label_one_character_off_the_vocabulary_on_a_scan_is_read_as_it_and_named() -> None:
    # a seal's 章 read over the 标 of 成本指标: the only level 2 one character off it
    row: list[str | None] = [None, "成本指章", "每公里养护成本", "≤1.2万元", "1.1万元"]
    assert _read(row) == ("成本指标", ["ocr_level_label_read_by_vocabulary"])


def test_a_label_one_character_off_two_level2s_is_not_read_as_either() -> None:
    # 效量指标 is one character off 数量指标 and off 质量指标: nothing confirms either
    row: list[str | None] = [None, "效量指标", "养护里程", "≥120公里", "126公里"]
    assert _read(row) == ("质量指标", [])  # the block above's, as a label that names nothing


def test_a_text_layers_label_is_read_as_printed() -> None:
    row: list[str | None] = [None, "成本指章", "每公里养护成本", "≤1.2万元", "1.1万元"]
    assert _read(row, reader=PDFPLUMBER)[1] == []
