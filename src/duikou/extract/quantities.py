"""Money amounts and counts (1.26亿元, 6800余万元, 2700户9460人, 0.64%).

One compiled pattern finds every number followed by a money unit or a
measure word (``data/measure_words.yaml``) in a single pass; filters then
drop what only looks like a count (ordinals, slogans, idioms with small
Chinese numerals). Roles come from the words around the number
(``data/quantity_roles.yaml``, see :mod:`duikou.extract.quantity_roles`);
tables are read in :mod:`duikou.extract.quantity_tables`.
"""
from __future__ import annotations

import re
from collections.abc import Hashable

from duikou.extract.context import Context
from duikou.extract.mentions import CountMention, MoneyMention
from duikou.extract.numerals import APPROX_MID, ARABIC, CN_DIGITS, has_place, is_chinese, value_of
from duikou.extract.quantity_roles import amount_role, count_role, is_planned
from duikou.extract.quantity_tables import TableCell, find_table_cells, table_amount_role, table_count_role
from duikou.extract.quantity_vocab import CN_NUM_CHARS, DELIMS, QuantityVocab, quantity_vocab
from duikou.extract.registry import extractor

__all__ = ["TableCell", "amount_role", "count_role", "extract_quantities", "find_quantities",
           "find_table_cells", "is_planned"]

_POP_BACK = 8  # characters looked back for a population word
# The place characters that stand alone as a round figure (近百人, 上千户, 万亩): numeral grammar.
_ROUND = ("十", "百", "千", "万")
_DIGIT_SPACE = re.compile(r"[0-9][ \u3000\xa0]+\Z")  # a digit and spaces ending where a number starts

# A mention found: start, end, value, approximate, money unit, measure word.
_Found = tuple[int, int, float, bool, str | None, str | None]


def _plain_chinese(num: str) -> bool:
    """A Chinese numeral without a place character (三, 两): too short to stand on its own."""
    return is_chinese(num) and not has_place(num)


def _small_chinese_ok(v: QuantityVocab, text: str, num: str, unit: str, start: int) -> bool:
    """A Chinese numeral without a place character counts only as a plain quantity (两户, 三名)."""
    if num in v.article or unit not in v.strong:
        return False
    if start > 0 and text[start - 1] in v.slogan_quotes:
        return False  # “六个一”: a slogan
    return True


def _head_count_unit(v: QuantityVocab, m: re.Match[str], num: str, mult: str | None) -> str | None:
    """人 or 户 for a number counted by a people noun (80万贫困人口, 301万农村劳动力); None
    when the number is too plain to be a head count (3学生, 三群众)."""
    noun = m.group("big")
    if noun is not None:
        if not mult or not mult.endswith(("万", "亿")) or _plain_chinese(num):
            return None
    else:
        noun = m.group("folk")
        if _plain_chinese(num):
            return None
    return "户" if noun.endswith(v.household_ends) else "人"


def _round_before(v: QuantityVocab, text: str, start: int) -> int:
    """How many characters of an approximation word stand before a bare round figure (近百, 超过千)."""
    for w in v.round_before:
        if start >= len(w) and text.startswith(w, start - len(w)):
            return len(w)
    return 1 if start > 0 and text[start - 1] in v.round_before_chars else 0


def _round_figure(v: QuantityVocab, start: int, end: int, num: str, mult: str | None, approx: bool,
                  post: str | None, cur: str | None, unit: str | None) -> _Found | None:
    """近百人, 上千户, 逾万人, 百余名: a round figure given as an approximation; 万亩良田, 千亩茶园,
    百公里外: a round figure of area or distance. A bare 百/千/万 is otherwise part of a word (百姓,
    万众) and a bare 十 a plain ten (十个县)."""
    if approx:
        value = value_of("一" + num, mult)
        if value is not None and (cur or unit):
            return start, end, value, True, cur, unit
    elif num in ("百", "千", "万") and not mult and not post and unit in v.round_area:
        value = value_of("一" + num)
        if value is not None:
            return start, end, value, False, None, unit
    return None


def _rejected(v: QuantityVocab, text: str, num: str, cur: str | None, unit: str | None, start: int,
              end: int) -> bool:
    """Whether the number only looks like a quantity: an idiom, a slogan, a code or a duration."""
    if is_chinese(num):
        if unit in v.arabic_only:
            return True
        if not cur and not has_place(num) and not _small_chinese_ok(v, text, num, unit or "", start):
            return True
        if v.set_phrases is not None and v.set_phrases.match(text, start):
            return True
    if unit in v.admin_units and text[end:end + 1] in v.admin_reject:
        return True  # 12345市民, 679县道: the unit's character starts a word
    if unit == "个" and end < len(text):
        if text[end] in CN_NUM_CHARS:
            return True  # 5个一: a slogan, not five items
        if v.durations is not None and v.durations.match(text, end + (text[end] in "多余半")):
            return True  # 3个月, 两个多月, 一个半小时: a duration
    return False


def _leading_place(v: QuantityVocab, text: str, num: str, mult: str | None, start: int,
                   end: int) -> tuple[float, int, bool] | None:
    """百万群众, 近千万元, 百亿元项目: a leading place character is one of it (a sum of money in
    round places is a figure, never a word like 百姓); not a size class (千万元级) nor the tail of
    a figure printed with a space (7.88 万亿元). ``(value, start, over)``: 上百万元 is "over" it."""
    if not is_chinese(num) or num[0] not in _ROUND or text[end:end + 1] == "级" \
            or _DIGIT_SPACE.search(text, max(0, start - 3), start):
        return None
    value = value_of("一" + num, mult)
    if value is None:
        return None
    if start > 0 and text[start - 1] in v.round_before_chars:
        return value, start - 1, True
    return value, start, False


def _number(v: QuantityVocab, text: str, m: re.Match[str]) -> _Found | None:
    """The mention of a number match, or None when it is no quantity."""
    num, mid, mult, post, cur, unit, after = m.group("num", "mid", "mult", "post", "money", "unit", "after")
    if m.group("big") is not None or m.group("folk") is not None:
        unit = _head_count_unit(v, m, num, mult)
        if unit is None:
            return None
    start, end = m.span()
    population = num is None
    if population:
        # a bare number counts only as a head count after 总人口, 常住人口...
        if v.population.search(text, max(0, start - _POP_BACK), start) is None:
            return None
        num, mult = m.group("bnum", "bmult")
    if num in _ROUND:
        before = _round_before(v, text, start)
        if before or mid or num != "十":
            return _round_figure(v, start - before, end, num, mult, bool(before or mid), post, cur, unit)
    if _rejected(v, text, num, cur, unit, start, end):
        return None
    value = value_of(num, mult)
    over = False
    if value is None and (m.group("folk") is not None or cur):
        lead = _leading_place(v, text, num, mult, start, end)
        if lead is not None:
            value, start, over = lead
    if value is None:
        return None
    pre = v.pre.search(text, max(0, start - 2), start)
    if pre is not None:
        start = pre.start()
    if cur or unit or population:
        return start, end, value, bool(pre or mid or over or post or after), cur, unit
    return None


def _append(money: list[MoneyMention], counts: list[CountMention], text: str, found: _Found) -> None:
    start, end, value, approx, cur, unit = found
    if cur:
        money.append(MoneyMention(start, end, value, approx, text[start:end]))
    else:
        counts.append(CountMention(start, end, value, "%" if unit == "％" else unit, approx, text[start:end]))


def find_quantities(text: str) -> tuple[list[MoneyMention], list[CountMention]]:
    """Every money amount (in yuan) and every count with its measure word in ``text``."""
    v = quantity_vocab()
    money: list[MoneyMention] = []
    counts: list[CountMention] = []
    for m in v.pattern.finditer(text):
        if m.group("pct") is not None:
            value = value_of(m.group("pnum"))
            found: _Found | None = None if value is None else (m.start(), m.end(), value, False, None, "%")
        else:
            found = _number(v, text, m)
        if found is not None:
            _append(money, counts, text, found)
    taken = [(x.start, x.end) for x in money] + [(x.start, x.end) for x in counts]
    _spoken_sums(v, text, money, taken)
    _sums_before_fund(v, text, money, taken)
    money.sort(key=lambda x: x.start)
    return money, counts


# -- sums written without a unit ------------------------------------------------------
# Where a sum with no unit may end: 万/亿 (and 多/余) right before punctuation or the end.
_BARE_END = re.compile(f"[万亿][多余]?(?=[{DELIMS}、]|\\Z)")
_BARE_BACK = 18  # characters looked back from there for the money noun and the number
# The Arabic sum ending at the 万/亿 before a fund noun (searched in a short window ending there).
_FUND_SUM = re.compile(rf"(?<![0-9A-Za-z.,{CN_NUM_CHARS}])(?P<num>{ARABIC})(?P<mid>{APPROX_MID})?"
                       rf"(?P<mult>万|亿)(?P<post>{APPROX_MID})?\Z")
_FUND_BACK = 16  # characters looked back from the 万/亿 for the number


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < t for s, t in taken)


def _spoken_sums(v: QuantityVocab, text: str, money: list[MoneyMention], taken: list[tuple[int, int]]) -> None:
    """Spoken sums with no unit after a money noun (补贴五万, 资金120多万): yuan."""
    if v.bare_money is None:
        return
    for e in _BARE_END.finditer(text):
        end = e.end()
        m = v.bare_money.search(text, max(0, end - _BARE_BACK), end)
        if m is None:
            continue
        num, mult = m.group("num", "mult")
        if _plain_chinese(num) and num not in CN_DIGITS and num != "两":
            continue
        value = value_of(num, mult)
        if value is None:
            continue
        start = m.start("pre") if m.group("pre") else m.start("num")
        if _overlaps(taken, start, end):
            continue
        approx = bool(m.group("pre") or m.group("mid") or m.group("post"))
        money.append(MoneyMention(start, end, value, approx, text[start:end]))


def _sums_before_fund(v: QuantityVocab, text: str, money: list[MoneyMention], taken: list[tuple[int, int]]) -> None:
    """Sums in 万/亿 with no unit before a fund noun (投入2亿资金, 1200万专项资金): yuan."""
    if v.fund_after is None or ("亿" not in text and "万" not in text):
        return
    for e in v.fund_after.finditer(text):
        m = _FUND_SUM.search(text, max(0, e.end() - _FUND_BACK), e.end())
        if m is None:
            continue
        start, end = m.start(), m.end()
        value = value_of(m.group("num"), m.group("mult"))
        if value is None or _overlaps(taken, start, end):
            continue
        pre = v.pre.search(text, max(0, start - 2), start)
        if pre is not None:
            start = pre.start()
        money.append(MoneyMention(start, end, value, bool(pre or m.group("mid") or m.group("post")),
                                  text[start:end]))


def _repeated_in_body(spans: list[tuple[int, Hashable]], head_end: int) -> set[int]:
    """Indexes of headline mentions whose key (value, unit) the body repeats."""
    body = {key for start, key in spans if start >= head_end}
    return {i for i, (start, key) in enumerate(spans) if start < head_end and key in body}


def _add_table_cells(ctx: Context) -> None:
    text = ctx.text
    for cell in find_table_cells(text):
        surface = text[cell.start:cell.end]
        if cell.money:
            ctx.layer("money").append(MoneyMention(cell.start, cell.end, cell.value, False, surface))
            ctx.add("amounts", {"value": cell.value, "approx": False, "role": table_amount_role(text, cell),
                                "cumulative": cell.total, "payer": None, "payee": None},
                    cell.start, cell.end, "quantities", "2")
        else:
            ctx.layer("quantities").append(CountMention(cell.start, cell.end, cell.value, cell.unit, False, surface))
            ctx.add("counts", {"value": cell.value, "unit": cell.unit, "approx": False,
                               "role": table_count_role(cell)}, cell.start, cell.end, "quantities", "2")


@extractor("quantities", version="2", reads=("text",), adds=("money", "quantities", "amounts", "counts"))
def extract_quantities(ctx: Context) -> None:
    """Money amounts (layer ``money``, facts ``amounts``) and counts (layer ``quantities``, facts ``counts``).

    A headline figure the body repeats with the same value (and unit) is one
    fact: the body mention is kept, its sentence being the better evidence.
    The layers keep every mention.
    """
    text = ctx.text
    money, counts = find_quantities(text)
    ctx.layer("money").extend(money)
    ctx.layer("quantities").extend(counts)
    head = ctx.headline_end if money or counts else 0
    skip_money = _repeated_in_body([(m.start, m.value) for m in money], head) if head else set()
    skip_counts = _repeated_in_body([(c.start, (c.value, c.unit)) for c in counts], head) if head else set()
    for i, mm in enumerate(money):
        if i in skip_money:
            continue
        role, cumulative = amount_role(text, mm.start, mm.end)
        ctx.add("amounts", {"value": mm.value, "approx": mm.approx, "role": role, "cumulative": cumulative,
                            "planned": is_planned(text, mm.start), "payer": None, "payee": None},
                mm.start, mm.end, "quantities", "2")
    for i, c in enumerate(counts):
        if i in skip_counts:
            continue
        ctx.add("counts", {"value": c.value, "unit": c.unit, "approx": c.approx,
                           "role": count_role(text, c.start, c.end, c.unit)}, c.start, c.end, "quantities", "2")
    _add_table_cells(ctx)
