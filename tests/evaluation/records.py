"""Hand-made sources for the evaluation tests (real regions, made-up figures, wording written for the tests):
a report with its text, an office's spreadsheet row, a manual entry, stored through the ledger's typed API."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from duikou.ledger.store import Ledger
from duikou.schema.records import Citation, Evidence, FactRecord, SourceRecord, cited_source

LUZHOU, LIANGSHAN = "510500", "513400"  # 泸州市 helps 凉山彝族自治州 (prefectures)
JIANGYANG, YANYUAN = "510502", "513423"  # 江阳区 helps 盐源县 (counties inside them)
LONGMATAN, PUGE = "510504", "513428"  # 龙马潭区 helps 普格县


def pairing(helper: str, recipient: str, since: int | None = 2016) -> FactRecord:
    return FactRecord("pairings", {"helper": helper, "recipient": recipient, "program": "east_west",
                                   "since": since, "relation": "standing"})


def amount(value: float, role: str, payer: str, payee: str, cumulative: bool = False,
           planned: bool = False) -> dict[str, Any]:
    return {"value": value, "approx": False, "role": role, "cumulative": cumulative, "payer": payer,
            "payee": payee, "planned": planned}


def report(source: str, text: str, published: str, outlet: str, side: str | None,
           facts: list[tuple[str, dict[str, Any], str]], pair: tuple[str, str] = (LUZHOU, LIANGSHAN),
           title: str | None = None) -> tuple[SourceRecord, list[FactRecord]]:
    """A report with its text; each fact is (kind, data, the phrase of the text that says it)."""
    found = [pairing(*pair)]
    for kind, data, phrase in facts:
        start = text.index(phrase)
        sentence_start = max(text.rfind("。", 0, start) + 1, 0)
        sentence_end = text.find("。", start)
        quote = text[sentence_start:sentence_end + 1 if sentence_end >= 0 else len(text)]
        found.append(FactRecord(kind, data, Evidence(start, start + len(phrase), quote), extractor="hand",
                                version="1", confidence=0.9))
    src = SourceRecord(source=source, body_hash=hashlib.sha1(text.encode()).hexdigest()[:16], text=text,
                       title=title or f"{outlet}报道", published=published, outlet=outlet, url=f"https://example.org/{source}",
                       main_pairing=pair, side=side)  # type: ignore[arg-type]
    return src, found


def row(file: str, sheet: str, n: int, published: str, facts: list[FactRecord], side: str | None = None,
        title: str | None = None, pair: tuple[str, str] = (LUZHOU, LIANGSHAN)) -> tuple[SourceRecord, list[FactRecord]]:
    """An office's spreadsheet row: facts citing file, sheet and row, told by ``side`` (with the pairing
    ``pair`` as its main pairing, as the store wants one of the source's own facts)."""
    facts = _with_pairing(facts, pair)
    src = cited_source(Citation(file=file, sheet=sheet, row=n), facts, published=published, main_pairing=pair,
                       title=title)
    return replace(src, side=side), facts  # type: ignore[arg-type]


def manual(author: str, published: str, facts: list[FactRecord], title: str,
           pair: tuple[str, str] = (LUZHOU, LIANGSHAN)) -> tuple[SourceRecord, list[FactRecord]]:
    facts = _with_pairing(facts, pair)
    return cited_source(Citation(author=author), facts, published=published, main_pairing=pair, title=title), facts


def _with_pairing(facts: list[FactRecord], pair: tuple[str, str]) -> list[FactRecord]:
    said = any(f.kind == "pairings" and (f.data["helper"], f.data["recipient"]) == pair for f in facts)
    return facts if said else [pairing(*pair, since=None), *facts]


def store(url: str, *sources: tuple[SourceRecord, list[FactRecord]]) -> None:
    lg = Ledger(url)
    try:
        for src, found in sources:
            res = lg.add(src, found)
            assert res.status in ("new", "unchanged", "replaced") and not res.problems, (src.source, res)
    finally:
        lg.close()
