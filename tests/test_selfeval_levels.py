"""Level-1/level-2 labels of indicator tables map to canonical names; grades follow score bands."""

from __future__ import annotations

from normalize.grades import canonical_grade, grade_for_score
from normalize.indicator_levels import canonical_level1, canonical_level2, is_level_name


def test_level1_synonyms_and_weights() -> None:
    assert canonical_level1("项目完成指标") == "产出指标"
    assert canonical_level1("效益指\n标\n(30分)") == "效益指标"
    assert canonical_level1("产出指标（40分）") == "产出指标"


def test_level1_cut_by_a_page_break_maps_by_prefix_and_a_fragment_does_not() -> None:
    assert canonical_level1("项目完成指") == "产出指标"
    assert canonical_level1("标") is None


def test_level2_satisfaction_variants() -> None:
    for raw in ("社会公众或服务对象满意度指标", "服务对象满意度指标等", "群众满意度", "设备使用部门满意度"):
        assert canonical_level2(raw) == "服务对象满意度指标", raw
    assert canonical_level2("社会效益指\n标") == "社会效益指标"


def test_exact_level_names_only_for_floating_labels() -> None:
    assert is_level_name("社会效益指标", 2)
    assert not is_level_name("服务对象满意度指", 2)


def test_grade_bands() -> None:
    assert [grade_for_score(s) for s in (95, 90, 89.99, 80, 79.5, 60, 59)] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
    ]
    assert canonical_grade("良好") == "良"
