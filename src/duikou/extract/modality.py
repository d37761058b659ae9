"""Is an action reported, or only announced, wished, required or denied ("将签订", "拟赴", "未签约")?"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from duikou.reference import vocab

_CLAUSE_ENDS = "，,。；;！？!?：:\n"
_NEAR = 8  # characters looked back for a short modal word (将, 要): longer reaches hit 把-like uses (将资金…)
_FAR = 24  # characters looked back for an unambiguous one (计划, 拟, 预计)
_NEG = 12  # characters of clause looked back for a negation (未签订, 尚未召开…联席会议)


@dataclass(frozen=True)
class _Modal:
    near: re.Pattern[str]
    far: re.Pattern[str]
    negation: re.Pattern[str]
    directives: tuple[str, ...]  # words that open a clause giving an order (要组织…)


@lru_cache(maxsize=1)
def _modal() -> _Modal:
    data = vocab.load("event_triggers")
    neg = vocab.alternation(data["negations"])
    # no negation where one of these follows: 未 then begins another word (未来, 未成年)
    not_after = vocab.alternation(data["negation_not_before"])
    return _Modal(re.compile(vocab.alternation(data["modal_prefixes"])),
                  re.compile(vocab.alternation(data["modal_words"])),
                  re.compile(f"(?:{neg})(?!{not_after})"), tuple(data["directive_openers"]))


def _clause(text: str, pos: int, window: int) -> str:
    before = text[max(0, pos - window):pos]
    k = max(before.rfind(c) for c in _CLAUSE_ENDS)
    return before[k + 1:]


def is_modal(text: str, pos: int, window: int = _NEAR, end: int | None = None) -> bool:
    """True when the action at ``pos`` is not reported as done: a modal word stands in its clause
    shortly before it (将, 要; 计划, 拟, 预计 further back) or a negation does (未, 没有, 尚未);
    a negation inside the trigger up to ``end`` counts too ("协议至今未签订")."""
    m = _modal()
    far = _clause(text, pos, max(window, _FAR))
    if m.near.search(_clause(text, pos, window)) or m.far.search(far) or far.startswith(m.directives):
        return True  # "要组织委员到基层调研": a clause that opens with 要 is a directive
    if m.negation.search(_clause(text, pos, _NEG)):
        return True
    return end is not None and bool(m.negation.search(text, pos, end))
