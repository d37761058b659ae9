"""Names cut where no follow word closes them, confirmed by the cut being printed again
(部长某某转交…, 教师某某扎根…, 赵某某因为…): what a weak cue or a person noun is followed by."""
from __future__ import annotations

from duikou.extract.context import near
from duikou.extract.people.chars import is_name_char
from duikou.extract.people.names import Names


def bounded_again(n: Names, cand: str, pos: int) -> bool:
    """``cand`` is printed again elsewhere as a whole: not followed by another name character
    unless a follow word starts there (索南德|吉 is no repeat of 索南德)."""
    text = n.text
    lo, hi = near(pos, len(text))
    k = text.find(cand, lo, hi)
    while k >= 0:
        e = k + len(cand)
        if k != pos and (e >= len(text) or not is_name_char(text[e]) or n.follow_at(e)):
            return True
        k = text.find(cand, k + 1, hi)
    return False


def varied_again(n: Names, cand: str, pos: int) -> bool:
    """``cand`` is printed three times or more, followed each time by a different character
    (某某某几年前…帮某某某争取…某某某转行): a name that runs straight into the next word."""
    text = n.text
    lo, hi = near(pos, len(text))
    nexts: set[str] = set()
    k = text.find(cand, lo, hi)
    while k >= 0:
        nexts.add(text[k + len(cand):k + len(cand) + 1])
        k = text.find(cand, k + 1, hi)
    return len(nexts) >= 3


def weak_name(n: Names, pos: int) -> int | None:
    """End of a name at ``pos`` after a weak cue: cut at a follow word, or the cut printed again."""
    text = n.text
    end = n.dotted(pos)
    if end is not None:
        return end if n.translit_ok(text[pos:end]) else None
    sl = n.surname_len(pos)
    if sl:
        end = n.han(pos)
        if end is not None and n.plain_ok(pos, end, True):
            return end
        if text[pos + sl:pos + sl + 2] in n.v.not_given:
            return None  # 吴老师, 彭婆婆: a form of address
        for length in (sl + 2, sl + 1):  # 赵某某因为…  …赵某某: the cut printed again
            cand = text[pos:pos + length]
            if len(cand) == length and all(is_name_char(c) for c in cand) and bounded_again(n, cand, pos) \
                    and n.plain_ok(pos, pos + length, True):
                return pos + length
    end = n.nonhan(pos)  # 吉克木呷和…: a transliteration that starts with a surname character
    if end is not None and n.translit_ok(text[pos:end]):
        return end
    return None


def printed_again(n: Names, pos: int) -> int | None:
    """End of a name at ``pos`` after a person noun that no follow word closes (教师某某扎根…,
    村民某某家…): the cut printed again elsewhere as a whole; a Han name (surname + one or two
    characters, no ordinary word) or a run of three to five characters mostly typical of
    transliterations (藏族学生某某某某勾画…, 某某某某一家…)."""
    text = n.text
    head = text[pos:pos + 2]
    lo, hi = near(pos, len(text))
    if text.find(head, pos + 2, hi) < 0 and text.rfind(head, lo, pos) < 0:
        return None  # printed once: the common case, decided in C
    sl = n.surname_len(pos)
    if sl:
        if text[pos + sl:pos + sl + 2] in n.v.not_given:
            return None
        for length in (sl + 2, sl + 1):
            cand = text[pos:pos + length]
            if len(cand) == length and all(map(is_name_char, cand)) and (
                    bounded_again(n, cand, pos) or length == sl + 2 and varied_again(n, cand, pos)) \
                    and n.plain_ok(pos, pos + length, True):
                return pos + length
    v = n.v
    for length in (5, 4, 3):
        cand = text[pos:pos + length]
        if len(cand) == length and all(map(is_name_char, cand)) and v.nonhan_stop.isdisjoint(cand) \
                and cand[0] in v.translit and cand not in v.common_strong \
                and 2 * sum(map(v.translit.__contains__, cand)) >= length \
                and bounded_again(n, cand, pos):
            return pos + length
    return None
