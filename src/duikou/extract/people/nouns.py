"""Names after a person noun with no title (志愿者某某说, 援疆干部某某表示, 民警某某发现…)."""
from __future__ import annotations

from duikou.extract.people.chars import AFTER_SHORT_NAME, is_name_char
from duikou.extract.people.doc import Doc
from duikou.extract.people.repeats import printed_again


def on_person_nouns(d: Doc, hits: list[tuple[int, int]]) -> None:
    """The name after each person noun."""
    for a, b in hits:
        _after_noun(d, a, b)


def _after_noun(d: Doc, a: int, b: int) -> None:
    text, names = d.text, d.names
    pos = b + 1 if text[b:b + 1] in (" ", "\u3000") else b
    if pos >= len(text) or not "\u3400" <= text[pos] <= "\u9fff":
        return
    sl = names.surname_len(pos)
    if not sl and text[pos] not in d.v.translit and "·" not in text[pos:pos + 9]:
        return  # 代表团, 学生们: no surname and no transliterated name starts here
    end = names.dotted(pos) or (names.han(pos) if sl else names.nonhan(pos))
    if end is None and sl and text[a:b] not in d.c.group_nouns and not _preposition(d, pos) \
            and not _word_at(d, pos) and not _word_at(d, pos - 1):
        # (not 法官|方…: the noun's last character and the next one make a word, 官方)
        end = _before_verb(d, pos, sl)
        if end is not None:
            if d.fresh(pos, end):
                d.add(pos, end, [], None, "other", 0)
            return
    if end is None:
        if d.c.age_marker not in text[a - 8 if a > 8 else 0:a]:  # after an age the age cue reads it
            _unclosed(d, pos)
        return
    verb_cut = sl > 0 and end - pos == sl + 2 and text[end - 1:end + 1] in d.v.verbs
    if verb_cut:
        end -= 1  # 民警某某|接到: the last character and the follow word make a verb
    if sl and end - pos == sl + 1 and text[pos] in d.v.g.adverbs:
        return  # 检察官曾向…: an adverb, not a surname
    if text[a:b] in d.c.bare_nouns and not (names.follow_at(end) or text[end:end + 1] in "，、（("):
        return  # 干部包户: a bare noun in a headline, not a cadre's name
    if (verb_cut or _verb_after(d, pos, end)) and d.fresh(pos, end):
        d.add(pos, end, [], None, "other", 0)


def _before_verb(d: Doc, pos: int, sl: int) -> int | None:
    """民警某某发现…, 志愿者某某某认领了…: a name that runs into a frequent verb, unless the cut
    before the verb is itself ambiguous."""
    text, v = d.text, d.v
    end = None
    for length in (sl + 2, sl + 1):
        if text[pos + length:pos + length + 2] in v.verbs and all(map(is_name_char, text[pos:pos + length])) \
                and not _word_at(d, pos + sl, pos + length):
            end = pos + length
            break
    if end is None and sl == 1 and text[pos + 5:pos + 6] in v.g.aspect and all(map(is_name_char, text[pos:pos + 5])) \
            and text[pos + 2] not in v.g.not_before_verb and text[pos + 2] not in v.g.adverbs \
            and not _word_at(d, pos + 1) and not _word_at(d, pos + 1, pos + 3):
        end = pos + 3  # 志愿者某某某认领了…: three name characters, a two-character verb and 了
    if end is not None and end - pos == sl + 2 and text[end - 1:end + 1] in v.verbs:
        return None  # the cut before a verb is itself ambiguous
    return end


def _unclosed(d: Doc, pos: int) -> None:
    """学生某某某某一生的…, 教师某某扎根…: a name no follow word closes, four transliteration
    characters or the cut printed again."""
    text = d.text
    end = _translit4(d, pos)
    if end is None and not _preposition(d, pos):
        end = printed_again(d.names, pos)  # a verb no list holds, the name printed again
        if end is not None:  # checked there, with a looser transliteration test
            if text[pos:end] not in d.names.known and d.places.covered(pos) is None:
                d.add(pos, end, [], None, "other", 0)
            return
    if end is not None and d.fresh(pos, end):
        d.add(pos, end, [], None, "other", 0)


def _preposition(d: Doc, pos: int) -> bool:
    """The character at ``pos`` is a preposition more often than a surname (向, 于, 在)."""
    g = d.v.g
    return d.text[pos] in g.prepositions or d.text[pos] in g.place_prepositions


def _verb_after(d: Doc, pos: int, end: int) -> bool:
    """After a person noun, the name is followed by a follow word other than a linking
    character (员工劳动合|同, 职工党员成|为), or by punctuation, and does not start with an
    ordinary word (学生申请后，)."""
    text = d.text
    if _preposition(d, pos):
        return False  # 志愿者向家长介绍, 老师于今年: a preposition, not the surname 向 or 于
    f = d.names.follow_at(end)
    if f:
        return f >= 2 or text[end] not in d.v.g.links
    if end < len(text) and is_name_char(text[end]):
        return False
    if end - pos < 3 and end < len(text) and text[end] not in AFTER_SHORT_NAME:
        return False  # 员工乔迁，: a two-character cut before a comma or full stop is most often a word
    return text[pos:pos + 2] not in d.v.common_strong and text[pos:pos + 2] not in d.v.common_weak


def _translit4(d: Doc, pos: int) -> int | None:
    """End of a name of four characters typical of transliterations (Tibetan, Uyghur names)
    at ``pos``, followed by a Han character that is not: the run breaks there."""
    text, translit = d.text, d.v.translit
    if pos + 5 > len(text) or not all(map(translit.__contains__, text[pos:pos + 4])):
        return None
    nxt = text[pos + 4]
    if not "\u4e00" <= nxt <= "\u9fff" or nxt in translit or text[pos:pos + 4] in d.v.common_strong:
        return None
    return pos + 4


def _word_at(d: Doc, pos: int, end: int = 0) -> bool:
    """``text[pos:end]`` (two characters when ``end`` is 0) is an ordinary word (毕业|后, 查看|后, 初步)."""
    return d.names.is_word(d.text[pos:end or pos + 2])
