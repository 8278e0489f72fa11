"""The same indicator written differently maps to one name_canonical."""

from __future__ import annotations

from normalize.indicator_name_report import name_mapping_report
from normalize.indicator_names import canonical_name


def test_satisfaction_variants() -> None:
    assert canonical_name("双评议满意率") == canonical_name("双评议满意度")
    assert canonical_name("参加培训人员满意") == "参加培训人员满意度"
    assert canonical_name("走访调查社区群众满") == "走访调查社区群众满意度"  # cut off in its cell


def test_rate_variants_numbering_brackets_and_spaces() -> None:
    assert canonical_name("资金使用比率") == canonical_name("资金使用率")
    assert canonical_name("（1）群众 满意度") == "群众满意度"
    assert canonical_name("①执法暂扣车辆保管完好率") == "执法暂扣车辆保管完好率"
    assert canonical_name("《规范》执行率") == "规范执行率"


def test_cut_off_and_doubled_words() -> None:
    assert canonical_name("道路交通安全宣传…") == canonical_name("道路交通安全宣传")
    assert canonical_name("群众群众安全感满意") == "群众安全感满意度"


def test_words_ending_in_man_are_not_satisfaction() -> None:
    assert canonical_name("工作任务完成圆满") == "工作任务完成圆满"
    assert canonical_name("床位使用饱满") == "床位使用饱满"


def test_report_counts_raw_and_canonical() -> None:
    r = name_mapping_report(["服务对象满意度", "服务对象满意率", "服务对象 满意度", "办结率"])
    assert (r.raw_names, r.canonical_names) == (3, 2)
    assert r.merged == {"服务对象满意度": ["服务对象满意度", "服务对象满意率"]}
