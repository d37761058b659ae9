"""Is a document about paired assistance? A verdict per document, and the gate on the programme's facts.

The verdict rests on programme cues (``data/relevance.yaml``): strong ones
(东西部协作, 对口支援, 援疆 …) decide alone, medium ones (结对帮扶, 消费帮扶,
挂职 in an aid context …) just about alone, weak ones (帮扶, 驻村, 乡村振兴 …)
only together. Cues are read in passages: a window of sentences around each
cue. A document is on topic as a whole when its headline or lead is, or when
its on-topic passages cover a good share of it; it is on topic in passages
when only some are (a bulletin with one item about 援疆 among others).

:func:`gate` runs once after every extractor: the programme's facts
(pairings, funds/signing events, donation/assistance amounts, dispatched
personnel, as declared under ``gate`` in the data file) stay only when the
whole document is on topic or their evidence lies in an on-topic passage.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from duikou.reference import vocab
from duikou.errors import ConfigError
from duikou.extract.context import Context, Fact
from duikou.extract.regexutil import Scanner

# Longest quote of a sentence given as the reason.
_REASON_CHARS = 120


@dataclass(frozen=True)
class _Cues:
    # Scanned by two-character prefixes (most cues start with a common character: 帮, 对, 东):
    # the same matches as the pattern's finditer, ~3x faster on the crawl.
    pattern: Scanner
    weights: tuple[float, ...]  # by group number - 1 (one group per cue pattern)
    threshold: float
    window: int
    lead: int
    whole_share: float
    decisive: float
    whole_coverage: float


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = vocab.load("relevance")
    # {ABBR} in a cue: one province's one-character abbreviation, from the one list pairings read too
    abbr = "[" + "".join(vocab.load("pairing_patterns")["province_abbreviations"]) + "]"
    parts: list[str] = []
    weights: list[float] = []
    # Strong cues first: at one position the alternation takes the first cue that matches.
    for group in data["cues"].values():
        for pat in group["patterns"]:
            pat = pat.replace("{ABBR}", abbr)
            if re.compile(pat).groups:  # the cue is told by its group number: no groups inside
                raise ConfigError(f"relevance cue {pat!r} has a capturing group; use (?:...)")
            parts.append(f"({pat})")
            weights.append(float(group["weight"]))
    return _Cues(Scanner("|".join(parts)), tuple(weights), float(data["threshold"]), int(data["window"]),
                 int(data["lead_sentences"]), float(data["whole_share"]), float(data["decisive"]),
                 float(data["whole_coverage"]))


@lru_cache(maxsize=1)
def keywords() -> re.Pattern[str]:
    """The programmes' names (``keywords`` in the data file), for measuring what the classifier lets through."""
    return re.compile(vocab.alternation(vocab.words("relevance", "keywords")))


def combine(weights: Iterable[float]) -> float:
    """1 - prod(1 - w): independent pieces of evidence, each enough to some degree."""
    miss = 1.0
    for w in weights:
        miss *= 1.0 - w
    return 1.0 - miss


NO_CUE = "no programme cue"  # the reason of a document that names no programme word at all


@dataclass
class Topic:
    """The verdict on one document."""

    on_topic: bool
    score: float
    reason: str
    whole: bool = False  # the whole document is on topic (else only ``passages``)
    passages: tuple[tuple[int, int], ...] = ()  # on-topic character spans when not whole
    withheld: dict[str, int] = field(default_factory=dict)  # programme facts the gate removed or demoted, by kind

    # (passages, their starts sorted, the greatest end up to each): built once per passages value, so
    # ``covers`` bisects instead of testing every passage (per fact that is quadratic on a huge page)
    _index: tuple[tuple[tuple[int, int], ...], list[int], list[int]] | None = field(
        default=None, repr=False, compare=False)

    def covers(self, start: int, end: int) -> bool:
        """Does the span ``[start, end)`` lie (partly) in an on-topic part of the document?"""
        if self.whole:
            return True
        if self._index is None or self._index[0] is not self.passages:
            ordered = sorted(self.passages)
            reach: list[int] = []
            for _, e in ordered:
                reach.append(max(e, reach[-1]) if reach else e)
            self._index = (self.passages, [s for s, _ in ordered], reach)
        _, starts, reach = self._index
        i = bisect_left(starts, max(end, start + 1))  # passages[:i] start before the span ends
        return i > 0 and reach[i - 1] > start

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"on_topic": self.on_topic, "score": round(self.score, 3), "reason": self.reason,
                               "scope": "document" if self.whole else ("passages" if self.on_topic else "none")}
        if self.on_topic and not self.whole:
            out["passages"] = [[s, e] for s, e in self.passages]
        if self.withheld:
            out["withheld"] = dict(self.withheld)
        return out


def _score(ids: set[int], weights: tuple[float, ...], decisive: float) -> float:
    """The score of a passage with cues ``ids``; 0 without a decisive cue (weak cues only support)."""
    if not any(weights[c] >= decisive for c in ids):
        return 0.0
    return combine(weights[c] for c in ids)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _REASON_CHARS else text[:_REASON_CHARS - 1] + "…"


# A cue in the text: (sentence index, cue id, weight, start, end).
_Hit = tuple[int, int, float, int, int]
# A cue in a headline given apart from the text: (-1, cue id, weight, the cue as printed).
_TitleHit = tuple[int, int, float, str]


def _hits(cues: _Cues, text: str, starts: list[int]) -> list[_Hit]:
    out: list[_Hit] = []
    for m in cues.pattern.finditer(text):
        cid = (m.lastindex or 1) - 1
        i = bisect_right(starts, m.start()) - 1
        out.append((i if i > 0 else 0, cid, cues.weights[cid], m.start(), m.end()))
    return out


def _title_hits(cues: _Cues, title: str) -> list[_TitleHit]:
    out: list[_TitleHit] = []
    for m in cues.pattern.finditer(title):
        cid = (m.lastindex or 1) - 1
        out.append((-1, cid, cues.weights[cid], m.group()))
    return out


def _on_topic(cues: _Cues, by_sentence: dict[int, set[int]], n: int) -> tuple[set[int], float]:
    """The sentences of on-topic passages (a window of sentences around each cue sentence, on
    topic when its distinct cues add up), and the best combined weight of any window."""
    weights = cues.weights
    on: set[int] = set()
    best = 0.0
    for i in by_sentence:
        lo, hi = max(0, i - cues.window), min(n - 1, i + cues.window)
        ids: set[int] = set()
        for j in range(lo, hi + 1):
            ids |= by_sentence.get(j, set())
        score = _score(ids, weights, cues.decisive)
        best = max(best, combine(weights[c] for c in ids))
        if score >= cues.threshold:
            on.update(range(lo, hi + 1))
    return on, best


def _reason(text: str, sentences: list[tuple[int, int]], title: str | None, hits: list[_Hit],
            title_hits: list[_TitleHit], on: set[int], lead_end: int, lead_score: float, cues: _Cues) -> str:
    """The strongest cue with its sentence, the headline's and lead's first, then the earliest."""
    decisive_title = [h for h in title_hits if h[2] >= cues.decisive]
    if decisive_title and lead_score >= cues.threshold:
        t = max(decisive_title, key=lambda h: h[2])
        return f"{t[3]} | {_quote(title or '')}"
    pool = [h for h in hits if h[0] in on] or hits
    h = min(pool, key=lambda h: (-h[2], h[0] >= lead_end, h[3]))
    s, e = sentences[h[0]] if sentences else (0, len(text))
    return f"{text[h[3]:h[4]]} | {_quote(text[s:e])}"


def _spans(on: set[int], sentences: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The character spans of runs of on-topic sentences."""
    spans: list[tuple[int, int]] = []
    for i in sorted(on):
        s, e = sentences[i]
        if spans and i - 1 in on:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return tuple(spans)


def judge(text: str, sentences: list[tuple[int, int]], title: str | None = None,
          headline_end: int = 0) -> Topic:
    """The verdict on a document's clean ``text`` split into ``sentences``.

    ``headline_end`` is where the headline ends when the text starts with it;
    otherwise a ``title`` given apart from the text is read as the headline.
    """
    cues = _cues()
    weights = cues.weights
    starts = [s for s, _ in sentences]
    n = len(sentences)
    hits = _hits(cues, text, starts)
    title_hits = _title_hits(cues, title) if title and headline_end == 0 else []
    if not hits and not title_hits:
        return Topic(False, 0.0, NO_CUE)
    # The headline and lead: the headline (in the text or apart) and the first sentences of the body.
    first_body = bisect_right(starts, headline_end - 1) if headline_end else 0
    lead_end = first_body + cues.lead
    lead = [h for h in hits if h[0] < lead_end]
    lead_ids = {c for _, c, *_ in lead} | {c for _, c, _, _ in title_hits}
    lead_score = _score(lead_ids, weights, cues.decisive)
    by_sentence: dict[int, set[int]] = {}
    for i, cid, *_ in hits:
        by_sentence.setdefault(i, set()).add(cid)
    on, best = _on_topic(cues, by_sentence, n)
    coverage = len(on) / n if n else 0.0
    # A report that names the programme once but speaks of its field throughout (weak cues in
    # sentence after sentence: 帮扶, 脱贫, 驻村) is about it as a whole; a bulletin's other items are not.
    related = len(by_sentence) / n if n else 0.0
    # Whole: the headline or lead names the programme; or the document has an on-topic passage and
    # either its lead speaks of the field (a weak cue: the story is about it, the programme is named
    # further down) or cue sentences are a good share of it; or its passages cover most of it (what
    # is left is the same story). Otherwise only the passages are on topic.
    whole = (lead_score >= cues.threshold or (bool(on) and (bool(lead_ids) or related >= cues.whole_share))
             or coverage >= cues.whole_coverage)
    reason = _reason(text, sentences, title, hits, title_hits, on, lead_end, lead_score, cues)
    if whole:
        strength = combine(weights[c] for c in {h[1] for h in hits} | {h[1] for h in title_hits})
        return Topic(True, 0.5 + 0.5 * strength, reason, whole=True)
    if on:
        return Topic(True, 0.5 + 0.5 * coverage, reason, passages=_spans(on, sentences))
    return Topic(False, min(max(best, lead_score), cues.threshold - 0.01), reason)


def judge_context(ctx: Context) -> Topic:
    """The verdict on the document of ``ctx`` (its sentences are already split)."""
    return judge(ctx.text, ctx.sentences, ctx.doc.title, ctx.headline_end)


# -- the gate ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    kind: str
    where: tuple[tuple[str, frozenset[str]], ...]  # empty: every fact of the kind
    action: dict[str, Any] | None  # None: drop; else the properties to set
    off_topic_only: bool = False  # gates only documents off topic, not the other items of a mixed one

    def applies(self, data: dict[str, Any]) -> bool:
        return all(data.get(prop) in values for prop, values in self.where)


@lru_cache(maxsize=1)
def rules() -> tuple[_Rule, ...]:
    """The gate's rules (``gate`` in ``data/relevance.yaml``)."""
    out = []
    for kind, spec in vocab.load("relevance")["gate"].items():
        where = () if spec.get("all") else tuple((p, frozenset(v)) for p, v in (spec.get("where") or {}).items())
        action = spec.get("action", "drop")
        out.append(_Rule(kind, where, None if action == "drop" else dict(action),
                         spec.get("scope") == "document"))
    return tuple(out)


@dataclass(frozen=True)
class _Links:
    agreement: re.Pattern[str]
    min_places: int
    local: re.Pattern[str]


@lru_cache(maxsize=1)
def _links() -> _Links:
    data = vocab.load("relevance")["links"]
    return _Links(re.compile(data["agreement_words"]), int(data["places"]), re.compile(data["local_places"]))


def _regions_from(ctx: Context, start: int, end: int) -> list[Any]:
    """Region mentions starting in ``[start, end)``, bisected on a sorted copy cached per layer
    (a filter of every region per fact is quadratic on a huge page)."""
    layer = ctx.layer("regions")
    cached = ctx.memo.get("_relevance_regions")
    if cached is None or cached[0] is not layer or cached[1] != len(layer):
        ordered = sorted(layer, key=lambda m: m.start)
        cached = ctx.memo["_relevance_regions"] = (layer, len(layer), ordered, [m.start for m in ordered])
    _, _, ordered, starts = cached
    return ordered[bisect_left(starts, start):bisect_left(starts, end)]


def _local_places(text: str, start: int, end: int) -> set[str]:
    """Townships and streets named in ``text[start:end]``, as their last characters (the region
    table stops at counties): the same place printed with or without its county reads the same."""
    return {"~" + m.group() for m in _links().local.finditer(text, start, end)}


def _linked(kind: str, data: dict[str, Any], start: int, end: int, ctx: Context, topic: Topic,
            anchors: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Is a fact outside the on-topic passages tied to them by its own sentence?

    Its sentence names a party (below province level) of a pairing kept in a
    passage, or names two places below province level that the passages name
    too (the same two sides, met again further down: X县干部赴Y县…); or it is
    an agreement or signing whose sentence calls its parties paired (与结对单位签订…).
    """
    places, parties = anchors
    s, e = ctx.sentence_at(start)
    links = _links()
    if (kind == "agreements" or data.get("type") == "signing") and links.agreement.search(ctx.text, s, e):
        return True
    codes = {m.code for m in _regions_from(ctx, s, e) if m.level != "province"}
    codes |= _local_places(ctx.text, s, e)
    if codes & parties or len(codes & places) >= links.min_places:
        return True
    sentence = ctx.text[s:e]
    return any(not p.isdigit() and p in sentence for p in parties)


def _anchors(ctx: Context, facts: dict[str, list[Fact]], topic: Topic) -> tuple[frozenset[str], frozenset[str]]:
    """Places below province level named in the on-topic passages, and the parties of their pairings."""
    places = frozenset({m.code for m in ctx.layer("regions")
                        if m.level != "province" and topic.covers(m.start, m.end)}
                       | {p for s, e in topic.passages for p in _local_places(ctx.text, s, e)})
    parties: set[str] = set()
    for f in facts.get("pairings", []):
        if topic.covers(f.evidence.start, f.evidence.end):
            for side in (f.data.get("helper"), f.data.get("recipient")):
                # a province is named all over a report; a county, a city or a body is the pair itself
                if isinstance(side, str) and len(side) >= 2 and not (side.isdigit() and side.endswith("0000")):
                    parties.add(side)
    return places, frozenset(parties)


def gate(facts: dict[str, list[Fact]], topic: Topic, ctx: Context | None = None) -> None:
    """Remove (or demote) the programme's facts found outside the on-topic parts of the document.

    With the document's ``ctx``, a fact outside the passages stays when its
    sentence ties it to them (see :func:`_linked`). Counts what it removed
    in ``topic.withheld``.
    """
    if topic.whole:
        return
    # links tie a fact to on-topic passages: a report off topic has none to tie to
    anchors = _anchors(ctx, facts, topic) if ctx is not None and topic.on_topic else None
    linked: set[tuple[int, int]] = set()
    for rule in rules():
        if rule.off_topic_only and topic.on_topic:
            continue
        kept: list[Fact] = []
        for f in facts.get(rule.kind, []):
            if not rule.applies(f.data) or topic.covers(f.evidence.start, f.evidence.end):
                kept.append(f)
                continue
            if ctx is not None and anchors is not None \
                    and _linked(rule.kind, f.data, f.evidence.start, f.evidence.end, ctx, topic, anchors):
                kept.append(f)
                linked.add(ctx.sentence_at(f.evidence.start))
                continue
            topic.withheld[rule.kind] = topic.withheld.get(rule.kind, 0) + 1
            if rule.action is not None:
                f.data = {**f.data, **rule.action}
                kept.append(f)
        if rule.kind in facts:
            facts[rule.kind] = kept
    if linked:  # a linked sentence joins the on-topic parts (the ledger stores the facts of those parts)
        topic.passages = tuple(sorted(set(topic.passages) | linked))
