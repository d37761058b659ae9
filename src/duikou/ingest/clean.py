"""From normalised page text to the article layout: headline, body, metadata.

The text has already been flattened from a web page (by a crawler, or by
trafilatura for HTML). Lines are classified once each with patterns from
``data/boilerplate.yaml``; the header (lines above the first body paragraph)
yields the headline and metadata, the footer is cut at the first footer
marker, credit lines go to ``authors``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from duikou.reference import vocab
from duikou.ingest import metadata as meta
from duikou.ingest.page import header, outlets
from duikou.ingest.page import lead as page_lead
from duikou.ingest.page.patterns import INLINE_LINES, Line
from duikou.ingest.page.regex import union
from duikou.ingest.page.tail import inline_pieces
from duikou.ingest.document import OffsetMap

MAX_TITLE_LINES = 4
MAX_TITLE_LEN = 120
BODY_MIN_LEN = 50  # a header line this long (or with a full stop) starts the body
_SENTENCE_END = ("。", "！", "？", "!", "?", "…")


@dataclass
class Layout:
    text: str
    offsets: OffsetMap  # text -> normalised input
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Rules:
    navigation: re.Pattern[str]
    drop: re.Pattern[str]
    footer: re.Pattern[str]
    max_marker_len: int
    header_skip: re.Pattern[str]
    site_suffixes: tuple[str, ...]
    site_max_len: int
    title_tag: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    data = vocab.load("boilerplate")
    return _Rules(union(data["navigation"]), union(data["drop"]), union(data["footer_start"]),
                  int(data.get("max_marker_len", 80)), union(data["header_skip"]),
                  tuple(data["site_name_suffixes"]), int(data["site_name_max_len"]),
                  re.compile(data["title_tag"]))


_SITE_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+$")


def is_site_name(line: str, outlet: str | None = None) -> bool:
    """A short header line that names a site or an outlet rather than being a headline line."""
    r = rules()
    if len(line) > r.site_max_len or not _SITE_NAME_CHARS.match(line):
        return False
    if line == outlet or line.endswith(r.site_suffixes):
        return True
    return len(line) <= 8 and outlets.only_regions(line)


def _line(parts: list[str]) -> tuple[int, str]:
    """A line given in parts (a long line crosses slices), stripped: how much space leads it, and its text.

    A long line's parts are stripped before they are joined: it is copied once, not twice.
    """
    if len(parts) > 1:
        lead = 0
        while parts and not parts[0].strip():
            lead += len(parts.pop(0))
        while parts and not parts[-1].strip():
            parts.pop()
        if not parts:
            return lead, ""
        first = parts[0].lstrip()
        lead += len(parts[0]) - len(first)
        parts[0] = first
        parts[-1] = parts[-1].rstrip()
        return lead, "".join(parts)
    s = parts[0].strip()
    return (parts[0].find(s[0]) if s else 0), s  # every character before the first of s is space


def _lines(slices: list[str]) -> list[Line]:
    """Non-blank lines of the text ``slices`` make, as (start offset of the stripped line, stripped line).

    ``slices`` is consumed: each slice is dropped once it is split.
    """
    # str.split and str.strip beat a regex over the whole text here (measured ~1.7x).
    out = []
    pos = 0
    parts: list[str] = []  # the current line, from one slice or more
    slices.reverse()
    while slices:
        split = slices.pop().split("\n")
        for k, piece in enumerate(split):
            parts.append(piece)
            if k < len(split) - 1 or not slices:  # a line break follows, or the text ends
                length = sum(map(len, parts))
                lead, s = _line(parts)
                if s:
                    out.append((pos + lead, s))
                pos += length + 1
                parts = []
    return out


def _is_body(line: str) -> bool:
    # A closing quote ends a sentence only after sentence punctuation (他说：“好！”); a headline
    # may end with a quoted phrase (奏响协作“新乐章”) or be one quotation (“苹果红了，日子甜了”).
    return len(line) >= BODY_MIN_LEN or "。" in line or line.endswith(_SENTENCE_END) or (
        line.endswith(("”", "’", "」")) and line[-2:-1] in "。！？!?…")


def _long_headline(line: str) -> bool:
    """A line too long for the headline test but shaped like one: no sentence or clause punctuation."""
    return len(line) <= MAX_TITLE_LEN and not any(c in line for c in "。，,；;！？!?：:")


@dataclass
class _Opening:
    """A page's lines with a crawler's header and a headline glued to the lead taken off the first one."""

    lines: list[Line]
    crawl_header: str | None = None  # the crawler's header (…，正文：), None when the page has none
    forced_title: list[Line] | None = None  # the headline the opening line gave (empty: it prints none)


def _opening(lines: list[Line]) -> _Opening:
    """A crawler's one-line page: its header is metadata, 原标题 gives the headline."""
    out = _Opening(lines)
    split = header.split_crawl_header(lines[0]) if lines else None
    if split is not None:
        out.crawl_header, rest_of_line = split
        lines = ([rest_of_line] if rest_of_line else []) + lines[1:]
    original = header.split_original_title(lines[0]) if lines else None
    if original is not None:
        head, lead_line = original
        out.forced_title = [head] if head else []
        lines = ([lead_line] if lead_line else []) + lines[1:]
    elif split is not None:
        # A crawled page without 原标题 prints no headline, unless it opens with one printed twice.
        repeated = header.split_repeated_title(lines[0]) if lines else None
        out.forced_title = [repeated[0]] if repeated else []
        if repeated:
            lines = ([repeated[1]] if repeated[1] else []) + lines[1:]
    out.lines = lines
    return out


def _is_meta(line: str) -> bool:
    return meta.is_header_meta(line) or meta.is_credit_line(line, rules().max_marker_len)


def _body_start(lines: list[Line]) -> int:
    """The first body-like line that is no furniture: everything above it is the header."""
    r = rules()
    for i, (_, s) in enumerate(lines):
        if i == 0 and len(lines) > 1 and _long_headline(s) and meta.is_header_meta(lines[1][1]):
            continue  # a long headline line right above the date line (a TV transcript's page)
        if _is_body(s) and not _is_meta(s) and not r.navigation.match(s) \
                and not (len(s) <= r.max_marker_len and r.footer.match(s)):
            return i
    return len(lines)


@dataclass
class _Header:
    meta: list[str] = field(default_factory=list)  # metadata lines (发布时间, 来源, credits)
    groups: list[list[Line]] = field(default_factory=lambda: [[]])  # text lines between separators
    sites: list[list[Line]] = field(default_factory=lambda: [[]])  # the same groups, site-name lines standing alone


def _read_header(lines: list[Line], title_hint: str | None) -> _Header:
    """The header's metadata lines and its groups of text lines (the headline is among them)."""
    r = rules()
    is_meta = [_is_meta(s) for _, s in lines]
    outlet = None
    if title_hint is None:
        meta_text = "\n".join(s for (_, s), m in zip(lines, is_meta) if m)
        outlet = meta_text and meta.find_outlet(meta_text)
    out = _Header()
    for (start, s), is_meta_line in zip(lines, is_meta):
        if r.navigation.match(s):
            out.groups, out.sites = [[]], [[]]  # everything above a breadcrumb is the site banner
        elif is_meta_line or r.drop.match(s) or r.footer.match(s) or r.header_skip.match(s):
            if is_meta_line:
                out.meta.append(s)
            out.groups.append([])
            out.sites.append([])
        else:
            out.groups[-1].append((start, s))
            if title_hint is None and is_site_name(s, outlet):
                out.sites.append([])
            else:
                out.sites[-1].append((start, s))
    return out


def _headline(candidates: list[list[Line]], forced: list[Line] | None) -> list[Line]:
    """The headline's lines: the last group of header lines (or the opening line's headline)."""
    title_lines = candidates[-1][:MAX_TITLE_LINES] if candidates else []
    title_lines = [(p, s) for p, s in title_lines if len(s) <= MAX_TITLE_LEN]
    if forced is not None:
        title_lines = forced
    # A headline printed twice on two lines is one headline.
    title_lines = [x for i, x in enumerate(title_lines) if i == 0 or x[1] != title_lines[i - 1][1]]
    if title_lines:  # a column tag before the headline (【某某故事】) is no part of it
        p0, s0 = title_lines[0]
        tag = rules().title_tag.match(s0)
        if tag and tag.end() < len(s0):
            title_lines[0] = (p0 + tag.end(), s0[tag.end():])
    return title_lines


def _pieces(rest: list[Line]) -> tuple[list[Line], int, page_lead.Lead]:
    """The body's lines with the lead's dateline or byline taken off (metadata, not content), and
    credits and footers glued to the end of its last lines cut off; where those last lines start."""
    lead = page_lead.Lead(None)
    if rest:
        lead = page_lead.strip_lead(rest[0])
        rest = ([lead.line] if lead.line else []) + lead.more + rest[1:]
    # Only the last lines can end the article: earlier lines are never searched (a hot spot).
    # A caption printed before a dateline (lead.more holds the lead after it) is never the article's end.
    tail_from = max(1 if lead.more and lead.line else 0, len(rest) - INLINE_LINES)
    pieces = rest[:tail_from] + [x for line in rest[tail_from:] for x in inline_pieces(line)]
    return pieces, tail_from, lead


def _sort_body(pieces: list[Line], tail_from: int, body: list[Line]) -> list[str]:
    """Append the body's lines to ``body`` up to the footer; the credit lines, returned."""
    r = rules()
    tail_meta: list[str] = []
    for k, (start, s) in enumerate(pieces):
        short = len(s) <= r.max_marker_len
        if short and r.footer.match(s):
            if not body:  # a marker above all article text (相关报道：… as a kicker) ends nothing
                continue
            # The footer starts here; credits printed below it (责任编辑…) still count.
            tail_meta.extend(x for _, x in pieces[k + 1:] if meta.is_credit_line(x, r.max_marker_len))
            break
        if short and (meta.is_credit_line(s, r.max_marker_len) or (k >= tail_from and outlets.is_byline_credit(s))):
            tail_meta.append(s)
        elif not (short and r.drop.match(s)):
            body.append((start, s))
    return tail_meta


def _outlet(crawl_header: str | None, header_text: str, tail_text: str, lead: page_lead.Lead,
            first: str) -> str | None:
    """The outlet: the crawler's header, the header's 来源, the footer's, the lead's dateline, a credit."""
    # The metadata readers find nothing in an empty header or footer: not called then.
    outlet = (crawl_header and meta.find_outlet(crawl_header)) or (header_text and meta.find_outlet(header_text)) \
        or (tail_text and meta.find_outlet(tail_text)) or lead.outlet or meta.lead_outlet(first) \
        or (tail_text and outlets.credit_outlet(tail_text)) or None
    return outlets.primary_outlet(outlet) if outlet else None


def _published(crawl_header: str | None, header_text: str, tail_text: str) -> str | None:
    """A crawler's header holds the page date when there is one; without it none is guessed."""
    if crawl_header is not None:
        return header.header_date(crawl_header) if crawl_header else None
    return (header_text and meta.parse_date(header_text)) or (tail_text and meta.parse_date(tail_text)) or None


def _authors(header_text: str, lead: page_lead.Lead, first: str, tail_text: str) -> list[str]:
    credited = (meta.find_authors(header_text) if header_text else []) + lead.authors \
        + meta.lead_credit_authors(first) + (meta.find_authors(tail_text) if tail_text else [])
    return list(dict.fromkeys(credited))


def layout(text: str | list[str], title_hint: str | None = None) -> Layout:
    """Split normalised page text (or its slices, consumed) into headline, body and metadata.

    ``title_hint`` (from HTML metadata or a JSONL field) is taken as the
    headline instead of looking for one in the header, and heads the text.
    """
    opening = _opening(_lines([text] if isinstance(text, str) else text))
    lines = opening.lines
    # A crawler's one-line page has no header lines: its header was the part before 正文.
    body_start = _body_start(lines) if opening.crawl_header is None else 0
    head = _read_header(lines[:body_start], title_hint)
    # A site or outlet name never joins the headline; but it is the headline when nothing else is.
    candidates = [g for g in head.sites if g] or [g for g in head.groups if g]
    title_lines: list[Line] = []
    body: list[Line] = []
    if title_hint is None:
        title_lines = _headline(candidates, opening.forced_title)
    else:  # with a headline from metadata, header text that is no headline belongs to the body
        squashed = "".join(title_hint.split())
        body = [x for g in candidates for x in g if "".join(x[1].split()) != squashed]
    pieces, tail_from, lead = _pieces(lines[body_start:])
    tail_meta = _sort_body(pieces, tail_from, body)

    # The headline lines, a blank line, then the body lines.
    # A headline from metadata heads the text (when there is one) as a page's own headline does.
    heading = [(-1, title_hint)] if title_hint is not None and body else title_lines
    clean, omap = _lay_out(heading, body)
    header_text = "\n".join(head.meta)
    tail_text = "\n".join(tail_meta)
    first = body[0][1] if body else ""
    title = title_hint if title_hint is not None else (" ".join(s for _, s in title_lines) or None)
    return Layout(clean, omap, title, _published(opening.crawl_header, header_text, tail_text),
                  _outlet(opening.crawl_header, header_text, tail_text, lead, first),
                  _authors(header_text, lead, first, tail_text))


def _lay_out(title_lines: list[Line], body: list[Line]) -> tuple[str, OffsetMap]:
    """Join (raw start, line) pairs into the clean text and its offset map.

    Breakpoint lists are built inline (OffsetMap.add per line was a hot spot), with the
    same rule: a breakpoint at the position of the last one replaces it.
    """
    parts: list[str] = []
    cpts, rpts = [0], [0]
    pos = 0
    blocks = [title_lines, [(-1, "")], body] if title_lines and body else [title_lines, body]
    for block in blocks:
        for start, s in block:
            if start >= 0:
                if cpts[-1] == pos:
                    rpts[-1] = start
                else:
                    cpts.append(pos)
                    rpts.append(start)
            parts.append(s)
            pos += len(s) + 1
    return "\n".join(parts), OffsetMap(cpts, rpts)
