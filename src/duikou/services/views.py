"""What the ledger's readers see, as plain data: a party's profile in sections, and the lists (pairings,
events, sources, documents, problems, stats). The CLI renders these as tables, JSON or CSV; a web page
renders the same."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from duikou.ledger import documents as ledger_documents
from duikou.ledger import queries
from duikou.services.connect import Db, engine_of
from duikou.services.text import cell

# A profile's sections in the order shown, each with the columns of its table.
SECTIONS: dict[str, tuple[str, ...]] = {
    "partners": ("direction", "partner", "program", "since", "sources"),
    "events": ("date", "type", "helper", "recipient", "leaders", "accounts", "sources"),
    "agreements": ("date", "title", "parties", "sources"),
    "money": ("date", "role", "status", "value", "cumulative", "payer", "payee", "conflict", "sources"),
    "counts": ("period", "role", "value", "unit", "sources"),
    "people": ("name", "titles", "sources"),
}


@dataclass(frozen=True)
class Section:
    """One section of a profile: its rows as the ledger gives them, and how many there are in all."""

    name: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    total: int

    @property
    def title(self) -> str:
        """The name, saying how many lines a ``--limit`` left out."""
        shown = len(self.rows)
        return self.name if self.total == shown else f"{self.name} ({shown} of {self.total:,})"

    def shown(self) -> list[dict[str, Any]]:
        """The rows with the text a table shows for accounts, titles held, disputes."""
        return [_shown(self.name, r) for r in self.rows]

    def lines(self) -> list[dict[str, Any]]:
        """One line a row: its id, what it says in a few words, its sources."""
        return [{"section": self.name, "id": r["id"], "what": describe(self.name, r), "sources": r["sources"]}
                for r in self.rows]


@dataclass(frozen=True)
class Profile:
    """A region's or party's profile: the parties the query named, then the sections; ``data`` whole."""

    query: str
    parties: list[dict[str, Any]]
    sections: list[Section]
    data: dict[str, Any]


def show(db: Db, name_or_code: str, limit: int | None = None) -> Profile:
    """The profile of the region or party ``name_or_code``, each section at most ``limit`` lines."""
    with engine_of(db) as eng:
        prof = queries.show(eng, name_or_code, limit)
    sections = [Section(name, cols, prof[name], prof["totals"][name]) for name, cols in SECTIONS.items()]
    return Profile(prof["query"], prof["parties"], sections, prof)


def disputed(r: dict[str, Any]) -> str:
    """A pairing's programme when reports disagree on it: the one kept, and what the others say."""
    others = ", ".join(f"{name} {n}" for name, n in sorted(r["programs"].items()) if name != r["program"])
    return f"{r['program']} (disputed: {others})"


def _held(t: dict[str, Any]) -> str:
    """Titles held and when: ``A、B (2019–2021)``, one year when it starts and ends in it."""
    return f"{'、'.join(t['titles'])} ({t['from']}" + (f"–{t['to']})" if t["to"] != t["from"] else ")")


def _shown(section: str, row: dict[str, Any]) -> dict[str, Any]:
    r = dict(row)
    if section == "events":
        r["accounts"] = ", ".join(f"{k}: {len(v)}" for k, v in r["accounts"].items() if v)
    elif section == "people":
        r["titles"] = "; ".join(_held(t) for t in r["titles"])
    elif section == "money" and r["conflict"]:
        r["conflict"] = "disagrees"
    elif section == "partners" and r["program_conflict"]:
        r["program"] = disputed(r)
    return r


def describe(section: str, r: dict[str, Any]) -> str:
    """A profile row in a few words (the CSV form of ``show``)."""
    if section == "partners":
        program = disputed(r) if r["program_conflict"] else r["program"]
        return f"{r['direction']} {cell(r['partner'])} {program} since {cell(r['since'])}"
    if section == "events":
        return f"{cell(r['date'])} {r['type']} {cell(r['helper'])}->{cell(r['recipient'])}"
    if section == "agreements":
        return f"{cell(r['date'])} {r['title']}"
    if section == "money":
        return (f"{cell(r['date'])} {r['role']} {cell(r['value'])} {cell(r['payer'])}->{cell(r['payee'])}"
                + (" cumulative" if r["cumulative"] else "") + (" CONFLICT" if r["conflict"] else ""))
    if section == "counts":
        return f"{cell(r['period'])} {r['role']} {cell(r['value'])}{cell(r['unit'])}"
    return f"{r['name']} " + "; ".join("、".join(t["titles"]) + f" {t['from']}" for t in r["titles"])


def pairings(db: Db, province: str | None = None, program: str | None = None, since: int | None = None,
             relations: bool = False) -> list[dict[str, Any]]:
    """Standing pairings (with relief and one-off donation ``relations`` too), filtered as asked."""
    with engine_of(db) as eng:
        return queries.list_pairings(eng, province, program, since, relations)


def events(db: Db, date_from: str | None = None, date_to: str | None = None,
           type_: str | None = None) -> list[dict[str, Any]]:
    """Events in date order, each with every report that tells it."""
    with engine_of(db) as eng:
        return queries.list_events(eng, date_from, date_to, type_)


def sources(db: Db, fact_or_entity: str) -> list[dict[str, Any]]:
    """The reports, spans and extractors behind a fact or an entity."""
    with engine_of(db) as eng:
        return queries.sources(eng, fact_or_entity)


def documents(db: Db, status: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The reports the ledger has seen (of one ``status`` when given), with their relevance verdict."""
    with engine_of(db) as eng:
        return ledger_documents.list_documents(eng, status, limit)


def problems(db: Db, every_run: bool = False) -> list[dict[str, Any]]:
    """What the latest build (every build: ``every_run``) could not use, and the reports that failed."""
    with engine_of(db) as eng:
        return ledger_documents.list_problems(eng, every_run)


def stats(db: Db) -> dict[str, Any]:
    """How much the ledger holds."""
    with engine_of(db) as eng:
        return queries.stats(eng)
