"""How a report's figures are chosen and added, on hand-made sources (reports with text, spreadsheet rows,
a manual entry) between a prefecture pairing and two county pairings inside it, on SQLite and PostgreSQL:
one entity counted once however many sources, a prefecture figure not added to the county figures it
holds, annual and cumulative apart, planned figures out, disagreeing sides side by side, targets and
rates, reviewed-only."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from duikou.errors import LedgerError
from duikou.ledger import db as ledger_db
from duikou.ledger import review
from duikou.ledger.tables import facts
from duikou.services.evaluation import EvaluationReport, evaluation_report, import_targets
from tests.evaluation import records as rec
from tests.evaluation.records import JIANGYANG, LIANGSHAN, LONGMATAN, LUZHOU, PUGE, YANYUAN, amount


@pytest.fixture
def ledger_2022(db_url: str) -> str:
    a = "泸州市向凉山州捐赠社会帮扶资金500万元。泸州市企业在凉山州投资8000万元。"
    b = ("5月10日，泸州市党政代表团在凉山州考察，双方签订《2022年协作协议》。泸州市向凉山州捐赠社会帮扶资金500万元。"
         "泸州市企业在凉山州投资9000万元。")
    c = "泸州市累计向凉山州投入帮扶资金2亿元。"
    d = "泸州市累计向凉山州投入帮扶资金2.5亿元。明年计划再投入1亿元。今年选派教师40名到凉山州支教，累计选派专业技术人才300名。"
    rec.store(
        db_url,
        rec.report("reports/a.txt", a, "2022-06-01", "甲报", "helper", [
            ("amounts", amount(5e6, "donation", LUZHOU, LIANGSHAN), "500万元"),
            ("amounts", amount(8e7, "investment", LUZHOU, LIANGSHAN), "8000万元")]),
        rec.report("reports/b.txt", b, "2022-06-02", "乙报", "recipient", [
            ("events", {"type": "visit", "date": "2022-05-10", "helper": LUZHOU, "recipient": LIANGSHAN,
                        "place": LIANGSHAN, "leaders": ["张某"]}, "考察"),
            ("agreements", {"title": "2022年协作协议", "date": "2022-05-10", "parties": [LUZHOU, LIANGSHAN]},
             "《2022年协作协议》"),
            ("amounts", amount(5e6, "donation", LUZHOU, LIANGSHAN), "500万元"),
            ("amounts", amount(9e7, "investment", LUZHOU, LIANGSHAN), "9000万元")]),
        rec.report("reports/c.txt", c, "2022-03-01", "丙报", "helper", [
            ("amounts", amount(2e8, "assistance", LUZHOU, LIANGSHAN, cumulative=True), "2亿元")]),
        rec.report("reports/d.txt", d, "2022-11-01", "丁报", "helper", [
            ("amounts", amount(2.5e8, "assistance", LUZHOU, LIANGSHAN, cumulative=True), "2.5亿元"),
            ("amounts", amount(1e8, "assistance", LUZHOU, LIANGSHAN, planned=True), "1亿元"),
            ("counts", {"value": 40, "unit": "名", "approx": False, "role": "personnel"}, "40名"),
            ("counts", {"value": 300, "unit": "名", "approx": False, "role": "personnel"}, "300名")]),
        rec.row("台账.xlsx", "资金", 3, "2022-12-31", [
            rec.pairing(JIANGYANG, YANYUAN, 2018), rec.FactRecord("amounts", amount(2e7, "assistance", JIANGYANG, YANYUAN))],
            side="helper", pair=(JIANGYANG, YANYUAN)),
        rec.row("台账.xlsx", "资金", 4, "2022-12-31", [
            rec.pairing(LONGMATAN, PUGE, None), rec.FactRecord("amounts", amount(3e7, "assistance", LONGMATAN, PUGE))],
            side="helper", pair=(LONGMATAN, PUGE)),
        rec.row("台账.xlsx", "资金", 5, "2022-12-31", [
            rec.FactRecord("amounts", amount(1e6, "donation", JIANGYANG, YANYUAN))], side="helper",
            pair=(JIANGYANG, YANYUAN)),
        rec.row("台账.xlsx", "劳务协作", 2, "2022-12-31", [
            rec.FactRecord("counts", {"value": 300, "unit": "人", "approx": False, "role": "beneficiaries"})],
            side="helper", title="劳务协作帮助就业"),
        rec.manual("李明", "2022-12-20", [
            rec.FactRecord("counts", {"value": 12, "unit": "名", "approx": False, "role": "personnel"})],
            title="选派挂职干部"),
    )
    return db_url


def _report(url: str, year: int = 2022, **kw: bool) -> EvaluationReport:
    return evaluation_report(url, f"{LUZHOU}→{LIANGSHAN}", year, **kw)


def test_figures_counted_once_levels_not_added_annual_and_cumulative_apart(ledger_2022: str) -> None:
    r = _report(ledger_2022)
    assert r.pairing["helper"] == {"id": LUZHOU, "name": "泸州市"} and r.year == 2022
    # one donation told by two outlets: one entity, counted once, both sources cited; the county's
    # donation (a spreadsheet row) is inside the prefecture's and is set aside, not added
    social = r.indicator("social_aid")
    assert social.actual == 500.0 and len(social.figures) == 1
    assert sorted(c.outlet for c in social.citations) == ["乙报", "甲报"]
    [aside] = social.set_aside
    assert (aside.reason, aside.figure.value, aside.instead) == ("covered", 100.0, social.figures[0].entity)
    assert aside.figure.giver == {"id": JIANGYANG, "name": "江阳区"}
    # two county pairs that no figure holds add up; the planned 1亿 and the running totals stay out
    fiscal = r.indicator("fiscal_aid")
    assert fiscal.actual == 5000.0 and sorted(f.value for f in fiscal.figures) == [2000.0, 3000.0]
    assert {c.provenance for c in fiscal.citations} == {"imported"}
    assert sorted((c.file, c.sheet, c.row) for c in fiscal.citations) == [("台账.xlsx", "资金", 3), ("台账.xlsx", "资金", 4)]
    # running totals: the latest of the year counts, the earlier one is the same sum told before
    total = r.indicator("fiscal_aid_total")
    assert total.actual == 25000.0 and [a.reason for a in total.set_aside] == ["superseded"]
    assert total.set_aside[0].figure.value == 20000.0
    assert "2.5亿元" in total.citations[0].quote  # type: ignore[operator]
    # counts: an annual 40 and a running total of 300 (累计) in one sentence are never added
    assert r.indicator("specialists").actual == 40.0
    assert r.indicator("cadres").actual == 12.0
    [manual] = r.indicator("cadres").citations
    assert (manual.provenance, manual.author, manual.published, manual.quote) == ("manual", "李明", "2022-12-20", None)
    assert "李明" in manual.text()
    [row] = r.indicator("labour_jobs").citations
    assert (r.indicator("labour_jobs").actual, row.file, row.sheet, row.row) == (300.0, "台账.xlsx", "劳务协作", 2)
    assert "劳务协作" in row.text() and "2" in row.text()
    assert r.indicator("leader_visits").actual == 1.0
    assert r.indicator("paired_counties").actual == 2.0  # the two county pairings inside the prefectures'
    assert [a.title for a in r.agreements] == ["2022年协作协议"] and [v.leaders for v in r.visits] == [("张某",)]
    for res in r.indicators:
        if not res.figures:
            assert res.actual is None and res.no_source and not res.citations and res.completion is None
        else:
            assert res.actual is not None and res.citations
    data = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    row_of = {x["indicator"]["id"]: x for x in data["indicators"]}
    assert row_of["consumption"]["actual"] is None and row_of["consumption"]["no_source"] is True
    assert row_of["social_aid"]["actual"] == 500.0 and row_of["social_aid"]["no_source"] is False


def test_the_two_sides_figures_side_by_side_and_differences_flagged(ledger_2022: str) -> None:
    r = _report(ledger_2022)
    invest = r.indicator("enterprise_investment")
    assert (invest.helper_side, invest.recipient_side, invest.differs) == (8000.0, 9000.0, True)
    assert invest.actual in (8000.0, 9000.0) and [a.reason for a in invest.set_aside] == ["conflict"]
    social = r.indicator("social_aid")  # both sides tell the same donation
    assert (social.helper_side, social.recipient_side, social.differs) == (500.0, 500.0, False)
    fiscal = r.indicator("fiscal_aid")  # only the helper's rows
    assert (fiscal.helper_side, fiscal.recipient_side, fiscal.differs) == (5000.0, None, False)
    assert {c.side for c in social.citations} == {"helper", "recipient"}


def test_targets_and_completion_rates(ledger_2022: str, tmp_path: Path) -> None:
    sheet = tmp_path / "targets.csv"
    sheet.write_text("帮扶方,受援方,年度,指标,目标值\n"
                     f"泸州市,{LIANGSHAN},2022,social_aid,400\n"
                     f"{LUZHOU},{LIANGSHAN},2022,互派党政干部,10\n"
                     f"{LUZHOU},{LIANGSHAN},2022,consumption,100\n"
                     f"{LUZHOU},{LIANGSHAN},2021,social_aid,999\n", encoding="utf-8")
    done = import_targets(ledger_2022, sheet)
    assert (done.new, done.problems) == (4, ())
    r = _report(ledger_2022)
    social, cadres, buy = r.indicator("social_aid"), r.indicator("cadres"), r.indicator("consumption")
    assert (social.target, social.completion) == (400.0, 1.25)
    assert social.target_source == "targets.csv, row 2"
    assert (cadres.target, cadres.completion) == (10.0, 1.2)
    assert (buy.actual, buy.target, buy.completion) == (None, 100.0, None)  # a target with no source: no rate
    assert r.indicator("fiscal_aid").target is None
    assert _report(ledger_2022, 2021).indicator("social_aid").target == 999.0


def test_another_year_reads_only_its_own_figures(ledger_2022: str) -> None:
    r = _report(ledger_2022, 2021)
    assert r.indicator("paired_counties").actual == 1.0  # 龙马潭区→普格县 was first told of in 2022
    assert [x.indicator.id for x in r.indicators if x.actual is not None] == ["paired_counties"]
    assert not (r.visits or r.meetings or r.agreements or r.other_events)


def test_reviewed_only_reads_the_entities_a_reviewer_accepted(ledger_2022: str) -> None:
    eng = ledger_db.engine(ledger_2022)
    try:
        with eng.connect() as conn:
            rows = conn.execute(select(facts.c.id, facts.c.data).where(facts.c.kind == "amounts")).all()
        by_payer = {json.loads(d)["payer"]: fid for fid, d in rows if json.loads(d)["role"] == "assistance"
                    and json.loads(d)["payer"] in (JIANGYANG, LONGMATAN)}
        review.accept(eng, by_payer[JIANGYANG], author="王审")
        review.reject(eng, by_payer[LONGMATAN], author="王审")
    finally:
        eng.dispose()
    assert _report(ledger_2022).indicator("fiscal_aid").actual == 2000.0  # the rejected row is no figure
    r = _report(ledger_2022, reviewed_only=True)
    assert r.reviewed_only and r.indicator("fiscal_aid").actual == 2000.0
    assert [x.indicator.id for x in r.indicators if x.actual is not None] == ["fiscal_aid"]
    assert not r.visits and not r.agreements


def test_the_pairing_is_named_by_names_codes_or_id(ledger_2022: str) -> None:
    by_code = _report(ledger_2022)
    for name in ("泸州市→凉山彝族自治州", f"泸州市 -> {LIANGSHAN}", f"{LUZHOU}:{LIANGSHAN}", by_code.pairing["id"]):
        again = evaluation_report(ledger_2022, name, 2022)
        assert again.pairing["id"] == by_code.pairing["id"]
        assert [x.actual for x in again.indicators] == [x.actual for x in by_code.indicators]
    county = evaluation_report(ledger_2022, f"{JIANGYANG}→{YANYUAN}", 2022)
    assert county.indicator("fiscal_aid").actual == 2000.0 and county.indicator("social_aid").actual == 100.0
    for bad, words in ((f"{LIANGSHAN}→{LUZHOU}", "no pairing"), ("P0000", "HELPER→RECIPIENT"),
                       ("", "no pairing given"), (f"{LUZHOU}→", "HELPER→RECIPIENT")):
        with pytest.raises(LedgerError, match=words):
            evaluation_report(ledger_2022, bad, 2022)
    for year in (1800, "2022", True):
        with pytest.raises(LedgerError, match="year"):
            evaluation_report(ledger_2022, by_code.pairing["id"], year)  # type: ignore[arg-type]


def test_figures_of_one_spreadsheet_row_go_to_the_indicators_their_columns_name(db_url: str) -> None:
    """A row with a cadres column and a specialists column: the importer names each fact's column (its
    producer), and each figure goes to its own indicator; a figure of no text whose row names neither
    goes to neither."""
    def count(value: int, column: str | None) -> rec.FactRecord:
        return rec.FactRecord("counts", {"value": value, "unit": "名", "approx": False, "role": "personnel"},
                              extractor=column)
    rec.store(db_url,
              rec.row("人才.xlsx", "2022", 3, "2022-12-31", [count(5, "挂职干部（名）"), count(30, "专业技术人才（名）")]),
              rec.row("人才.xlsx", "2022", 4, "2022-12-31", [count(7, None)]))
    r = _report(db_url)
    assert (r.indicator("cadres").actual, r.indicator("specialists").actual) == (5.0, 30.0)
    assert [(c.sheet, c.row) for c in r.indicator("cadres").citations] == [("2022", 3)]


def test_sections_and_footnotes_number_every_source_once(ledger_2022: str) -> None:
    r = _report(ledger_2022)
    sections = r.sections()
    assert [s for s, _ in sections][:2] == ["组织领导", "资金支持"]
    assert [x for _, rows in sections for x in rows] == list(r.indicators)
    notes = r.footnotes()
    cited = [c.key for x in r.indicators for c in x.citations] + \
        [c.key for a in (*r.visits, *r.meetings, *r.agreements, *r.other_events) for c in a.citations]
    assert set(notes) == set(cited) and sorted(notes.values()) == list(range(1, len(notes) + 1))
    assert notes[cited[0]] == 1  # numbered in the order the report first cites them


def test_an_offices_rows_are_items_that_add_up_and_a_reports_other_figure_stands_aside(db_url: str) -> None:
    """Two 台账 rows of one year's aid (two payments: the ledger sees one role, pair and year with two values)
    add up; a report's different figure for that aid is set aside beside them, and the sides differ."""
    text = "今年泸州市向凉山州拨付帮扶资金2000万元。"
    rec.store(db_url,
              rec.row("台账.xlsx", "资金", 2, "2022-03-01", [rec.FactRecord("amounts", amount(1e7, "assistance", LUZHOU, LIANGSHAN))],
                      side="helper"),
              rec.row("台账.xlsx", "资金", 3, "2022-08-01", [rec.FactRecord("amounts", amount(5e6, "assistance", LUZHOU, LIANGSHAN))],
                      side="helper"),
              rec.report("reports/e.txt", text, "2022-12-01", "戊报", "recipient",
                         [("amounts", amount(2e7, "assistance", LUZHOU, LIANGSHAN), "2000万元")]))
    fiscal = _report(db_url).indicator("fiscal_aid")
    assert fiscal.actual == 1500.0 and sorted(f.value for f in fiscal.figures) == [500.0, 1000.0]
    assert [(a.reason, a.figure.value) for a in fiscal.set_aside] == [("conflict", 2000.0)]
    assert (fiscal.helper_side, fiscal.recipient_side, fiscal.differs) == (1500.0, 2000.0, True)


def test_money_of_a_party_that_is_no_region_counts_when_its_source_is_about_the_pairing(db_url: str) -> None:
    def bought(value: float) -> rec.FactRecord:
        return rec.FactRecord("amounts", amount(value, "revenue", "某机关食堂", LIANGSHAN), extractor="采购金额（万元）")
    rec.store(db_url,
              rec.row("台账.xlsx", "消费帮扶", 2, "2022-05-01", [bought(3e5)], side="helper"),
              rec.row("别的台账.xlsx", "消费帮扶", 2, "2022-05-01", [bought(7e5)], side="helper", pair=("440106", LIANGSHAN)))
    buy = _report(db_url).indicator("consumption")
    assert buy.actual == 30.0 and [f.giver for f in buy.figures] == [{"id": "某机关食堂", "name": "某机关食堂"}]
    assert evaluation_report(db_url, f"440106→{LIANGSHAN}", 2022).indicator("consumption").actual == 70.0
