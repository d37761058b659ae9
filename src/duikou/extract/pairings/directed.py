"""Shapes that say the direction: "A对口帮扶B", "B受到A的对口支援", "Y是X定点帮扶县", "A向B捐赠"."""
from __future__ import annotations

import re
from functools import lru_cache

from duikou.extract.context import Context
from duikou.extract.pairings.actors import is_team_party
from duikou.extract.pairings.clauses import clause_start, sentence_subject
from duikou.extract.pairings.lists import helpers_before, pair_lists, party_list_after, party_list_before
from duikou.extract.pairings.sides import Found, covers, nested
from duikou.extract.pairings.vocabulary import Patterns, clause_pattern, clause_words, not_bare
from duikou.extract.parties import Party, party_ending_at, party_starting_at
from duikou.reference import vocab


def directed(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """"A对口帮扶B" (lists, 分别, a relative clause, the sentence's subject), and the passive shapes."""
    out = []
    for m in v["directed"].finditer(ctx.text, s, e):
        if v["team"].match(ctx.text, m.start(1)) or v["team"].match(ctx.text, m.end()):
            continue  # the verb is part of a team's name ("某委帮扶集团", "对口帮扶工作队")
        if v["aided_dest"].match(ctx.text, m.start(1)) and v["travel_end"].search(ctx.text, max(s, m.start() - 2), m.start()):
            continue  # "前往结对帮扶村X": a visit to an aided place (see trips)
        after = m.end() + 1 if ctx.text.startswith("的", m.end()) else m.end()  # "A对口支援的B"
        recipients = party_list_after(ctx, after, e)
        if not recipients:
            out += _passive(ctx, s, m)
            continue
        # "甲、乙和对口支援B的省市": after a conjunction the verb opens a relative clause
        conj = ctx.text[m.start() - 1:m.start()] in clause_words("list_joiners")
        helpers = [] if conj else helpers_before(ctx, m.start(), s)
        if not helpers and not conj and clause_start(ctx.text, m.start(), s) >= m.start() - 4:
            head = _relative_head(ctx, recipients, e)  # "，对口帮扶B的A…": the clause's head A helps
            causees = [] if head is not None else _causees(ctx, s, m.start(), v)
            if causees:  # "X安排A、B…组成…，对口支援C": those X sends help, not X
                helpers = [c for c in causees if c.id not in {r.id for r in recipients}]
            else:
                subject = head or sentence_subject(ctx, s, m.start())  # "…，重点对口支援B": the sentence's subject helps
                helpers = [subject] if subject is not None and subject.id not in {r.id for r in recipients} else []
        if (len(helpers) == 1 and after > m.end() and len(recipients) == 1 and is_team_party(ctx, recipients[0])
                and ctx.text[helpers[0].start - 1:helpers[0].start] == "在"):
            helpers, recipients = recipients, helpers  # "在X对口支援的Y": Y works in X
        for h, r in pair_lists(helpers, recipients, "分别" in m.group()):
            out.append(Found(h, r, min(h.start, r.start), max(h.end, r.end), True, {m.group(1)}, 2))
    return out


def _causees(ctx: Context, s: int, pos: int, v: Patterns) -> list[Party]:
    """The parties an arrangement verb sends, in the clause right before a subjectless helping
    verb at ``pos`` ("某部安排A、B等高校组成团队，对口支援C"): the list right after the verb."""
    cs = clause_start(ctx.text, pos, s)
    if cs <= s:
        return []
    prev = clause_start(ctx.text, cs - 1, s)
    last = None
    for c in v["causative"].finditer(ctx.text, prev, cs - 1):
        last = c
    if last is None:
        return []
    return party_list_after(ctx, last.end(), cs - 1)


def _relative_head(ctx: Context, recipients: list[Party], e: int) -> Party | None:
    """The region heading a relative clause that opens with the helping verb ("对口帮扶B的A"):
    not a place of B ("对口帮扶B的某乡" names where in B)."""
    last = recipients[-1]
    if not ctx.text.startswith("的", last.end) or last.end + 1 >= e:
        return None
    head = party_starting_at(ctx, last.end + 1)
    if head is None or not head.is_region or head.start != last.end + 1 \
            or any(covers(r.id, head.id) or covers(head.id, r.id) for r in recipients):
        return None
    return head


@lru_cache(maxsize=1)
def _work_noun() -> re.Pattern[str]:
    return re.compile("(?:" + vocab.alternation(clause_words("work_nouns")) + ")")


def _passive(ctx: Context, s: int, m: re.Match[str]) -> list[Found]:
    """The recipient as the subject: "Y受到X(的)对口支援", "Y在X对口帮扶下", "Y是X定点帮扶县"."""
    text = ctx.text
    k = m.start() - 1 if text[m.start() - 1:m.start()] == "的" else m.start()
    helper = party_ending_at(ctx, k)
    if helper is None:  # "Y是X乡村振兴定点帮扶县": a programme's name between X and the verb
        mod = clause_pattern("helper_modifier").search(text, max(s, k - 7), k)
        if mod is not None and mod.start() < k:
            helper = party_ending_at(ctx, mod.start())
        if helper is None and mod is not None and text.startswith("的", mod.start()):
            helper = _bare_helper(ctx, s, mod.start())
    if helper is None or helper.start <= s:
        return []
    marker = next((w for w in clause_words("passive_markers") if text.endswith(w, s, helper.start)), None)
    if marker == "在" and not text.startswith("下", m.end()):
        # "X在Y的援助工作" is X's work in Y: X helps; "Y在X帮扶下" is the passive
        doer = party_ending_at(ctx, helper.start - 1) if text.startswith("的", k) else None
        if doer is None or doer.start < s or doer.id == helper.id or nested(doer.id, helper.id) \
                or not _work_noun().match(text, m.end()):
            return []
        return [Found(doer, helper, doer.start, m.end(), True, {m.group(1)}, 2)]
    if marker is None:
        return []
    if marker.endswith(clause_words("copulas")) and not clause_pattern("helped_noun").match(text, m.end()):
        return []
    if marker.endswith(clause_words("copulas")):
        recipients = party_list_before(ctx, helper.start - len(marker), s)
    else:
        one = party_ending_at(ctx, helper.start - len(marker))
        recipients = [one] if one is not None else []
    return [Found(helper, r, r.start, m.end(), True, {m.group(1)}, 2) for r in recipients
            if r.start >= s and r.id != helper.id and not nested(r.id, helper.id)]


@lru_cache(maxsize=1)
def _bare_name() -> re.Pattern[str]:
    """A short name right after a copula, at the end of the searched range."""
    return re.compile("(?:" + vocab.alternation(clause_words("copulas")) + r")([\u4e00-\u9fff]{2,6})$")


def _bare_helper(ctx: Context, s: int, end: int) -> Party | None:
    """A helper written by its short name alone between a copula and 的 ("Y村是<brand>的定点帮扶村"):
    a party by its place in the phrase, unless a pronoun, a level, a time or a generic noun."""
    m = _bare_name().search(ctx.text, max(s, end - 8), end)
    if m is None or not_bare().search(m.group(1)):
        return None
    name = m.group(1)
    return Party(m.start(1), end, name, False, None, name, None, "institutions")


def giving(ctx: Context, s: int, e: int, v: Patterns) -> list[Found]:
    """"A向B捐赠": a gift, standing when the sentence names a programme, else a donation."""
    out = []
    for m in v["giving"].finditer(ctx.text, s, e):
        recipients = party_list_after(ctx, m.end(), e)
        if not recipients or not v["giving_verb"].search(ctx.text, recipients[-1].end, min(e, recipients[-1].end + 12)):
            continue
        k = m.start()
        if ctx.text[k - 2:k] == "分别":
            k -= 2
        helpers = helpers_before(ctx, k, s)
        # a programme's word in a team's name ("某局帮扶集团驻村工作队牵线") names no programme of the gift
        named = any(not v["team"].match(ctx.text, c.start()) and not _noncue(ctx.text, c, s, e, v)
                    for c in v["programme"].finditer(ctx.text, s, e))
        relation = "standing" if named else "donation"
        for h, r in pair_lists(helpers, recipients, "分别" in ctx.text[m.start() - 2:m.start()]):
            out.append(Found(h, r, h.start, r.end, True, set(), 2, relation))
    return out


def _noncue(text: str, c: re.Match[str], s: int, e: int, v: Patterns) -> bool:
    """A programme cue that names none: part of a charity word ("援助") or inside quotation marks."""
    for m in v["noncue"].finditer(text, max(s, c.start() - 2), min(e, c.end() + 2)):
        if m.start() <= c.start() and c.end() <= m.end():
            return True
    k = text.rfind("“", s, c.start())
    return k >= 0 and text.find("”", k, c.start()) < 0 and text.find("”", c.end(), e) >= 0
