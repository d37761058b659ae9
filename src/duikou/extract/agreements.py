"""Agreements, contracts and memoranda signed, by their titles as printed."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from duikou.reference import vocab
from duikou.extract.context import Context
from duikou.extract.dateutil import DateIndex
from duikou.extract.mentions import RegionMention
from duikou.extract.modality import is_modal
from duikou.extract.registry import extractor

NAME, VERSION = "agreements", "1"


@dataclass(frozen=True)
class _Patterns:
    quoted: re.Pattern[str]  # a title in 《》 ending with an agreement word, perhaps its period in brackets
    bare: re.Pattern[str]  # an unquoted title right after a signing verb: 签订了消费帮扶合作协议
    verb: re.Pattern[str]
    listed: re.Pattern[str]  # bare titles listed beside quoted ones
    counted: re.Pattern[str]  # a count of documents in place of a title (三项合作协议)
    generic: frozenset[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = vocab.load("agreement_words")
    suffix = vocab.alternation(data["suffixes"])
    verbs = vocab.alternation(data["verbs"])
    joins = vocab.alternation(data["list_joins"])
    join_chars = "".join(re.escape(w) for w in data["list_joins"] if len(w) == 1)
    title = rf"[^\s，。；、：:《》“”\"（）(){join_chars}]{{2,30}}?(?:{suffix})"
    return _Patterns(
        quoted=re.compile(r"《([^《》\n]{1,60}?(?:" + suffix + r")(?:[（(][^（）()《》]{1,16}[）)])?)》"),
        bare=re.compile(r"(?:" + verbs + r")(?:了|的)?((?:[“\"][^”\"]{1,12}[”\"])?[^\s，。；、：:《》“”\"（）()]{0,40}?(?:"
                        + suffix + r"))"),
        verb=re.compile(verbs),
        # "《甲协议》和乙备忘录", "、乙框架协议和《丙》"
        listed=re.compile(rf"》(?:{joins})({title})(?=[，。；{join_chars}]|$)|(?<=、)({title})(?:{joins})(?=《)"),
        counted=re.compile(rf"^[0-9一二两三四五六七八九十几多]+(?:{vocab.alternation(data['counted_measure_words'])})"),
        generic=frozenset(data.get("generic", [])),
    )


# A title found: start, end, title, printed in 《》.
_Title = tuple[int, int, str, bool]


def _sentence_titles(ctx: Context, p: _Patterns, s: int, e: int) -> list[_Title]:
    """The titles of the agreements a sentence reports signed: in 《》, or bare after a signing
    verb or listed beside quoted ones; none when every signing in it is only announced."""
    text = ctx.text
    sent = text[s:e]
    if not p.verb.search(sent):
        return []
    if all(is_modal(text, s + m.start()) for m in p.verb.finditer(sent)):
        return []  # only announced or required: "将签订…协议"
    spans = [(s + m.start(), s + m.end(), m.group(1), True) for m in p.quoted.finditer(sent)]
    covered = [(a, b) for a, b, _, _ in spans]
    bare_matches = list(p.bare.finditer(sent))
    if spans:  # bare titles listed among quoted ones
        bare_matches += list(p.listed.finditer(sent))
    for m in bare_matches:
        if is_modal(text, s + m.start()):
            continue
        g = 1 if m.group(1) else 2
        a, b = s + m.start(g), s + m.end(g)
        if any(a < cb and ca < b for ca, cb in covered) or text[a:a + 1] == "《":
            continue
        title = m.group(g)
        if title in p.generic and any(t not in p.generic for _, _, t, _ in spans):
            continue
        spans.append((a, b, title, False))
    return spans


@extractor(NAME, VERSION, reads=("text", "dates", "regions", "pairings", "main_pairing"), adds=("agreements",))
def agreements(ctx: Context) -> None:
    """Each agreement signed: titles in 《》 in a signing sentence, and bare titles after a signing verb."""
    p = _patterns()
    dates = DateIndex(ctx)
    found = [t for s, e in ctx.sentences for t in _sentence_titles(ctx, p, s, e)]
    keys = [_key(t) for _, _, t, _ in found]
    headline_end = ctx.headline_end
    if any(a >= headline_end for a, _, _, _ in found):
        # the body names the documents in full; a headline's wording is a summary of them
        found = [f for f in found if f[0] >= headline_end or f[3]]
    seen: set[str] = set()
    for start, end, title, in_brackets in sorted(found):
        key = _key(title)
        if key in seen or p.counted.match(title):
            continue  # "签署三项合作协议" counts the titles listed elsewhere
        if not in_brackets and any(k != key and k.endswith(key) for k in keys):
            continue  # a headline's short form of a title printed in full in the body
        seen.add(key)
        d = dates.own(start) or dates.context(start)
        parties = _parties(ctx, start)
        ctx.add("agreements", {"title": title, "date": d.date if d else None, "parties": parties},
                start, end, NAME, VERSION, 0.6 if title in p.generic else 0.9)


def _key(title: str) -> str:
    return re.sub(r"[“”\"'‘’《》\s]", "", title)


def _start(m: RegionMention) -> int:
    return m.start


def _sorted_layer(ctx: Context, layer: list[RegionMention]) -> bool:
    """Is the regions layer in order of start? Checked once per layer size, cached on the context."""
    cached = ctx.memo.get("_agreements_regions_sorted")
    if cached is None or cached[0] is not layer or cached[1] != len(layer):
        ok = all(layer[k].start <= layer[k + 1].start for k in range(len(layer) - 1))
        cached = ctx.memo["_agreements_regions_sorted"] = (layer, len(layer), ok)
    return bool(cached[2])


def _parties(ctx: Context, pos: int) -> list[str]:
    """The parties of an agreement: regions named before it in its clause, else the document's pairing."""
    s, _ = ctx.sentence_at(pos)
    clause_start = max(ctx.text.rfind("，", s, pos), ctx.text.rfind(",", s, pos), s)
    codes: list[str] = []
    layer = ctx.layer("regions")
    if _sorted_layer(ctx, layer):  # bisected, not scanned per agreement (quadratic on a huge page)
        lo = bisect_left(layer, clause_start, key=_start)
        hi = bisect_left(layer, pos, key=_start)
        window = layer[lo:hi]
    else:
        window = [m for m in layer if clause_start <= m.start < pos]
    for m in window:
        if m.code not in codes:
            codes.append(m.code)
    if len(codes) >= 2:
        return codes[-2:]
    main = ctx.first("main_pairing")
    if main:
        return [main[0], main[1]]
    return codes
