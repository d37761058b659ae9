"""Lists of names: after 领导 (巴东县领导甲、乙、丙参加), at the head of a clause before an
attendance verb (甲、乙、丙出席), after one (出席活动的有甲、乙), and the items after a name found
(甲、乙、丙共同启动, 甲 titled elsewhere)."""
from __future__ import annotations

import re

from duikou.extract.people.chars import LIST_ENDS, NAMEC, OPEN
from duikou.extract.people.doc import Doc

# A list of 2..8-character items joined by 、 that opens a clause and ends at ``endpos``.
_LIST_TAIL = re.compile(f"(?:^|(?<=[{OPEN}]))(?:{NAMEC}{{2,8}}、)+{NAMEC}{{2,8}}$")
_ANY_LIST_TAIL = re.compile(f"(?:{NAMEC}{{2,8}}、)+{NAMEC}{{2,8}}$")
# A list of three or more names that opens a sentence and is closed by a comma, the attendance verb
# coming later in the sentence (甲、乙、丙和丁，在某地工作过的老同志等参加).
_SENTENCE_LIST = re.compile(f"(?:{NAMEC}{{2,8}}、){{2,}}{NAMEC}{{2,8}}(?=，)")


def run_lists(d: Doc) -> None:
    """巴东县领导甲、乙、丙参加: the names after a list head, with the region of the head."""
    text, names = d.text, d.names
    for m in d.v.heads.finditer(text):
        region = d.places.head_region(m.start())
        pos = m.end()
        first = True
        while pos < len(text):
            item = names.list_item(pos)
            if item is None and not first:
                # after a first Han name, a transliterated one (…、曲比阿果参加)
                end_nh = names.nonhan(pos)
                if end_nh is not None:
                    item = (end_nh, text[end_nh] == "、" if end_nh < len(text) else False)
            if item is None or not names.list_name_ok(pos, item[0]):
                break  # 领导班子成员: no name
            end, bounded = item
            d.add(pos, end, [], region.code if region else None, "official", 2 if region else 1)
            first = False
            if not bounded:
                break
            pos = end + 1


def on_list_verbs(d: Doc, hits: list[tuple[int, int]]) -> None:
    """甲、乙、丙出席  甲、乙等沪渝两地的专家: a list before a list verb, or opening its sentence."""
    text, c, conj = d.text, d.c, d.v.g.conjunctions
    for a, b in hits:
        # the last item is 2..5 characters long, or two names joined by 和 (…、甲和乙出席)
        if a >= 4 and ("、" in text[a - 6 if a > 6 else 0:a - 2]
                       or text[a - 4] in conj or text[a - 3] in conj or text[a - 5:a - 4] in conj):
            _lead_list(d, a, counted=text[a] == "等" and c.counted.match(text, b) is not None)
        elif text[a:b] in c.attend_verbs:
            _sentence_list(d, a)


def on_attend_heads(d: Doc, hits: list[tuple[int, int]]) -> None:
    """出席活动的有甲、乙: the names after an attendance head."""
    text, names = d.text, d.names
    closers = LIST_ENDS | {"等"} | d.v.g.conjunctions
    for a, _ in hits:
        m = d.c.attend.match(text, a)
        if m is None:
            continue
        pos, found = m.end(), []
        while pos < len(text):
            j = names.run_end(pos, limit=8)
            if j - pos < 2:
                break
            end = names.han(pos) if names.surname_len(pos) else j
            if end is None or (end < len(text) and text[end] not in closers):
                break
            found.append(text[pos:end])
            if end >= len(text) or text[end] != "、":
                break
            pos = end + 1
        if len(found) >= 2:
            add_list(d, m.end(), found)


def _lead_list(d: Doc, e: int, counted: bool = False) -> None:
    """甲、乙、丙 ending at ``e`` (before an attendance verb) and opening a clause. ``counted``:
    a count of persons follows (甲、乙等五名), so the list may follow a verb (确定甲、乙等五名…)
    and its first item is cut to a name."""
    text = d.text
    m = _LIST_TAIL.search(text, e - 90 if e > 90 else 0, e)
    if m is not None and add_list(d, m.start(), _split_last(d, m.group().split("、"))) or not counted:
        return
    m = _ANY_LIST_TAIL.search(text, e - 90 if e > 90 else 0, e)
    if m is None:
        return
    items = m.group().split("、")
    first = items[0]
    for length in (3, 2):  # the first item glued to the verb before it: keep a name-length tail
        if len(first) > length and d.names.surname_len(m.start() + len(first) - length):
            add_list(d, m.start() + len(first) - length, [first[-length:]] + items[1:])
            return


def _sentence_list(d: Doc, a: int) -> None:
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
        add_list(d, start, _split_last(d, m.group().split("、")))


def _split_last(d: Doc, items: list[str]) -> list[str]:
    """甲、乙、丙和丁: the last item joined by 和/及 is two names when both halves read as Han names."""
    last = items[-1]
    for k in (2, 3, 4):
        if k + 3 <= len(last) <= k + 4 and last[k] in d.v.g.conjunctions:
            a, b = last[:k], last[k + 1:]
            if all(x[:1] in d.v.single or x[:2] in d.v.compound for x in (a, b)):
                return items[:-1] + [a, b]
    return items


def add_list(d: Doc, start: int, items: list[str]) -> bool:
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
        if d.places.covered(s) is not None or "某" in name:
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


def list_neighbours(d: Doc) -> None:
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
            _walk_list(d, k + len(name) + 1)


def _walk_list(d: Doc, pos: int) -> None:
    """The items of a list from ``pos`` on, up to a name found already or an item that is no name."""
    text, names = d.text, d.names
    while pos < len(text):
        if any(text[pos:pos + n] in names.known for n in range(1, min(8, len(text) - pos) + 1)):
            break  # the next item is a name found already: its own occurrence walks on
        item = names.list_item(pos)
        if item is None or not names.surname_len(pos) or d.places.covered(pos) is not None:
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
