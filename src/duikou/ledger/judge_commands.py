"""`duikou judge`: record (or undo) a human judgement that two facts or entities are the same or different."""
from __future__ import annotations

import click

from duikou.ledger.cliopts import DB
from duikou.ledger.cliopts import engine_for as _engine
from duikou.ledger.cliopts import run_or_exit as _run


@click.command()
@DB
@click.option("--undo", "undo_id", type=int, default=None, metavar="N", help="Reverse judgement N.")
@click.option("--reason", default=None, help="Why (kept with the judgement).")
@click.argument("args", nargs=-1)
def judge(db: str | None, undo_id: int | None, reason: str | None, args: tuple[str, ...]) -> None:
    """Record that two facts or entities are the same or different: judge same|different ID ID."""
    from duikou.ledger import resolve

    if undo_id is not None:
        if args:
            raise click.UsageError("--undo takes no other arguments")
        jid = _run(lambda: resolve.undo(_engine(db), undo_id, reason))
        click.echo(f"judgement {jid}: undo {undo_id}")
        return
    if len(args) != 3 or args[0] not in ("same", "different"):
        raise click.UsageError("usage: duikou judge same|different ID ID, or duikou judge --undo N")
    jid = _run(lambda: resolve.judge(_engine(db), args[0], args[1], args[2], reason))
    click.echo(f"judgement {jid}: {args[1]} {args[0]} {args[2]}")
