"""Posts printed around a name with no title before it: an appointment (某某同志任…, 免去某某同志的
…职务), a resignation (接受某某辞去…职务), a post taken (某某担任…的院长) and a rank after the name
(某某学院某某副教授)."""
from __future__ import annotations

from duikou.extract.people.chars import CLAUSE_ENDS, OPEN, is_name_char
from duikou.extract.people.doc import Doc


def on_comrades(d: Doc, hits: list[tuple[int, int]]) -> None:
    """。某某同志指出, 免去某某同志的…职务: a name right before 同志, with the posts of an appointment."""
    for a, _ in hits:
        _comrade(d, a)


def _comrade(d: Doc, a: int) -> None:
    """A name right before 同志 (某某同志): three characters led by a surname, or two when the
    character before them is no surname or a preposition or verb (免去某某同志, 向某某同志)."""
    text, names, g = d.text, d.names, d.v.g
    if a < 2 or not is_name_char(text[a - 1]) or text[a - 1] in g.not_before_verb or text[a - 1] in g.comrade_nouns:
        return  # 老同志, 民警同志: a noun before 同志
    if text.startswith(g.comrade_set_phrase, a + 2):
        return  # 以某某同志为核心的…: a set phrase naming the leadership, not a person acting in the report
    for length in (3, 2):
        s = a - length
        if s < 0 or not names.surname_len(s) or length == 3 and (
                text[s] in g.prepositions or text[s] in g.not_comrade_surname):
            continue
        posts, region = _appointed(d, a + 2)
        if posts or text[s:a] not in names.known and d.fresh(s, a):
            d.add(s, a, posts, region, "official", (2 if region else 1) if posts else 0)
        return


def _appointed(d: Doc, pos: int) -> tuple[list[str], str | None]:
    """The posts of an appointment printed after 某某同志 at ``pos``: 任 + body + posts up to the end
    of the clause (某某同志任某某院党委委员、书记), or 的 + body + posts + 职务 (免去某某同志的…职务);
    the region is that of the body printed before the first post (中共某某县委书记)."""
    text = d.text
    if text.startswith("任", pos):
        lo = pos + 1
        hi = min((k for k in (text.find(ch, lo, lo + 50) for ch in CLAUSE_ENDS) if k >= 0), default=-1)
    elif text.startswith("的", pos):
        lo = pos + 1
        hi = _post_end(d, lo)
    else:
        return [], None
    return _posts(d, lo, hi)


def _post_end(d: Doc, lo: int) -> int:
    """Where 职务 (the last of ``post_tails``) closes the posts that start at ``lo`` in the same clause, or -1."""
    text = d.text
    hi = text.find(d.c.post_tails[-1], lo, lo + 50)
    if hi >= 0 and any(ch in text[lo:hi] for ch in CLAUSE_ENDS):
        return -1
    return hi


def _posts(d: Doc, lo: int, hi: int) -> tuple[list[str], str | None]:
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
    return posts, d.places.org_region(lo, first) if posts else None


def on_resignations(d: Doc, hits: list[tuple[int, int]]) -> None:
    """接受某某辞去…职务 / 同意某某辞去…职务: the name between the decision verb and 辞去, his posts
    those he resigns (printed up to 职务 in the same clause)."""
    text, names = d.text, d.names
    for a, b in hits:
        for length in (3, 2, 4):
            s = a - length
            if s < 2 or text[s - 2:s] not in d.c.accepts or not names.surname_len(s):
                continue
            if text[s:a] in names.known or names.plain_ok(s, a, False) and d.places.covered(s) is None:
                posts, region = _posts(d, b, _post_end(d, b))
                if posts or d.fresh(s, a):
                    d.add(s, a, posts, region, "official", (2 if region else 1) if posts else 0)
            break


def on_posts_taken(d: Doc, hits: list[tuple[int, int]]) -> None:
    """某某担任某某县医院的院长: a name right before 担任 and a post closing the clause."""
    verb = d.c.take_verb
    for a, b in hits:
        if b - a > len(verb):  # 曾担任, 担任过: the verb itself
            a = d.text.find(verb, a, b)
            b = a + len(verb)
        _takes_post(d, a, b)


def _takes_post(d: Doc, a: int, b: int) -> None:
    text, names = d.text, d.names
    t = d.c.intro_tail.match(text, b)
    if t is None or t.group(1) not in d.v.title_info or text[a - 1] in d.v.g.adverbs:
        return  # 某某在担任…期间: an adverb before 担任
    for length in (3, 2, 4):
        s = a - length
        if s < 0 or not all(map(is_name_char, text[s:a])) or s and text[s - 1] in d.v.g.not_before_verb:
            continue  # 还曾受命担任: an adverb before the cut
        if text[s + 1:a] in d.v.common_strong:
            continue  # 李国华利用担任: the given name would be a word
        if names.surname_len(s) and names.plain_ok(s, a, True) and d.places.covered(s) is None:
            region = d.places.org_region(b, t.start(1))
            d.add(s, a, [t.group(1)], region, "official", 2 if region else 1)
            return


def on_ranks(d: Doc, hits: list[tuple[int, int]]) -> None:
    """某某学院某某副教授: a name right before a professional rank, after a body or a delimiter."""
    for a, b in hits:
        _post_title(d, a, d.text[a:b])


def _post_title(d: Doc, at: int, title: str) -> None:
    text, names, g = d.text, d.names, d.v.g
    for length in (3, 2, 4):
        s = at - length
        if s < 0 or not names.surname_len(s):
            continue
        before = text[s - 1] if s else "，"
        if not (before in OPEN or before in "、（(" or before in g.org_ends):
            continue
        if not names.plain_ok(s, at, True) or d.places.covered(s) is not None:
            continue
        if text[at - 1] in g.prepositions and (text[s:s + 2] in d.v.common_strong or text[s:s + 2] in d.v.common_weak):
            continue  # 高声向总书记问好: a word and a preposition, not a name
        lo = s
        while lo > 0 and s - lo < 25 and text[lo - 1] not in OPEN and text[lo - 1] not in "、":
            lo -= 1
        region = d.places.org_region(lo, s) if lo < s else None
        d.add(s, at, [title], region, "official", 2 if region else 1)
        return
