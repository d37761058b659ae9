"""Facts entered by hand (provenance manual, with their author) and the list of records from no report."""
from __future__ import annotations

from pathlib import Path

import pytest

from duikou.errors import InputError
from duikou.services.records import add_record, import_records, list_records
from tests.records.helpers import LIYANG, LUEYANG, funds, stored


def test_a_manual_amount_is_typed_by_the_schema_and_kept_with_its_author(db_url: str) -> None:
    key = add_record(db_url, "amounts", {"role": "assistance", "value": "1,000,000", "cumulative": "否",
                                         "year": "2023"}, author="李明", reason="2023年工作总结第4页",
                     pairing="溧阳市:略阳县")
    doc = stored(db_url)[key]
    assert (doc["provenance"], doc["citation"], doc["title"], doc["published"], doc["side"]) == (
        "manual", {"author": "李明"}, "2023年工作总结第4页", "2023", None)
    assert doc["facts"][1] == ("amounts", {"role": "assistance", "value": 1000000.0, "cumulative": False,
                                           "payer": LIYANG, "payee": LUEYANG, "approx": False, "planned": False})
    assert doc["facts"][0][1]["helper"] == LIYANG  # the pairing the entry belongs to
    assert add_record(db_url, "amounts", {"role": "assistance", "value": "1000000", "cumulative": "否",
                                          "year": "2023"}, author="李明", reason="2023年工作总结第4页",
                      pairing="溧阳市:略阳县") == key  # the same entry again is the same source
    assert len(stored(db_url)) == 1


def test_an_event_entry_is_dated_by_its_own_date(db_url: str) -> None:
    key = add_record(db_url, "events", {"type": "visit", "date": "2023年6月8日", "leaders": "周海峰、陈立",
                                        "place": "略阳县"}, author="李明", pairing="溧阳市:略阳县")
    doc = stored(db_url)[key]
    assert doc["published"] == "2023-06-08"
    assert doc["facts"][1][1] == {"type": "visit", "date": "2023-06-08", "end_date": None, "leaders": ["周海峰", "陈立"],
                                  "place": LUEYANG, "helper": LIYANG, "recipient": LUEYANG}


@pytest.mark.parametrize("kind, data, why", [
    ("amounts", {"role": "gift", "value": "1"}, "amounts.role='gift' not in"),
    ("amounts", {"role": "assistance", "value": "很多"}, "value: '很多' is not a number"),
    ("amounts", {"colour": "red"}, "amounts has no property 'colour'"),
    ("counts", {"value": "3", "role": "personnel", "date": "明年"}, "date: '明年' is not a date"),
    ("events", {"type": "visit", "date": "2023年6月"}, "not a day"),
    ("money", {"value": "1"}, "no fact kind 'money'"),
])
def test_an_entry_that_does_not_fit_the_schema_is_refused_naming_why(db_url: str, kind: str,
                                                                     data: dict[str, str], why: str) -> None:
    with pytest.raises(InputError, match=why):
        add_record(db_url, kind, data, author="李明")
    with pytest.raises(InputError, match="author"):
        add_record(db_url, "amounts", {"value": "1", "role": "assistance"}, author=" ")


def test_the_records_list_shows_imported_rows_and_manual_entries(db_url: str, tmp_path: Path) -> None:
    import_records(db_url, funds(tmp_path / "f.xlsx", [["2023年3月1日", "溧阳市", "略阳县", "甲", 100, 2],
                                                        ["2023年3月2日", "溧阳市", "略阳县", "乙", "x", None]]))
    add_record(db_url, "counts", {"value": "3", "unit": "名", "role": "personnel", "year": "2023"}, author="王芳",
               pairing="溧阳市:略阳县")
    rows = list_records(db_url)
    assert [(r["provenance"], r["status"], r["facts"]) for r in rows] == [("imported", "ok", 3),
                                                                          ("imported", "failed", 0),
                                                                          ("manual", "ok", 2)]
    assert rows[0]["citation"]["sheet"] == "资金" and rows[0]["citation"]["row"] == 2
    assert rows[1]["reason"] == "column 财政援助资金（万元）: 'x' is not a number"
    assert [r["provenance"] for r in list_records(db_url, "manual")] == ["manual"]
    assert len(list_records(db_url, "imported", limit=1)) == 1
    with pytest.raises(InputError, match="provenance 'extracted'"):
        list_records(db_url, "extracted")
