"""Region of an agency from its name, from the shipped division table."""

from __future__ import annotations

from normalize.divisions import Region, locate


def test_district_inside_its_city_not_a_namesake() -> None:
    # 青山区 exists in 武汉市 and in 包头市: the city named first decides
    assert locate("武汉市公安局青山区交通大队") == Region("湖北省", "武汉市", "青山区")
    assert locate("包头市青山区财政局") == Region("内蒙古自治区", "包头市", "青山区")


def test_county_level_city_and_prefecture() -> None:
    assert locate("常宁市公安局交通警察大队") == Region("湖南省", "衡阳市", "常宁市")
    assert locate("曲靖市公安局交通警察支队") == Region("云南省", "曲靖市", None)


def test_municipality_has_no_city_level() -> None:
    assert locate("上海市普陀区规划和自然资源局") == Region("上海市", None, "普陀区")


def test_province_level_agency_and_unknown() -> None:
    assert locate("江苏省政协办公厅") == Region("江苏省", None, None)
    assert locate("某某单位") == Region()
