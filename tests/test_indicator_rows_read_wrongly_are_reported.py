"""An indicator row read wrongly where no sum shows it leaves an issues row (issue #11: every miss is
visible).

- A level label merged over rows and read on a neighbouring row gives one row a level 1 its group does
  not stand under on that form (生态效益指标 under 满意度指标 while 社会/经济效益指标 stand under 效益指标):
  ``indicator_level_out_of_place``. A form that puts a whole group under another level 1 (older
  templates: 服务对象满意度指标 under 效益指标) and the newer 成本指标 under 成本指标 are no such rows.
- A wrapped name's last line read as a row of its own prints a name and nothing else, or no 分值 and
  得分 on a form whose other rows print them: ``indicator_row_without_values``.

The rows are made up (a water bureau's form); expectations follow the national framework's groups.
"""

from __future__ import annotations

from extract.interpreters.selfeval.row_checks import levels_out_of_place, rows_without_values
from model.records import IndicatorRow


def _row(k: int, level1: str, level2: str, name: str, **values: object) -> IndicatorRow:
    return IndicatorRow(doc_id="d", page=1, table_index=0, row_index=k, scope="department", name=name,
                        name_canonical=name, level1=level1, level2=level2, **values)  # type: ignore[arg-type]


FIGURES = {"target_raw": "≥90%", "actual_raw": "93%", "weight": 10.0, "score": 10.0}


def test_a_level_2_under_another_level_1_than_its_group_is_reported() -> None:
    rows = [
        _row(1, "产出指标", "数量指标", "新建供水管网长度", **FIGURES),
        _row(2, "效益指标", "社会效益指标", "农村自来水普及率", **FIGURES),
        _row(3, "效益指标", "经济效益指标", "降低群众取水成本", **FIGURES),
        _row(4, "满意度指标", "生态效益指标", "水源地水质达标率", **FIGURES),
        _row(5, "满意度指标", "服务对象满意度指标", "用水户满意度", **FIGURES),
    ]
    issues = levels_out_of_place(rows, "d")
    assert [(i.rule, i.row_index) for i in issues] == [("indicator_level_out_of_place", 4)]
    assert "生态效益指标" in issues[0].message and "效益指标" in issues[0].message


def test_a_form_that_puts_a_whole_group_elsewhere_is_not_reported() -> None:
    rows = [
        _row(1, "产出指标", "数量指标", "新建供水管网长度", **FIGURES),
        _row(2, "成本指标", "经济成本指标", "单位供水成本", **FIGURES),
        _row(3, "效益指标", "社会效益指标", "农村自来水普及率", **FIGURES),
        _row(4, "效益指标", "服务对象满意度指标", "用水户满意度", **FIGURES),
        _row(5, "效益指标", "服务对象满意度指标", "村委会满意度", **FIGURES),
    ]
    assert levels_out_of_place(rows, "d") == []


def test_a_row_printing_only_a_name_is_reported() -> None:
    rows = [
        _row(1, "产出指标", "时效指标", "补助资金发放及时", **FIGURES),
        _row(2, "产出指标", "时效指标", "率"),
        _row(3, "效益指标", "社会效益指标", "群众饮水安全保障", target_raw="有效保障", actual_raw="有效保障"),
    ]
    assert [(i.rule, i.row_index) for i in rows_without_values(rows, "d")] == [("indicator_row_without_values", 2)]


def test_a_row_without_points_on_a_form_that_prints_them_is_reported() -> None:
    rows = [
        _row(1, "产出指标", "数量指标", "新建供水管网长度", **FIGURES),
        _row(2, "产出指标", "成本指标", "单位管网建设成", **FIGURES),
        _row(3, "产出指标", "成本指标", "本", actual_raw="元/米"),
        _row(4, "效益指标", "社会效益指标", "农村自来水普及率", **FIGURES),
        _row(5, "满意度指标", "服务对象满意度指标", "用水户满意度", **FIGURES),
    ]
    assert [(i.rule, i.row_index) for i in rows_without_values(rows, "d")] == [("indicator_row_without_values", 3)]


def test_a_form_without_points_leaves_rows_with_values_alone() -> None:
    rows = [_row(k, "产出指标", "数量指标", name, target_raw=target)
            for k, (name, target) in enumerate((("新建供水管网长度", "≥12公里"), ("改造老旧泵站", "3座"),
                                                 ("水质检测频次", "每月1次")))]
    assert rows_without_values(rows, "d") == []
