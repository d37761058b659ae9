"""Weaker cues for person names in running text, run after titles, lists and residents.

Titles and lists of leaders anchor most names in reports of officials. Features and TV
bulletins also name people with no title before them:

- a clause that opens with a name and a speech verb ("……。”某某介绍，");
- a person noun right before the name ("志愿者某某说", "援疆干部某某表示": :mod:`.nouns`);
- an age ("55岁的某某参加…");
- an introduction ("某某是某某县就业局局长。", "某某今年67岁");
- a list of names that opens a clause and ends with an attendance verb ("甲、乙、丙出席会议"),
  or follows one ("出席活动的有甲、乙": :mod:`.rosters`);
- posts printed around the name (某某同志任…, 某某担任…, "某某学院某某副教授": :mod:`.posts`);
- the items of a list after a name found by any cue ("甲、乙、丙共同启动", 甲 titled elsewhere);
- career summaries after a name found (:mod:`.careers`), and the subject of a feature story.

A name found this way must not be an ordinary word (``data/common_words.yaml``): a Han name
is a surname plus one or two characters, a name without a surname must read as a
transliteration (``translit`` in ``data/people_words.yaml``). Each anchor is dropped by a cheap
test on the character before or after it before any search runs (a crawl page has thousands of
是, 说 and 等).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from duikou.extract.context import near
from duikou.extract.people.bylines import on_credits
from duikou.extract.people.careers import run_careers
from duikou.extract.people.chars import CLAUSE_TAIL, NAME_ENDS, SENTENCE_TAIL, clause_name, is_name_char
from duikou.extract.people.doc import Doc
from duikou.extract.people.nouns import on_person_nouns
from duikou.extract.people.posts import on_comrades, on_posts_taken, on_ranks, on_resignations
from duikou.extract.people.repeats import weak_name
from duikou.extract.people.rosters import list_neighbours, on_attend_heads, on_list_verbs

Spans = list[tuple[int, int]]
_SUBJECT_MIN = 3  # clause openings needed (with as many different characters after the name)


def on_speech(d: Doc, hits: Spans) -> None:
    """。”某某介绍，  某某自豪地说: a name opening the clause of a speech verb."""
    text, names, g = d.text, d.names, d.v.g
    for a, _ in hits:
        if a < 2:
            continue
        prev = text[a - 1]
        if prev in g.not_before_verb or not is_name_char(prev) or not is_name_char(text[a - 2]):
            continue
        e = a
        s = None
        if prev == "地":
            for adv in (3, 4, 2):  # an adverb in 地 between the name and the verb (自豪地说)
                s = clause_name(text, e - adv)
                if s is not None:
                    e -= adv
                    break
        if s is None:
            e = a - 2 if text[a - 2:a] in g.address else a  # 某某老师说: the name before the form of address
            s = clause_name(text, e)
        if s is None and text.find("的", e - 9 if e > 9 else 0, e - 2) >= 0:
            m = d.c.member.search(text, e - 8 if e > 8 else 0, e)  # 来自某某研究院的某某表示, 某某中心的某某说
            s = m.start() if m else None
        if s is not None and e - s >= 3 and text[s:s + 2] in d.v.common_strong and not names.surname_len(s) == 2:
            continue  # 简单来说, 许多人认为: a word and a character, not a name
        if s is not None and d.fresh(s, e):
            d.add(s, e, [], None, "other", 0)


def on_ages(d: Doc, hits: Spans) -> None:
    """55岁的某某参加, 55岁的村民某某: a resident named after an age."""
    text = d.text
    for a, b in hits:
        if not a or text[a - 1] not in d.v.g.numerals:
            continue
        m = d.c.age_noun.match(text, b)
        pos = m.end() if m else b
        end = weak_name(d.names, pos)
        if end is not None and d.fresh(pos, end):
            d.add(pos, end, [], None, "resident", 0)


def on_intros(d: Doc, hits: Spans) -> None:
    """某某是某某县就业局局长。 某某今年67岁: a name opening an introduction."""
    text, known, c, g = d.text, d.names.known, d.c, d.v.g
    for a, b in hits:
        if a < 2 or text[a - 1] in g.not_before_verb or not is_name_char(text[a - 2]) \
                or text[a] != c.copula and not c.intro_age.match(text, b):
            continue
        e = a - 2 if text[a - 2:a] in g.address else a  # 某某老师是…: the name before the form of address
        s = clause_name(text, e, SENTENCE_TAIL if text[a] == c.copula else CLAUSE_TAIL)
        if s is not None and text[s:e] not in known:
            k = text.rfind("的", s, e - 2)
            if k >= 0 and text[k + 1:e] in known:
                s = k + 1  # “某某”的某某是…: a name found already, after a phrase and 的
        if s is not None:
            _intro(d, s, e, b, addressed=e < a)


def _intro(d: Doc, s: int, e: int, after: int, addressed: bool = False) -> None:
    """某某是……的村民 / 某某是某某县就业局局长 / 某某今年67岁 (the name ``s``..``e``, the verb up to ``after``).
    ``addressed``: a form of address follows the name (某某老师是…), itself the sign of a person."""
    text, c = d.text, d.c
    if text[s:e] not in d.names.known and not d.fresh(s, e):
        return
    if text[after - 1] != c.copula:
        d.add(s, e, [], None, "resident", 0)  # 某某今年67岁
        return
    t = c.intro_tail.match(text, after)
    if t is None:
        if addressed and text[s:e] not in d.names.known:
            d.add(s, e, [], None, "other", 0)
        return
    noun = t.group(1)
    if noun in d.v.title_info:
        region = d.places.org_region(after, t.start(1))
        d.add(s, e, [noun], region, "official", 2 if region else 1)
    elif noun in c.intro_cadres:  # 某某是某某县人社局的干部: a cadre of that body, with no post named
        region = d.places.org_region(after, t.start(1))
        d.add(s, e, [], region, "official", 2 if region else 1)
    else:
        d.add(s, e, [], None, "resident" if noun in c.intro_residents else "other", 0)


def on_called(d: Doc, hits: Spans) -> None:
    """一个叫某某，一个叫某某: the name after 叫."""
    text = d.text
    for _, b in hits:
        end = d.names.run_end(b, limit=8)
        if 2 <= end - b <= 6 and text[end:end + 1] in NAME_ENDS and d.fresh(b, end):
            d.add(b, end, [], None, "other", 0)


def protagonist(d: Doc) -> None:
    """A three-character Han name that opens a clause three times or more, each time followed by
    another word (，某某某从小…。某某某一直…！某某某想…): the person a feature story is about,
    named with no title or cue."""
    text, names, c = d.text, d.names, d.c
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
        if any(text[k + 3:k + 4] in d.v.g.place_next for k in every):
            continue  # a place (某某国政府): no person
        if sum(1 for k in every if c.pronoun.search(text, k + 3, k + 40)) < 2:
            continue  # a person is referred to as 他/她 after being named; places and things are not
        s = starts[0]
        if d.fresh(s, s + 3):
            d.add(s, s + 3, [], None, "other", 0)


# The cues in the order they run (a name found by an earlier one is known to the later ones).
_BY_KIND: tuple[tuple[str, Callable[[Doc, Spans], None]], ...] = (
    ("speech", on_speech), ("noun", on_person_nouns), ("age", on_ages), ("intro", on_intros),
    ("called", on_called), ("comrade", on_comrades), ("takes", on_posts_taken), ("resigns", on_resignations),
    ("credit", on_credits), ("list", on_list_verbs), ("attend", on_attend_heads), ("post", on_ranks),
)
# Then the passes over the names found so far.
_AFTER: tuple[Callable[[Doc], None], ...] = (list_neighbours, run_careers, protagonist)


def run_cues(d: Doc) -> None:
    """Add the names found by the weak cues to ``d`` (after titles, lists and residents)."""
    if len(d.text) < 4:
        return
    for kind, handler in _BY_KIND:
        handler(d, d.hits[kind])
    for step in _AFTER:
        step(d)
