"""The region gazetteer: codes, levels, parents, aliases, lookups."""
from __future__ import annotations

import pytest

from duikou.gazetteer import gazetteer


@pytest.mark.parametrize("code,name,level,parent", [
    ("110000", "北京市", "province", None),
    ("450000", "广西壮族自治区", "province", None),
    ("510000", "四川省", "province", None),
    ("513400", "凉山彝族自治州", "prefecture", "510000"),
    ("330700", "金华市", "prefecture", "330000"),
    ("653200", "和田地区", "prefecture", "650000"),
    ("152200", "兴安盟", "prefecture", "150000"),
    ("441900", "东莞市", "prefecture", "440000"),
    ("330702", "婺城区", "county", "330700"),
    ("620525", "张家川回族自治县", "county", "620500"),
    ("110105", "朝阳区", "county", "110000"),     # municipal district: parent is the city
    ("500101", "万州区", "county", "500000"),
    ("500242", "酉阳土家族苗族自治县", "county", "500000"),  # county of Chongqing
    ("120116", "滨海新区", "county", "120000"),
    ("419001", "济源市", "county", "410000"),     # 省直辖县级
    ("429004", "仙桃市", "county", "420000"),
    ("429021", "神农架林区", "county", "420000"),
    ("659001", "石河子市", "county", "650000"),
    ("469002", "琼海市", "county", "460000"),
    ("130627", "唐县", "county", "130600"),
    ("150724", "鄂温克族自治旗", "county", "150700"),
])
def test_units(code: str, name: str, level: str, parent: str | None) -> None:
    r = gazetteer().get(code)
    assert r is not None
    assert (r.name, r.level, r.parent) == (name, level, parent)


@pytest.mark.parametrize("code", ["110100", "120100", "310100", "500100", "500200", "990000", "999900"])
def test_pseudo_rows_are_not_units(code: str) -> None:
    assert gazetteer().get(code) is None


def test_counts_by_level() -> None:
    levels = [r.level for r in gazetteer().regions.values()]
    assert levels.count("province") == 34
    assert 330 <= levels.count("prefecture") <= 345
    assert 2800 <= levels.count("county") <= 3100


def test_every_parent_exists_and_codes_are_six_digits() -> None:
    g = gazetteer()
    for r in g.regions.values():
        assert len(r.code) == 6 and r.code.isdigit()
        if r.parent is not None:
            assert g.get(r.parent) is not None, r
            assert g.get(r.parent).level != "county"  # type: ignore[union-attr]


def test_coordinates() -> None:
    r = gazetteer().get("510000")
    assert r is not None and r.lon is not None and r.lat is not None
    assert 97 < r.lon < 109 and 26 < r.lat < 35


@pytest.mark.parametrize("alias,code", [
    ("凉山州", "513400"), ("凉山", "513400"),
    ("张家川县", "620525"), ("张家川", "620525"),
    ("广西", "450000"), ("内蒙古", "150000"), ("新疆", "650000"), ("西藏", "540000"), ("宁夏", "640000"),
    ("四川", "510000"), ("北京", "110000"), ("北京市", "110000"), ("香港", "810000"),
    ("嘉陵", "511304"), ("婺城", "330702"), ("永寿", "610426"), ("和田", "653200"),
    ("伊犁州", "654000"), ("巴音郭楞州", "652800"), ("海西州", "632800"), ("互助县", "630223"),
    ("酉阳县", "500242"), ("莫力达瓦旗", "150722"), ("鄂温克旗", "150724"), ("神农架", "429021"),
    ("浦东", "310115"), ("兴安", "152200"),
])
def test_aliases(alias: str, code: str) -> None:
    assert code in [r.code for r in gazetteer().by_name(alias)]


@pytest.mark.parametrize("name", ["京", "津", "川", "甘", "新", "城", "族", "自治州", "区", "彝族"])
def test_no_single_character_or_bare_suffix_aliases(name: str) -> None:
    assert gazetteer().by_name(name) == []


@pytest.mark.parametrize("name,codes", [
    ("朝阳区", {"110105", "220104"}),
    ("鼓楼区", {"320106", "320302", "350102", "410204"}),
    ("吉林", {"220000", "220200"}),
    ("滨海", {"120116", "320922"}),
])
def test_ambiguous_names(name: str, codes: set[str]) -> None:
    assert {r.code for r in gazetteer().by_name(name)} == codes


@pytest.mark.parametrize("code,chain", [
    ("511304", ["511300", "510000"]),
    ("110105", ["110000"]),
    ("419001", ["410000"]),
    ("510000", []),
])
def test_ancestors(code: str, chain: list[str]) -> None:
    assert [r.code for r in gazetteer().ancestors(code)] == chain


@pytest.mark.parametrize("code,ancestor,expected", [
    ("511304", "510000", True), ("511304", "511300", True), ("511304", "511304", True),
    ("511304", "330000", False), ("110105", "110000", True), ("220104", "110000", False),
])
def test_is_within(code: str, ancestor: str, expected: bool) -> None:
    assert gazetteer().is_within(code, ancestor) is expected


@pytest.mark.parametrize("code,province", [("511304", "510000"), ("110105", "110000"), ("659001", "650000")])
def test_province_of(code: str, province: str) -> None:
    assert gazetteer().province_of(code) == province


@pytest.mark.parametrize("name,context,expected", [
    ("朝阳区", ["110000"], "110105"),
    ("朝阳区", ["220100"], "220104"),
    ("朝阳区", ["220000"], "220104"),
    ("朝阳区", [], None),
    ("朝阳区", ["510000"], None),
    ("鼓楼区", ["350100"], "350102"),
    ("鼓楼区", ["320000"], None),          # Nanjing and Xuzhou both in Jiangsu
    ("鼓楼区", ["320300"], "320302"),
    ("嘉陵区", [], "511304"),
    ("不存在区", ["510000"], None),
])
def test_resolve_name(name: str, context: list[str], expected: str | None) -> None:
    r = gazetteer().resolve_name(name, context)
    assert (r.code if r else None) == expected


def test_find_reports_overlapping_names_with_indexes() -> None:
    text = "😀四川省南充市嘉陵区"
    found = [(m.start, m.end, m.surface) for m in gazetteer().find(text)]
    assert (1, 4, "四川省") in found and (1, 3, "四川") in found
    assert (4, 7, "南充市") in found and (7, 10, "嘉陵区") in found


def test_loaded_once() -> None:
    assert gazetteer() is gazetteer()


@pytest.mark.parametrize("surface,code,kind", [
    ("龙胜", "450328", "stem"),       # 各族 stripped like a nation's name
    ("龙胜县", "450328", "alias"),
])
def test_all_nations_county_short_forms(surface: str, code: str, kind: str) -> None:
    assert (code, kind) in {(e.code, e.kind) for e in gazetteer().entries(surface)}


@pytest.mark.parametrize("surface,name", [
    ("察右后旗", "察哈尔右翼后旗"),
    ("察右前旗", "察哈尔右翼前旗"),
    ("察右中旗", "察哈尔右翼中旗"),
    ("科右前旗", "科尔沁右翼前旗"),
    ("科左中旗", "科尔沁左翼中旗"),
    ("科左后旗", "科尔沁左翼后旗"),
    ("土右旗", "土默特右旗"),
    ("阿左旗", "阿拉善左旗"),
    ("鄂前旗", "鄂托克前旗"),
    ("乌前旗", "乌拉特前旗"),
    ("达茂旗", "达尔罕茂明安联合旗"),
    ("东乌旗", "东乌珠穆沁旗"),
])
def test_banner_abbreviations(surface: str, name: str) -> None:
    assert [(r.name, e.kind) for r, e in zip(gazetteer().by_name(surface), gazetteer().entries(surface))] \
        == [(name, "alias")]


@pytest.mark.parametrize("surface", ["察前旗", "科中旗", "左旗", "右翼"])
def test_no_ambiguous_or_partial_banner_abbreviations(surface: str) -> None:
    assert gazetteer().by_name(surface) == []
