"""The role of a money amount or a count, read in the words around it (``data/quantity_roles.yaml``):
the clause before the number and the words right after it, never the whole sentence."""
from __future__ import annotations

import re

from duikou.extract.quantity_vocab import DELIMS, QuantityVocab, RolePatterns, quantity_vocab

_BEFORE_MAX = 40  # characters of clause looked at before a number
_AFTER_MAX = 12  # characters looked at after it
_AFTER = re.compile(f"[^{DELIMS}]{{0,{_AFTER_MAX}}}")
_DELIM_RE = re.compile(f"[{DELIMS}]")
_SENTENCE_END = re.compile("[。！？!?\n]")
_SENTENCE_MAX = 200  # characters looked at on each side for the sentence of a handover


def clause_before(text: str, start: int) -> str:
    """The text between the previous clause delimiter (at most ``_BEFORE_MAX`` back) and ``start``."""
    seg = text[max(0, start - _BEFORE_MAX):start]
    m = _DELIM_RE.search(seg[::-1])  # the last delimiter, found in one C call
    return seg[len(seg) - m.start():] if m else seg


def _after(text: str, end: int) -> str:
    m = _AFTER.match(text, end)
    return m.group() if m else ""


def role(roles: RolePatterns, window: str) -> str | None:
    """The first role whose words occur in ``window``."""
    for name, rx in roles:
        if rx.search(window):
            return name
    return None


def _sentence_before(text: str, start: int) -> str:
    """Its sentence up to ``start`` (at most ``_SENTENCE_MAX`` characters)."""
    seg = text[max(0, start - _SENTENCE_MAX):start]
    m = _SENTENCE_END.search(seg[::-1])
    return seg[len(seg) - m.start():] if m else seg


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (at most ``_SENTENCE_MAX`` characters each side)."""
    m = _SENTENCE_END.search(text, end, end + _SENTENCE_MAX)
    return _sentence_before(text, start) + text[start:m.start() if m else end + _SENTENCE_MAX]


def _handover_donation(v: QuantityVocab, text: str, start: int, end: int, before: str, after: str) -> bool:
    """Money handed over between the sides as a donation (移交社会帮扶资金, 捐赠仪式上交付…)."""
    if not v.handover.search(before):
        return False
    # the fund named for this amount: after the last 、 of the clause, or printed right after it
    funds = before.rsplit("、", 1)[-1] + "|" + after.split("、", 1)[0]
    if v.public_funds.search(funds):
        return False
    return bool(v.donated_funds.search(funds) or v.donation_setting.search(_sentence(text, start, end)))


def _previous_clause(text: str, before_start: int) -> str:
    """The clause before the one starting at ``before_start`` when a comma or semicolon (not a
    sentence end) separates them, else ``""``."""
    cut = before_start - 1
    if cut <= 0 or text[cut] not in "，,；;":
        return ""
    return clause_before(text, cut)


def _valued_donation(v: QuantityVocab, text: str, start: int, before: str, prev: str | None) -> bool:
    """捐赠设备，价值300万元 / 送去价值300万元的设备: goods given, then valued; the goods and the
    verb come first, in the clause or the one before it."""
    valued = v.valued.search(before)
    if valued is None:
        return False
    if v.gift_verbs.search(before[:valued.start()]):
        return True
    if prev is None:
        prev = _previous_clause(text, start - len(before))
    return bool(prev) and (role(v.amount_roles, prev) == "donation"
                           or bool(v.handover.search(prev)) or bool(v.gift_verbs.search(prev)))


def amount_role(text: str, start: int, end: int) -> tuple[str, bool]:
    """``(role, cumulative)`` of the amount at ``text[start:end]`` from the words around it."""
    v = quantity_vocab()
    before = clause_before(text, start)
    after = _after(text, end)
    found = role(v.amount_roles, before + "|" + after)
    prev: str | None = None
    if found is None and v.continuation.fullmatch(before):
        # the clause only continues the one before it ("…的人均收入连年增长，去年达到了…元",
        # "争取项目12个，资金…万元"): the fund is named there
        prev = _previous_clause(text, start - len(before))
        if prev:
            found = role(v.amount_roles, prev + before + "|" + after)
    if found is None and v.spend.search(before) and v.aid_context.search(_sentence_before(text, start)):
        found = "assistance"
    found = found or "other"
    if found == "other" and _valued_donation(v, text, start, before, prev):
        found = "donation"
    if found != "donation" and _handover_donation(v, text, start, end, before, after):
        found = "donation"
    return found, bool(v.cumulative.search(before))


def is_planned(text: str, start: int) -> bool:
    """True when the amount or count at ``start`` is a target or forecast (计划…, 预计…, 力争…),
    read in its sentence before it."""
    return bool(quantity_vocab().planned.search(_sentence_before(text, start)))


def count_role(text: str, start: int, end: int, unit: str | None) -> str:
    """The role of the count at ``text[start:end]``: projects, personnel, visits, beneficiaries or other."""
    v = quantity_vocab()
    window = clause_before(text, start) + "|" + _after(text, end)
    return role(v.count_roles, window) or v.count_units.get(unit or "", "other")
