"""A small EvaluationReport made by hand (no ledger): two sections, a figure with two sources, one told
by both sides with different values, one with no source, a target without a figure, a set-aside figure,
an imported row, a manual entry and the year's activities. Made-up names and figures."""
from __future__ import annotations

from typing import Any

from duikou.services.evaluation import (
    Activity,
    Citation,
    EvaluationReport,
    Figure,
    Indicator,
    IndicatorResult,
    SetAside,
)
from duikou.services.evaluation.model import Basis

HELPER = {"id": "330100", "name": "甲市"}
RECIPIENT = {"id": "520100", "name": "乙县"}


def cite(key: str, provenance: str = "extracted", side: str = "helper", quote: str | None = None,
         **more: Any) -> Citation:
    doc, fact = key.split(":")
    return Citation(key=key, provenance=provenance, document=int(doc), fact=fact, side=side, source=f"src-{doc}",
                    quote=quote, **more)


def indicator(id_: str, name: str, section: str, unit: str = "万元", kind: str = "amounts",
              basis: Basis = "annual") -> Indicator:
    return Indicator(id=id_, name=name, section=section, unit=unit, kind=kind, basis=basis,
                     side="helper", programs=("east_west",))


def figure(entity: str, value: float, citations: tuple[Citation, ...], sides: tuple[str, ...] = ("helper",),
           date: str | None = "2023-05-01") -> Figure:
    return Figure(entity=entity, value=value, approx=False, giver=HELPER, taker=RECIPIENT, year=2023, date=date,
                  sides=sides, citations=citations)


def result(ind: Indicator, figures: tuple[Figure, ...] = (), target: float | None = None,
           helper: float | None = None, recipient: float | None = None,
           set_aside: tuple[SetAside, ...] = (), target_source: str | None = None) -> IndicatorResult:
    actual = sum(f.value for f in figures) if figures else None
    cited: dict[str, Citation] = {}
    for f in figures:
        for c in f.citations:
            cited.setdefault(c.key, c)
    return IndicatorResult(
        indicator=ind, actual=actual, approx=False, target=target, target_source=target_source,
        completion=actual / target if actual is not None and target else None, helper_side=helper,
        recipient_side=recipient, differs=helper is not None and recipient is not None and helper != recipient,
        figures=figures, set_aside=set_aside, citations=tuple(cited.values()))


# Two facts told in one sentence of report 1, another sentence of it, a recipient's report, a 台账 row
# and a manual entry.
SAID = "甲市今年向乙县拨付帮扶资金1200万元，捐赠物资折合30万元。"
C1 = cite("1:Fa", quote=SAID, outlet="甲市日报", published="2023-05-02", title="甲乙协作纪实",
          url="https://example.org/a")
C2 = cite("1:Fb", quote=SAID, outlet="甲市日报", published="2023-05-02", title="甲乙协作纪实",
          url="https://example.org/a")
C3 = cite("2:Fc", side="recipient", quote="乙县收到甲市帮扶资金1100万元。", outlet="乙县新闻",
          published="2023-06-01", title="=SUM(A1:A3) 乙县简报", url="javascript:alert(1)")
C4 = cite("3:Fd", provenance="imported", file="协作台账2023.xlsx", sheet="资金", row=12)
C5 = cite("4:Fe", provenance="manual", author="王某", published="2023-07-09", title="干部选派")
C6 = cite("1:Ff", quote="双方签订了产业合作协议。", outlet="甲市日报", published="2023-05-02", title="甲乙协作纪实")

FISCAL = indicator("fiscal_aid", "财政援助资金", "资金支持")
SOCIAL = indicator("social_aid", "社会帮扶资金", "资金支持")
SOCIAL_TOTAL = indicator("social_aid_total", "社会帮扶资金（累计）", "资金支持", basis="cumulative")
CADRES = indicator("cadres", "互派党政干部", "人才支援", unit="人", kind="counts")
JOBS = indicator("labour_jobs", "劳务协作（帮助就业人数）", "劳务协作", unit="人", kind="counts")


def fake_report() -> EvaluationReport:
    fiscal_fig = figure("M1", 1200.0, (C1, C4), sides=("helper",))
    aside = SetAside(figure("M2", 1100.0, (C3,), sides=("recipient",)), "conflict", "与另一数字说的是同一笔（数值不一），只计一个", "M1")
    return EvaluationReport(
        pairing={"id": "Ptest", "helper": HELPER, "recipient": RECIPIENT, "program": "east_west", "since": 2021,
                 "relation": "standing"},
        year=2023, reviewed_only=False, generated="2024-01-15",
        indicators=(
            result(FISCAL, (fiscal_fig,), target=1000.0, helper=1200.0, recipient=1100.0, set_aside=(aside,),
                   target_source="targets.xlsx"),
            result(SOCIAL, (figure("M3", 30.0, (C2,)), figure("M4", 12.5, (C5,), date=None)), helper=42.5),
            result(SOCIAL_TOTAL, target=500.0),  # a target, no figure
            result(CADRES, (figure("N1", 3.0, (C5,)),), target=4.0, helper=3.0),
            result(JOBS),  # nothing at all
        ),
        visits=(Activity(id="E1", kind="event", type="visit", date="2023-03-15", title=None, place=RECIPIENT,
                         parties=(HELPER, RECIPIENT), leaders=("张某", "李某"), citations=(C1,)),),
        meetings=(),
        agreements=(Activity(id="A1", kind="agreement", type="agreement", date="2023-05-01", title="产业合作协议",
                             place=None, parties=(HELPER, RECIPIENT), leaders=(), citations=(C6,)),),
        other_events=())
