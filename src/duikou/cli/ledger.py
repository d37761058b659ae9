"""Ledger commands (build, retract, problems, db, pairings, show, events, sources, documents, stats).

Thin wrappers: the work is in :mod:`duikou.services.build`, :mod:`duikou.ledger.queries`
and :mod:`duikou.ledger.resolve`. ``judge`` lives in :mod:`duikou.cli.judge`,
``export`` in :mod:`duikou.cli.export`.
"""
from __future__ import annotations

import sys
from typing import Any

import click

from duikou.cli.options import DB, FORMAT, iso_date
from duikou.cli.options import engine_for as _engine

@click.command()
@DB
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--keep-offtopic", is_flag=True,
              help="Store reports that are not about paired assistance too (by default they are kept out: "
                   "counted, and listed by `duikou documents --offtopic`).")
@click.option("--prune", is_flag=True,
              help="Also retract the stored reports whose files are gone (reversible: duikou retract --undo).")
@click.argument("paths", nargs=-1, required=True)
def build(db: str | None, quiet: bool, keep_offtopic: bool, prune: bool, paths: tuple[str, ...]) -> None:
    """Ingest, extract and store reports (incremental: unchanged reports are skipped).

    PATHS are files, directories, globs or - (stdin). A report is known by its
    file's resolved location (a JSONL record by its id or url, else its text),
    whatever path reached it. Inputs that cannot be used are reported, recorded
    (duikou problems) and skipped; the exit status is 1 when any input was
    rejected or any report failed. Reports judged off topic (doc.topic of
    `duikou extract`) are kept out of the ledger unless --keep-offtopic; of a
    report on topic only in passages only those passages' facts are stored.
    """
    from duikou.services.build import build as run_build
    from duikou.runreport import RunReport
    from duikou.settings import db_url

    report = RunReport(quiet=quiet)
    summary = run_build(list(paths), db_url(db), report, keep_offtopic=keep_offtopic, prune=prune)
    if not quiet:
        click.echo(summary.line(), err=True)
    if not summary.ok:
        sys.exit(1)


@click.command()
@DB
@click.option("--missing", is_flag=True, help="Retract every stored report whose file is gone.")
@click.option("--undo", type=click.IntRange(min=1), default=None, metavar="N",
              help="Put back the report of retraction N (its text is extracted and stored again).")
@click.option("--reason", default=None, help="Why (kept with the retraction).")
@click.option("--list", "show_list", is_flag=True, help="List every retraction and undoing.")
@click.argument("source", required=False)
def retract(db: str | None, missing: bool, undo: int | None, reason: str | None, show_list: bool,
            source: str | None) -> None:
    """Take a report's facts out of the ledger (recorded, reversible with --undo N).

    SOURCE is a document id, a stored source (as `duikou documents` shows it)
    or a file (every report read from it). Entities the report supported lose
    it as a source. A build leaves a retracted report out until --undo.
    """
    from duikou.services import build as lb
    from duikou.settings import db_url

    if sum([missing, undo is not None, show_list, source is not None]) != 1:
        raise click.UsageError("retract needs one of SOURCE, --missing, --undo N, --list")
    url = db_url(db)
    if show_list:
        from duikou.ledger.documents import list_retractions
        from duikou.cli.render import emit

        rows = list_retractions(_engine(db))
        emit(rows, "table", ["id", "action", "undoes", "auto", "source", "status", "reason", "created"],
             "retractions")
        return
    if undo is not None:
        from duikou.runreport import RunReport

        src, status = lb.undo_retraction(url, undo, RunReport(), reason=reason)
        click.echo(f"retraction {undo} undone: {src} is back ({status})")
        return
    if missing:
        from duikou.ledger.store import Ledger

        ledger = Ledger(url)
        try:
            done = lb.retract_missing(ledger, reason or "file is gone")
        finally:
            ledger.close()
        for rid, src in done:
            click.echo(f"retraction {rid}: {src}")
        click.echo(f"{len(done)} reports retracted (their files are gone)")
        return
    assert source is not None
    results = lb.retract(url, source, reason)
    for rid, src, _doc in results:
        click.echo(f"retraction {rid}: {src}" if rid is not None else f"already retracted: {src}")


@click.command()
@DB
@FORMAT
@click.option("--all", "every_run", is_flag=True, help="The problems of every build, not only the latest.")
def problems(db: str | None, fmt: str, every_run: bool) -> None:
    """What builds could not use: rejected inputs (path, reason, time) and reports whose extraction failed."""
    from duikou.ledger.documents import list_problems
    from duikou.cli.render import emit

    rows = list_problems(_engine(db), every_run)
    emit(rows, fmt, ["when", "what", "source", "line", "reason"], "problems")


@click.group("db")
def db_group() -> None:
    """Manage the ledger database."""


@db_group.command("upgrade")
@DB
def db_upgrade(db: str | None) -> None:
    """Apply pending schema migrations (done automatically on first use too)."""
    from duikou.ledger.db import current_revision

    eng = _engine(db, create=True)
    click.echo(f"ledger schema at revision {current_revision(eng)}")


@click.command()
@DB
@FORMAT
@click.option("--province", default=None, help="Only pairings with a side in this province (name or code).")
@click.option("--program", default=None,
              type=click.Choice(["east_west", "intra_province", "counterpart_support", "designated", "unspecified"]))
@click.option("--since", type=int, default=None, help="Only pairings that started in this year or later.")
@click.option("--relations", is_flag=True,
              help="Also list relief (驰援, disaster or epidemic response) and one-off donation relations.")
def pairings(db: str | None, fmt: str, province: str | None, program: str | None, since: int | None,
             relations: bool) -> None:
    """Standing pairings: helper, recipient, program, start year, number of sources.

    A pairing is its helper, recipient and relation; its program is the one
    most of its reports name. program_conflict says reports name two (JSON
    output: ``programs``, how many reports name each).
    """
    from duikou.ledger import queries
    from duikou.cli.render import emit

    rows = queries.list_pairings(_engine(db), province, program, since, relations)
    cols = (["id", "helper", "recipient", "program", "program_conflict", "since"]
            + (["relation"] if relations else []) + ["source_count"])
    emit(rows, fmt, cols, "pairings")


@click.command()
@DB
@FORMAT
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Lines per section (the latest events, money, counts, agreements); totals are shown.")
@click.argument("name_or_code")
def show(db: str | None, fmt: str, limit: int, name_or_code: str) -> None:
    """A region's or party's profile, every line with its sources."""
    from duikou.ledger import queries
    from duikou.cli.render import emit

    prof = queries.show(_engine(db), name_or_code, limit)
    sections = {
        "partners": ["direction", "partner", "program", "since", "sources"],
        "events": ["date", "type", "helper", "recipient", "leaders", "accounts", "sources"],
        "agreements": ["date", "title", "parties", "sources"],
        "money": ["date", "role", "status", "value", "cumulative", "payer", "payee", "conflict", "sources"],
        "counts": ["period", "role", "value", "unit", "sources"],
        "people": ["name", "titles", "sources"],
    }
    if fmt == "json":
        emit([], "json", [], whole=prof)
        return
    if fmt == "csv":
        flat = [{"section": sec, "id": r["id"], "what": _describe(sec, r), "sources": r["sources"]}
                for sec in sections for r in prof[sec]]
        emit(flat, "csv", ["section", "id", "what", "sources"])
        return
    from duikou.cli.render import cell

    click.echo(" / ".join(cell(p) + f" ({p['id']})" for p in prof["parties"]))
    for sec, cols in sections.items():
        rows = [dict(r) for r in prof[sec]]
        for r in rows:
            if sec == "events":
                r["accounts"] = ", ".join(f"{k}: {len(v)}" for k, v in r["accounts"].items() if v)
            if sec == "people":
                r["titles"] = "; ".join(f"{'、'.join(t['titles'])} ({t['from']}" +
                                        (f"–{t['to']})" if t["to"] != t["from"] else ")") for t in r["titles"])
            if sec == "money" and r["conflict"]:
                r["conflict"] = "disagrees"
            if sec == "partners" and r["program_conflict"]:
                r["program"] = _disputed(r)
        if rows:
            total = prof["totals"][sec]
            emit(rows, "table", cols, sec if total == len(rows) else f"{sec} ({len(rows)} of {total:,})")


def _disputed(r: dict[str, Any]) -> str:
    """A pairing's programme when reports disagree on it: the one kept, and what the others say."""
    others = ", ".join(f"{name} {n}" for name, n in sorted(r["programs"].items()) if name != r["program"])
    return f"{r['program']} (disputed: {others})"


def _describe(section: str, r: dict[str, Any]) -> str:
    from duikou.cli.render import cell

    if section == "partners":
        program = _disputed(r) if r["program_conflict"] else r["program"]
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


@click.command()
@DB
@FORMAT
@click.option("--from", "date_from", default=None, metavar="DATE", callback=iso_date, help="Earliest date (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, metavar="DATE", callback=iso_date, help="Latest date (YYYY-MM-DD).")
@click.option("--type", "type_", default=None, type=click.Choice(["visit", "meeting", "signing", "funds",
                                                                  "condolence"]))
def events(db: str | None, fmt: str, date_from: str | None, date_to: str | None, type_: str | None) -> None:
    """Events in date order, each with every report that tells it."""
    from duikou.ledger import queries
    from duikou.cli.render import emit

    rows = queries.list_events(_engine(db), date_from, date_to, type_)
    emit(rows, fmt, ["id", "date", "type", "helper", "recipient", "place", "leaders", "source_count", "sources"],
         "events")


@click.command()
@DB
@FORMAT
@click.argument("fact_id")
def sources(db: str | None, fmt: str, fact_id: str) -> None:
    """The reports, spans and extractors behind a fact or an entity."""
    from duikou.ledger import queries
    from duikou.cli.render import emit

    rows = queries.sources(_engine(db), fact_id)
    emit(rows, fmt, ["fact", "kind", "source", "published", "side", "start", "end", "quote", "extractor",
                     "confidence"], "sources")


@click.command()
@DB
@FORMAT
@click.option("--offtopic", "status", flag_value="offtopic", default=None,
              help="Only the reports kept out as off topic, with the verdict's score and reason.")
@click.option("--failed", "status", flag_value="failed", help="Only the reports whose extraction failed.")
@click.option("--stored", "status", flag_value="ok", help="Only the reports stored with their facts.")
@click.option("--retracted", "status", flag_value="retracted",
              help="Only the reports retracted (duikou retract --list shows why and when).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N lines.")
def documents(db: str | None, fmt: str, status: str | None, limit: int | None) -> None:
    """The reports the ledger has seen: status (ok, failed, offtopic, retracted) and relevance verdict."""
    from duikou.ledger.documents import list_documents
    from duikou.cli.render import emit

    rows = list_documents(_engine(db), status, limit)
    emit(rows, fmt, ["id", "source", "published", "title", "status", "on_topic", "topic_score", "reason"],
         "documents")


@click.command()
@DB
@FORMAT
def stats(db: str | None, fmt: str) -> None:
    """How much the ledger holds."""
    from duikou.ledger import queries
    from duikou.cli.render import emit

    st = queries.stats(_engine(db))
    emit([{"what": k, "count": v} for k, v in st.items()], fmt, ["what", "count"], "ledger", whole=st)


COMMANDS: list[click.Command] = [build, retract, problems, db_group, pairings, show, events, sources, documents,
                                 stats]
