"""Journalists: bylines left in the text (记者 某某 某某), footers (编辑 某某校对 某某) and photo
credits (（某某 摄）)."""
from __future__ import annotations

from duikou.extract.people.chars import CREDIT_END, CREDIT_TAIL, DELIMS, clause_name, is_name_char
from duikou.extract.people.doc import Doc


def run_journalists(d: Doc) -> None:
    """The names after a journalist marker, one or several joined by a space or 、."""
    text, names = d.text, d.names
    for _, pos in d.hits["journalist"]:
        while pos < len(text) and text[pos] in " \u3000:：":
            pos += 1
        while pos < len(text):
            end = _credited(d, pos)
            if end is None:
                break
            d.add(pos, end, [], None, "journalist", 0)
            if end < len(text) and text[end] in " \u3000、" and end + 1 < len(text) and is_name_char(text[end + 1]):
                pos = end + 1
                continue
            break


def _credited(d: Doc, pos: int) -> int | None:
    """End of a journalist's name at ``pos``."""
    text, names, v = d.text, d.names, d.v
    j = names.run_end(pos, limit=5)
    glued = next((k for k in (pos + 3, pos + 2) if k < j and text.startswith(v.credit_next, k)), None)
    if glued is not None and names.plain_ok(pos, glued, True):
        return glued  # 编辑 某某校对 某某: the next credit word glued to the name
    if text[j - 1:j] == d.c.credit_verb and (j == len(text) or text[j] in DELIMS):
        # 供图 某某摄): the credit verb glued to the photographer's name (not 文并摄)
        if 3 <= j - pos <= 4 and names.surname_len(pos) and text[pos:j - 1] not in v.not_given:
            return j - 1
        return None
    if 2 <= j - pos <= 3 and names.surname_len(pos) and (j == len(text) or text[j] in DELIMS):
        return j
    return names.han(pos)


def on_credits(d: Doc, hits: list[tuple[int, int]]) -> None:
    """（某某 摄）: the photographer's name before the credit verb."""
    text, names = d.text, d.names
    n = len(text)
    for a, b in hits:
        if b < n and text[b] not in CREDIT_END:
            continue
        e = a - 1 if a and text[a - 1] in " \u3000" else a
        s = clause_name(text, e, CREDIT_TAIL)
        if s is not None and e - s <= 4 and text[s:e] not in names.known and names.plain_ok(s, e, False) \
                and d.places.covered(s) is None:
            d.add(s, e, [], None, "journalist", 0)
