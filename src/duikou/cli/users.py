"""`duikou users add|list|set-role|remove`: the web app's accounts, kept in the ledger."""
from __future__ import annotations

import sys
from typing import Any

import click

from duikou.cli.options import DB, FORMAT
from duikou.cli.options import engine_for as _engine


class _Roles(click.Choice):  # type: ignore[type-arg]
    """The roles (``services.users.ROLES``), read only when a ``users`` command is run or its help shown,
    so that ``duikou --help`` does not load the database layer."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from duikou.services.users import ROLES

        return ROLES

    @choices.setter
    def choices(self, value: Any) -> None:  # click's __init__ assigns; the roles are the service's
        pass


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise click.UsageError("--password-stdin: no password on standard input")
        return line.rstrip("\r\n")
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@click.group()
def users() -> None:
    """Accounts of the web app (duikou serve): viewer < curator < admin."""


@users.command("add")
@DB
@click.argument("name")
@click.option("--role", type=_Roles(), required=True, help="What the account may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input "
              "(else it is asked twice, hidden).")
def add(db: str | None, name: str, role: str, password_stdin: bool) -> None:
    """Make an account NAME with ROLE (the password: at least 8 characters)."""
    from duikou.services import users as accounts

    eng = _engine(db)
    password = _password(password_stdin)
    made = accounts.add_user(eng, name, password, role)
    click.echo(f"user {made.name} added ({made.role})")


@users.command("list")
@DB
@FORMAT
def list_(db: str | None, fmt: str) -> None:
    """Every account: name, role, created, live sessions."""
    from duikou.cli.render import emit
    from duikou.services import users as accounts

    rows = [{"name": a.name, "role": a.role, "created": a.created, "sessions": a.sessions}
            for a in accounts.list_users(_engine(db))]
    emit(rows, fmt, ("name", "role", "created", "sessions"), title=f"{len(rows)} users")


@users.command("set-role")
@DB
@click.argument("name")
@click.argument("role", type=_Roles())
def set_role(db: str | None, name: str, role: str) -> None:
    """Give NAME the role ROLE (from their next request on)."""
    from duikou.services import users as accounts

    changed = accounts.set_role(_engine(db), name, role)
    click.echo(f"user {changed.name} is now {changed.role}")


@users.command("remove")
@DB
@click.argument("name")
def remove(db: str | None, name: str) -> None:
    """Delete NAME's account; their sessions end at once."""
    from duikou.services import users as accounts

    accounts.remove_user(_engine(db), name)
    click.echo(f"user {name} removed")
