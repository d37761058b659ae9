"""Punctuation, character classes and runs of name characters shared by the person-name rules.

These are the syntax of printed text (where a clause, a list or a name ends); the vocabulary
of function words lives in ``data/people_grammar.yaml``.
"""
from __future__ import annotations

import re

# Characters that end a title chain segment or a name list.
DELIMS = frozenset("、，,。；;：:！!？?\n\r\t (（)）“”\"‘’'《》【】[]　|/")
# What closes a name printed in a list or a clause.
LIST_ENDS = frozenset("、，。；")
# Opening brackets and quotes: 向《某报》 is a preposition before a title, not the end of a name.
OPENING = frozenset("《“‘（(【[")
# Where a clause starts: a name printed right after one of these opens the clause.
OPEN = "”。！？；，：:\n \u3000）)"
# Where a sentence starts: an introduction (某某是…) opens one.
SENTENCE = "。！？\n \u3000”"
# What closes the posts of an appointment (某某同志任某某局党组书记。).
CLAUSE_ENDS = "，。；！？\n"
# What may follow a photo credit's 摄 (（某某 摄）).
CREDIT_END = frozenset("）)】] \u3000\n，。")
# What may follow a name introduced by 叫 (一个叫某某，…).
NAME_ENDS = frozenset("，。、；的")
# What may follow a two-character name after a person noun (专家某某21日…, 市民某某（化名）).
AFTER_SHORT_NAME = frozenset("、（(0123456789 \n\u3000")

# One character of a name: a Han character or a middle dot.
NAMEC = "[\u3400-\u9fff·•]"
NAME_RUN = re.compile(f"{NAMEC}*")
# A transliterated name in parts joined by a middle dot (艾某·吐某): the last part is cut later.
DOTTED = re.compile("[\u3400-\u9fff]{1,8}(?:[·•][\u3400-\u9fff]{1,8})+")
# A short parenthesis between a title and the name (副县长（挂职）某某).
TITLE_NOTE = re.compile("[（(][^（）()\n]{1,6}[）)]")


def is_name_char(ch: str) -> bool:
    """``ch`` can be part of a name (a Han character or a middle dot)."""
    return "\u3400" <= ch <= "\u9fff" or ch in "·•"


# A run of 2..8 name characters that opens a clause (or a sentence) and ends at ``endpos``:
# searched in the few characters before a verb, so the scan stays in C.
CLAUSE_TAIL = re.compile(f"(?:^|(?<=[{OPEN}])){NAMEC}{{2,8}}$")
SENTENCE_TAIL = re.compile(f"(?:^|(?<=[{SENTENCE}])){NAMEC}{{2,8}}$")
# The same for a photographer's name of 2..4 characters, which may follow a bracket (（某某 摄）).
CREDIT_TAIL = re.compile(f"(?:^|(?<=[{OPEN}（(【\\[]))[\u3400-\u9fff]{{2,4}}$")


def clause_name(text: str, end: int, pattern: re.Pattern[str] = CLAUSE_TAIL) -> int | None:
    """Start of the run of 2..8 name characters that ends at ``end`` and opens a clause."""
    m = pattern.search(text, end - 8 if end > 8 else 0, end)
    return m.start() if m else None
