"""The one door to regions: codes, names, short names, and what happens when the region data is broken."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from duikou.errors import ConfigError
from duikou.reference import codes, region_data, regions, vocab
from duikou.reference.naming import naming


# -- codes -----------------------------------------------------------------------
@pytest.mark.parametrize("value,expected", [("510104", True), ("51010", False), ("5101040", False),
                                            ("510104\n", False), (510104, False), (None, False), ("某区", False)])
def test_is_code(value: object, expected: bool) -> None:
    assert codes.is_code(value) is expected


@pytest.mark.parametrize("code,parent", [
    ("510000", None), ("510800", "510000"), ("510104", "510100"),
    ("110108", "110000"), ("500229", "500000"),  # districts and counties of the province-level cities
    ("429004", "420000"),                        # 省直辖县级
])
def test_parent_code(code: str, parent: str | None) -> None:
    assert codes.parent_code(code) == parent


def test_parent_code_falls_back_to_the_province_without_the_prefecture() -> None:
    assert codes.parent_code("510104", has_prefecture=lambda c: False) == "510000"


@pytest.mark.parametrize("code,expected", [("110100", True), ("500200", True), ("510100", False),
                                           ("110000", False), ("110105", False)])
def test_municipality_rows(code: str, expected: bool) -> None:
    assert codes.is_municipality_row(code) is expected


@pytest.mark.parametrize("a,b,expected", [("510104", "511702", True), ("510104", "510000", True),
                                           ("510104", "500229", False)])
def test_same_province(a: str, b: str, expected: bool) -> None:
    assert codes.same_province(a, b) is expected


def test_a_unit_without_prefecture_digits_is_not_its_own_parent() -> None:
    # 4600xx: digits 3-4 are 00, so "its prefecture" would be the province itself
    assert codes.chain("460001") == ("460001", "460000")


# -- names -----------------------------------------------------------------------
@pytest.mark.parametrize("name,level,expected", [
    ("恩施土家族苗族自治州", "prefecture", {"恩施土家族苗族自治州", "恩施州", "恩施自治州", "恩施"}),
    ("广西壮族自治区", "province", {"广西壮族自治区", "广西"}),
    ("神农架林区", "county", {"神农架林区", "神农架"}),
    ("宜兴市", "county", {"宜兴市", "宜兴"}),
    ("沛县", "county", {"沛县"}),  # a one-character stem is no name
])
def test_naming_aliases(name: str, level: str, expected: set[str]) -> None:
    assert {s for s, _ in naming().aliases(name, level)} == expected


@pytest.mark.parametrize("code,expected", [
    ("422800", {"恩施土家族苗族自治州", "恩施州", "恩施自治州", "恩施"}),
    ("450000", {"广西壮族自治区", "广西"}),
    ("429021", {"神农架林区", "神农架"}),
    ("510000", {"四川省", "四川"}),
])
def test_short_names_are_the_gazetteers_surfaces(code: str, expected: set[str]) -> None:
    from duikou.reference.gazetteer import gazetteer
    assert regions.short_names(code) == expected
    assert all(code in [e.code for e in gazetteer().entries(s)] for s in expected)


@pytest.mark.parametrize("party", ["999999", "某公司", ""])
def test_short_names_of_no_region(party: str) -> None:
    assert regions.short_names(party) == set()


def test_region_row_name_and_codes() -> None:
    row = regions.region("610902")
    assert row is not None
    assert (row["name"], row["level"], row["parent"], row["province"]) == ("汉滨区", "county", "610900", "610000")
    assert regions.name("610902") == "汉滨区" and regions.name("某公司") == "某公司" and regions.name(None) is None
    assert regions.codes_for("汉滨") == ["610902"] and regions.codes_for("123456") == ["123456"]
    assert regions.codes_for("不存在的地方") == []


# -- broken data -----------------------------------------------------------------
@pytest.fixture
def no_gazetteer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A gazetteer whose table is missing, loaded afresh for the test (and forgotten after)."""
    def broken() -> Any:
        raise ConfigError("region table 'region_codes' not found at /nowhere/region_codes.csv")
    monkeypatch.setattr(regions, "gazetteer", broken)
    regions._load.cache_clear()
    regions._naming.cache_clear()
    yield
    regions._load.cache_clear()
    regions._naming.cache_clear()


def test_without_a_gazetteer_codes_stand_for_names_and_it_is_said_once(
        no_gazetteer: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert regions.gaz() is None
    assert regions.name("510000") == "510000"
    assert regions.region("510000") is None and regions.short_names("510000") == set()
    assert regions.current("500105") == "500105" and regions.codes_for("四川") == []
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "region_codes" in err[0] and "Traceback" not in err[0]


def test_a_programming_error_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy() -> Any:
        raise TypeError("a bug, not missing data")
    monkeypatch.setattr(regions, "gazetteer", buggy)
    regions._load.cache_clear()
    try:
        with pytest.raises(TypeError):
            regions.gaz()
    finally:
        regions._load.cache_clear()


def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(region_data, "DATA_DIR", tmp_path)


def test_a_missing_table_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _data_dir(tmp_path, monkeypatch)
    with pytest.raises(ConfigError, match="region_codes"):
        list(region_data.units())


def test_a_bad_year_names_the_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _data_dir(tmp_path, monkeypatch, **{"region_changes.csv": (
        "# notes\nold_code,old_name,year,new_code,new_name,kind\n"
        "110103,甲区,2010,110101,乙区,撤销\n110104,丙区,soon,110101,乙区,撤销\n")})
    with pytest.raises(ConfigError, match=r"region_changes\.csv:4: year 'soon'"):
        list(region_data.changes())


def test_a_table_without_a_column_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _data_dir(tmp_path, monkeypatch, **{"region_codes.csv": "code,name\n110000,北京市\n"})
    with pytest.raises(ConfigError, match="no column lon, lat"):
        list(region_data.units())


def test_rules_without_a_key_are_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    good = dict(vocab.load("region_aliases"))
    del good["unit_suffixes"]
    monkeypatch.setattr(vocab, "load", lambda name: good)
    with pytest.raises(ConfigError, match="unit_suffixes"):
        region_data.rules.__wrapped__()


def test_broken_yaml_is_a_config_error_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.yaml").write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    monkeypatch.setattr(vocab, "DATA_DIR", tmp_path)
    with pytest.raises(ConfigError, match=r"broken\.yaml:\d+: not valid YAML"):
        vocab.load.__wrapped__("broken")
