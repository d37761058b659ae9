"""Residents named in a report: after a resident noun (贫困户某某, 村民阿某某笑着说), after a
place and an occupation (某某镇茶农 某某), and the heads of households visited (慰问甲、乙一家)."""
from __future__ import annotations

from duikou.extract.people.chars import DELIMS, is_name_char
from duikou.extract.people.doc import Doc
from duikou.extract.people.repeats import printed_again


def run_residents(d: Doc) -> None:
    """Every resident named by the three shapes, in that order."""
    _after_nouns(d)
    _after_places(d)
    _households(d)


def _after_nouns(d: Doc) -> None:
    """贫困户某某, 枣农某某·某某说, 果农某某某: the name after a resident noun."""
    text, names = d.text, d.names
    for a, at in d.hits["resident"]:
        noun_end = at
        while at < len(text) and text[at] in " \u3000":
            at += 1
        if at >= len(text) or not is_name_char(text[at]):
            continue
        end = names.dotted(at)
        if end is not None and not names.translit_ok(text[at:end]):
            continue  # …的农民某某·某某: the run starts before the name
        end = end or names.han(at)  # 枣农某某·某某说, 果农某某某
        if end is None:
            end = _unclosed(d, a, noun_end, at)
        if end is not None and text[at:end] not in names.known and (
                end - at > names.surname_len(at) + 2 or not names.surname_len(at)
                or names.plain_ok(at, end, True, True)):
            d.add(at, end, [], None, "resident", 0)  # a longer run or one with no surname is a checked transliteration


def _unclosed(d: Doc, a: int, noun_end: int, at: int) -> int | None:
    """A resident's name at ``at`` that no follow word closes: before an adverb in 地 and a speech
    verb, a transliteration before a speech or action verb, or the cut printed again."""
    text, names, v = d.text, d.names, d.v
    sl = names.surname_len(at)
    if sl:  # 低保户某某某感激地说: a two-character adverb in 地 before the speech verb
        for length in (sl + 2, sl + 1):
            k = at + length
            if text[k + 2:k + 3] == "地" and text.startswith(v.resident_speech, k + 3) \
                    and all(map(is_name_char, text[at:k + 2])):
                return k
    # 村民阿某某笑着说, （牧民 某某某）, 牧民某某某某把…
    end = names.nonhan(at)
    if end is not None and not (
            text.startswith(v.resident_speech, end) or text[end:end + 1] in "）)"
            or end - at >= 4 and not sl and text.startswith(v.resident_action, end)):
        end = None
    if end is None and not sl and text.startswith(v.resident_speech, at + 2) \
            and names.translit_ok(text[at:at + 2]):
        end = at + 2  # 农户某某告诉记者: a two-character transliterated name before a speech verb
    if end is None and not text.endswith(v.g.collective, a, noun_end):
        # 村民某某家…, 村民某某某某同样…: the name printed again (not after 群众, a collective
        # noun often followed by what the masses own: 群众钱袋子)
        end = printed_again(names, at)
    return end


def _after_places(d: Doc) -> None:
    """某某镇茶农 某某, 某某村果农某某: a Han name after a place word and an occupation."""
    text, names, g = d.text, d.names, d.v.g
    for m in d.v.resident_place.finditer(text):
        if not m.start() or not is_name_char(text[m.start() - 1]):
            continue  # the place word ends a place name (checked here: a lookbehind first scans slowly)
        occ = len(m.group().rstrip(" \u3000")) + m.start() - 1
        if text[occ - 1] in g.not_resident_place:
            continue  # 驻村入户, 进村到户: a verb and its object, not a resident's occupation
        end = names.han(m.end())
        if end is not None and text[m.end():end] not in names.known and names.plain_ok(m.end(), end, True, True):
            d.add(m.end(), end, [], None, "resident", 0)


def _households(d: Doc) -> None:
    """看望慰问甲、乙一家: the heads of the households visited, walked back from 一家."""
    text, names = d.text, d.names
    for m in d.v.household.finditer(text):
        s0, _ = d.ctx.sentence_at(m.start())
        if not d.v.resident_visit.search(text, s0, m.start()):
            continue
        right = m.start()
        while True:  # walk back over 甲、乙一家
            hit = None
            for length in (4, 3, 2):
                left = right - length
                if left <= s0 or not names.surname_len(left):
                    continue
                if text[left - 1] in DELIMS or text[left - 1] in d.v.g.visit_ends:
                    hit = left
                    break
            if hit is None:
                break
            if text[hit:right] not in names.known:
                d.add(hit, right, [], None, "resident", 0)
            if text[hit - 1] != "、":
                break
            right = hit - 1
