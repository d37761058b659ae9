"""Ledger commands (build, retract, problems, db, pairings, show, events, sources, documents, stats).

Thin wrappers over :mod:`duikou.services` (build, views, review); the layout is
:mod:`duikou.cli.render`'s. ``judge`` lives in :mod:`duikou.cli.judge`,
``export`` in :mod:`duikou.cli.export`.
"""
from __future__ import annotations

import sys

import click

from duikou.cli.options import DB, EVENT_TYPE, FORMAT, PROGRAM, iso_date
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
    from duikou.cli.progress import TerminalEvents
    from duikou.services import build as run_build
    from duikou.settings import db_url

    summary = run_build(list(paths), db_url(db), TerminalEvents(quiet=quiet), keep_offtopic=keep_offtopic,
                        prune=prune)
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
    from duikou.services import review
    from duikou.services.build import prune, undo_retraction
    from duikou.settings import db_url

    if sum([missing, undo is not None, show_list, source is not None]) != 1:
        raise click.UsageError("retract needs one of SOURCE, --missing, --undo N, --list")
    url = db_url(db)
    if show_list:
        from duikou.cli.render import emit

        rows = review.retractions(_engine(db))
        emit(rows, "table", ["id", "action", "undoes", "auto", "source", "status", "reason", "created"],
             "retractions")
        return
    if undo is not None:
        from duikou.cli.progress import TerminalEvents

        src, status = undo_retraction(url, undo, TerminalEvents(), reason=reason)
        click.echo(f"retraction {undo} undone: {src} is back ({status})")
        return
    if missing:
        done = prune(url, reason)
        for rid, src in done:
            click.echo(f"retraction {rid}: {src}")
        click.echo(f"{len(done)} reports retracted (their files are gone)")
        return
    assert source is not None
    for retraction, what, _doc in review.retract(url, source, reason):
        click.echo(f"retraction {retraction}: {what}" if retraction is not None else f"already retracted: {what}")


@click.command()
@DB
@FORMAT
@click.option("--all", "every_run", is_flag=True, help="The problems of every build, not only the latest.")
def problems(db: str | None, fmt: str, every_run: bool) -> None:
    """What builds could not use: rejected inputs (path, reason, time) and reports whose extraction failed."""
    from duikou.cli.render import emit
    from duikou.services import views

    rows = views.problems(_engine(db), every_run)
    emit(rows, fmt, ["when", "what", "source", "line", "reason"], "problems")


@click.group("db")
def db_group() -> None:
    """Manage the ledger database."""


@db_group.command("upgrade")
@DB
def db_upgrade(db: str | None) -> None:
    """Apply pending schema migrations (done automatically on first use too)."""
    from duikou.services.connect import revision

    click.echo(f"ledger schema at revision {revision(_engine(db, create=True))}")


@click.command()
@DB
@FORMAT
@click.option("--province", default=None, help="Only pairings with a side in this province (name or code).")
@PROGRAM
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
    from duikou.cli.render import emit
    from duikou.services import views

    rows = views.pairings(_engine(db), province, program, since, relations)
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
    from duikou.cli.render import profile
    from duikou.services import views

    profile(views.show(_engine(db), name_or_code, limit), fmt)


@click.command()
@DB
@FORMAT
@click.option("--from", "date_from", default=None, metavar="DATE", callback=iso_date, help="Earliest date (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, metavar="DATE", callback=iso_date, help="Latest date (YYYY-MM-DD).")
@EVENT_TYPE
def events(db: str | None, fmt: str, date_from: str | None, date_to: str | None, type_: str | None) -> None:
    """Events in date order, each with every report that tells it."""
    from duikou.cli.render import emit
    from duikou.services import views

    rows = views.events(_engine(db), date_from, date_to, type_)
    emit(rows, fmt, ["id", "date", "type", "helper", "recipient", "place", "leaders", "source_count", "sources"],
         "events")


@click.command()
@DB
@FORMAT
@click.argument("fact_id")
def sources(db: str | None, fmt: str, fact_id: str) -> None:
    """The reports, spans and extractors behind a fact or an entity."""
    from duikou.cli.render import emit
    from duikou.services import views

    rows = views.sources(_engine(db), fact_id)
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
    from duikou.cli.render import emit
    from duikou.services import views

    rows = views.documents(_engine(db), status, limit)
    emit(rows, fmt, ["id", "source", "published", "title", "status", "on_topic", "topic_score", "reason"],
         "documents")


@click.command()
@DB
@FORMAT
def stats(db: str | None, fmt: str) -> None:
    """How much the ledger holds."""
    from duikou.cli.render import emit
    from duikou.services import views

    st = views.stats(_engine(db))
    emit([{"what": k, "count": v} for k, v in st.items()], fmt, ["what", "count"], "ledger", whole=st)


COMMANDS: list[click.Command] = [build, retract, problems, db_group, pairings, show, events, sources, documents,
                                 stats]
