"""Weaker cues for person names in running text, used by :mod:`duikou.extract.people`.

Titles and lists of leaders anchor most names in reports of officials. Features and TV
bulletins also name people with no title before them:

- a clause that opens with a name and a speech verb ("……。”某某介绍，");
- a person noun right before the name ("志愿者某某说", "援疆干部某某表示");
- an age ("55岁的某某参加…");
- an introduction ("某某是某某县就业局局长。", "某某今年67岁");
- a list of names that opens a clause and ends with an attendance verb ("甲、乙、丙出席会议"),
  or follows one ("出席活动的有甲、乙");
- a professional rank after the name ("某某学院某某副教授").

A name found this way must not be an ordinary word (``data/common_words.yaml``): a Han name
is a surname plus one or two characters, a name without a surname must read as a
transliteration (``translit`` in ``data/people_words.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from duikou import vocab

if TYPE_CHECKING:
    from duikou.extract.people import _Doc

# Where a clause starts: a name printed right after one of these opens the clause.
_OPEN = "”。！？；，：:\n \u3000）)"
_NAMEC = "[\u3400-\u9fff·•]"
_RESIDENT_NOUNS = frozenset(("村民", "农民", "牧民", "居民", "农户", "贫困户", "脱贫户"))


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Cues:
    speech: re.Pattern[str]
    before: re.Pattern[str]
    age: re.Pattern[str]
    intro: re.Pattern[str]
    intro_tail: re.Pattern[str]
    lead_list: re.Pattern[str]
    attend: re.Pattern[str]
    post: re.Pattern[str]
    intro_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    w = vocab.load("people_words")
    speech = _alt(w["speech"])
    nouns = list(w["other_before"]) + list(w["resident_before"])
    return _Cues(
        # the name, an optional adverb in 地 (自豪地说), the verb
        speech=re.compile(f"(?:^|(?<=[{_OPEN}]))({_NAMEC}{{2,8}}?)(?:[\u4e00-\u9fff]{{1,3}}地)?(?:{speech})"),
        before=re.compile(f"(?:{_alt(w['other_before'])})[ \u3000]?(?=[\u3400-\u9fff])"),
        age=re.compile(f"(?:\\d{{1,3}}|[一二三四五六七八九十]{{1,3}})岁的(?:{_alt(nouns)}|"
                       f"[\u4e00-\u9fff]{{1,2}}族(?:{_alt(nouns)}|老人|姑娘|女孩|男孩|妇女|小伙)?)?"),
        intro=re.compile(f"(?:^|(?<=[。！？\n \u3000”]))({_NAMEC}{{2,8}}?)(?:是|今年\\d{{1,3}}岁)"),
        intro_tail=re.compile(f"[^。，；！？\n]{{0,30}}?({_alt(w['intro_nouns'])})(?=[，。；！？])"),
        lead_list=re.compile(f"(?:^|(?<=[{_OPEN}]))((?:{_NAMEC}{{2,8}}、)+{_NAMEC}{{2,8}}?)"
                             f"(?={_alt(w['list_verbs'])})"),
        attend=re.compile(f"(?:{_alt(w['attend_heads'])})[^。；，、\n]{{0,12}}?(?:的|人员)还?有[:：]?"),
        post=re.compile(_alt(w["post_titles"])),
        intro_nouns=frozenset(w["intro_nouns"]),
    )


def run_cues(d: _Doc) -> None:
    """Add the names found by the weak cues to ``d`` (after titles, lists and residents)."""
    text = d.text
    if len(text) < 4:
        return
    c = _cues()
    names = d.names
    known = names.known

    def fresh(start: int, end: int, weak: bool = True) -> bool:
        return text[start:end] not in known and d.covered(start) is None and names.plain_ok(start, end, weak)

    for m in c.speech.finditer(text):  # 。”某某介绍，
        s, e = m.span(1)
        if text[s:e] in known:
            continue
        if fresh(s, e):
            d.add(s, e, [], None, "other", 0)
    for m in c.before.finditer(text):  # 志愿者某某说
        pos = m.end()
        end = names.han(pos) if names.surname_len(pos) else names.nonhan(pos)
        if end is not None and fresh(pos, end):
            d.add(pos, end, [], None, "other", 0)
    for m in c.age.finditer(text):  # 55岁的某某参加
        pos = m.end()
        end = names.weak_name(pos)
        if end is not None and fresh(pos, end):
            d.add(pos, end, [], None, "resident", 0)
    for m in c.intro.finditer(text):  # 某某是某某县就业局局长。
        s, e = m.span(1)
        if not fresh(s, e) and text[s:e] not in known:
            continue
        if text[m.end(1)] != "是":
            d.add(s, e, [], None, "resident", 0)  # 某某今年67岁
            continue
        t = c.intro_tail.match(text, m.end())
        if t is None:
            continue
        noun = t.group(1)
        if noun in d.v.title_info:
            region = d.org_region(m.end(), t.start(1))
            d.add(s, e, [noun], region, "official", 2 if region else 1)
        else:
            d.add(s, e, [], None, "resident" if noun in _RESIDENT_NOUNS else "other", 0)
    for m in c.lead_list.finditer(text):  # 甲、乙、丙出席
        _add_list(d, m.start(1), m.group(1).split("、"))
    for m in c.attend.finditer(text):  # 出席活动的有甲、乙
        pos, items = m.end(), []
        while pos < len(text):
            j = names._run_end(pos, limit=8)
            if j - pos < 2:
                break
            end = names.han(pos) if names.surname_len(pos) else j
            if end is None or (end < len(text) and text[end] not in "、，。；等和及"):
                break
            items.append(text[pos:end])
            if end >= len(text) or text[end] != "、":
                break
            pos = end + 1
        if len(items) >= 2:
            _add_list(d, m.end(), items)
    for m in c.post.finditer(text):  # 某某学院某某副教授
        _post_title(d, m.start(), m.group())


def _add_list(d: _Doc, start: int, items: list[str]) -> None:
    """A list of names: every item a name, at least one no ordinary word at all."""
    names, v = d.names, d.v
    spans = []
    pos = start
    for item in items:
        spans.append((pos, pos + len(item)))
        pos += len(item) + 1
    plain = 0
    for s, e in spans:
        name = d.text[s:e]
        if name in names.known:
            plain += 1
            continue
        if d.covered(s) is not None or not names.plain_ok(s, e, False):
            return
        plain += name not in v.common_weak
    if not plain:
        return
    for s, e in spans:
        if d.text[s:e] not in names.known:
            d.add(s, e, [], None, "official", 0)


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
        lo = s
        while lo > 0 and s - lo < 25 and text[lo - 1] not in _OPEN and text[lo - 1] not in "、":
            lo -= 1
        region = d.org_region(lo, s) if lo < s else None
        d.add(s, at, [title], region, "official", 2 if region else 1)
        return
