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
from collections.abc import Iterable

from duikou.extract.context import Context
from duikou.extract.dateutil import DateIndex
from duikou.extract.event_groups import Event, Mention, group
from duikou.extract.event_vocab import EventPatterns, event_patterns, trigger_scanner
from duikou.extract.mentions import PersonMention
from duikou.extract.modality import is_modal
from duikou.extract.parties import party_index, party_starting_at
from duikou.extract.registry import extractor
from duikou.schema import enum

NAME, VERSION = "events", "1"
TYPES = enum("events", "type")  # in the order their triggers are tried


@extractor(NAME, VERSION, reads=("text", "dates", "regions", "persons", "pairings", "main_pairing"), adds=("events",))
def events(ctx: Context) -> None:
    """Typed events with date, end date, place, helper, recipient and leaders."""
    pats = event_patterns()
    dates = DateIndex(ctx)
    persons: list[PersonMention] = sorted(ctx.layer("persons"), key=lambda p: p.start)
    mentions: list[Mention] = []
    report_days: set[int] = set()  # starts of dates found to be the day of the report, not of events
    # The triggers of every type in one pass over the text; the first trigger of a type in a
    # sentence makes its mention.
    triggers = trigger_scanner(TYPES).find_all(ctx.text)
    for t in TYPES:
        done: set[int] = set()
        for m in _triggers(ctx, t, triggers[t], pats):
            si = ctx.sentence_index(m.start())
            if si in done or not _reports_event(ctx, t, m, si, pats):
                continue
            done.add(si)
            mention = _dated_mention(ctx, t, m, si, dates, report_days, mentions, pats)
            s, e = ctx.sentences[si]
            mention.leaders = _leaders(ctx, s, e, persons, pats, t)
            if t == "meeting":
                mention.place = _place(ctx, s, e, pats.place)
            elif t == "visit":
                mention.place = _destination(ctx, s, e, pats.travel) or _place(ctx, s, e, pats.place)
            mentions.append(mention)
    for ev in group(mentions):
        _emit(ctx, ev)


def _reports_event(ctx: Context, t: str, m: re.Match[str], si: int, pats: EventPatterns) -> bool:
    """Whether the trigger in sentence ``si`` reports an event held, not one announced, tallied,
    listed as a kind of work or (for meetings) held by one side alone."""
    s, e = ctx.sentences[si]
    if m.end() > e:
        return False
    sent = ctx.text[s:e]
    ms, me = m.start() - s, m.end() - s
    if is_modal(sent, ms, end=me) or _summary(sent, ms, me, pats):
        return False
    if pats.generic_after.match(sent, me):
        return False  # a kind of work in a list ("走访、座谈等方式"), no event held
    if t == "signing" and not pats.signed_thing.search(sent):
        return False
    if t == "meeting" and pats.internal.fullmatch(m.group()) and not pats.joint.search(sent):
        return False  # one side's own working meeting
    return True


def _dated_mention(ctx: Context, t: str, m: re.Match[str], si: int, dates: DateIndex, report_days: set[int],
                   mentions: list[Mention], pats: EventPatterns) -> Mention:
    """The mention of a trigger with its date: the day its sentence names, else the day named
    most recently before it (not the day of the report, nor after a vague or coarse date)."""
    s, e = ctx.sentences[si]
    sent = ctx.text[s:e]
    pos = m.start()
    own = dates.own(pos)
    # a sentence that calls its day vague (近日, 日前) is undated, whatever was named before;
    # so is one whose vague word follows its date ("27日，记者获悉，近日，…赴…"): that
    # date is the day of the report
    if own is not None and own.end <= pos and pats.vague.search(ctx.text, own.end, pos):
        report_days.add(own.start)
        own = None
        vague = True
    else:
        vague = own is None and pats.vague.search(sent, 0, pos - s) is not None
    # a year or month named in a sentence that opens with 当天 is part of a name, not its day
    coarse = dates.coarse_before(pos) and not pats.same_day.match(sent)
    d = own or (None if vague or coarse else dates.context(pos))
    if d is not None and own is None and d.start in report_days:
        d = None  # the day of the report, not of what it tells afterwards
    mention = Mention(t, m.start(), m.end(), d.date if d else None,
                      d.end_date if (d and t == "visit") else None, own is not None)
    mention.span_end = d.end_date if d else None
    if own is None and t != "meeting" and pats.anaphora.match(ctx.text, s):
        _meeting_day(ctx, dates, mention, mentions, s, pats)
    return mention


def _meeting_day(ctx: Context, dates: DateIndex, mention: Mention, mentions: list[Mention], s: int,
                 pats: EventPatterns) -> None:
    """Date a mention in a sentence that opens at a meeting ("会议期间，双方签订了…"): the day of
    the meeting just reported, else of a fair or ceremony that is no meeting event."""
    at_meeting = [x for x in mentions if x.type == "meeting" and x.date and x.start < mention.start]
    if at_meeting:
        mention.date, mention.span_end = at_meeting[-1].date, None
        return
    held = _held_day(ctx, dates, s, pats)
    if held is not None:
        mention.date, mention.span_end = held, None


def _triggers(ctx: Context, t: str, found: list[re.Match[str]], pats: EventPatterns) -> list[re.Match[str]]:
    """The trigger matches ``found`` of type ``t`` in text order; for visits also 在<region>考察/调研."""
    if t == "visit":
        for m in pats.visit_at.finditer(ctx.text):
            p = party_starting_at(ctx, m.start(1), max_gap=0)
            if p is not None and p.is_region:
                found.append(m)
        found.sort(key=lambda m: m.start())
    return found


def _summary(sent: str, start: int, end: int, pats: EventPatterns) -> bool:
    """True for a cumulative tally ("先后召开对接会11场"), which reports no single event."""
    if pats.summary_sentence.search(sent, 0, start):
        return True  # "三年来，…拨付资金…": the sentence tallies a period
    if pats.summary_clause.search(sent, 0, start):
        return True  # "组织活动20场，慰问…": an earlier clause counts what was held
    before = sent[max(0, start - 10):start]
    k = max(before.rfind("，"), before.rfind(","), before.rfind("；"))
    if pats.summary_before.search(before[k + 1:]) or pats.summary_before.match(sent, 0, 8):
        return True  # the clause, or the whole sentence ("全年……"), is a tally
    return bool(pats.summary_after.match(sent[end:end + 14]))


def _start(p: PersonMention) -> int:
    return p.start


def _add_new(out: list[str], names: Iterable[str]) -> None:
    for n in names:
        if n not in out:
            out.append(n)


def _leaders(ctx: Context, s: int, e: int, persons: list[PersonMention], pats: EventPatterns, t: str) -> list[str]:
    """Names written right before 率/带领/一行 (or 代表/主持 for handovers and meetings).

    Before 一行 stands the delegation's list of names, the head first ("A，B、C等一行");
    a host named earlier (A会见B一行, 在A陪同下) is not one of them. The chair of a meeting
    is the person named last before 主持 in its clause (A20日在银川主持召开…).
    """
    out: list[str] = []
    text = ctx.text
    # persons are sorted by start: bisected, not filtered (a filter per event is quadratic on a huge page)
    local = persons[bisect_left(persons, s, key=_start):bisect_left(persons, e, key=_start)]
    for m in pats.leader.finditer(text, s, e):
        _add_new(out, (p.name for p in local if 0 <= m.start() - p.end <= 1))
        if m.group() == pats.delegation:
            head = _delegation_head(text, s, m.start(), local, pats)
            if head is not None and head.name not in out:
                out.insert(0, head.name)
    if t == "signing":
        out += [n for n in _cosigners(ctx, s, e, local, pats) if n not in out]
    word = pats.leader_words.get(t)
    if word:
        _add_new(out, (p.name for p in local if text.startswith(word, p.end)))
        if t == "meeting":
            _add_new(out, _chairs(text, s, e, local, word))
    return out


def _delegation_head(text: str, s: int, marker: int, local: list[PersonMention], pats: EventPatterns) -> PersonMention | None:
    """The first person named in a delegation's list ending at ``marker`` (一行), after any host."""
    top = s
    for h in pats.host.finditer(text, s, marker):
        top = h.end()
    return next((p for p in local if top <= p.start and p.end <= marker
                 and not pats.host.match(text, p.end, p.end + 4)), None)


_CLAUSE_BREAK = re.compile("[，,；;。：:]")


def _chairs(text: str, s: int, e: int, local: list[PersonMention], word: str) -> list[str]:
    """The person named last before each 主持 in its clause, at most 12 characters before it."""
    out = []
    for m in re.finditer(re.escape(word), text[s:e]):
        at = s + m.start()
        before = [p for p in local if p.end <= at and not _CLAUSE_BREAK.search(text, p.end, at)]
        if before and at - before[-1].end <= 12:
            out.append(before[-1].name)
    return out


def _cosigners(ctx: Context, s: int, e: int, local: list[PersonMention], pats: EventPatterns) -> list[str]:
    """The people written as the subject of a signing ("A和B共同签订…"): the names joined by
    和/与/、 that end right before the signing verb."""
    text = ctx.text
    for i in range(len(local) - 1, -1, -1):
        p = local[i]
        if not pats.cosigning.match(text, p.end, min(e, p.end + 8)):
            continue
        names = [p.name]
        j = i - 1
        while j >= 0 and pats.cosigner_join.fullmatch(text, local[j].end, local[j + 1].start):
            names.insert(0, local[j].name)
            j -= 1
        return names
    return []


def _held_day(ctx: Context, dates: DateIndex, s: int, pats: EventPatterns) -> str | None:
    """The day named in the nearest dated sentence before ``s`` that reports a meeting or ceremony
    held (an undated recap of it, "还举行推介会、展演…", is passed over)."""
    si = ctx.sentence_index(s)
    for k in range(si - 1, -1, -1):
        a, b = ctx.sentences[k]
        m = pats.held.search(ctx.text, a, b)
        if m is not None:
            d = dates.own(m.start())
            if d is not None:
                return d.date
            if pats.vague.search(ctx.text, a, m.start()):
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


def _emit(ctx: Context, ev: Event) -> None:
    main = ctx.first("main_pairing")
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
