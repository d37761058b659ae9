"""Officials named after their titles (区委书记某某, 恩施州委常委、巴东县委书记某某).

Titles (``data/titles.yaml``, expanded over level characters) are found with one Aho-Corasick
automaton. A title immediately followed by a name anchors that name; the chain of titles joined
by 、 before it are his titles, and the region is resolved from the chain (:mod:`.places`).
"""
from __future__ import annotations

from dataclasses import dataclass

from duikou.extract.mentions import RegionMention
from duikou.extract.people.after_title import after_title
from duikou.extract.people.chars import DELIMS, TITLE_NOTE, is_name_char
from duikou.extract.people.doc import Doc
from duikou.extract.people.lexicon import AGENCY, DEPT, GOV, LOCAL, TitleInfo, level_ok

_MAX_PREFIX = 25  # characters of organisation name allowed before a title in a chain ("…领导小组组长")


@dataclass
class Title:
    start: int
    end: int
    text: str
    info: TitleInfo
    own_region: RegionMention | None = None
    glued: bool = False  # a head post sharing its level character with the region before it (某某州|长)


def find_titles(d: Doc) -> list[Title]:
    """Every title printed in the document, with the region printed as part of it."""
    out: list[Title] = []
    v, text, places = d.v, d.text, d.places
    for idx, start, end in v.titles.find_matches_as_indexes(text):
        word = v.title_list[idx]
        info = v.title_info[word]
        if info.kind == AGENCY and start > 0 and text[start - 1] == "副" and not word.startswith("副"):
            start -= 1  # 副委员长, 副总工程师: keep the deputy mark the vocabulary lacks
            word = "副" + word
        t = Title(start, end, word, info)
        if info.level and word.startswith(info.level) and not _overlap(d, t):
            continue  # 巴东县长期…: the unit word belongs to the region
        if t.own_region is None and info.kind == GOV:
            r = places.by_end.get(start)
            if r is not None and info.level and level_ok(r.name, info.level):
                t.own_region = r
            elif r is not None and info.level and r.surface and word.startswith(info.level):
                t.own_region = r  # 宜昌|市委书记: the stem printed before the unit word
        out.append(t)
    return out


def _overlap(d: Doc, t: Title) -> bool:
    """A title that starts with its level character inside a region's name (巴东县|委书记): kept,
    with that region as its own, when the region ends with that character; False to drop it."""
    info, text = t.info, d.text
    assert info.level is not None
    inside = d.places.covered(t.start)
    if inside is None:
        return True
    end = t.end
    glued = not info.overlap_ok and inside.end == t.start + len(info.level) \
        and level_ok(inside.name, info.level) and d.places.covered(end - 1) is None \
        and text[end - 1:end + 1] not in d.v.long_words and text[end - 1:end + 2] not in d.v.long_words
    if not (info.overlap_ok or glued) or inside.end != t.start + len(info.level) or (
            info.level_named and not level_ok(inside.name, info.level)):
        return False
    t.own_region = inside
    t.glued = glued  # 某某州长某某: one level character for both, kept only before a clear name
    return True


def chain(d: Doc, titles: list[Title], ends: dict[int, int], i: int) -> tuple[list[Title], int]:
    """The titles joined by 、 that end with ``titles[i]``, and where the chain starts."""
    text = d.text
    seq = [titles[i]]
    cur = titles[i]
    while True:
        prev_i = ends.get(cur.start)
        if prev_i is not None:  # 市委常委副市长: titles printed back to back
            cur = titles[prev_i]
            seq.append(cur)
            continue
        k = _body_start(text, cur.start, ends)
        lo = max(cur.start - _MAX_PREFIX - 1, -1)
        if k > lo and text[k] == "、" and k in ends:
            cur = titles[ends[k]]
        elif k + 1 < cur.start and text[k + 1] == "兼" and (k + 1) in ends:
            cur = titles[ends[k + 1]]  # 董事长兼总经理: one person's two posts
        elif k > lo and text[k] == "，" and k in ends and k + 1 < cur.start:
            # 某集团董事长，某基金会发起人某某: a title closed by a comma with no name after it
            # goes on with the body and title of the same person
            cur = titles[ends[k]]
        else:
            return seq[::-1], max(k + 1, 0)
        seq.append(cur)


def _body_start(text: str, start: int, ends: dict[int, int]) -> int:
    """Where the organisation words before a title ("…领导小组|组长") stop: the delimiter before them,
    or the end of another title (then that title belongs to someone else: "…王某与巴东县委常委")."""
    k = start - 1
    lo = max(start - _MAX_PREFIX - 1, -1)
    while k > lo and (k + 1) not in ends:
        if text[k] in "）)":  # 某某（上海）有限公司总经理: a short place in brackets inside the body's name
            o = max(text.rfind("（", k - 7, k), text.rfind("(", k - 7, k))
            if o > lo and k - o >= 3 and text[o + 1:k].isalpha() and is_name_char(text[o - 1]):
                k = o - 1
                continue
        if text[k] in DELIMS:
            break
        k -= 1
    return k


def resolve(d: Doc, chain: list[Title]) -> str | None:
    """The region of the last government title of a chain."""
    prev: RegionMention | None = None
    last: RegionMention | None = None
    any_gov = False
    for t in chain:
        kind, level = t.info.kind, t.info.level
        if kind == GOV:
            any_gov = True
            r = t.own_region
            if r is None and prev is not None and (level is None or level_ok(prev.name, level)):
                r = prev
            if r is None and level:
                r = d.places.recent_region(level, t.start)
            prev = r
            last = r
        elif kind == DEPT:
            any_gov = True
            last = prev
    return last.code if any_gov and last is not None else None


def chain_org_region(d: Doc, chain: list[Title], cstart: int) -> str | None:
    """The region of the body printed before the last title of a chain that names one
    (甲局党组成员、副局长: the body of the first title serves for both)."""
    for i in range(len(chain) - 1, -1, -1):
        lo = cstart if i == 0 else chain[i - 1].end
        if lo < chain[i].start and d.text[lo] == "、":
            lo += 1
        region = d.places.org_region(lo, chain[i].start)
        if region is not None:
            return region
    return None


def title_bounded(d: Doc, t: Title, ends: dict[int, int]) -> bool:
    """The title starts after a delimiter, another title, a region or the last character of a
    body's name (某某局|局长, 某某县|县长), not inside an ordinary word (进|行长|期)."""
    text = d.text
    k, start = t.start - 1, t.start
    if k >= 0 and text[k] in d.v.g.post_marks:
        k, start = k - 1, k  # 某村原书记, 书记兼主任: a former or second post, bounded as the word before is
    return k < 0 or text[k] in DELIMS or text[k] in d.v.g.body_ends or start in ends \
        or t.own_region is not None or start in d.places.by_end


def former_post(d: Doc, title_start: int) -> bool:
    """The title is printed as a post once held (时任…的, 曾任…的), between a delimiter and it."""
    text, g = d.text, d.v.g
    k = title_start - 1
    if k >= 0 and text[k] in g.post_as:
        return True  # 做校长的某某, 当村支书的某某: the post named as what he does
    while k >= 0 and title_start - k <= _MAX_PREFIX and (text[k] not in DELIMS or text[k] == "、"):
        # 担任甲大学副校长、党委常委的某某: 、 joins the posts of one chain
        if k > 0 and text[k - 1:k + 1] in g.held_post:
            return True
        k -= 1
    return False


def function_word_name(d: Doc, pos: int, title_starts: set[int]) -> int | None:
    """A name whose surname is mostly a function word (书记和某某，县长…), right after a title.

    Taken only when it ends at 、 or ， followed by another title, or is printed again,
    and no title or region starts inside it (书记和县长).
    """
    text = d.text
    end = d.names.han(pos, sl=1)
    if end is None or any(k in title_starts for k in range(pos + 1, end)) or d.places.covered(pos + 1):
        return None
    if text[end:end + 1] in ("，", "、", ",") and (end + 1) in title_starts:
        return end
    return end if text.find(text[pos:end], end) >= 0 else None


def _name_at(d: Doc, titles: list[Title], ends: dict[int, int], starts: set[int], i: int) -> tuple[int, int] | None:
    """The span of the name printed right after ``titles[i]``, if one is."""
    text, t = d.text, titles[i]
    pos = t.end
    note = TITLE_NOTE.match(text, pos) if text[pos:pos + 1] in "（(" else None
    if note is not None:
        pos = note.end()  # 副县长（挂职）某某
    if text[pos:pos + 1] == "的" and former_post(d, t.start):
        pos += 1  # 时任某某县委书记的某某
    elif text[pos:pos + 1] == "是":  # 会议执行主席是甲、乙: a name closed by punctuation
        e = after_title(d.names, pos + 1, t.info.kind != AGENCY)
        if e is not None and text[e:e + 1] in ("、", "，", "。"):
            pos += 1
    gap = pos
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    if pos - gap > 1 or ends.get(pos) is not None and pos != t.end:
        return None
    if i + 1 < len(titles) and titles[i + 1].start == pos:
        return None  # another title follows: part of a chain
    if t.glued and (d.places.covered(pos) is not None or pos != t.end):
        return None  # 南京市长江…: a region or a gap after the glued post
    end = after_title(d.names, pos, t.info.kind != AGENCY, title_bounded(d, t, ends))
    if end is None and text[pos:pos + 1] in d.v.title_surnames:
        end = function_word_name(d, pos, starts)
    return None if end is None else (pos, end)


def _region(d: Doc, chain: list[Title], cstart: int) -> tuple[str | None, int]:
    """The region of a chain's holder and its rank."""
    kinds = {t.info.kind for t in chain}
    region = resolve(d, chain)
    rank = 3 if region else (0 if kinds <= {AGENCY, LOCAL} else 1)
    if region is None:  # 某某市商务局副局长, 某某县人民医院院长: the region the body belongs to
        region = chain_org_region(d, chain, cstart)
        if region is None and LOCAL in kinds:
            region = d.places.county_of(chain[0].start)  # 某某乡党委书记: the county the township is in
        rank = 2 if region else rank
    return region, rank


def run_titles(d: Doc) -> None:
    """Every name printed right after a title, with the chain of titles before it."""
    text = d.text
    titles = find_titles(d)
    ends = {t.end: i for i, t in enumerate(titles)}
    starts = {t.start for t in titles}
    anchored: list[tuple[int, int, int]] = []  # (title index, name start, name end)
    for i in range(len(titles)):
        span = _name_at(d, titles, ends, starts, i)
        if span is not None:
            anchored.append((i, span[0], span[1]))
    for i, pos, end in anchored:
        seq, cstart = chain(d, titles, ends, i)
        words = [t.text for t in seq]
        region, rank = _region(d, seq, cstart)
        d.add(pos, end, words, region, "official", rank, span_start=seq[0].start)
        # 副市长甲、乙出席: the same title for each name of the list
        while end < len(text) and text[end] == "、":
            nxt = end + 1
            if d.places.covered(nxt) or ends.get(nxt) is not None:
                break
            if any(t.start < nxt + 4 and t.start >= nxt for t in titles[i + 1:i + 3]):
                break
            item = d.names.list_item(nxt)
            if item is None or not d.names.list_name_ok(nxt, item[0]):
                break  # 主任某某、文化和旅游部…: the list goes on with a body
            d.add(nxt, item[0], words, region, "official", rank, span_start=seq[0].start)
            end = item[0]
