"""The indicators as data: the shipped file loads and speaks the schema's vocabulary; a mistake in a file is
an error naming the indicator."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from duikou.errors import ConfigError
from duikou.schema import enum
from duikou.services.evaluation import indicator_by, load_indicators
from duikou.services.evaluation.indicators import DEFAULT_FILE, parse_indicators


def _raw() -> dict[str, Any]:
    raw = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def test_the_shipped_indicators_load_in_file_order_with_the_official_names() -> None:
    inds = load_indicators()
    raw = _raw()
    assert [i.id for i in inds] == [spec["id"] for spec in raw["indicators"]]
    names = {i.name for i in inds}
    for official in ("财政援助资金", "社会帮扶资金（捐款捐物）", "互派党政干部", "专业技术人才（支援）",
                     "专业技术人才（培训）", "共建产业园区", "引导企业投资（企业数）", "引导企业投资（投资额）",
                     "劳务协作（帮助就业人数）", "党政主要负责同志互访", "县级结对", "学校结对", "医院结对"):
        assert official in names
    assert any(i.name.startswith("消费帮扶") for i in inds)
    for i in inds:
        assert i.basis in ("annual", "cumulative") and i.side in ("helper", "recipient", "both")
        assert set(i.programs) <= set(enum("pairings", "program"))
        if i.kind in ("amounts", "counts"):
            assert i.roles and set(i.roles) <= set(enum(i.kind, "role"))
        if i.kind == "counts":
            assert i.units, i.id  # households and persons are never added together
        if i.kind == "events":
            assert set(i.types) <= set(enum("events", "type"))
        if i.kind == "amounts":
            assert i.scale == {"元": 1, "万元": 1e4, "亿元": 1e8}[i.unit]
    # one indicator is annual or cumulative, never both: money has one of each
    assert {(i.roles, i.basis) for i in inds if i.id.startswith("fiscal_aid")} == {
        (("assistance",), "annual"), (("assistance",), "cumulative")}


def test_an_indicator_is_found_by_its_id_or_its_name() -> None:
    ind = indicator_by("fiscal_aid")
    assert ind is not None and ind.name == "财政援助资金"
    assert indicator_by("财政援助资金") == ind
    assert indicator_by(" 社会帮扶资金(捐款捐物) ") == indicator_by("social_aid")  # half-width brackets, spaces
    assert indicator_by("no such thing") is None


def _broken(change: Any) -> str:
    raw = copy.deepcopy(_raw())
    change(raw)
    with pytest.raises(ConfigError) as err:
        parse_indicators(raw, "indicators.yaml")
    return str(err.value)


def _first(raw: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in raw["indicators"] if s["kind"] == kind)


@pytest.mark.parametrize("change, words", [
    (lambda r: _first(r, "amounts").update(roles=["fiscal"]), ["fiscal_aid", "'fiscal'", "amounts role"]),
    (lambda r: _first(r, "amounts").update(basis="both"), ["fiscal_aid", "annual or cumulative"]),
    (lambda r: _first(r, "amounts").update(unit="个"), ["fiscal_aid", "万元"]),
    (lambda r: _first(r, "amounts").update(side="east"), ["fiscal_aid", "side 'east'"]),
    (lambda r: _first(r, "amounts").pop("name"), ["fiscal_aid", "name is missing"]),
    (lambda r: _first(r, "amounts").update(units=["人"]), ["fiscal_aid", "units cannot be said of an indicator of amounts"]),
    (lambda r: _first(r, "amounts").update(kind="money"), ["fiscal_aid", "kind 'money'"]),
    (lambda r: _first(r, "amounts").update(programs=["abroad"]), ["fiscal_aid", "'abroad'"]),
    (lambda r: _first(r, "counts").pop("units"), ["cadres", "needs units"]),
    (lambda r: _first(r, "counts").update(words="干部"), ["cadres", "words is a list"]),
    (lambda r: _first(r, "events").update(types=["party"]), ["leader_visits", "'party'"]),
    (lambda r: _first(r, "events").update(basis="cumulative"), ["leader_visits", "basis annual"]),
    (lambda r: _first(r, "events").update(leaders="yes"), ["leader_visits", "leaders is true or false"]),
    (lambda r: _first(r, "pairings").update(levels=["village"]), ["paired_counties", "village"]),
    (lambda r: r["indicators"].append(dict(_first(r, "amounts"))), ["fiscal_aid", "declared twice"]),
    (lambda r: r["indicators"].append({**_first(r, "amounts"), "id": "again"}), ["again", "another indicator's"]),
    (lambda r: r["indicators"][0].update(id="Bad Id"), ["#1", "'Bad Id'"]),
    (lambda r: r.update(indicators=[]), ["non-empty list"]),
])
def test_a_mistake_is_an_error_naming_the_indicator(change: Any, words: list[str]) -> None:
    message = _broken(change)
    assert message.startswith("indicators.yaml: ")
    for w in words:
        assert w in message, message


def test_a_file_given_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "mine.yaml"
    good.write_text(yaml.safe_dump({"indicators": [
        {"id": "gifts", "name": "捐赠", "section": "资金", "unit": "元", "kind": "amounts", "basis": "annual",
         "side": "helper", "roles": ["donation"]}]}, allow_unicode=True), encoding="utf-8")
    [ind] = load_indicators(good)
    assert (ind.id, ind.scale, ind.programs) == ("gifts", 1.0, tuple(enum("pairings", "program")))
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_indicators(bad)
    with pytest.raises(ConfigError, match="cannot be read"):
        load_indicators(tmp_path / "missing.yaml")
