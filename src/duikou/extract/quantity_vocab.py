"""The compiled vocabulary of the quantities extractor: ``data/measure_words.yaml`` and
``data/quantity_roles.yaml`` as patterns and sets, built once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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
)
from duikou.reference import vocab

# Clause boundaries for the role window (the enumeration comma 、 is not one:
# "86名医疗、规划人才" keeps its noun).
DELIMS = "，,；;。！？!?：:\n"
CN_NUM_CHARS = CN_DIGITS + "十百千万亿"

RolePatterns = tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class QuantityVocab:
    pattern: re.Pattern[str]
    pre: re.Pattern[str]  # an approximation word ending where the number starts
    population: re.Pattern[str]  # 总人口(约) ending where a bare number starts
    strong: frozenset[str]
    article: frozenset[str]
    set_phrases: re.Pattern[str] | None
    durations: re.Pattern[str] | None
    amount_roles: RolePatterns  # ordered; a role may recur
    count_roles: RolePatterns
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
    round_before: tuple[str, ...]  # words before a bare 百/千/万 that make it "about" a round figure
    round_before_chars: frozenset[str]  # ... and single characters doing so (近百人, 上千户)
    arabic_only: frozenset[str]  # units that count only after Arabic digits (60多里, not 九万里)
    admin_units: frozenset[str]  # 县/市/区 as measure words (7县2市)
    admin_reject: frozenset[str]  # ... not before these (市民, 区级)
    household_ends: tuple[str, ...]  # a people noun ending so counts households (贫困户)
    slogan_quotes: frozenset[str]  # a small numeral right after one of these opens a slogan
    bare_money: re.Pattern[str] | None  # a money noun, then a sum in 万/亿 with no unit, ending at \Z
    fund_after: re.Pattern[str] | None  # a sum in 万/亿 with no unit, then a fund noun (3亿帮扶资金)
    table_money_units: dict[str, str | None]  # a table header's money unit -> its multiplier
    table_totals: tuple[str, ...]  # the first cell of a table's total row


def _words_regex(items: list[str], special: dict[str, str] | None = None) -> re.Pattern[str]:
    """Words as one pattern, longest first; ``A…B`` means A then B later in the clause.
    ``special`` gives the pattern of a word that needs one of its own."""
    parts = []
    for w in sorted(items, key=len, reverse=True):
        if special and w in special:
            parts.append(special[w])
        else:
            parts.append(f"[^{DELIMS}]*?".join(re.escape(p) for p in w.split("…")))
    return re.compile("|".join(parts))


def _planned_regex(words: list[str], noun: dict[str, str]) -> re.Pattern[str]:
    """The target words as one pattern, 计划 only where it is a verb (not “十四五”计划, 按计划)."""
    return _words_regex(words, {"计划": f"(?<!{noun['before']})计划(?!{noun['after']})"})


def _main_pattern(mw: dict[str, Any]) -> re.Pattern[str]:
    """Every number followed by a money unit, a measure word or a people noun, and every bare
    number right after a population word."""
    units = vocab.alternation(vocab.words("measure_words", "units"))
    money = vocab.alternation(vocab.words("measure_words", "money"))
    pct = re.escape(mw["percent_prefix"])
    # people counted by a noun instead of a measure word (80万贫困人口, 6000多彝族群众)
    folk = rf"(?:[\u4e00-\u9fff]{{1,3}}族)?(?:{vocab.alternation(mw['people_nouns'])})"
    # ... and after 万/亿 with a short modifier between (301万农村劳动力); checked in code
    big = rf"[\u4e00-\u9fff]{{0,4}}?(?:{vocab.alternation(mw['big_people_nouns'])})"
    # Every match starts on a digit: the leading lookahead lets the regex
    # engine skip to candidates instead of trying each alternative at each
    # position (measured 4.8 -> 80+ MB/s). Words printed before the number
    # (约, 总人口) are looked at only for the few numbers that matched.
    pop_ends = "".join(sorted({w[-1] for w in mw["population"]}
                              | {w[-1] for w in tuple(mw["population_links"]) + APPROX_BEFORE_WORDS}))
    return re.compile(
        rf"(?=[0-9{CN_NUM_CHARS}])(?:"
        rf"(?P<pct>{pct}(?P<pnum>{CHINESE}|{ARABIC}))"
        # not inside a longer number, code, ordinal (第三个) or formula (3+X,
        # 2+3), nor a vague number (数十个, 几十户)
        rf"|(?<![0-9A-Za-z.+\-/:_第数几{CN_NUM_CHARS}])"
        rf"(?P<num>{ARABIC_COMPOUND}|{ARABIC}|{CHINESE})(?P<mid>{APPROX_MID})?(?P<mult>{MULTIPLIER})?(?P<post>{APPROX_MID})?"
        rf"(?:(?P<money>{money})|(?P<unit>{units})|(?=(?P<folk>{folk}))|(?=(?P<big>{big})))(?P<after>{APPROX_AFTER})?"
        # a bare number right after a population word (总人口47.3万); the
        # lookbehind is a cheap filter, the full words are checked after
        rf"|(?<=[{re.escape(pop_ends)}])(?P<bnum>{ARABIC})(?P<bmult>万|亿)?(?![0-9]))"
    )


def _population_regex(mw: dict[str, Any]) -> re.Pattern[str]:
    """A population word, then perhaps a modal, a link and an approximation word, ending at ``\\Z``."""
    pop = vocab.alternation(mw["population"])
    modal = vocab.alternation(mw["population_modal"])
    links = vocab.alternation(mw["population_links"])
    return re.compile(rf"(?:{pop})(?:{modal})?(?:{links})?(?:{APPROX_BEFORE})?\Z")


def _optional(words: list[str] | None) -> re.Pattern[str] | None:
    return re.compile(vocab.alternation(words)) if words else None


def _bare_money_regex(nouns: list[str] | None) -> re.Pattern[str] | None:
    """A money noun and a sum in 万/亿 written without 元, anchored at the end of a window."""
    if not nouns:
        return None
    return re.compile(
        rf"(?:{vocab.alternation(nouns)})了?"
        rf"(?P<pre>{APPROX_BEFORE})?(?P<num>{ARABIC}|{CHINESE})(?P<mid>{APPROX_MID})?(?P<mult>万|亿)(?P<post>{APPROX_MID})?\Z")


def _fund_after_regex(nouns: list[str] | None, other_currency: str) -> re.Pattern[str] | None:
    """The 万/亿 that ends a sum written without 元 before the fund noun it measures, a short
    modifier between (5亿资金, 3000万帮扶资金); not a sum in another currency (20亿欧元资金)."""
    if not nouns:
        return None
    return re.compile(rf"[万亿]{APPROX_MID}?(?=[^{DELIMS}、{re.escape(other_currency)}]{{0,4}}?"
                      rf"(?:{vocab.alternation(nouns)}))")


def _valued_regex(roles: dict[str, Any]) -> re.Pattern[str]:
    """A value word (价值, 折合) and what may stand between it and the amount, ending at ``\\Z``."""
    v = roles["valued"]
    filler = "".join(re.escape(c) for c in v["filler"])
    return re.compile(rf"(?:{vocab.alternation(v['words'])})(?:{vocab.alternation(v['currency'])})?[{filler}]*\Z")


def _role_patterns(roles: dict[str, Any]) -> dict[str, Any]:
    """The role fields of :class:`QuantityVocab` from ``quantity_roles.yaml``."""
    handover = roles["handover"]
    return dict(
        amount_roles=tuple((r, _words_regex(ws)) for rule in roles["amounts"] for r, ws in rule.items()),
        count_roles=tuple((r, _words_regex(ws)) for r, ws in roles["counts"].items()),
        count_units=dict(roles.get("count_units") or {}),
        cumulative=_words_regex(roles["cumulative"]),
        handover=_words_regex(handover["verbs"]),
        donated_funds=_words_regex(handover["donated_funds"]),
        donation_setting=_words_regex(handover["donation_setting"]),
        public_funds=_words_regex(handover["public_funds"]),
        valued=_valued_regex(roles),
        gift_verbs=_words_regex(roles["gift_verbs"]),
        continuation=re.compile(roles["continuation"]),
        planned=_planned_regex(roles["planned"], roles["planned_noun"]),
        spend=_words_regex(roles["aid_spend"]["spend"]),
        aid_context=_words_regex(roles["aid_spend"]["aid_context"]),
        table_totals=tuple(roles["table_totals"]),
    )


@lru_cache(maxsize=1)
def quantity_vocab() -> QuantityVocab:
    """The quantities vocabulary, compiled on first use."""
    mw = vocab.load("measure_words")
    round_before = [str(w) for w in mw["round_before"]]
    return QuantityVocab(
        pattern=_main_pattern(mw),
        pre=re.compile(rf"(?:{APPROX_BEFORE})\Z"),
        population=_population_regex(mw),
        strong=frozenset(mw["strong"]),
        article=frozenset(mw["article_digits"]),
        set_phrases=_optional(mw.get("set_phrases")),
        durations=_optional(mw.get("durations_after_ge")),
        round_area=frozenset(mw.get("round_area_units") or ()),
        round_before=tuple(sorted((w for w in round_before if len(w) > 1), key=len, reverse=True)),
        round_before_chars=frozenset(w for w in round_before if len(w) == 1),
        arabic_only=frozenset(mw.get("arabic_only_units") or ()),
        admin_units=frozenset(mw.get("admin_units") or ()),
        admin_reject=frozenset(mw.get("admin_reject_next") or ()),
        household_ends=tuple(mw["household_noun_ends"]),
        slogan_quotes=frozenset(mw["slogan_quotes"]),
        bare_money=_bare_money_regex(mw.get("bare_money_nouns")),
        fund_after=_fund_after_regex(mw.get("fund_nouns_after"), "".join(mw["other_currency_chars"])),
        table_money_units=dict(mw["table_money_units"]),
        **_role_patterns(vocab.load("quantity_roles")),
    )
