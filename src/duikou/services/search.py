"""One search box over the ledger: regions (names as printed, short forms, GB/T 2260 codes), parties,
people, agreements, documents and pairings, ranked into one list of :class:`Hit`.

Regions are found by the gazetteer's names and short forms (a county-level city by its name without 市, an autonomous prefecture by its short form;
:mod:`duikou.reference.naming` derives them), by a six-digit code, by a two- or four-digit code prefix
(its province or prefecture), and by any part of a name. A region the gazetteer knows but no ledger row
names is still found, marked ``in_ledger=False`` and ranked below the ones the ledger has facts for.
Two words (a helper's and a recipient's short names) also find the pairings between what each names.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from duikou.ledger import search_rows as rows
from duikou.ledger.view_rows import party, prefetch
from duikou.reference import regions as reg
from duikou.services.connect import Db, engine_of
from duikou.services.lists import QueryError, clean_text

HIT_KINDS = ("region", "party", "pairing", "person", "agreement", "document")
MAX_LIMIT = 200
TIERS = {"exact": 0, "prefix": 1, "contains": 2}
_ENTITY_ID = re.compile(r"[A-Z][0-9a-f]{15}")
_CANDIDATES = 5  # rows read per lookup for each hit asked for: room for the ranking to reorder them


@dataclass(frozen=True)
class About:
    """What a hit is, in parts a page words in its own language (:attr:`Hit.detail` is them in English).

    A region: ``level``, ``place`` (its province and prefecture, by name), ``mentions`` (ledger rows
    naming it, by kind: pairings, events, agreements, amounts, counts, people) and ``units`` (how many of
    the units under it the ledger names). A party: ``mentions``. A pairing: ``program``, ``since``,
    ``relation`` (when not the standing one), ``sources`` (reports). A person: ``titles``, ``role`` (when
    no titles), ``where`` (their region's name). An agreement: ``date``, ``parties`` (by name). A document:
    ``published``, ``outlet``, ``side`` (whose account), ``status`` (when not ok). A hit by id: nothing.
    """

    level: str | None = None
    place: tuple[str, ...] = ()
    mentions: dict[str, int] = field(default_factory=dict)
    units: int = 0
    program: str | None = None
    since: int | str | None = None
    relation: str | None = None
    sources: int | None = None
    titles: tuple[str, ...] = ()
    role: str | None = None
    where: str | None = None
    date: str | None = None
    parties: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    side: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Hit:
    """One thing the search found.

    ``kind`` is one of :data:`HIT_KINDS`; ``key`` what a link opens it by (a region code, a party's
    name, a pairing, person or agreement id, a document id as text); ``label`` its name or title;
    ``detail`` a line in English saying what it is (a region's level and where it lies and how many
    ledger rows name it; a person's titles and region; a document's date and outlet), ``about`` the same
    in parts (:class:`About`); ``score`` the rank (higher first: exact matches, then prefixes, then any
    part, each with what the ledger holds first); ``in_ledger`` False for a region or party no ledger
    row names.
    """

    kind: str
    key: str
    label: str
    detail: str
    score: float
    in_ledger: bool = True
    about: About = field(default_factory=About)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _score(tier: int, in_ledger: bool, weight: int, part: bool = False) -> float:
    """Exact matches first; then, of the rest, what the ledger has facts for; whole words of a
    several-word search (``part``) and prefixes before any part; the most reported first."""
    exact = tier == 0 and not part
    near = 60 if tier == 0 else 50 if tier == 1 and not part else 25 if tier == 1 else 0
    return float((300 if exact else near) + (150 if in_ledger else 0) + min(max(weight, 0), 49))


_ONE = {"pairings": "pairing", "events": "event", "agreements": "agreement", "amounts": "amount", "counts": "count",
        "people": "person"}


def _said(counts: dict[str, int]) -> str:
    """``2 pairings, 5 events, 1 person``: how many ledger rows of each kind name a party."""
    return ", ".join(f"{n} {_ONE.get(k, k) if n == 1 else k}" for k, n in counts.items() if n)


def english(kind: str, a: About) -> str:
    """A hit's :class:`About` as its English :attr:`Hit.detail` (``county · 江苏省 泰州市 · 2 pairings``)."""
    if kind == "region":
        inside = f"{a.units} of its units in the ledger" if a.units else ""
        facts = "; ".join(x for x in (_said(a.mentions), inside) if x) or "not in the ledger"
        return " · ".join(x for x in (a.level or "region", " ".join(a.place), facts) if x)
    if kind == "party":
        return "party · " + (_said(a.mentions) or "not in the ledger")
    if kind == "pairing":
        bits = [a.program or "", f"since {a.since}" if a.since else "", a.relation or "",
                f"{a.sources} report" + ("" if a.sources == 1 else "s")]
        return " · ".join(b for b in bits if b)
    if kind == "person":
        return " · ".join(x for x in ("、".join(a.titles) or a.role, a.where) if x)
    if kind == "agreement":
        return " · ".join(x for x in (a.date, ", ".join(a.parties)) if x)
    if kind == "document":
        return " · ".join(x for x in (a.published, a.outlet, a.side and f"{a.side}'s account", a.status) if x)
    return ""


def _codes(word: str, limit: int) -> dict[str, int]:
    """Region codes ``word`` may mean, each with its best tier (0 exact, 1 prefix, 2 contains)."""
    found: dict[str, int] = {}
    if word.isascii() and word.isdigit():
        # a code; two or four digits name a province or a prefecture by its prefix
        code = {6: word, 4: word + "00", 2: word + "0000"}.get(len(word))
        if code is not None and reg.region(code) is not None:
            found[code] = 0
        return found
    for code in reg.codes_for(word):  # an official name, a short form, a former name
        found[code] = 0
    g = reg.gaz()
    surfaces: list[str] = list(getattr(g, "surfaces", ()))  # the real gazetteer lists its names and aliases
    near = sorted((s for s in surfaces if word in s and s != word), key=lambda s: (not s.startswith(word), len(s), s))
    for s in near[:limit]:
        for r in g.by_name(s) if g is not None else ():
            found.setdefault(r.code, 1 if s.startswith(word) else 2)
    return found


def _region_hits(conn: Connection, words: list[str], limit: int, part: bool) -> tuple[list[Hit], list[set[str]]]:
    """Region hits for each word, and the codes each word names exactly (for pairings between them)."""
    tiers: dict[str, int] = {}
    exact: list[set[str]] = []
    for word in words:
        mine = _codes(word, limit)
        for r in rows.ledger_regions(conn, word, limit):
            how = ("exact" if r["code"] == word else rows.match(r["name"], word)
                   or ("prefix" if r["code"].startswith(word) else "contains"))
            mine[r["code"]] = min(mine.get(r["code"], 9), TIERS[how])
        exact.append({c for c, t in mine.items() if t == 0})
        for c, t in mine.items():
            tiers[c] = min(tiers.get(c, 9), t)
    under = rows.beneath(conn, list(tiers))
    named = rows.mentions(conn, [*tiers, *(c for cs in under.values() for c in cs)])
    ledger = rows.region_rows(conn, list(tiers))
    hits = []
    for code, tier in tiers.items():
        row = reg.region(code) or ledger.get(code)
        if row is None:
            continue
        said = named.get(code, {})
        # a province or prefecture: how many of its units the ledger names (their rows would double count)
        units = sum(1 for c in under.get(code, ()) if named.get(c))
        # where it lies: its province, then its prefecture (a county's parent), each once
        place = tuple(dict.fromkeys(reg.name(c) or c for c in (row.get("province"), row.get("parent"))
                                    if c and c != code))
        about = About(level=row.get("level"), place=place, mentions=dict(said), units=units)
        known = bool(said or units)
        hits.append(Hit("region", code, row["name"] or code, english("region", about),
                        _score(tier, known, sum(said.values()) + units, part), known, about))
    return hits, exact


def _party_hits(conn: Connection, words: list[str], limit: int, part: bool) -> tuple[list[Hit], list[set[str]]]:
    tiers: dict[str, int] = {}
    exact: list[set[str]] = []
    for word in words:
        names = rows.party_names(conn, word, limit)
        exact.append({n for n in names if rows.match(n, word) == "exact"})
        for n in names:
            tiers[n] = min(tiers.get(n, 9), TIERS[rows.match(n, word) or "contains"])
    named = rows.mentions(conn, list(tiers))
    hits = []
    for name, tier in tiers.items():
        about = About(mentions=dict(named.get(name, {})))
        hits.append(Hit("party", name, name, english("party", about),
                        _score(tier, bool(about.mentions), sum(about.mentions.values()), part), bool(about.mentions),
                        about))
    return hits, exact


def _pairing_hits(conn: Connection, exact: list[set[str]], limit: int) -> list[Hit]:
    """With two or more words: the pairings between what the first two name exactly (exact hits); with one:
    the pairings of what it names exactly (hits of any part)."""
    named = [e for e in exact if e]
    if len(named) >= 2:
        found, tier = rows.pairing_rows(conn, sorted(named[0]), sorted(named[1]), limit), 0
    else:
        found, tier = rows.pairing_rows(conn, sorted(set().union(*named)), None, limit), 2
    cache: dict[str, str | None] = {}
    prefetch(conn, [v for r in found for v in (r["helper"], r["recipient"])], cache)
    hits = []
    for r in found:
        h, rc = party(conn, r["helper"], cache), party(conn, r["recipient"], cache)
        label = f"{h['name'] if h else r['helper']} → {rc['name'] if rc else r['recipient']}"
        about = About(program=r["program"], since=r["since"] or None, sources=r["sources"],
                      relation=r["relation"] if r["relation"] not in (None, "standing") else None)
        hits.append(Hit("pairing", r["id"], label, english("pairing", about), _score(tier, True, r["sources"]),
                        about=about))
    return hits


def _people_hits(conn: Connection, words: list[str], limit: int, part: bool) -> list[Hit]:
    hits = []
    for word in words:
        for r in rows.people_rows(conn, word, limit):
            tier = TIERS[rows.match(r["name"], word) or "contains"]
            about = About(titles=tuple(r["titles"] or ()), role=None if r["titles"] else r["role"],
                          where=reg.name(r["region"]) if r["region"] else None)
            hits.append(Hit("person", r["id"], r["name"], english("person", about),
                            _score(tier, True, r["sources"], part), about=about))
    return hits


def _text_hits(conn: Connection, words: list[str], whole: str, limit: int) -> list[Hit]:
    """Agreements whose title holds every word, and documents whose title or outlet does."""
    hits = []
    cache: dict[str, str | None] = {}
    found = rows.agreement_rows(conn, words, limit)
    prefetch(conn, [p for r in found for p in r["parties"]], cache)
    for r in found:
        tier = TIERS[rows.match(r["title"], whole) or "contains"]
        about = About(date=r["date"], parties=tuple((party(conn, p, cache) or {}).get("name") or p
                                                    for p in r["parties"]))
        hits.append(Hit("agreement", r["id"], r["title"], english("agreement", about), _score(tier, True, r["sources"]),
                        about=about))
    for r in rows.document_rows(conn, words, limit):
        how = rows.match(r["title"], whole)
        tier = TIERS[how] if how else (1 if rows.match(r["outlet"], whole) == "exact" else 2)
        about = About(published=r["published"], outlet=r["outlet"], side=r["side"],
                      status=None if r["status"] == "ok" else r["status"])
        hits.append(Hit("document", str(r["id"]), r["title"] or Path(r["source"]).name, english("document", about),
                        _score(tier, True, 0), about=about))
    return hits


def _by_id(conn: Connection, key: str) -> list[Hit]:
    found = rows.entity_by_id(conn, key)
    if found is None:
        return []
    kind, r = found
    label = {"pairing": f"{reg.name(r.get('helper'))} → {reg.name(r.get('recipient'))}",
             "person": str(r.get("name")), "agreement": str(r.get("title"))}[kind]
    return [Hit(kind, key, label, f"{kind} {key}", _score(0, True, int(r.get("sources") or 0)))]


def search(db: Db, q: str, limit: int = 20) -> list[Hit]:
    """What ``q`` names in the ledger (and regions the gazetteer knows), best first, at most ``limit``.

    Exact matches (a whole name, short form, code, title) come first, then prefixes, then any part;
    within each, what the ledger has facts for before what it has not, then the most reported. Each
    word of a several-word search is looked up on its own (ranked a step lower than a whole match),
    and two words also find the pairings between them. An empty search or a bad ``limit`` raises
    :class:`~duikou.services.lists.QueryError`.
    """
    if not isinstance(q, str) or not q.strip():
        raise QueryError("q", "the search is empty: type a name, a code or words of a title")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError("limit", f"{limit} is out of range (1–{MAX_LIMIT})")
    text = clean_text("q", q)
    words = list(dict.fromkeys(text.split()))
    n = limit * _CANDIDATES
    with engine_of(db) as eng, eng.connect() as conn:
        hits: list[Hit] = []
        if _ENTITY_ID.fullmatch(text):
            hits += _by_id(conn, text)
        whole = [text] if len(words) > 1 else words
        region_hits, exact = _region_hits(conn, whole, n, False)
        party_hits, party_exact = _party_hits(conn, whole, n, False)
        if len(words) > 1:  # each word on its own, below a match of the whole search
            more, exact = _region_hits(conn, words, n, True)
            region_hits += more
            more, party_exact = _party_hits(conn, words, n, True)
            party_hits += more
        hits += region_hits + party_hits
        hits += _pairing_hits(conn, [a | b for a, b in zip(exact, party_exact)], n)
        hits += _people_hits(conn, words, n, len(words) > 1)
        hits += _text_hits(conn, words, text, n)
    return _rank(hits)[:limit]


def _rank(hits: list[Hit]) -> list[Hit]:
    """Best first; one hit per kind and key (its best score)."""
    best: dict[tuple[str, str], Hit] = {}
    for h in hits:
        k = (h.kind, h.key)
        if k not in best or h.score > best[k].score:
            best[k] = h
    return sorted(best.values(), key=lambda h: (-h.score, HIT_KINDS.index(h.kind), h.label, h.key))
