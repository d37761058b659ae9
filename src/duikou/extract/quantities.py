"""Money amounts and counts (1.26亿元, 6800余万元, 2700户9460人, 0.64%).

One compiled pattern finds every number followed by a money unit or a
measure word (``data/measure_words.yaml``) in a single pass; filters then
drop what only looks like a count (ordinals, slogans, idioms with small
Chinese numerals). Roles come from the words around the number
(``data/quantity_roles.yaml``): the clause before it and the words right
after it, never the whole sentence.
"""
from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache

from duikou.reference import vocab
from duikou.extract.context import Context
from duikou.extract.mentions import CountMention, MoneyMention
from duikou.extract.numerals import (
    APPROX_AFTER,
    APPROX_BEFORE,
    APPROX_BEFORE_WORDS,
    APPROX_MID,
    ARABIC,
    ARABIC_COMPOUND,
    CHINESE,
    CN_DIGITS,
    MULTIPLIER,
    has_place,
    is_chinese,
    value_of,
)
from duikou.extract.registry import extractor

# Clause boundaries for the role window (the enumeration comma 、 is not one:
# "86名医疗、规划人才" keeps its noun).
_DELIMS = "，,；;。！？!?：:\n"
_BEFORE_MAX = 40  # characters of clause looked at before a number
_AFTER_MAX = 12  # characters looked at after it
_AFTER = re.compile(f"[^{_DELIMS}]{{0,{_AFTER_MAX}}}")
_DELIM_RE = re.compile(f"[{_DELIMS}]")
_POP_BACK = 8  # characters looked back for a population word
_POP_LINKS = ("达到", "达", "为", "有")  # 总人口达60万
_POP_MODAL = ("将", "已", "预计")  # 减贫人口将超过100万
_ROUND = ("十", "百", "千", "万")  # a bare place character is a number only after ...
_ROUND_BEFORE = "近上逾超约"  # ... one of these (近百人, 上千户), or before 余/多/几 (百余名)
_ROUND_BEFORE_WORDS = ("超过", "接近", "将近", "多达", "高达")  # ... or one of these (超过千名)
_OPEN_QUOTES = "“‘\"「『"
_CN_NUM_CHARS = CN_DIGITS + "十百千万亿"
_DIGIT_SPACE = re.compile(r"[0-9][ \u3000\xa0]+\Z")  # a digit and spaces ending where a number starts


def _alt(items: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in items)


def _role_regex(items: list[str]) -> re.Pattern[str]:
    """Words as one pattern; ``A…B`` means A then B later in the window."""
    parts = []
    for w in sorted(items, key=len, reverse=True):
        parts.append(f"[^{_DELIMS}]*?".join(re.escape(p) for p in w.split("…")))
    return re.compile("|".join(parts))


@dataclass(frozen=True)
class _Vocab:
    pattern: re.Pattern[str]
    pre: re.Pattern[str]  # an approximation word ending where the number starts
    population: re.Pattern[str]  # 总人口(约) ending where a bare number starts
    strong: frozenset[str]
    article: frozenset[str]
    set_phrases: re.Pattern[str] | None
    durations: re.Pattern[str] | None
    amount_roles: tuple[tuple[str, re.Pattern[str]], ...]  # ordered; a role may recur
    count_roles: tuple[tuple[str, re.Pattern[str]], ...]
    count_units: dict[str, str]
    cumulative: re.Pattern[str]
    handover: re.Pattern[str]
    donated_funds: re.Pattern[str]
    donation_setting: re.Pattern[str]
    public_funds: re.Pattern[str]
    valued: re.Pattern[str]
    gift_verbs: re.Pattern[str]
    continuation: re.Pattern[str]
    planned: re.Pattern[str]
    spend: re.Pattern[str]
    aid_context: re.Pattern[str]
    round_area: frozenset[str]  # units after which a bare 百/千/万 is a round figure (万亩)
    arabic_only: frozenset[str]  # units that count only after Arabic digits (60多里, not 九万里)
    admin_units: frozenset[str]  # 县/市/区 as measure words (7县2市)
    admin_reject: frozenset[str]  # ... not before these (市民, 区级)
    bare_money: re.Pattern[str] | None  # a money noun, then a sum in 万/亿 with no unit, ending at \Z
    fund_after: re.Pattern[str] | None  # a sum in 万/亿 with no unit, then a fund noun (3亿帮扶资金)


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    mw = vocab.load("measure_words")
    roles = vocab.load("quantity_roles")
    units = _alt(vocab.words("measure_words", "units"))
    money = _alt(vocab.words("measure_words", "money"))
    pop = _alt(vocab.words("measure_words", "population"))
    pct = re.escape(mw["percent_prefix"])
    # people counted by a noun instead of a measure word (80万贫困人口, 6000多彝族群众)
    folk = rf"(?:[\u4e00-\u9fff]{{1,3}}族)?(?:{_alt(vocab.words('measure_words', 'people_nouns'))})"
    # ... and after 万/亿 with a short modifier between (301万农村劳动力); checked in code
    big = rf"[\u4e00-\u9fff]{{0,4}}?(?:{_alt(vocab.words('measure_words', 'big_people_nouns'))})"
    # Every match starts on a digit: the leading lookahead lets the regex
    # engine skip to candidates instead of trying each alternative at each
    # position (measured 4.8 -> 80+ MB/s). Words printed before the number
    # (约, 总人口) are looked at only for the few numbers that matched.
    pop_ends = "".join(sorted({w[-1] for w in vocab.words("measure_words", "population")}
                              | {w[-1] for w in _POP_LINKS + APPROX_BEFORE_WORDS}))
    pattern = re.compile(
        rf"(?=[0-9{_CN_NUM_CHARS}])(?:"
        rf"(?P<pct>{pct}(?P<pnum>{CHINESE}|{ARABIC}))"
        # not inside a longer number, code, ordinal (第三个) or formula (3+X,
        # 2+3), nor a vague number (数十个, 几十户)
        rf"|(?<![0-9A-Za-z.+\-/:_第数几{_CN_NUM_CHARS}])"
        rf"(?P<num>{ARABIC_COMPOUND}|{ARABIC}|{CHINESE})(?P<mid>{APPROX_MID})?(?P<mult>{MULTIPLIER})?(?P<post>{APPROX_MID})?"
        rf"(?:(?P<money>{money})|(?P<unit>{units})|(?=(?P<folk>{folk}))|(?=(?P<big>{big})))(?P<after>{APPROX_AFTER})?"
        # a bare number right after a population word (总人口47.3万); the
        # lookbehind is a cheap filter, the full words are checked after
        rf"|(?<=[{re.escape(pop_ends)}])(?P<bnum>{ARABIC})(?P<bmult>万|亿)?(?![0-9]))"
    )
    phrases = tuple(mw.get("set_phrases") or ())
    durations = tuple(mw.get("durations_after_ge") or ())
    return _Vocab(
        pattern=pattern,
        pre=re.compile(rf"(?:{APPROX_BEFORE})\Z"),
        population=re.compile(rf"(?:{pop})(?:{_alt(_POP_MODAL)})?(?:{_alt(_POP_LINKS)})?(?:{APPROX_BEFORE})?\Z"),
        strong=frozenset(mw["strong"]),
        article=frozenset(mw["article_digits"]),
        set_phrases=re.compile(_alt(phrases)) if phrases else None,
        durations=re.compile(_alt(durations)) if durations else None,
        amount_roles=tuple((r, _role_regex(ws)) for rule in roles["amounts"] for r, ws in rule.items()),
        count_roles=tuple((r, _role_regex(ws)) for r, ws in roles["counts"].items()),
        count_units=dict(roles.get("count_units") or {}),
        cumulative=_role_regex(roles["cumulative"]),
        handover=_role_regex(roles["handover"]["verbs"]),
        donated_funds=_role_regex(roles["handover"]["donated_funds"]),
        donation_setting=_role_regex(roles["handover"]["donation_setting"]),
        public_funds=_role_regex(roles["handover"]["public_funds"]),
        valued=re.compile(rf"(?:{_alt(tuple(sorted(roles['valued'], key=len, reverse=True)))})(?:人民币)?[约达共近逾超]*\Z"),
        gift_verbs=_role_regex(roles["gift_verbs"]),
        continuation=re.compile(roles["continuation"]),
        planned=_planned_regex(roles["planned"], roles["planned_noun"]),
        spend=_role_regex(roles["aid_spend"]["spend"]),
        aid_context=_role_regex(roles["aid_spend"]["aid_context"]),
        round_area=frozenset(mw.get("round_area_units") or ()),
        arabic_only=frozenset(mw.get("arabic_only_units") or ()),
        admin_units=frozenset(mw.get("admin_units") or ()),
        admin_reject=frozenset(mw.get("admin_reject_next") or ()),
        bare_money=_bare_money_regex(tuple(mw.get("bare_money_nouns") or ())),
        fund_after=_fund_after_regex(tuple(mw.get("fund_nouns_after") or ())),
    )


def _bare_money_regex(nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """A money noun and a sum in 万/亿 written without 元, anchored at the end of a window."""
    if not nouns:
        return None
    return re.compile(
        rf"(?:{_alt(tuple(sorted(nouns, key=len, reverse=True)))})了?"
        rf"(?P<pre>{APPROX_BEFORE})?(?P<num>{ARABIC}|{CHINESE})(?P<mid>{APPROX_MID})?(?P<mult>万|亿)(?P<post>{APPROX_MID})?\Z")


def _fund_after_regex(nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The 万/亿 that ends a sum written without 元 before the fund noun it measures, a short
    modifier between (5亿资金, 3000万帮扶资金); not a sum in another currency (20亿欧元资金)."""
    if not nouns:
        return None
    return re.compile(rf"[万亿]{APPROX_MID}?(?=[^{_DELIMS}、元币镑美欧港日英韩卢]{{0,4}}?"
                      rf"(?:{_alt(tuple(sorted(nouns, key=len, reverse=True)))}))")


# The Arabic sum ending at such a 万/亿 (searched in a short window ending there).
_FUND_SUM = re.compile(rf"(?<![0-9A-Za-z.,{_CN_NUM_CHARS}])(?P<num>{ARABIC})(?P<mid>{APPROX_MID})?"
                       rf"(?P<mult>万|亿)(?P<post>{APPROX_MID})?\Z")
_FUND_BACK = 16  # characters looked back from the 万/亿 for the number


# Where a sum with no unit may end: 万/亿 (and 多/余) right before punctuation or the end.
_BARE_END = re.compile(f"[万亿][多余]?(?=[{_DELIMS}、]|\\Z)")
_BARE_BACK = 18  # characters looked back from there for the money noun and the number


def _bare_money(v: _Vocab, text: str, money: list[MoneyMention], counts: list[CountMention]) -> None:
    """Spoken sums with no unit after a money noun (补贴五万, 资金120多万): yuan."""
    if v.bare_money is None:
        return
    taken = [(x.start, x.end) for x in money] + [(x.start, x.end) for x in counts]
    for e in _BARE_END.finditer(text):
        end = e.end()
        m = v.bare_money.search(text, max(0, end - _BARE_BACK), end)
        if m is None:
            continue
        num, mult = m.group("num", "mult")
        if is_chinese(num) and not has_place(num) and num not in CN_DIGITS and num != "两":
            continue
        value = value_of(num, mult)
        if value is None:
            continue
        start = m.start("pre") if m.group("pre") else m.start("num")
        if any(s < end and start < t for s, t in taken):
            continue
        approx = bool(m.group("pre") or m.group("mid") or m.group("post"))
        money.append(MoneyMention(start, end, value, approx, text[start:end]))
    if v.fund_after is None or ("亿" not in text and "万" not in text):
        return
    for e in v.fund_after.finditer(text):
        m = _FUND_SUM.search(text, max(0, e.end() - _FUND_BACK), e.end())
        if m is None:
            continue
        start, end = m.start(), m.end()
        value = value_of(m.group("num"), m.group("mult"))
        if value is None or any(s < end and start < t for s, t in taken):
            continue
        pre = v.pre.search(text, max(0, start - 2), start)
        if pre is not None:
            start = pre.start()
        money.append(MoneyMention(start, end, value, bool(pre or m.group("mid") or m.group("post")),
                                  text[start:end]))


def _planned_regex(words: list[str], noun: dict[str, str]) -> re.Pattern[str]:
    """The target words as one pattern, 计划 only where it is a verb (not “十四五”计划, 按计划)."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        if w == "计划":
            parts.append(f"(?<!{noun['before']})计划(?!{noun['after']})")
        else:
            parts.append(f"[^{_DELIMS}]*?".join(re.escape(p) for p in w.split("…")))
    return re.compile("|".join(parts))


def _clause_before(text: str, start: int) -> str:
    """The text between the previous clause delimiter (at most ``_BEFORE_MAX`` back) and ``start``."""
    seg = text[max(0, start - _BEFORE_MAX):start]
    m = _DELIM_RE.search(seg[::-1])  # the last delimiter, found in one C call
    return seg[len(seg) - m.start():] if m else seg


def _after(text: str, end: int) -> str:
    m = _AFTER.match(text, end)
    return m.group() if m else ""


def _role(roles: tuple[tuple[str, re.Pattern[str]], ...], window: str) -> str | None:
    for name, rx in roles:
        if rx.search(window):
            return name
    return None


def _small_chinese_ok(v: _Vocab, text: str, num: str, unit: str, start: int) -> bool:
    """A Chinese numeral without a place character counts only as a plain quantity (两户, 三名)."""
    if num in v.article or unit not in v.strong:
        return False
    if start > 0 and text[start - 1] in _OPEN_QUOTES:
        return False  # “六个一”: a slogan
    return True


def find_quantities(text: str) -> tuple[list[MoneyMention], list[CountMention]]:
    """Every money amount (in yuan) and every count with its measure word in ``text``."""
    v = _vocab()
    money: list[MoneyMention] = []
    counts: list[CountMention] = []
    for m in v.pattern.finditer(text):
        if m.group("pct") is not None:
            value = value_of(m.group("pnum"))
            if value is not None:
                counts.append(CountMention(m.start(), m.end(), value, "%", False, m.group()))
            continue
        num, mid, mult, post, cur, unit, after = m.group("num", "mid", "mult", "post", "money", "unit", "after")
        if m.group("big") is not None:
            if not mult or not mult.endswith(("万", "亿")) or (is_chinese(num) and not has_place(num)):
                continue  # a plain number before a people noun (3学生) is no head count
            unit = "户" if m.group("big").endswith(("户", "家庭")) else "人"
        if m.group("folk") is not None:
            if is_chinese(num) and not has_place(num):
                continue  # 三群众: too short to be a head count
            unit = "户" if m.group("folk").endswith("户") else "人"
        nstart = start = m.start()
        end = m.end()
        population = num is None
        if population:
            # a bare number counts only as a head count after 总人口, 常住人口...
            if v.population.search(text, max(0, start - _POP_BACK), start) is None:
                continue
            num, mult = m.group("bnum", "bmult")
        chinese = is_chinese(num)
        # how many characters of an approximation word stand before a bare round figure
        before_word = 0
        if num in _ROUND and start > 0:
            if start >= 2 and text[start - 2: start] in _ROUND_BEFORE_WORDS:
                before_word = 2
            elif text[start - 1] in _ROUND_BEFORE:
                before_word = 1
        if num in _ROUND and (before_word or mid or num != "十"):
            # 近百人, 上千户, 逾万人, 百余名: a round figure given as an approximation; a bare
            # 百/千/万 is part of a word (百姓, 万众) and a bare 十 a plain ten (十个县)
            if before_word or mid:
                value = value_of("一" + num, mult)
                if value is not None and (cur or unit):
                    start -= before_word
                    _append(money, counts, text, start, end, value, True, cur, unit)
            elif num in ("百", "千", "万") and not mult and not post and unit in v.round_area:
                value = value_of("一" + num)  # 万亩良田, 千亩茶园, 百公里外: a round figure
                if value is not None:
                    _append(money, counts, text, start, end, value, False, None, unit)
            continue
        if chinese:
            if unit in v.arabic_only:
                continue
            if not cur and not has_place(num) and not _small_chinese_ok(v, text, num, unit or "", nstart):
                continue
            if v.set_phrases is not None and v.set_phrases.match(text, nstart):
                continue
        if unit in v.admin_units and text[end:end + 1] in v.admin_reject:
            continue  # 12345市民, 679县道: the unit's character starts a word
        if unit == "个" and end < len(text):
            if text[end] in _CN_NUM_CHARS:
                continue  # 5个一: a slogan, not five items
            if v.durations is not None and v.durations.match(text, end + (text[end] in "多余半")):
                continue  # 3个月, 两个多月, 一个半小时: a duration
        value = value_of(num, mult)
        if value is None and chinese and num[0] in _ROUND and (m.group("folk") is not None or cur) \
                and text[end:end + 1] != "级" and not _DIGIT_SPACE.search(text, max(0, start - 3), start):
            # 百万群众, 近千万元, 百亿元项目: a leading place character is one of it (a sum of money
            # in round places is a figure, never a word like 百姓); not a size class (千万元级) nor
            # the tail of a figure printed with a space (7.88 万亿元)
            value = value_of("一" + num, mult)
            if value is not None and start > 0 and text[start - 1] in _ROUND_BEFORE:
                start -= 1  # 上百万元: "over" a round figure
                mid = mid or text[start]
        if value is None:
            continue
        pre = v.pre.search(text, max(0, start - 2), start)
        if pre is not None:
            start = pre.start()
        approx = bool(pre or mid or post or after)
        if cur or unit or population:
            _append(money, counts, text, start, end, value, approx, cur, unit)
    _bare_money(v, text, money, counts)
    money.sort(key=lambda x: x.start)
    return money, counts


def _append(money: list[MoneyMention], counts: list[CountMention], text: str, start: int, end: int,
            value: float, approx: bool, cur: str | None, unit: str | None) -> None:
    if cur:
        money.append(MoneyMention(start, end, value, approx, text[start:end]))
    else:
        counts.append(CountMention(start, end, value, "%" if unit == "％" else unit, approx, text[start:end]))


_SENTENCE_END = re.compile("[。！？!?\n]")
_SENTENCE_MAX = 200  # characters looked at on each side for the sentence of a handover


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (at most ``_SENTENCE_MAX`` characters each side)."""
    seg = text[max(0, start - _SENTENCE_MAX):start]
    m = _SENTENCE_END.search(seg[::-1])
    left = seg[len(seg) - m.start():] if m else seg
    m = _SENTENCE_END.search(text, end, end + _SENTENCE_MAX)
    return left + text[start:m.start() if m else end + _SENTENCE_MAX]


def _handover_donation(v: _Vocab, text: str, start: int, end: int, before: str, after: str) -> bool:
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
    return _clause_before(text, cut)


def amount_role(text: str, start: int, end: int) -> tuple[str, bool]:
    """``(role, cumulative)`` of the amount at ``text[start:end]`` from the words around it."""
    v = _vocab()
    before = _clause_before(text, start)
    after = _after(text, end)
    role = _role(v.amount_roles, before + "|" + after)
    prev: str | None = None
    if role is None and v.continuation.fullmatch(before):
        # the clause only continues the one before it ("…的人均收入连年增长，去年达到了…元",
        # "争取项目12个，资金…万元"): the fund is named there
        prev = _previous_clause(text, start - len(before))
        if prev:
            role = _role(v.amount_roles, prev + before + "|" + after)

    if role is None and v.spend.search(before) and v.aid_context.search(_sentence_before(text, start)):
        role = "assistance"
    role = role or "other"
    valued = v.valued.search(before) if role == "other" else None
    if valued is not None:
        # 捐赠设备，价值300万元 / 送去价值300万元的设备: the goods and the verb come first
        cut = before[:valued.start()]
        if prev is None:
            prev = _previous_clause(text, start - len(before))
        if v.gift_verbs.search(cut) or (prev and (_role(v.amount_roles, prev) == "donation"
                                                  or v.handover.search(prev) or v.gift_verbs.search(prev))):
            role = "donation"
    if role != "donation" and _handover_donation(v, text, start, end, before, after):
        role = "donation"
    return role, bool(v.cumulative.search(before))


def _sentence_before(text: str, start: int) -> str:
    """Its sentence up to ``start`` (at most ``_SENTENCE_MAX`` characters)."""
    seg = text[max(0, start - _SENTENCE_MAX):start]
    m = _SENTENCE_END.search(seg[::-1])
    return seg[len(seg) - m.start():] if m else seg


def is_planned(text: str, start: int) -> bool:
    """True when the amount or count at ``start`` is a target or forecast (计划…, 预计…, 力争…),
    read in its sentence before it."""
    return bool(_vocab().planned.search(_sentence_before(text, start)))


def count_role(text: str, start: int, end: int, unit: str | None) -> str:
    """The role of the count at ``text[start:end]``: projects, personnel, visits, beneficiaries or other."""
    v = _vocab()
    window = _clause_before(text, start) + "|" + _after(text, end)
    return _role(v.count_roles, window) or v.count_units.get(unit or "", "other")


# -- tables -------------------------------------------------------------------------
# A notice may print a table as lines of cells split by | or tabs, the unit in the column
# header (资金（万元） | 受益人数（人）). Cells are bare numbers there, which the pattern above
# (a number followed by its unit) never sees.
_CELL_SEP = re.compile(r"\s*[|｜\t]\s*")
_HEAD_UNIT = re.compile(r"[（(]\s*([^（）()]{1,4}?)\s*[)）]\s*$")
_CELL_NUM = re.compile(rf"(?:{ARABIC})\Z")
_MONEY_UNITS = {"元": None, "万元": "万", "亿元": "亿"}
_TABLE_CONTEXT = 200  # characters before a table read for the role of its money


@dataclass(frozen=True)
class TableCell:
    """A number in a table column whose header gives its unit."""
    start: int
    end: int
    value: float
    money: bool
    unit: str | None  # a measure word for counts
    header: str
    total: bool  # the row is a total (合计, 总计)


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the cells of a separated line, offsets in the document."""
    out, pos = [], 0
    for m in _CELL_SEP.finditer(line):
        out.append((offset + pos, offset + m.start(), line[pos:m.start()]))
        pos = m.end()
    out.append((offset + pos, offset + len(line), line[pos:]))
    return out


def find_table_cells(text: str) -> list[TableCell]:
    """Numbers in the money and count columns of pipe- or tab-separated tables in ``text``."""
    if "|" not in text and "｜" not in text and "\t" not in text:
        return []
    units = set(vocab.words("measure_words", "units"))
    total_words = tuple(_vocab_table_totals())
    out: list[TableCell] = []
    columns: dict[int, tuple[str, bool, str | None]] | None = None
    width = 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cells = _cells(line, start) if ("|" in line or "｜" in line or "\t" in line) else []
        if len(cells) < 3:
            columns = None  # the table ends at a line without separators
            continue
        if columns is None:  # a header row: the columns whose header names a unit
            columns, width = {}, len(cells)
            for i, (_, _, head) in enumerate(cells):
                m = _HEAD_UNIT.search(head)
                if m is None:
                    continue
                unit = m.group(1)
                if unit in _MONEY_UNITS:
                    columns[i] = (head, True, _MONEY_UNITS[unit])
                elif unit in units:
                    columns[i] = (head, False, unit)
            continue
        if len(cells) != width:
            continue
        total = cells[0][2].replace(" ", "").startswith(total_words)
        for i, (head, money, unit) in columns.items():
            c0, c1, cell = cells[i]
            if not _CELL_NUM.match(cell):
                continue
            value = value_of(cell, unit if money else None)
            if value is not None:
                out.append(TableCell(c0, c1, value, money, None if money else unit, head, total))
    return out


@lru_cache(maxsize=1)
def _vocab_table_totals() -> tuple[str, ...]:
    return tuple(vocab.load("quantity_roles")["table_totals"])


def _table_amount_role(text: str, cell: TableCell) -> str:
    """The role of a money cell: its header, else the text before the table."""
    v = _vocab()
    role = _role(v.amount_roles, cell.header)
    if role is None:
        top = _table_start(text, cell.start)
        before = text[max(0, top - _TABLE_CONTEXT):top]
        role = _role(v.amount_roles, before)
    return role or "other"


def _table_start(text: str, pos: int) -> int:
    """Start of the first separated line of the table holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev:start - 1]
        if not ("|" in line or "｜" in line or "\t" in line):
            break
        start = prev
    return start


def _repeated_in_body(spans: list[tuple[int, Hashable]], head_end: int) -> set[int]:
    """Indexes of headline mentions whose key (value, unit) the body repeats."""
    body = {key for start, key in spans if start >= head_end}
    return {i for i, (start, key) in enumerate(spans) if start < head_end and key in body}


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
    for cell in find_table_cells(text):
        if cell.money:
            ctx.layer("money").append(MoneyMention(cell.start, cell.end, cell.value, False, text[cell.start:cell.end]))
            ctx.add("amounts", {"value": cell.value, "approx": False, "role": _table_amount_role(text, cell),
                                "cumulative": cell.total, "payer": None, "payee": None},
                    cell.start, cell.end, "quantities", "2")
        else:
            ctx.layer("quantities").append(CountMention(cell.start, cell.end, cell.value, cell.unit, False,
                                                        text[cell.start:cell.end]))
            role = _role(_vocab().count_roles, cell.header) or _vocab().count_units.get(cell.unit or "", "other")
            ctx.add("counts", {"value": cell.value, "unit": cell.unit, "approx": False, "role": role},
                    cell.start, cell.end, "quantities", "2")
