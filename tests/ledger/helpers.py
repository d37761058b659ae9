"""Hand-made reports and extraction records for the ledger tests (fictional people, real regions).

A hand-made record is written in the shape of the extraction contract (a dict per kind, as ``duikou
extract`` prints it); :func:`extraction` makes it the pipeline's :class:`Extraction`, so it reaches the
store through :func:`duikou.extract.records.records` like a real one (:func:`stored`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from duikou.extract.context import Fact
from duikou.extract.pipeline import Extraction
from duikou.extract.records import records
from duikou.extract.relevance import Topic
from duikou.ingest.document import Document
from duikou.ledger.store import AddResult, Ledger
from duikou.schema import FACT_KINDS
from duikou.schema.records import Evidence, FactRecord, SourceRecord

SHANGCHENG, HUANGPING = "330102", "522622"  # 杭州市上城区 helps 黄平县
TIANHE, NAYONG = "440106", "520525"  # 广州市天河区 helps 纳雍县


@dataclass(frozen=True)
class FakeRegion:
    code: str
    name: str
    level: str
    parent: str | None
    lon: float | None
    lat: float | None


_REGIONS = [
    FakeRegion("330000", "浙江省", "province", None, 120.15, 30.27),
    FakeRegion("330100", "杭州市", "prefecture", "330000", 120.16, 30.28),
    FakeRegion(SHANGCHENG, "上城区", "county", "330100", 120.17, 30.24),
    FakeRegion("520000", "贵州省", "province", None, 106.71, 26.58),
    FakeRegion("522600", "黔东南苗族侗族自治州", "prefecture", "520000", 107.98, 26.58),
    FakeRegion(HUANGPING, "黄平县", "county", "522600", 107.92, 26.91),
    FakeRegion("520500", "毕节市", "prefecture", "520000", 105.29, 27.30),
    FakeRegion(NAYONG, "纳雍县", "county", "520500", None, None),  # no coordinates on purpose
    FakeRegion("440000", "广东省", "province", None, 113.27, 23.13),
    FakeRegion("440100", "广州市", "prefecture", "440000", 113.26, 23.13),
    FakeRegion(TIANHE, "天河区", "county", "440100", 113.36, 23.12),
]


class FakeGazetteer:
    """The gazetteer interface, over a handful of real regions."""

    def __init__(self) -> None:
        self._by_code = {r.code: r for r in _REGIONS}

    def get(self, code: str) -> FakeRegion | None:
        return self._by_code.get(code)

    def by_name(self, name: str) -> list[FakeRegion]:
        return [r for r in _REGIONS if r.name == name or r.name.rstrip("区县市省") == name]

    def ancestors(self, code: str) -> list[FakeRegion]:
        out, r = [], self.get(code)
        while r is not None and r.parent:
            r = self.get(r.parent)
            if r is not None:
                out.append(r)
        return out

    def province_of(self, code: str) -> FakeRegion | None:
        chain = [self.get(code), *self.ancestors(code)]
        return next((r for r in chain if r is not None and r.level == "province"), None)


def doc(source: str, text: str, published: str | None = "2023-04-02", outlet: str | None = None,
        title: str | None = None) -> Document:
    return Document(source=source, text=text, raw=text, title=title, published=published, outlet=outlet)


def ev(text: str, phrase: str) -> dict[str, Any]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "quote": phrase}


def fact(text: str, phrase: str, confidence: float = 0.9, extractor: str = "hand@1", **props: Any) -> dict[str, Any]:
    return {**props, "evidence": ev(text, phrase), "extractor": extractor, "confidence": confidence}


def record(d: Document, **kinds: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"source": d.source, "doc": {"title": d.title, "published": d.published,
                                                       "outlet": d.outlet, "script": d.script}}
    for k in ("regions", "pairings", "people", "events", "agreements", "amounts", "counts"):
        out[k] = kinds.get(k, [])
    return out


def extraction(d: Document, r: dict[str, Any]) -> Extraction:
    """The hand-made contract record ``r`` of ``d`` as the pipeline's result (no main pairing noted: the
    first standing pairing is the main one)."""
    t = (r.get("doc") or {}).get("topic")
    topic = None if t is None else Topic(t["on_topic"], t["score"], t["reason"], whole=t["scope"] == "document",
                                         passages=tuple((s, e) for s, e in t.get("passages") or ()))
    return Extraction(d, {k: [_fact(k, f) for f in r.get(k) or []] for k in FACT_KINDS}, [], None, topic,
                      [_fact("pairings", f) for f in r.get("relations") or []])


def _fact(kind: str, f: dict[str, Any]) -> Fact:
    name, _, version = f["extractor"].partition("@")
    ev = f["evidence"]
    data = {k: v for k, v in f.items() if k not in ("evidence", "extractor", "confidence")}
    return Fact(kind, data, Evidence(ev["start"], ev["end"], ev["quote"]), name, version, f["confidence"])


def stored(d: Document, r: dict[str, Any]) -> tuple[SourceRecord, list[FactRecord]]:
    """What the store gets for the hand-made record ``r`` of ``d``."""
    return records(extraction(d, r))


def store(ledger: Ledger, d: Document, r: dict[str, Any]) -> AddResult:
    """Store report ``d`` with its hand-made record ``r`` as the build would (through its records)."""
    return ledger.add(*stored(d, r))


# --- a small story told by three reports -------------------------------------------------------

HELPER_TEXT = (
    "上城区党政代表团赴黄平县考察。2023年3月30日，两地召开东西部协作联席会议，上城区区委书记林晓松出席。"
    "会上签订了《产业协作框架协议》。上城区向黄平县捐赠帮扶资金300万元。"
    "自2019年结对以来，上城区累计投入财政援助资金1.2亿元，帮助800户群众增收。"
)
RECIPIENT_TEXT = (
    "3月31日，上城区代表团在黄平县召开东西部协作联席会议，黄平县县长吴春梅主持。"
    "两地2020年起结对帮扶，上城区累计投入财政援助资金1.5亿元。会上签订《产业协作框架协议》。"
)
OTHER_TEXT = "天河区与纳雍县召开东西部协作座谈会，天河区区长陈立新到纳雍县看望慰问挂职干部。"


def helper_report(source: str = "reports/shangcheng.txt", text: str = HELPER_TEXT) -> tuple[Document, dict]:
    d = doc(source, text, published="2023-04-02", outlet="上城报", title="上城区党政代表团赴黄平县考察")
    r = record(
        d,
        regions=[fact(text, "上城区", code=SHANGCHENG, name="上城区", level="county"),
                 fact(text, "黄平县", code=HUANGPING, name="黄平县", level="county")],
        pairings=[fact(text, "自2019年结对以来", helper=SHANGCHENG, recipient=HUANGPING, program="east_west",
                       since=2019)],
        people=[fact(text, "上城区区委书记林晓松", name="林晓松", titles=["区委书记"], region=SHANGCHENG,
                     role="official")],
        events=[fact(text, "上城区党政代表团赴黄平县考察", type="visit", date="2023-03-30", end_date=None,
                     place=HUANGPING, helper=SHANGCHENG, recipient=HUANGPING, leaders=["林晓松"]),
                fact(text, "两地召开东西部协作联席会议", type="meeting", date="2023-03-30", end_date=None,
                     place=HUANGPING, helper=SHANGCHENG, recipient=HUANGPING, leaders=[]),
                fact(text, "捐赠帮扶资金300万元", type="funds", date="2023-03-30", end_date=None,
                     place=None, helper=SHANGCHENG, recipient=HUANGPING, leaders=[])],
        agreements=[fact(text, "《产业协作框架协议》", title="产业协作框架协议", date="2023-03-30",
                         parties=[SHANGCHENG, HUANGPING])],
        amounts=[fact(text, "捐赠帮扶资金300万元", value=3000000, approx=False, role="donation",
                      cumulative=False, payer=SHANGCHENG, payee=HUANGPING),
                 fact(text, "累计投入财政援助资金1.2亿元", value=120000000, approx=False, role="assistance",
                      cumulative=True, payer=SHANGCHENG, payee=HUANGPING)],
        counts=[fact(text, "800户", value=800, unit="户", approx=False, role="beneficiaries")],
    )
    return d, r


def recipient_report(source: str = "reports/huangping.txt") -> tuple[Document, dict]:
    text = RECIPIENT_TEXT
    d = doc(source, text, published="2023-04-03", outlet="黄平发布", title="东西部协作联席会议在黄平召开")
    r = record(
        d,
        regions=[fact(text, "上城区", code=SHANGCHENG, name="上城区", level="county"),
                 fact(text, "黄平县", code=HUANGPING, name="黄平县", level="county")],
        pairings=[fact(text, "两地2020年起结对帮扶", helper=SHANGCHENG, recipient=HUANGPING, program="east_west",
                       since=2020)],
        people=[fact(text, "黄平县县长吴春梅", name="吴春梅", titles=["县长"], region=HUANGPING, role="official")],
        events=[fact(text, "召开东西部协作联席会议", type="meeting", date="2023-03-31", end_date=None,
                     place=HUANGPING, helper=SHANGCHENG, recipient=HUANGPING, leaders=["吴春梅"])],
        agreements=[fact(text, "《产业协作框架协议》", title="“产业协作框架协议”", date="2023-03-30",
                         parties=[SHANGCHENG, HUANGPING])],
        amounts=[fact(text, "累计投入财政援助资金1.5亿元", value=150000000, approx=False, role="assistance",
                      cumulative=True, payer=None, payee=None)],
    )
    return d, r


def other_report(source: str = "reports/tianhe.txt", published: str = "2022-06-10",
                 name: str = "陈立新", titles: tuple[str, ...] = ("区长",)) -> tuple[Document, dict]:
    text = OTHER_TEXT.replace("陈立新", name).replace("区长", titles[0])
    d = doc(source, text, published=published, outlet=None)
    r = record(
        d,
        regions=[fact(text, "天河区", code=TIANHE, name="天河区", level="county")],
        pairings=[fact(text, "天河区与纳雍县", helper=TIANHE, recipient=NAYONG, program="east_west", since=None)],
        people=[fact(text, name, name=name, titles=list(titles), region=TIANHE, role="official")],
        events=[fact(text, "召开东西部协作座谈会", type="meeting", date=None, end_date=None, place=None,
                     helper=TIANHE, recipient=NAYONG, leaders=[]),
                fact(text, "看望慰问挂职干部", type="condolence", date=published, end_date=None, place=NAYONG,
                     helper=TIANHE, recipient=NAYONG, leaders=[name])],
    )
    return d, r
