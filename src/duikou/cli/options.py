"""Options shared by the commands that open a ledger (their errors end at the one boundary in ``duikou.cli``).

The choices of a fact property (programmes, event types, roles) are the schema's enums
(``schema/facts.yaml``), never listed here: :func:`choice`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import click

from duikou.schema import enum

if TYPE_CHECKING:
    from sqlalchemy import Engine

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                      show_default=True, help="Output format (json and csv for scripts).")
DB = click.option("--db", "db", metavar="URL", default=None,
                  help="Ledger database URL (else DUIKOU_DB, else sqlite:///duikou.db).")


def choice(kind: str, prop: str) -> "click.Choice[str]":
    """The values of ``kind``'s property ``prop`` as a click choice (the schema's enum, in its order)."""
    return click.Choice(list(enum(kind, prop)))


PROGRAM = click.option("--program", default=None, type=choice("pairings", "program"))
EVENT_TYPE = click.option("--type", "type_", default=None, type=choice("events", "type"))


def engine_for(db: str | None, create: bool = False) -> Engine:
    """The ledger engine of ``--db`` (else DUIKOU_DB, else the default URL).

    Only ``build`` and ``db upgrade`` make a new SQLite ledger (``create``); any other command given a
    file that does not exist stops, so a mistyped ``--db`` is an error, not a silent empty ledger.
    """
    from duikou.ledger.db import engine
    from duikou.settings import db_url

    url = db_url(db)
    if not create:
        _require_existing(url)
    return engine(url)


def _require_existing(url: str) -> None:
    from pathlib import Path

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from duikou.errors import ConfigError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # the engine reports an unusable URL in its own words
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:") \
            and not parsed.database.startswith("file:") and not Path(parsed.database).exists():
        raise ConfigError(f"no ledger at {url} (make one with `duikou build --db {url} PATH...`, or check --db)")


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback: ``value`` must be a real calendar day written YYYY-MM-DD."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a day (YYYY-MM-DD)") from None
