"""Weaker cues for person names in running text, used by :mod:`duikou.extract.people`.

Titles and lists of leaders anchor most names in reports of officials. Features and TV
bulletins also name people with no title before them:

- a clause that opens with a name and a speech verb ("……。”某某介绍，");
- a person noun right before the name ("志愿者某某说", "援疆干部某某表示");
- an age ("55岁的某某参加…");
- an introduction ("某某是某某县就业局局长。", "某某今年67岁");
- a list of names that opens a clause and ends with an attendance verb ("甲、乙、丙出席会议"),
  or follows one ("出席活动的有甲、乙");
- a professional rank after the name ("某某学院某某副教授");
- the items of a list after a name found by any cue ("甲、乙、丙共同启动", 甲 titled elsewhere).

A name found this way must not be an ordinary word (``data/common_words.yaml``): a Han name
is a surname plus one or two characters, a name without a surname must read as a
transliteration (``translit`` in ``data/people_words.yaml``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

import ahocorasick_rs

from duikou.reference import vocab
from duikou.extract.context import near

if TYPE_CHECKING:
    from duikou.extract.people import _Doc

# Where a clause starts: a name printed right after one of these opens the clause.
_OPEN = "”。！？；，：:\n \u3000）)"
_NAMEC = "[\u3400-\u9fff·•]"
# Where a sentence starts: an introduction (某某是…) opens one.
_SENTENCE = "。！？\n \u3000”"
# Forms of address printed between a name and 是 (某某老师是…).
_ADDRESS = frozenset(("老师", "医生", "大夫", "师傅"))
# What may follow a photo credit's 摄 (（某某 摄）).
_CREDIT_END = frozenset("）)】] \u3000\n，。")
# What may follow a name introduced by 叫 (一个叫某某，…).
_NAME_ENDS = frozenset("，。、；的")
# One-character follow words that link two nouns more often than they follow a name.
_LINKS = frozenset("同为")
# What may follow a two-character name after a person noun (专家某某21日…, 市民某某（化名）).
_AFTER_SHORT_NAME = frozenset("、（(0123456789 \n\u3000")
_ADVERBS = frozenset("在曾还也又将已被并再仍均")
# Aspect markers closing a verb (认领了, 守护着, 去过).
_ASPECT = frozenset("了着过")
_PREPOSITIONS = frozenset("向给对为和与跟同把被让请陪随见")


# The kinds of marker words: speech, introduction, list, person noun, age, attendance head,
# post after the name, journalist, resident, 叫, 担任, photo credit, 同志, career summary, 辞去.
_KINDS = "SILBATPJRNDCGKQ"


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# Verbs of a career summary after a name (某某此前为…, 某某历任…等职, 某某，转任…): the posts
# after them are his, former ones for the first group, the new one for the second.
_FORMER = ("此前为", "此前任", "此前系", "曾任", "后任", "历任", "担任过", "先后任", "先后担任", "曾担任")
_NEW = ("转任", "调任", "出任", "现任")
# A date and 任 (…，2019年5月任某某市委常委、秘书长): posts the subject of the sentence held then.
_DATED = ("年任", "月任", "年起任", "月起任")
@dataclass(frozen=True)
class _Cues:
    # Each cue is found from its rarest literal part (the verb, 岁的, the title) and read
    # backwards or forwards from there: patterns that start with a character class are tried
    # at every position of the text and cost several times the rest of the extractor.
    # One automaton finds every literal anchor in one pass; kinds[i] says which cues word i anchors.
    anchors: ahocorasick_rs.AhoCorasick
    words: list[str]
    kinds: list[str]
    age_noun: re.Pattern[str]
    intro_age: re.Pattern[str]
    counted: re.Pattern[str]
    intro_tail: re.Pattern[str]
    attend: re.Pattern[str]
    subject: re.Pattern[str]
    group_nouns: frozenset[str]  # person nouns after which no name is cut before a verb
    bare_nouns: frozenset[str]  # person nouns whose name must be closed by a follow word or a comma
    intro_residents: frozenset[str]  # introduction nouns of a resident (某某是…的村民)
    intro_cadres: frozenset[str]  # introduction nouns of a cadre with no post named (某某是…的干部)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    w = vocab.load("people_words")
    nouns = list(w["other_before"]) + list(w["resident_before"]) + list(w["age_nouns"])
    kinds: dict[str, str] = {}
    for kind, key in (("S", "speech"), ("B", "other_before"), ("L", "list_verbs"), ("T", "attend_heads"),
                      ("P", "post_titles"), ("J", "journalist"), ("R", "resident_before")):
        for word in w[key]:
            kinds[word] = kinds.get(word, "") + kind
    for word, kind in (("岁的", "A"), ("是", "I"), ("今年", "I"), ("名叫", "N"), ("一个叫", "N"), ("名字叫", "N"),
                       ("担任", "D"), ("摄", "C"), ("同志", "G"), ("辞去", "Q")):
        kinds[word] = kinds.get(word, "") + kind
    for word in w["called"]:
        kinds[word] = kinds.get(word, "") + "N"
    for word in _FORMER + _NEW + _DATED:  # 担任过 is also the 担任 cue (the automaton takes the longest word)
        kinds[word] = kinds.get(word, "") + ("DK" if "担任" in word else "K")
    for word in w["cue_blockers"]:
        kinds.setdefault(word, "")
    words = sorted(kinds)
    single = "".join(str(vocab.load("surnames")["single"]).split())
    return _Cues(
        anchors=ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                           implementation=ahocorasick_rs.Implementation.DFA),
        words=words,
        kinds=[kinds[x] for x in words],
        age_noun=re.compile(f"(?:{_alt(nouns)}|[\u4e00-\u9fff]{{1,2}}族(?:{_alt(nouns)})?)?"),
        intro_age=re.compile("\\d{1,3}岁"),
        counted=re.compile("[0-9一二三四五六七八九十两几多]+(?:名|位|人)"),
        intro_tail=re.compile(f"[^。，；！？\n]{{0,30}}?({_alt(w['intro_nouns'])})(?=[，。；！？])"),
        attend=re.compile(f"(?:{_alt(w['attend_heads'])})[^。；，、\n]{{0,12}}?(?:的|人员)还?有[:：]?"),
        # a surname and two name characters opening a clause: how a feature story prints its subject
        subject=re.compile(f"[，。！？；：]([{re.escape(single)}][\u4e00-\u9fff]{{2}})"),
        group_nouns=frozenset(w["group_nouns"]),
        bare_nouns=frozenset(w["bare_nouns"]),
        intro_residents=frozenset(w["intro_residents"]),
        intro_cadres=frozenset(w["intro_cadres"]),
    )


# Characters that end no name but often come before 是 or 说 (就是, 还是, 他们说): skipped cheaply.
_NOT_BEFORE_VERB = frozenset("就还都也不只而但总正或要这那的了说却即便于若凡乃算倒真们他她它我你再又仍则亦曾已将均皆")

# A run of 2..8 name characters that opens a clause (or a sentence) and ends at ``endpos``:
# searched in the few characters before a verb, so the scan stays in C.
_CLAUSE_TAIL = re.compile(f"(?:^|(?<=[{_OPEN}])){_NAMEC}{{2,8}}$")
# A list of 2..8-character items joined by 、 that opens a clause and ends at ``endpos``.
_LIST_TAIL = re.compile(f"(?:^|(?<=[{_OPEN}]))(?:{_NAMEC}{{2,8}}、)+{_NAMEC}{{2,8}}$")
_ANY_LIST_TAIL = re.compile(f"(?:{_NAMEC}{{2,8}}、)+{_NAMEC}{{2,8}}$")
# A list of three or more names that opens a sentence and is closed by a comma, the attendance verb
# coming later in the sentence (甲、乙、丙和丁，在某地工作过的老同志等参加).
_SENTENCE_LIST = re.compile(f"(?:{_NAMEC}{{2,8}}、){{2,}}{_NAMEC}{{2,8}}(?=，)")
# Verbs of attendance that close such a sentence.
_ATTEND_VERBS = frozenset(("出席", "参加", "陪同"))
_CREDIT_TAIL = re.compile(f"(?:^|(?<=[{_OPEN}（(【\\[]))[\u3400-\u9fff]{{2,4}}$")
_SENTENCE_TAIL = re.compile(f"(?:^|(?<=[{_SENTENCE}])){_NAMEC}{{2,8}}$")


def _clause_name(text: str, end: int, pattern: re.Pattern[str] = _CLAUSE_TAIL) -> int | None:
    """Start of the run of 2..8 name characters that ends at ``end`` and opens a clause."""
    m = pattern.search(text, end - 8 if end > 8 else 0, end)
    return m.start() if m else None


# Last characters of a body's or a place's name: 来自某某大学的某某表示 names a member of the body.
_BODY_END_DE = frozenset("院校学心会局所司站馆部委厅办社团队省市县区州镇乡村")
_MEMBER_NAME = re.compile(f"(?<=[{''.join(sorted(_BODY_END_DE))}]的){_NAMEC}{{2,8}}$")


def _member_name(text: str, end: int) -> int | None:
    """Start of a name printed after a body and 的 right before a speech verb at ``end``
    (来自某某研究院的某某表示, 某某中心的某某说)."""
    m = _MEMBER_NAME.search(text, end - 8 if end > 8 else 0, end)
    return m.start() if m else None


def _is_namec(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or ch in "·•"


def anchor_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of every marker word in ``text`` by kind, from one automaton pass: journalist
    (J) and resident (R) markers for :mod:`duikou.extract.people`, and the weak cues."""
    c = _cues()
    hits: dict[str, list[tuple[int, int]]] = {k: [] for k in _KINDS}
    kinds = c.kinds
    for idx, a, b in c.anchors.find_matches_as_indexes(text):
        for kind in kinds[idx]:
            hits[kind].append((a, b))
    return hits


def run_cues(d: _Doc) -> None:
    """Add the names found by the weak cues to ``d`` (after titles, lists and residents)."""
    text = d.text
    n = len(text)
    if n < 4:
        return
    c = _cues()
    names = d.names
    known = names.known
    hits = d.hits
    translit = d.v.translit

    def fresh(start: int, end: int) -> bool:
        return text[start:end] not in known and names.plain_ok(start, end, True) and d.covered(start) is None

    # Each anchor is dropped by a cheap test on the character before or after it before any
    # search runs (a crawl page has thousands of 是, 说 and 等).
    for a, b in hits["S"]:  # 。”某某介绍，  某某自豪地说
        if a < 2:
            continue
        prev = text[a - 1]
        if prev in _NOT_BEFORE_VERB or not _is_namec(prev) or not _is_namec(text[a - 2]):
            continue
        e = a
        s = None
        if prev == "地":
            for adv in (3, 4, 2):  # an adverb in 地 between the name and the verb (自豪地说)
                s = _clause_name(text, e - adv)
                if s is not None:
                    e -= adv
                    break
        if s is None:
            e = a - 2 if text[a - 2:a] in _ADDRESS else a  # 某某老师说: the name before the form of address
            s = _clause_name(text, e)
        if s is None and text.find("的", e - 9 if e > 9 else 0, e - 2) >= 0:
            s = _member_name(text, e)
        if s is not None and e - s >= 3 and text[s:s + 2] in d.v.common_strong and not names.surname_len(s) == 2:
            continue  # 简单来说, 许多人认为: a word and a character, not a name
        if s is not None and fresh(s, e):
            d.add(s, e, [], None, "other", 0)
    for a, b in hits["B"]:  # 志愿者某某说
        pos = b + 1 if text[b:b + 1] in (" ", "\u3000") else b
        if pos >= n or not "\u3400" <= text[pos] <= "\u9fff":
            continue
        sl = names.surname_len(pos)
        if not sl and text[pos] not in translit and "·" not in text[pos:pos + 9]:
            continue  # 代表团, 学生们: no surname and no transliterated name starts here
        end = names.dotted(pos) or (names.han(pos) if sl else names.nonhan(pos))
        if end is None and sl and text[a:b] not in c.group_nouns and text[pos] not in _PREPOSITIONS \
                and text[pos] not in "于在" and not _word_at(d, pos) and not _word_at(d, pos - 1):
            # (not 法官|方…: the noun's last character and the next one make a word, 官方)
            for length in (sl + 2, sl + 1):  # 民警某某发现…: the name runs into a frequent verb
                if text[pos + length:pos + length + 2] in d.v.verbs and all(map(_is_namec, text[pos:pos + length])) \
                        and not _word_at(d, pos + sl, pos + length):
                    end = pos + length
                    break
            if end is None and sl == 1 and text[pos + 5:pos + 6] in _ASPECT and all(map(_is_namec, text[pos:pos + 5])) \
                    and text[pos + 2] not in _NOT_BEFORE_VERB and text[pos + 2] not in _ADVERBS \
                    and not _word_at(d, pos + 1) and not _word_at(d, pos + 1, pos + 3):
                end = pos + 3  # 志愿者某某某认领了…: three name characters, a two-character verb and 了
            if end is not None and end - pos == sl + 2 and text[end - 1:end + 1] in d.v.verbs:
                end = None  # the cut before a verb is itself ambiguous
            elif end is not None:
                if not fresh(pos, end):
                    continue
                d.add(pos, end, [], None, "other", 0)
                continue
        if end is None and "岁的" not in text[a - 8 if a > 8 else 0:a]:  # after an age the age cue reads it
            end = _translit4(d, pos)  # 学生某某某某一生的…: four transliteration characters, then a word
            if end is None and text[pos] not in _PREPOSITIONS and text[pos] not in "于在":
                end = names.printed_again(pos)  # 教师某某扎根…: a verb no list holds, the name printed again
                if end is not None:  # checked there, with a looser transliteration test
                    if text[pos:end] not in known and d.covered(pos) is None:
                        d.add(pos, end, [], None, "other", 0)
                    continue
            if end is not None:
                if fresh(pos, end):
                    d.add(pos, end, [], None, "other", 0)
                continue
        verb_cut = end is not None and sl > 0 and end - pos == sl + 2 and text[end - 1:end + 1] in d.v.verbs
        if verb_cut and end is not None:
            end -= 1  # 民警某某|接到: the last character and the follow word make a verb
        if end is not None and sl and end - pos == sl + 1 and text[pos] in _ADVERBS:
            continue  # 检察官曾向…: an adverb, not a surname
        if end is not None and text[a:b] in c.bare_nouns and not (names._follow_at(end) or text[end:end + 1] in "，、（("):
            continue  # 干部包户: a bare noun in a headline, not a cadre's name
        if end is not None and (verb_cut or _verb_after(d, pos, end)) and fresh(pos, end):
            d.add(pos, end, [], None, "other", 0)
    for a, b in hits["A"]:  # 55岁的某某参加
        if not a or text[a - 1] not in "0123456789一二三四五六七八九十":
            continue
        m = c.age_noun.match(text, b)
        pos = m.end() if m else b
        end = names.weak_name(pos)
        if end is not None and fresh(pos, end):
            d.add(pos, end, [], None, "resident", 0)
    for a, b in hits["I"]:  # 某某是某某县就业局局长。 某某今年67岁
        if a < 2 or text[a - 1] in _NOT_BEFORE_VERB or not _is_namec(text[a - 2]) \
                or text[a] != "是" and not c.intro_age.match(text, b):
            continue
        e = a - 2 if text[a - 2:a] in _ADDRESS else a  # 某某老师是…: the name before the form of address
        s = _clause_name(text, e, _SENTENCE_TAIL if text[a] == "是" else _CLAUSE_TAIL)
        if s is not None and text[s:e] not in known:
            k = text.rfind("的", s, e - 2)
            if k >= 0 and text[k + 1:e] in known:
                s = k + 1  # “某某”的某某是…: a name found already, after a phrase and 的
        if s is not None:
            _intro(d, s, e, b, c, fresh, addressed=e < a)
    for _, b in hits["N"]:  # 一个叫某某，一个叫某某
        end = names._run_end(b, limit=8)
        if 2 <= end - b <= 6 and text[end:end + 1] in _NAME_ENDS and fresh(b, end):
            d.add(b, end, [], None, "other", 0)
    for a, _ in hits["G"]:  # 。某某同志指出, 免去某某同志的…职务
        _comrade(d, a, fresh)
    for a, b in hits["D"]:  # 某某担任某某县医院的院长
        if b - a > 2:  # 曾担任, 担任过: the verb itself
            a = text.find("担任", a, b)
            b = a + 2
        _takes_post(d, c, a, b)
    for a, b in hits["Q"]:  # 接受某某辞去某某市人民政府市长职务的请求
        _resigns(d, a, b, fresh)
    for a, b in hits["C"]:  # （某某 摄）: a photo credit
        if b < n and text[b] not in _CREDIT_END:
            continue
        e = a - 1 if a and text[a - 1] in " \u3000" else a
        s = _clause_name(text, e, _CREDIT_TAIL)
        if s is not None and e - s <= 4 and text[s:e] not in known and names.plain_ok(s, e, False) \
                and d.covered(s) is None:
            d.add(s, e, [], None, "journalist", 0)
    for a, b in hits["L"]:  # 甲、乙、丙出席  甲、乙等沪渝两地的专家
        # the last item is 2..5 characters long, or two names joined by 和 (…、甲和乙出席)
        if a >= 4 and ("、" in text[a - 6 if a > 6 else 0:a - 2]
                       or text[a - 4] in "和及" or text[a - 3] in "和及" or text[a - 5:a - 4] in ("和", "及")):
            _lead_list(d, a, counted=text[a] == "等" and c.counted.match(text, b) is not None)
        elif text[a:b] in _ATTEND_VERBS:
            _sentence_list(d, a)
    for a, _ in hits["T"]:  # 出席活动的有甲、乙
        _attend_list(d, c, a)
    for a, b in hits["P"]:  # 某某学院某某副教授
        _post_title(d, a, text[a:b])
    _list_neighbours(d)
    _careers(d)
    _protagonist(d, c, fresh)


_SUBJECT_MIN = 3  # clause openings needed (with as many different characters after the name)
# Characters after a place's name, not a person's (某某国人, 某某国境内, 某某国政府, 某某国方面, 某某国军队).
_PLACE_NEXT = frozenset("人境政方国军当")
_PRONOUN = re.compile("[他她]")


def _protagonist(d: _Doc, c: _Cues, fresh: Callable[[int, int], bool]) -> None:
    """A three-character Han name that opens a clause three times or more, each time followed by
    another word (，某某某从小…。某某某一直…！某某某想…): the person a feature story is about,
    named with no title or cue."""
    text, names = d.text, d.names
    counts = Counter(c.subject.findall(text))  # counted in C: most pages have none
    wanted = {cand for cand, count in counts.items()
              if count >= _SUBJECT_MIN and cand not in names.known and cand[:2] not in d.v.compound}
    if not wanted:
        return
    at: dict[str, list[int]] = {}  # one pass for every candidate (a pass each is quadratic on a huge page)
    for m in c.subject.finditer(text):
        if m.group(1) in wanted:
            at.setdefault(m.group(1), []).append(m.start(1))
    for cand in counts:
        if cand not in wanted:
            continue
        starts = at[cand]
        if len({text[s + 3:s + 4] for s in starts}) < _SUBJECT_MIN:
            continue  # 王家村的…王家村的…: the same word goes on after it
        lo, hi = near(starts[0], len(text))
        every = []
        k = text.find(cand, lo, hi)
        while k >= 0:
            every.append(k)
            k = text.find(cand, k + 3, hi)
        if any(text[k + 3:k + 4] in _PLACE_NEXT for k in every):
            continue  # a place (某某国政府): no person
        if sum(1 for k in every if _PRONOUN.search(text, k + 3, k + 40)) < 2:
            continue  # a person is referred to as 他/她 after being named; places and things are not
        s = starts[0]
        if fresh(s, s + 3):
            d.add(s, s + 3, [], None, "other", 0)


def _list_neighbours(d: _Doc) -> None:
    """甲、乙、丙 where 甲 is a name found: the items after it that read as Han names are
    names too (a list of people printed once with titles and again bare)."""
    text, names = d.text, d.names
    if not names.known or "、" not in text:
        return
    # where each name stands before a 、, found from the 、 (a text search per name is quadratic on a huge page)
    known = set(names.known)
    lengths = sorted({len(n) for n in known})
    before: dict[str, list[int]] = {}
    p = text.find("、")
    while p >= 0:
        for n in lengths:
            if n <= p and text[p - n:p] in known:
                before.setdefault(text[p - n:p], []).append(p - n)
        p = text.find("、", p + 1)
    for name in sorted(known):
        for k in before.get(name, ()):
            pos = k + len(name) + 1
            while pos < len(text):
                if any(text[pos:pos + n] in names.known for n in range(1, min(8, len(text) - pos) + 1)):
                    break  # the next item is a name found already: its own occurrence walks on
                item = names.list_item(pos)
                if item is None or not names.surname_len(pos) or d.covered(pos) is not None:
                    break
                end, bounded = item
                # an item between 、: the list is the cue, so a given name that is a frequent word stays
                if not names.plain_ok(pos, end, False) or text[pos:end] in d.v.common_weak \
                        or "某" in text[pos:end] or not names.list_name_ok(pos, end):
                    break
                d.add(pos, end, [], None, "other", 0)
                if not bounded:
                    break
                pos = end + 1


def _translit4(d: _Doc, pos: int) -> int | None:
    """End of a name of four characters typical of transliterations (Tibetan, Uyghur names)
    at ``pos``, followed by a Han character that is not: the run breaks there."""
    text, translit = d.text, d.v.translit
    if pos + 5 > len(text) or not all(map(translit.__contains__, text[pos:pos + 4])):
        return None
    nxt = text[pos + 4]
    if not "\u4e00" <= nxt <= "\u9fff" or nxt in translit or text[pos:pos + 4] in d.v.common_strong:
        return None
    return pos + 4


def _word_at(d: _Doc, pos: int, end: int = 0) -> bool:
    """``text[pos:end]`` (two characters when ``end`` is 0) is an ordinary word (毕业|后, 查看|后, 初步)."""
    return d.names._word(d.text[pos:end or pos + 2])


def _comrade(d: _Doc, a: int, fresh: Callable[[int, int], bool]) -> None:
    """A name right before 同志 (某某同志): three characters led by a surname, or two when the
    character before them is no surname or a preposition or verb (免去某某同志, 向某某同志)."""
    text, names = d.text, d.names
    if a < 2 or not _is_namec(text[a - 1]) or text[a - 1] in _NOT_BEFORE_VERB or text[a - 1] in "老女男警察员长":
        return  # 老同志, 民警同志: a noun before 同志
    if text.startswith("为核心", a + 2):
        return  # 以某某同志为核心的…: a set phrase naming the leadership, not a person acting in the report
    for length in (3, 2):
        s = a - length
        if s < 0 or not names.surname_len(s) or length == 3 and (text[s] in _PREPOSITIONS or text[s] in "任免去及"):
            continue
        posts, region = _appointed(d, a + 2)
        if posts or text[s:a] not in names.known and fresh(s, a):
            d.add(s, a, posts, region, "official", (2 if region else 1) if posts else 0)
        return


# What closes the posts of an appointment (某某同志任某某局党组书记。).
_CLAUSE_ENDS = "，。；！？\n"


def _appointed(d: _Doc, pos: int) -> tuple[list[str], str | None]:
    """The posts of an appointment printed after 某某同志 at ``pos``: 任 + body + posts up to the end
    of the clause (某某同志任某某院党委委员、书记), or 的 + body + posts + 职务 (免去某某同志的…职务);
    the region is that of the body printed before the first post (中共某某县委书记)."""
    text = d.text
    if text.startswith("任", pos):
        lo = pos + 1
        hi = min((k for k in (text.find(ch, lo, lo + 50) for ch in _CLAUSE_ENDS) if k >= 0), default=-1)
    elif text.startswith("的", pos):
        lo = pos + 1
        hi = _post_end(text, lo)
    else:
        return [], None
    return _posts(d, lo, hi)


def _post_end(text: str, lo: int) -> int:
    """Where 职务 closes the posts that start at ``lo`` in the same clause, or -1."""
    hi = text.find("职务", lo, lo + 50)
    if hi >= 0 and any(ch in text[lo:hi] for ch in _CLAUSE_ENDS):
        return -1
    return hi


def _posts(d: _Doc, lo: int, hi: int) -> tuple[list[str], str | None]:
    """The posts printed in ``text[lo:hi]`` (joined by 、) and the region of the body before the first."""
    text = d.text
    if hi < 0:
        return [], None
    info = d.v.title_info
    posts: list[str] = []
    first = hi
    for part in text[lo:hi].split("、"):
        for k in range(len(part) - 1):  # the longest title the part ends with
            if part[k:] in info:
                if not posts:  # a level word may close the region's name (巴东县|委书记 -> 巴东县)
                    first = lo + k + (part[k] in d.v.levels)
                posts.append(part[k:])
                break
        else:
            return [], None  # a part that is no post: not an appointment (某某同志的讲话…)
    return posts, d.org_region(lo, first) if posts else None


# Verbs of a personnel decision that take the name of the one who resigns (接受某某辞去…职务的请求).
_ACCEPTS = ("接受", "同意")


def _resigns(d: _Doc, a: int, b: int, fresh: Callable[[int, int], bool]) -> None:
    """接受某某辞去…职务 / 同意某某辞去…职务: the name between the decision verb and 辞去, his posts
    those he resigns (printed up to 职务 in the same clause)."""
    text, names = d.text, d.names
    for length in (3, 2, 4):
        s = a - length
        if s < 2 or text[s - 2:s] not in _ACCEPTS or not names.surname_len(s):
            continue
        if text[s:a] in names.known or names.plain_ok(s, a, False) and d.covered(s) is None:
            posts, region = _posts(d, b, _post_end(text, b))
            if posts or fresh(s, a):
                d.add(s, a, posts, region, "official", (2 if region else 1) if posts else 0)
        return


def _verb_after(d: _Doc, pos: int, end: int) -> bool:
    """After a person noun, the name is followed by a follow word other than a linking
    character (员工劳动合|同, 职工党员成|为), or by punctuation, and does not start with an
    ordinary word (学生申请后，)."""
    text = d.text
    if text[pos] in _PREPOSITIONS or text[pos] in "于在":
        return False  # 志愿者向家长介绍, 老师于今年: a preposition, not the surname 向 or 于
    f = d.names._follow_at(end)
    if f:
        return f >= 2 or text[end] not in _LINKS
    if end < len(text) and _is_namec(text[end]):
        return False
    if end - pos < 3 and end < len(text) and text[end] not in _AFTER_SHORT_NAME:
        return False  # 员工乔迁，: a two-character cut before a comma or full stop is most often a word
    return text[pos:pos + 2] not in d.v.common_strong and text[pos:pos + 2] not in d.v.common_weak


def _lead_list(d: _Doc, e: int, counted: bool = False) -> None:
    """甲、乙、丙 ending at ``e`` (before an attendance verb) and opening a clause. ``counted``:
    a count of persons follows (甲、乙等五名), so the list may follow a verb (确定甲、乙等五名…)
    and its first item is cut to a name."""
    text = d.text
    m = _LIST_TAIL.search(text, e - 90 if e > 90 else 0, e)
    if m is not None and _add_list(d, m.start(), _split_last(d, m.group().split("、"))) or not counted:
        return
    m = _ANY_LIST_TAIL.search(text, e - 90 if e > 90 else 0, e)
    if m is None:
        return
    items = m.group().split("、")
    first = items[0]
    for length in (3, 2):  # the first item glued to the verb before it: keep a name-length tail
        if len(first) > length and d.names.surname_len(m.start() + len(first) - length):
            _add_list(d, m.start() + len(first) - length, [first[-length:]] + items[1:])
            return


def _sentence_list(d: _Doc, a: int) -> None:
    """甲、乙、丙和丁，……等参加: a list of names opening the sentence of the attendance verb at ``a``,
    closed by a comma (the others present are named after it)."""
    text = d.text
    lo = a - 160 if a > 160 else 0
    start = max(text.rfind("。", lo, a), text.rfind("\n", lo, a), text.rfind("！", lo, a), text.rfind("？", lo, a)) + 1
    if not start and lo:
        return
    if text.find("、", start, a) < 0:
        return
    m = _SENTENCE_LIST.match(text, start)
    if m is not None and m.end() < a:
        _add_list(d, start, _split_last(d, m.group().split("、")))


def _attend_list(d: _Doc, c: _Cues, a: int) -> None:
    """出席活动的有甲、乙: the names after an attendance head."""
    text, names = d.text, d.names
    m = c.attend.match(text, a)
    if m is None:
        return
    pos, found = m.end(), []
    while pos < len(text):
        j = names._run_end(pos, limit=8)
        if j - pos < 2:
            break
        end = names.han(pos) if names.surname_len(pos) else j
        if end is None or (end < len(text) and text[end] not in "、，。；等和及"):
            break
        found.append(text[pos:end])
        if end >= len(text) or text[end] != "、":
            break
        pos = end + 1
    if len(found) >= 2:
        _add_list(d, m.end(), found)


def _takes_post(d: _Doc, c: _Cues, a: int, b: int) -> None:
    """某某担任某某县医院的院长: a name right before 担任 and a post closing the clause."""
    text, names = d.text, d.names
    t = c.intro_tail.match(text, b)
    if t is None or t.group(1) not in d.v.title_info or text[a - 1] in _ADVERBS:
        return  # 某某在担任…期间: an adverb before 担任
    for length in (3, 2, 4):
        s = a - length
        if s < 0 or not all(map(_is_namec, text[s:a])) or s and text[s - 1] in _NOT_BEFORE_VERB:
            continue  # 还曾受命担任: an adverb before the cut
        if text[s + 1:a] in d.v.common_strong:
            continue  # 李国华利用担任: the given name would be a word
        if names.surname_len(s) and names.plain_ok(s, a, True) and d.covered(s) is None:
            region = d.org_region(b, t.start(1))
            d.add(s, a, [t.group(1)], region, "official", 2 if region else 1)
            return


def _intro(d: _Doc, s: int, e: int, after: int, c: _Cues, fresh: Callable[[int, int], bool],
           addressed: bool = False) -> None:
    """某某是……的村民 / 某某是某某县就业局局长 / 某某今年67岁 (the name ``s``..``e``, the verb up to ``after``).
    ``addressed``: a form of address follows the name (某某老师是…), itself the sign of a person."""
    text = d.text
    if text[s:e] not in d.names.known and not fresh(s, e):
        return
    if text[after - 1] != "是":
        d.add(s, e, [], None, "resident", 0)  # 某某今年67岁
        return
    t = c.intro_tail.match(text, after)
    if t is None:
        if addressed and text[s:e] not in d.names.known:
            d.add(s, e, [], None, "other", 0)
        return
    noun = t.group(1)
    if noun in d.v.title_info:
        region = d.org_region(after, t.start(1))
        d.add(s, e, [noun], region, "official", 2 if region else 1)
    elif noun in c.intro_cadres:  # 某某是某某县人社局的干部: a cadre of that body, with no post named
        region = d.org_region(after, t.start(1))
        d.add(s, e, [], region, "official", 2 if region else 1)
    else:
        d.add(s, e, [], None, "resident" if noun in c.intro_residents else "other", 0)


def _split_last(d: _Doc, items: list[str]) -> list[str]:
    """甲、乙、丙和丁: the last item joined by 和/及 is two names when both halves read as Han names."""
    last = items[-1]
    for k in (2, 3, 4):
        if k + 3 <= len(last) <= k + 4 and last[k] in "和及":
            a, b = last[:k], last[k + 1:]
            if all(x[:1] in d.v.single or x[:2] in d.v.compound for x in (a, b)):
                return items[:-1] + [a, b]
    return items


def _add_list(d: _Doc, start: int, items: list[str]) -> bool:
    """A list of names: every item a name, at least one no ordinary word at all. In a long list
    (four items or more, three of them Han names) an item of two or three characters with no
    known surname is a name too (a rare surname)."""
    names, v = d.names, d.v
    spans = []
    pos = start
    for item in items:
        spans.append((pos, pos + len(item)))
        pos += len(item) + 1
    plain = 0
    odd = []
    for s, e in spans:
        name = d.text[s:e]
        if name in names.known:
            plain += 1
            continue
        if d.covered(s) is not None or "某" in name:
            return False  # 郑某、黄某等2人: withheld names are no names
        if not names.plain_ok(s, e, False):
            if 2 <= e - s <= 3 and not names.surname_len(s) and name not in v.common_strong \
                    and name not in v.common_weak and name not in v.title_info:
                odd.append((s, e))
                continue
            return False
        plain += name not in v.common_weak
    if not plain or odd and (len(spans) < 4 or plain < 3 or len(odd) > 1):
        return False
    for s, e in spans:
        if d.text[s:e] not in names.known:
            d.add(s, e, [], None, "official", 0)
    return True


def _post_title(d: _Doc, at: int, title: str) -> None:
    """某某局某某高级农艺师: a name right before a professional rank, after a body or a delimiter."""
    text, names = d.text, d.names
    for length in (3, 2, 4):
        s = at - length
        if s < 0 or not names.surname_len(s):
            continue
        before = text[s - 1] if s else "，"
        if not (before in _OPEN or before in "、（(" or before in "院局校所站心司会厅委部处科室队组馆行"):
            continue
        if not names.plain_ok(s, at, True) or d.covered(s) is not None:
            continue
        if text[at - 1] in _PREPOSITIONS and (text[s:s + 2] in d.v.common_strong or text[s:s + 2] in d.v.common_weak):
            continue  # 高声向总书记问好: a word and a preposition, not a name
        lo = s
        while lo > 0 and s - lo < 25 and text[lo - 1] not in _OPEN and text[lo - 1] not in "、":
            lo -= 1
        region = d.org_region(lo, s) if lo < s else None
        d.add(s, at, [title], region, "official", 2 if region else 1)
        return


# What separates the posts of a career summary (甲局党组成员、副局长，乙市委常委兼秘书长).
_POST_SEPS = re.compile("[、，,兼]")
# A body part that holds a date, a number or another verb of appointment ends the summary
# (…，2019年任…): the posts after it are printed for another time and told separately.
_NOT_BODY = re.compile("[0-9０-９年月日任后再又]")


_CAREER_BACK = 2000  # how far back a career summary's name is looked for when no sentence end is near


def _last_opening_name(text: str, known: set[str], lens: list[int], lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the known name in ``text[lo:hi]`` whose last occurrence there is the latest one
    opening a clause; a name whose last occurrence opens none does not count. Walked back from
    ``hi`` (one set lookup per position and name length, not a text search per known name)."""
    seen: set[str] = set()
    for k in range(hi - 1, lo - 1, -1):
        for n in lens:  # the longest name first where two start at one place
            if k + n > hi:
                continue
            name = text[k:k + n]
            if name in known and name not in seen:
                seen.add(name)
                if k == 0 or text[k - 1] in _OPEN:
                    return k, k + n
    return None


def _careers(d: _Doc) -> None:
    """某某此前为甲部党组成员、副部长，乙局局长 / 某某曾任…等职 / 某某，转任某某省委常委: the posts
    of a career summary printed after a name found, up to the end of the sentence or the first
    part that is no post (a date, another verb)."""
    text, known = d.text, d.names.known
    if not known:
        return
    info = d.v.title_info
    for a, b in d.hits["K"]:
        verb = text[a:b]
        if verb in _DATED:
            if not a or not text[a - 1].isdigit():
                continue  # 今年任务: no date
            a += 1  # the name is looked for before the date
            while a > 0 and (text[a - 1].isdigit() or text[a - 1] in "年月"):
                a -= 1
        e = a
        if e and text[e - 1] in "，,":
            e -= 1  # 某某，转任…
        name_start = next((e - n for n in range(2, 9) if e >= n and text[e - n:e] in known), None)
        if name_start is None:  # 某某出生于…，曾在…工作，担任过…: the name that opens the sentence
            s0 = max(text.rfind(ch, max(0, a - 120), a) for ch in "。！？\n") + 1
            if s0 == 0:  # no sentence end near: bounded, or a page with no full stops costs quadratic time
                s0 = max(0, a - _CAREER_BACK)
            found = _last_opening_name(text, known, d.names._known_lengths(), s0, a)
            if found is None:
                continue
            name_start, e = found
            if text.find("，", e, a) < 0:
                continue
        lo = b
        hi = lo
        while hi < len(text) and hi - lo < 150 and text[hi] not in "。；;！？\n":
            hi += 1
        posts: list[str] = []
        first = -1
        pos = lo
        for part in _POST_SEPS.split(text[lo:hi]):
            core = part
            for tail in ("等职务", "等职", "职务"):
                if core.endswith(tail):
                    core = core[:-len(tail)]
                    break
            post = next((core[k:] for k in range(len(core) - 1) if core[k:] in info), None)
            if post is None or _NOT_BODY.search(core, 0, len(core) - len(post)):
                break
            if first < 0:  # a level word may close the region's name (某某省|委常委 -> 某某省)
                first = pos + len(core) - len(post) + (post[0] in d.v.levels)
            if post not in posts:
                posts.append(post)
            if core is not part:
                break  # …等职: the summary ends here
            pos += len(part) + 1
        if not posts:
            continue
        new = verb in _NEW
        region = d.org_region(lo, first) if new else None
        rank = (2 if region else 1) if new else 0
        # the posts printed before the name at the same place come first
        for fm, _, r in d.found_at.get((name_start, e), []):
            posts = fm.titles + [p for p in posts if p not in fm.titles]
            if fm.region is not None and r >= rank:
                region, rank = fm.region, r
        d.add(name_start, e, posts, region, "official", rank)
        d.careers.add((name_start, e))
