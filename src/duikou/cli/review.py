"""`duikou review` reviews extracted facts (the queue; accept, correct, reject, undo; a fact's history) and
`duikou audit` lists what people did to the ledger (reviews, judgements, retractions), newest first."""
from __future__ import annotations

import json
from typing import Any

import click

from duikou.cli.judge import AUTHOR, _author
from duikou.cli.options import DB, FORMAT
from duikou.cli.options import engine_for as _engine
from duikou.schema import FACT_KINDS

REASON = click.option("--reason", default=None, help="Why (kept with the review).")
KIND = click.option("--kind", default=None, type=click.Choice(list(FACT_KINDS)), help="Only facts of this kind.")
QUEUE_COLUMNS = ("fact", "kind", "description", "confidence", "sources", "review", "published", "quote")
HISTORY_COLUMNS = ("id", "created", "author", "action", "field", "before", "after", "undoes", "reason", "undone_by")
AUDIT_COLUMNS = ("created", "author", "log", "id", "action", "kind", "target", "other", "field", "before", "after",
                 "reason")


@click.group()
def review() -> None:
    """Review extracted facts: the queue, then accept, correct or reject each (every review can be undone)."""


@review.command("queue")
@DB
@FORMAT
@KIND
@click.option("--state", default="unreviewed", show_default=True,
              type=click.Choice(["unreviewed", "accepted", "corrected", "rejected", "all"]))
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 1000), help="Facts per page.")
@click.option("--offset", default=0, type=click.IntRange(0), help="Facts to skip (the next page).")
def queue(db: str | None, fmt: str, kind: str | None, state: str, limit: int, offset: int) -> None:
    """Facts to review, lowest confidence and most cited first, each with the sentence it was read from."""
    from duikou.cli.render import emit
    from duikou.services import review as svc

    rows, total = svc.review_queue(_engine(db), kind, state, limit, offset)
    shown = [{**r, "published": r["document"]["published"]} for r in rows]
    first = offset + 1 if rows else offset
    emit(shown, fmt, QUEUE_COLUMNS, title=f"facts {first}-{offset + len(rows)} of {total} ({state})",
         whole={"total": total, "offset": offset, "rows": rows})


@review.command("accept")
@DB
@click.argument("fact")
@REASON
@AUTHOR
def accept(db: str | None, fact: str, reason: str | None, author: str | None) -> None:
    """Record that FACT is right."""
    from duikou.services import review as svc

    rid = svc.accept_fact(_engine(db), fact, _author(author), reason)
    click.echo(f"review {rid}: {fact} accepted")


@review.command("reject")
@DB
@click.argument("fact")
@REASON
@AUTHOR
def reject(db: str | None, fact: str, reason: str | None, author: str | None) -> None:
    """Record that FACT is wrong: its entity no longer counts it (undo brings it back)."""
    from duikou.services import review as svc

    rid = svc.reject_fact(_engine(db), fact, _author(author), reason)
    click.echo(f"review {rid}: {fact} rejected")


@review.command("correct")
@DB
@click.argument("fact")
@click.argument("field")
@click.argument("value")
@REASON
@AUTHOR
def correct(db: str | None, fact: str, field: str, value: str, reason: str | None, author: str | None) -> None:
    """Set property FIELD of FACT to VALUE (read as JSON when it is JSON: 2019, true, null, ["a","b"];
    else as text). A fact whose merge key changes moves to the entity it now names."""
    from duikou.services import review as svc

    parsed = parse_value(value)
    rid = svc.correct_fact(_engine(db), fact, field, parsed, _author(author), reason)
    click.echo(f"review {rid}: {fact} {field} = {json.dumps(parsed, ensure_ascii=False)}")


def parse_value(value: str) -> Any:
    """VALUE as JSON when it parses, else the text itself (a name needs no quotes)."""
    try:
        return json.loads(value)
    except ValueError:
        return value


@review.command("undo")
@DB
@click.argument("review_id", metavar="REVIEW", type=int)
@REASON
@AUTHOR
def undo(db: str | None, review_id: int, reason: str | None, author: str | None) -> None:
    """Reverse review REVIEW (a correction's old value comes back; an accept or reject no longer counts)."""
    from duikou.services import review as svc

    rid = svc.undo_review(_engine(db), review_id, _author(author), reason)
    click.echo(f"review {rid}: undo {review_id}")


@review.command("history")
@DB
@FORMAT
@click.argument("fact")
def history(db: str | None, fmt: str, fact: str) -> None:
    """Every review of FACT, oldest first, and which were undone."""
    from duikou.cli.render import emit
    from duikou.services import review as svc

    rows = svc.fact_history(_engine(db), fact)
    emit(rows, fmt, HISTORY_COLUMNS, title=f"{len(rows)} reviews of {fact}")


@click.command()
@DB
@FORMAT
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0), help="Entries per page.")
@click.option("--offset", default=0, type=click.IntRange(0), help="Entries to skip (the next page).")
@click.option("--author", default=None, help="Only this author's (build: the build's own retractions).")
@click.option("--kind", default=None, type=click.Choice([*FACT_KINDS, "documents"]),
              help="Only entries about facts of this kind (documents: retractions).")
@click.option("--log", default=None, type=click.Choice(["review", "judgement", "retraction"]),
              help="Only reviews, judgements or retractions.")
def audit(db: str | None, fmt: str, limit: int, offset: int, author: str | None, kind: str | None,
          log: str | None) -> None:
    """What people did to the ledger, newest first: reviews, judgements and retractions, with author, time,
    reason, and before and after."""
    from duikou.cli.render import emit
    from duikou.services import review as svc

    rows, total = svc.audit_log(_engine(db), limit, offset, author, kind, log)
    emit(rows, fmt, AUDIT_COLUMNS, title=f"{len(rows)} of {total} entries",
         whole={"total": total, "offset": offset, "rows": rows})


COMMANDS: list[click.Command] = [review, audit]
