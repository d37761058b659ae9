"""Events: visits, meetings, signings, fund handovers and condolence visits.

A trigger (vocabulary in ``data/event_triggers.yaml``) in a sentence is a
mention. Its date is the day the sentence names, else the day most recently
named before it. Mentions of one type on one day in one document are one
event; a mention with no date at all joins an event of its type when the
document has one. A document's visit mentions are one visit (the delegation's
trip), spanning the days its mentions name.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from duikou.reference import vocab
from duikou.extract.context import Context
from duikou.extract.dateutil import DateIndex
from duikou.extract.mentions import PersonMention
from duikou.extract.modality import is_modal
from duikou.extract.parties import party_index, party_starting_at
from duikou.extract.regexutil import MultiScanner
from duikou.extract.registry import extractor

NAME, VERSION = "events", "1"
TYPES = ("visit", "meeting", "signing", "funds", "condolence")
# A report tells of one trip, and of the condolence calls made during it, however often it
# mentions them (a lead sentence, then the details).
ONE_PER_DOCUMENT = ("visit", "condolence")


@dataclass
class Mention:
    type: str
    start: int
    end: int
    date: str | None
    end_date: str | None
    explicit: bool  # the sentence names the date itself
    leaders: list[str] = field(default_factory=list)
    place: str | None = None
    span_end: str | None = None  # last day of the date range the mention's date came from


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    data = vocab.load("event_triggers")
    out: dict[str, re.Pattern[str]] = {}
    out["leader"] = re.compile("|".join(map(re.escape, sorted(data["leader_markers"], key=len, reverse=True))))
    out["travel"] = re.compile("|".join(map(re.escape, vocab.words("pairing_patterns", "travel_verbs"))))
    out["place"] = re.compile("在(.{1,20}?)(?:" + "|".join(data["place_verbs"]) + ")")
    suffix = "|".join(map(re.escape, vocab.words("agreement_words", "suffixes")))
    out["anaphora"] = re.compile("|".join(map(re.escape, sorted(data["meeting_anaphora"], key=len, reverse=True))))
    out["summary_before"] = re.compile("|".join(map(re.escape, data["summary_before"])))
    out["summary_after"] = re.compile(data["summary_after"])
    out["summary_clause"] = re.compile(data["summary_clause"])
    out["summary_sentence"] = re.compile("|".join(map(re.escape, data["summary_sentence"])))
    out["generic_after"] = re.compile(data["generic_after"])
    out["internal"] = re.compile(data["internal_meetings"])
    out["joint"] = re.compile("|".join(map(re.escape, data["joint_cues"])))
    # an inspection tour written as where it happened: 在<region>考察/调研 (the region checked in code)
    out["visit_at"] = re.compile("在([^，。；！？\n]{2,12}?)(?:" + "|".join(data["tour_verbs"]) + ")")
    out["same_day"] = re.compile("|".join(map(re.escape, data["same_day"])))
    out["vague"] = re.compile("|".join(map(re.escape, data["vague_days"])))
    out["host"] = re.compile("|".join(map(re.escape, data["host_verbs"])))
    out["signed_thing"] = re.compile(r"(?:" + suffix + r"|签约仪式|签约活动|签字仪式)")
    # a sentence that reports a meeting or ceremony held (…推介会在…举行, 召开…部署会): what a
    # later "会上" sentence refers to
    out["held"] = re.compile(r"会[^，。；！？\n]{0,20}?(?:召开|举行|举办)|(?:召开|举行|举办)[^，。；！？\n]{0,30}?会")
    out["cosigners"] = re.compile(r"[和与、及]")
    return out


def _trigger_pattern(alternatives: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in alternatives)


@lru_cache(maxsize=1)
def _trigger_scanner() -> MultiScanner:
    """The triggers of every type, found in one scan of the text (see :class:`MultiScanner`)."""
    data = vocab.load("event_triggers")
    return MultiScanner({t: _trigger_pattern(data[t]) for t in TYPES})


@extractor(NAME, VERSION, reads=("text", "dates", "regions", "persons", "pairings"), adds=("events",))
def events(ctx: Context) -> None:
    """Typed events with date, end date, place, helper, recipient and leaders."""
    pats = _patterns()
    dates = DateIndex(ctx)
    persons: list[PersonMention] = sorted(ctx.layer("persons"), key=lambda p: p.start)
    mentions: list[Mention] = []
    report_days: set[int] = set()  # starts of dates found to be the day of the report, not of events
    # The triggers of every type in one pass over the text; the first trigger of a type in a
    # sentence makes its mention.
    triggers = _trigger_scanner().find_all(ctx.text)
    for t in TYPES:
        done: set[int] = set()
        for m in _triggers(ctx, t, triggers[t], pats):
            si = ctx.sentence_index(m.start())
            if si in done:
                continue
            s, e = ctx.sentences[si]
            if m.end() > e:
                continue
            sent = ctx.text[s:e]
            ms, me = m.start() - s, m.end() - s
            if is_modal(sent, ms, end=me) or _summary(sent, ms, me, pats):
                continue
            if pats["generic_after"].match(sent, me):
                continue  # a kind of work in a list ("走访、座谈等方式"), no event held
            if t == "signing" and not pats["signed_thing"].search(sent):
                continue
            if t == "meeting" and pats["internal"].fullmatch(m.group()) and not pats["joint"].search(sent):
                continue  # one side's own working meeting
            done.add(si)
            pos = m.start()
            own = dates.own(pos)
            # a sentence that calls its day vague (近日, 日前) is undated, whatever was named before;
            # so is one whose vague word follows its date ("27日，记者获悉，近日，…赴…"): that
            # date is the day of the report
            if own is not None and own.end <= pos and pats["vague"].search(ctx.text, own.end, pos):
                report_days.add(own.start)
                own = None
                vague = True
            else:
                vague = own is None and pats["vague"].search(sent, 0, ms) is not None
            # a year or month named in a sentence that opens with 当天 is part of a name, not its day
            coarse = dates.coarse_before(pos) and not pats["same_day"].match(sent)
            d = own or (None if vague or coarse else dates.context(pos))
            if d is not None and own is None and d.start in report_days:
                d = None  # the day of the report, not of what it tells afterwards
            mention = Mention(t, m.start(), m.end(), d.date if d else None,
                              d.end_date if (d and t == "visit") else None, own is not None)
            mention.span_end = d.end_date if d else None
            if own is None and t != "meeting" and pats["anaphora"].match(ctx.text, s):
                at_meeting = [x for x in mentions if x.type == "meeting" and x.date and x.start < pos]
                if at_meeting:  # "会议期间，双方签订了…": the day of the meeting just reported
                    mention.date, mention.span_end = at_meeting[-1].date, None
                else:  # a fair or ceremony that is no meeting event: the day its holding is dated
                    held = _held_day(ctx, dates, s, pats["held"])
                    if held is not None:
                        mention.date, mention.span_end = held, None
            mention.leaders = _leaders(ctx, s, e, persons, pats["leader"], t)
            if t == "meeting":
                mention.place = _place(ctx, s, e, pats["place"])
            elif t == "visit":
                mention.place = _destination(ctx, s, e, pats["travel"]) or _place(ctx, s, e, pats["place"])
            mentions.append(mention)
    for ev in _group(mentions):
        _emit(ctx, ev)


def _triggers(ctx: Context, t: str, found: list[re.Match[str]], pats: dict[str, re.Pattern[str]]) -> list[re.Match[str]]:
    """The trigger matches ``found`` of type ``t`` in text order; for visits also 在<region>考察/调研."""
    if t == "visit":
        for m in pats["visit_at"].finditer(ctx.text):
            p = party_starting_at(ctx, m.start(1), max_gap=0)
            if p is not None and p.is_region:
                found.append(m)
        found.sort(key=lambda m: m.start())
    return found


def _summary(sent: str, start: int, end: int, pats: dict[str, re.Pattern[str]]) -> bool:
    """True for a cumulative tally ("先后召开对接会11场"), which reports no single event."""
    if pats["summary_sentence"].search(sent, 0, start):
        return True  # "三年来，…拨付资金…": the sentence tallies a period
    if pats["summary_clause"].search(sent, 0, start):
        return True  # "组织活动20场，慰问…": an earlier clause counts what was held
    before = sent[max(0, start - 10):start]
    k = max(before.rfind("，"), before.rfind(","), before.rfind("；"))
    if pats["summary_before"].search(before[k + 1:]) or pats["summary_before"].match(sent, 0, 8):
        return True  # the clause, or the whole sentence ("全年……"), is a tally
    return bool(pats["summary_after"].match(sent[end:end + 14]))


def _start(p: PersonMention) -> int:
    return p.start


def _leaders(ctx: Context, s: int, e: int, persons: list[PersonMention], marker: re.Pattern[str], t: str) -> list[str]:
    """Names written right before 率/带领/一行 (or 代表/主持 for handovers and meetings).

    Before 一行 stands the delegation's list of names, the head first ("A，B、C等一行");
    a host named earlier (A会见B一行, 在A陪同下) is not one of them. The chair of a meeting
    is the person named last before 主持 in its clause (A20日在银川主持召开…).
    """
    out: list[str] = []
    text = ctx.text
    # persons are sorted by start: bisected, not filtered (a filter per event is quadratic on a huge page)
    local = persons[bisect_left(persons, s, key=_start):bisect_left(persons, e, key=_start)]
    pats = _patterns()
    for m in marker.finditer(text, s, e):
        for p in local:
            if 0 <= m.start() - p.end <= 1 and p.name not in out:
                out.append(p.name)
        if m.group() == "一行":
            top = s
            for h in pats["host"].finditer(text, s, m.start()):
                top = h.end()
            head = next((p for p in local if top <= p.start and p.end <= m.start()
                         and not pats["host"].match(text, p.end, p.end + 4)), None)
            if head is not None and head.name not in out:
                out.insert(0, head.name)
    if t == "signing":
        out += [n for n in _cosigners(ctx, s, e, local, pats) if n not in out]
    if t in ("funds", "signing", "meeting"):
        word = {"funds": "代表", "signing": "代表", "meeting": "主持"}[t]
        for p in local:
            if text.startswith(word, p.end) and p.name not in out:
                out.append(p.name)
        if t == "meeting":
            for m in re.finditer(word, text[s:e]):
                at = s + m.start()
                before = [p for p in local if p.end <= at and not _CLAUSE_BREAK.search(text, p.end, at)]
                if before and at - before[-1].end <= 12 and before[-1].name not in out:
                    out.append(before[-1].name)
    return out


_CLAUSE_BREAK = re.compile("[，,；;。：:]")
_SIGN_VERB = re.compile("(?:共同|分别|代表双方|代表两地)?(?:签订|签署|签下|签字)")


def _cosigners(ctx: Context, s: int, e: int, local: list[PersonMention],
               pats: dict[str, re.Pattern[str]]) -> list[str]:
    """The people written as the subject of a signing ("A和B共同签订…"): the names joined by
    和/与/、 that end right before the signing verb."""
    text = ctx.text
    for i in range(len(local) - 1, -1, -1):
        p = local[i]
        if not _SIGN_VERB.match(text, p.end, min(e, p.end + 8)):
            continue
        names = [p.name]
        j = i - 1
        while j >= 0 and pats["cosigners"].fullmatch(text, local[j].end, local[j + 1].start):
            names.insert(0, local[j].name)
            j -= 1
        return names
    return []


def _held_day(ctx: Context, dates: DateIndex, s: int, held: re.Pattern[str]) -> str | None:
    """The day named in the nearest dated sentence before ``s`` that reports a meeting or ceremony
    held (an undated recap of it, "还举行推介会、展演…", is passed over)."""
    si = ctx.sentence_index(s)
    for k in range(si - 1, -1, -1):
        a, b = ctx.sentences[k]
        m = held.search(ctx.text, a, b)
        if m is not None:
            d = dates.own(m.start())
            if d is not None:
                return d.date
            if _patterns()["vague"].search(ctx.text, a, m.start()):
                return None  # "近日，…召开…会": the meeting itself is undated
    return None


def _place(ctx: Context, s: int, e: int, place_re: re.Pattern[str]) -> str | None:
    m = place_re.search(ctx.text, s, e)
    if m is None:
        return None
    p = party_starting_at(ctx, m.start(1), max_gap=0)
    if p is None:
        return None
    # the most specific member of a chain written there ("湖北省巴东县")
    chain = party_index(ctx).in_span(m.start(1), m.end(1))
    return chain[-1].id if chain else p.id


def _destination(ctx: Context, s: int, e: int, travel: re.Pattern[str]) -> str | None:
    """Where a trip goes: the most specific region written right after 赴/到/前往."""
    for m in travel.finditer(ctx.text, s, e):
        p = party_starting_at(ctx, m.end(), max_gap=0)
        if p is not None and p.is_region:
            return p.id
    return None


@dataclass
class Event:
    type: str
    date: str | None
    end_date: str | None
    mentions: list[Mention]

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def _group(mentions: list[Mention]) -> list[Event]:
    """Dated mentions make events per (type, day); undated ones join an event of their type."""
    out: list[Event] = []
    by_key: dict[tuple[str, str | None], Event] = {}
    for m in sorted(mentions, key=lambda m: (m.date is None, m.start)):
        if m.type in ONE_PER_DOCUMENT:  # one trip per document; its days come from the mentions that name them
            ev = next((x for x in out if x.type == m.type), None)
            if ev is None:
                out.append(Event(m.type, None, None, [m]))
            else:
                ev.mentions.append(m)
            continue
        if m.date is None:
            ev = next((x for x in out if x.type == m.type), None)
            if ev is not None:
                ev.mentions.append(m)
                continue
        key = (m.type, m.date)
        if key in by_key:
            by_key[key].mentions.append(m)
        else:
            by_key[key] = Event(m.type, m.date, None, [m])
            out.append(by_key[key])
    out = _fold_range_dated(out)
    for ev in out:
        ev.mentions.sort(key=lambda m: m.start)
        if ev.type in ONE_PER_DOCUMENT:
            _visit_days(ev)
    return sorted(out, key=lambda ev: (ev.first.start, ev.type))


def _fold_range_dated(events: list[Event]) -> list[Event]:
    """A mention whose own sentence dates it only by a trip's range ("6月1日至3日…出席联席会议")
    joins the event of its type that a sentence dates to one day inside that range
    ("2日下午，联席会议召开")."""
    out = list(events)
    for ev in events:
        if ev.type == "visit" or ev.date is None or not all(m.span_end and m.explicit for m in ev.mentions):
            continue
        end = max(m.span_end for m in ev.mentions if m.span_end)
        inside = [x for x in out if x is not ev and x.type == ev.type and x.date and ev.date < x.date <= end
                  and any(m.explicit and not m.span_end for m in x.mentions)]
        if inside:
            inside[0].mentions.extend(ev.mentions)
            out.remove(ev)
    return out


def _visit_days(ev: Event) -> None:
    explicit = [m for m in ev.mentions if m.explicit and m.date]
    dated = explicit or [m for m in ev.mentions if m.date]
    if not dated:
        return
    first = min(m.date for m in dated if m.date)
    ends = [m.end_date or m.date for m in explicit]
    last = max((d for d in ends if d), default=None)
    ev.date = first
    ev.end_date = last if last and last > first else None


def _emit(ctx: Context, ev: Event) -> None:
    main = ctx.notes.get("main_pairing")
    helper, recipient = (main[0], main[1]) if main else (None, None)
    leaders: list[str] = []
    for m in ev.mentions:
        leaders += [n for n in m.leaders if n not in leaders]
    place = next((m.place for m in ev.mentions if m.place), None)
    if place is None and ev.type == "visit":
        place = recipient
    if ev.end_date is not None and ev.date is not None and ev.end_date <= ev.date:
        ev.end_date = None
    anchor = next((m for m in ev.mentions if m.explicit), ev.first)
    data = {"type": ev.type, "date": ev.date, "end_date": ev.end_date, "place": place,
            "helper": helper, "recipient": recipient, "leaders": leaders}
    ctx.add("events", data, anchor.start, anchor.end, NAME, VERSION, 0.85 if anchor.explicit else 0.7)
