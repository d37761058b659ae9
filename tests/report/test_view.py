"""The printable view every format renders: footnotes numbered once per source passage in reading order,
figures in their unit, 无来源 (never 0) for a figure no source gives, ▲ and a remark where the sides differ,
a figure set aside explained; on a hand-made report (tests/report/fake.py)."""
from __future__ import annotations

from duikou.report import labels
from duikou.report.view import number, percent, report_view
from tests.report.fake import C1, C2, C3, C4, C5, C6, SAID, fake_report


def test_numbers_and_rates_as_printed() -> None:
    assert number(1200.0) == "1,200" and number(12.5) == "12.5" and number(0.1234) == "0.1234"
    assert number(3.0, approx=True) == "约3"
    assert number(None) == labels.NO_SOURCE  # never "0"
    assert percent(1.2) == "120.0%" and percent(0.7235) == "72.4%" and percent(None) == "–"


def test_footnotes_are_numbered_once_per_passage_in_reading_order() -> None:
    view = report_view(fake_report())
    heads = {n.number: n for n in view.notes}
    assert list(heads) == list(range(1, len(view.notes) + 1))
    # two facts of one sentence are one footnote; the 台账 row, the manual entry and the other sentence each one
    quotes = [n.quote for n in view.notes if n.quote]
    assert quotes.count(SAID) == 1
    assert {n.kind for n in view.notes} == {"extracted", "imported", "manual", "target"}
    rows = {r.id: r for r in view.rows}
    fiscal = rows["fiscal_aid"]
    assert fiscal.actual.notes == (1, 2)  # C1 then the 台账 row C4
    assert heads[1].citation == C1 and heads[2].citation == C4
    assert set(heads[1].facts) == {C1.fact, C2.fact}  # the footnote stands for both facts of the sentence
    # the sides' own sources: the helper's report and row, the recipient's report (set aside, numbered next)
    assert fiscal.helper.notes == (1, 2) and heads[fiscal.recipient.notes[0]].citation == C3
    assert heads[fiscal.target.notes[0]].kind == "target" and "targets.xlsx" in heads[fiscal.target.notes[0]].head
    social = rows["social_aid"]
    assert social.actual.notes[0] == 1  # the same sentence as the fiscal figure: its number again
    manual = next(n for n in view.notes if n.citation == C5)
    assert "王某录入" in manual.head and "2023-07-09" in manual.head
    imported = heads[2]
    assert imported.label == "台账" and imported.head.startswith("《协作台账2023.xlsx》") and "工作表“资金”" in imported.head and "第12行" in imported.head
    agreement = [line for heading, lines in view.activities for line in lines if line.type == "协议"]
    assert agreement and heads[agreement[0].notes[0]].citation == C6 and agreement[0].notes[0] == len(view.notes)


def test_no_source_is_never_zero_and_targets_stand_alone() -> None:
    rows = {r.id: r for r in report_view(fake_report()).rows}
    jobs = rows["labour_jobs"]
    assert jobs.no_source and jobs.actual.text == labels.NO_SOURCE and jobs.actual.value is None
    assert jobs.helper.text == jobs.recipient.text == labels.NO_SOURCE and jobs.target.text == labels.NO_TARGET
    assert jobs.completion.text == "–" and not jobs.actual.notes
    total = rows["social_aid_total"]
    assert total.target.text == "500" and total.actual.text == labels.NO_SOURCE and total.completion.value is None
    cadres = rows["cadres"]
    assert (cadres.actual.text, cadres.target.text, cadres.completion.text) == ("3", "4", "75.0%")
    assert rows["social_aid"].basis == "年度" and total.basis == "累计"


def test_the_sides_differ_flagged_and_explained() -> None:
    view = report_view(fake_report())
    fiscal = next(r for r in view.rows if r.id == "fiscal_aid")
    assert fiscal.differs and fiscal.helper.text == "1,200 ▲" and fiscal.recipient.text == "1,100 ▲"
    flagged = [text for text, _ in view.remarks if text.startswith(labels.DIFFERS)]
    assert len(flagged) == 1 and "1,200万元" in flagged[0] and "1,100万元" in flagged[0] and "100万元" in flagged[0]
    aside = [text for text, notes in view.remarks if "未计入" in text]
    assert len(aside) == 1 and "1,100万元" in aside[0] and "只计一个" in aside[0]
    assert not any(r.differs for r in view.rows if r.id != "fiscal_aid")


def test_parts_sections_title_and_file_name() -> None:
    view = report_view(fake_report())
    assert [s for s, _ in view.sections] == ["资金支持", "人才支援", "劳务协作"]
    social = next(r for r in view.rows if r.id == "social_aid")
    assert social.actual.text == "42.5" and len(social.parts) == 2 and "12.5万元" in social.parts[1].text
    assert view.title == "2023年度东西部协作工作考核报告" and view.subtitle == "甲市 → 乙县"
    assert view.filename_stem == "考核报告-甲市-乙县-2023"
    odd = fake_report()
    odd.pairing["helper"] = {"id": "x", "name": "a/b:c"}
    assert report_view(odd).filename_stem == "考核报告-a_b_c-乙县-2023"


def test_a_script_url_is_never_a_link() -> None:
    note = next(n for n in report_view(fake_report()).notes if n.citation == C3)
    assert note.url == "javascript:alert(1)" and note.href is None
    assert next(n for n in report_view(fake_report()).notes if n.citation == C1).href == "https://example.org/a"
