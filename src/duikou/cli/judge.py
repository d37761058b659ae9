"""`duikou judge` records (or undoes) a human judgement that two facts or entities are the same or different;
`duikou judgements` lists the judgements made."""
from __future__ import annotations

import os

import click

from duikou.cli.options import DB, FORMAT
from duikou.cli.options import engine_for as _engine

AUTHOR = click.option("--author", default=None, metavar="NAME",
                      help="Who judges (kept with the judgement; default: $USER).")


def _author(given: str | None) -> str | None:
    return given or os.environ.get("USER") or os.environ.get("USERNAME") or None


@click.command()
@DB
@click.option("--undo", "undo_id", type=int, default=None, metavar="N", help="Reverse judgement N.")
@click.option("--reason", default=None, help="Why (kept with the judgement).")
@click.option("--force", is_flag=True,
              help="Merge ('same') even when the two disagree on what makes them one (other helpers, names...).")
@AUTHOR
@click.argument("args", nargs=-1)
def judge(db: str | None, undo_id: int | None, reason: str | None, force: bool, author: str | None,
          args: tuple[str, ...]) -> None:
    """Record that two facts or entities are the same or different: judge same|different ID ID."""
    from duikou.services import review

    who = _author(author)
    if undo_id is not None:
        if args:
            raise click.UsageError("--undo takes no other arguments")
        jid = review.undo_judgement(_engine(db), undo_id, reason, who)
        click.echo(f"judgement {jid}: undo {undo_id}")
        return
    if len(args) != 3 or args[0] not in ("same", "different"):
        raise click.UsageError("usage: duikou judge same|different ID ID, or duikou judge --undo N")
    jid = review.judge(_engine(db), args[0], args[1], args[2], reason, who, force)
    click.echo(f"judgement {jid}: {args[1]} {args[0]} {args[2]}")


JUDGEMENT_COLUMNS = ("id", "created", "author", "verdict", "kind", "left", "right", "undoes", "reason", "forced",
                     "undone", "undone_by")


@click.command()
@DB
@FORMAT
@click.option("--all", "include_auto", is_flag=True, help="Include the build's automatic merges (author: build).")
def judgements(db: str | None, fmt: str, include_auto: bool) -> None:
    """List past judgements: author, time, verdict, kind, the two ids, reason, and whether undone."""
    from duikou.cli.render import emit
    from duikou.services import review

    rows = review.judgements(_engine(db), include_auto)
    emit(rows, fmt, JUDGEMENT_COLUMNS, title=f"{len(rows)} judgements")


COMMANDS: list[click.Command] = [judge, judgements]
