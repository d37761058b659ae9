"""Page metadata printed around an article: dates, outlet (来源/稿源), credits.

All functions read simplified, width-folded text (after :mod:`normalise`).
Keys come from ``data/page_metadata.yaml``.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from duikou.reference import vocab

# 2020-6-2, 2021/10/13, 2023.09.05 21:34, 2022年12月4日
DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)")
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_TRAILING_DATE = re.compile(r"(?<=\D)(?:19|20)\d{2}(?:年.*|[-/.].*)?$")
HEADER_LINE_MAX = 100  # a metadata line (发布时间/来源/编辑…) longer than this has text in it
_NAME_RE = re.compile(rf"{_NAME}$")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    meta = vocab.load("page_metadata")
    alternation = vocab.alternation
    reporters = alternation(meta["reporter_keys"])
    return {
        "header": re.compile(rf"(?:{alternation(meta['header_keys'])})\s*[:：]"),
        "outlet": re.compile(rf"(?P<key>{alternation(meta['outlet_keys'] + meta['reprint_keys'])})\s*[:：|｜丨]\s*"
                             r"(?P<value>[^\s:：()（）|｜丨,，;；/<>【】\[\]]{2,24})"),
        # a credit key glued to the end of an outlet's name (来源 | 某某集团编辑 | 甲)
        "glued_key": re.compile(rf"(?:{alternation(meta['author_keys'])})$"),
        "outlet_stop": re.compile(alternation(meta["outlet_stops"])),
        "bracket_credit": re.compile(rf"[(（][^()（）。，；;]{{0,30}}(?:{reporters})[^()（）。，；;]{{0,30}}[)）]"),
        "author": re.compile(rf"(?:{alternation(meta['author_keys'])})\s*[:：]?\s*"),
        "credit": re.compile(rf"[(（【\[]?\s*(?:{alternation(meta['credit_line_keys'])})\s*[:：\s|｜丨]"),
        "lead_credit": re.compile(r"[(（][^()（）\n]{0,40}?记者[^()（）\n]{0,40}[)）]"),
        "lead_outlet": re.compile(r"^([^\s，,。(（:：]{2,12}?)讯\s*[(（]"),
    }


def parse_date(text: str) -> str | None:
    """The first valid calendar date in ``text`` as YYYY-MM-DD."""
    for m in DATE_RE.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def is_header_meta(line: str) -> bool:
    """A header line that only carries metadata (发布时间/来源/稿源/编辑 keys, or a short line with a date)."""
    m = _patterns()["header"].search(line)
    if m:
        if "。" in line:
            return len(line) < 60
        # A long line without a full stop is metadata only when its key opens it: a page
        # flattened without punctuation keeps its text, and its 来源/编辑 credit sits at the end.
        return len(line) <= HEADER_LINE_MAX or (m.start() < 30 and len(line) <= 2 * HEADER_LINE_MAX)
    return len(line) < 50 and "。" not in line and DATE_RE.search(line) is not None


def is_credit_line(line: str, max_len: int = 80) -> bool:
    """A short byline such as ``(来源:X 记者:A B)`` or ``编辑:C``."""
    if len(line) > max_len or "。" in line:
        return False
    p = _patterns()
    return p["credit"].match(line) is not None or p["bracket_credit"].fullmatch(line) is not None


@lru_cache(maxsize=1)
def outlet_ignore() -> frozenset[str]:
    """Outlet values that name no outlet (本报, 网络…)."""
    return frozenset(vocab.load("page_metadata")["outlet_ignore"])


def find_outlet(text: str) -> str | None:
    """The outlet named after 来源/稿源 in ``text`` (转自/转载自 only when no 来源 names one)."""
    ignore = outlet_ignore()
    p = _patterns()
    reprinted: str | None = None  # 转自 names the outlet the page was taken from, 来源 the originating one
    pos = 0
    while (m := p["outlet"].search(text, pos)) is not None:
        value = m.group("value")
        stop = p["outlet_stop"].search(value, 2)
        if stop:  # 某某网推荐阅读…, 转自：甲来源：乙: what follows the name is read again
            value = value[:stop.start()]
        pos = m.start("value") + len(value)
        value = value.strip("。.、－-— ")
        glued = p["glued_key"].search(value)
        if glued and glued.start() >= 2:
            value = value[:glued.start()]
        value = _TRAILING_DATE.sub("", value)  # 某某网2023年… : the page's date glued to the name
        if value and value not in ignore:
            if m.group("key") not in reprint_keys():
                return value
            reprinted = reprinted or value
    return reprinted


def lead_outlet(lead: str) -> str | None:
    """``X讯(记者…)`` at the start of the lead paragraph names the outlet X (本报讯 names none)."""
    m = _patterns()["lead_outlet"].match(lead)
    return m.group(1) if m and m.group(1) not in outlet_ignore() else None


@lru_cache(maxsize=1)
def outlet_suffixes() -> tuple[str, ...]:
    """Last words of an outlet's name (日报, 网, 客户端…), longest first."""
    return vocab.words("page_metadata", "outlet_suffixes")


@lru_cache(maxsize=1)
def reprint_keys() -> frozenset[str]:
    """Keys naming the outlet a page was reprinted from (转自): a 来源 outlet goes before theirs."""
    return frozenset(vocab.load("page_metadata")["reprint_keys"])


@lru_cache(maxsize=1)
def _credit_closers() -> re.Pattern[str]:
    return re.compile(rf"(?:{vocab.alternation(vocab.load('page_metadata')['credit_closers'])})$")


def find_authors(text: str) -> list[str]:
    """Names credited after 记者/编辑/通讯员… in a credit line (names separated by spaces or 、)."""
    names: list[str] = []
    keys = _patterns()["author"]
    for m in keys.finditer(text):
        for token in re.split(r"[\s、,，/]+", text[m.end():m.end() + 40]):
            token = token.strip("()（）【】[]:：")
            if not token:
                continue
            glued = _patterns()["glued_key"].search(token)
            if glued and glued.start() >= 2:  # 甲某二审 乙某: the next credit's key glued to a name
                token = token[:glued.start()]
                if token.endswith(outlet_suffixes()):  # 某某报记者 甲: an outlet, its names follow
                    continue
            if len(token) >= 3 and token.endswith(tuple(x for x in outlet_suffixes() if len(x) >= 2 or len(token) >= 4)):
                break  # 甲 某某晚报/某某新闻记者 乙: an outlet's name ends the names before it
            closer = _credit_closers().search(token)
            if closer and closer.start() >= 2:  # 甲某摄: a photo credit's closing word glued to the name
                token = token[:closer.start()]
            if not _NAME_RE.match(token) or keys.match(token) or (closer and closer.start() == 0):
                break
            if token not in names:
                names.append(token)
            if glued and glued.start() >= 2:
                break
    return names


def lead_credit_authors(lead: str) -> list[str]:
    """Names in a parenthesised credit inside the lead: ``(记者 A B)``."""
    m = _patterns()["lead_credit"].search(lead[:120])
    return find_authors(m.group()) if m else []
