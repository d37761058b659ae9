"""Options and the error boundary shared by the commands that open a ledger."""
from __future__ import annotations

import sys
from typing import Any, Callable

import click

from duikou.errors import DuikouError

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                      show_default=True, help="Output format (json and csv for scripts).")
DB = click.option("--db", "db", metavar="URL", default=None,
                  help="Ledger database URL (else DUIKOU_DB, else sqlite:///duikou.db).")


def engine_for(db: str | None):  # type: ignore[no-untyped-def]
    """The ledger engine of ``--db`` (else DUIKOU_DB, else the default URL)."""
    from duikou.ledger.db import engine
    from duikou.settings import db_url

    return engine(db_url(db))


def run_or_exit(fn: Callable[[], Any]) -> Any:
    """Turn duikou's own errors into a one-line message and exit status 1."""
    try:
        return fn()
    except DuikouError as err:
        click.echo(f"duikou: {err}", err=True)
        sys.exit(1)
