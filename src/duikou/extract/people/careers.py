"""Career summaries after a name found (某某此前为甲部党组成员、副部长，乙局局长 / 某某曾任…等职 /
某某，转任某某省委常委 / 某某…，2019年5月任…): the posts he held or takes."""
from __future__ import annotations

import re

from duikou.extract.people.chars import OPEN
from duikou.extract.people.doc import Doc

# What separates the posts of a career summary (甲局党组成员、副局长，乙市委常委兼秘书长).
_POST_SEPS = re.compile("[、，,兼]")
_CAREER_BACK = 2000  # how far back a career summary's name is looked for when no sentence end is near


def last_opening_name(text: str, known: set[str], lens: list[int], lo: int, hi: int) -> tuple[int, int] | None:
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
                if k == 0 or text[k - 1] in OPEN:
                    return k, k + n
    return None


def run_careers(d: Doc) -> None:
    """The posts of every career summary printed after a name found, up to the end of the sentence
    or the first part that is no post (a date, another verb)."""
    if not d.names.known:
        return
    for a, b in d.hits["career"]:
        _career(d, a, b)


def _career(d: Doc, a: int, b: int) -> None:
    text, c = d.text, d.c
    verb = text[a:b]
    if verb in c.career_dated:
        if not a or not text[a - 1].isdigit():
            return  # 今年任务: no date
        a += 1  # the name is looked for before the date
        while a > 0 and (text[a - 1].isdigit() or text[a - 1] in "年月"):
            a -= 1
    span = _career_name(d, a)
    if span is None:
        return
    name_start, e = span
    posts, first = _career_posts(d, b)
    if not posts:
        return
    new = verb in c.career_new
    region = d.places.org_region(b, first) if new else None
    rank = (2 if region else 1) if new else 0
    # the posts printed before the name at the same place come first
    for fm, _, r in d.found_at.get((name_start, e), []):
        posts = fm.titles + [p for p in posts if p not in fm.titles]
        if fm.region is not None and r >= rank:
            region, rank = fm.region, r
    d.add(name_start, e, posts, region, "official", rank)
    d.careers.add((name_start, e))


def _career_name(d: Doc, a: int) -> tuple[int, int] | None:
    """The span of the name a career verb at ``a`` is about: right before it (某某，转任…), else the
    name that opens its sentence (某某出生于…，曾在…工作，担任过…)."""
    text, known = d.text, d.names.known
    e = a
    if e and text[e - 1] in "，,":
        e -= 1  # 某某，转任…
    name_start = next((e - n for n in range(2, 9) if e >= n and text[e - n:e] in known), None)
    if name_start is not None:
        return name_start, e
    s0 = max(text.rfind(ch, max(0, a - 120), a) for ch in "。！？\n") + 1
    if s0 == 0:  # no sentence end near: bounded, or a page with no full stops costs quadratic time
        s0 = max(0, a - _CAREER_BACK)
    found = last_opening_name(text, known, d.names.known_lengths(), s0, a)
    if found is None or text.find("，", found[1], a) < 0:
        return None
    return found


def _career_posts(d: Doc, lo: int) -> tuple[list[str], int]:
    """The posts printed from ``lo`` on (甲局党组成员、副局长，乙市委常委兼秘书长…等职) and where the
    body of the first one ends (-1 with none)."""
    text, info, c = d.text, d.v.title_info, d.c
    hi = lo
    while hi < len(text) and hi - lo < 150 and text[hi] not in "。；;！？\n":
        hi += 1
    posts: list[str] = []
    first = -1
    pos = lo
    for part in _POST_SEPS.split(text[lo:hi]):
        core = part
        for tail in c.post_tails:
            if core.endswith(tail):
                core = core[:-len(tail)]
                break
        post = next((core[k:] for k in range(len(core) - 1) if core[k:] in info), None)
        if post is None or c.not_body.search(core, 0, len(core) - len(post)):
            break
        if first < 0:  # a level word may close the region's name (某某省|委常委 -> 某某省)
            first = pos + len(core) - len(post) + (post[0] in d.v.levels)
        if post not in posts:
            posts.append(post)
        if core is not part:
            break  # …等职: the summary ends here
        pos += len(part) + 1
    return posts, first
