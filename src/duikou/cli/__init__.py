"""The ``duikou`` command group. Subcommands are thin wrappers over library functions.

Each package owns its commands in a ``commands.py`` module; this file only
assembles them. Command modules import heavy libraries inside the command
functions so that ``duikou --help`` stays fast.
"""
from __future__ import annotations

import os
import sys
from typing import Any

import click

from duikou import __version__


class _Group(click.Group):
    """The one error boundary: whatever a command raises ends as one line on stderr, never a traceback.

    duikou's own errors (:class:`duikou.errors.DuikouError`) say what is wrong with which input; an
    operating-system error names the path; anything else is a programming error, reported in one line
    with its type (``DUIKOU_DEBUG=1`` re-raises it to show the traceback).
    """

    def invoke(self, ctx: click.Context) -> Any:
        from duikou.errors import ConfigError, DuikouError

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("duikou: interrupted", err=True)
            sys.exit(130)
        except ConfigError as err:
            click.echo(f"duikou: {err}", err=True)
            sys.exit(2)
        except DuikouError as err:
            click.echo(f"duikou: {err}", err=True)
            sys.exit(1)
        except OSError as err:
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            click.echo(f"duikou: {where}{err.strerror or err}", err=True)
            sys.exit(1)
        except Exception as err:  # noqa: BLE001 - the boundary of the whole program
            db_error = _database_error(err)
            if db_error:
                click.echo(f"duikou: the ledger database refused: {db_error}", err=True)
                sys.exit(1)
            if os.environ.get("DUIKOU_DEBUG"):
                raise
            click.echo(f"duikou: internal error ({type(err).__name__}): {err} (DUIKOU_DEBUG=1 shows where)",
                       err=True)
            sys.exit(70)


def _database_error(err: Exception) -> str | None:
    """The driver's own message when ``err`` comes from the database (a file that is no database, a
    server that is down), else None. SQLAlchemy is imported only when such an error has happened."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import SQLAlchemyError

    if not isinstance(err, SQLAlchemyError):
        return None
    orig = getattr(err, "orig", None)
    return " ".join(str(orig if orig is not None else err).split())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="duikou")
def main() -> None:
    """duikou: paired-assistance reports in, an evidence-backed ledger out."""


def _register() -> None:
    from duikou.cli.ingest import ingest
    from duikou.cli.extract import extract
    from duikou.cli.ledger import COMMANDS as ledger_commands
    from duikou.cli.judge import COMMANDS as judge_commands
    from duikou.cli.export import export
    from duikou.cli.demo import demo
    from duikou.cli.serve import serve
    from duikou.cli.users import users
    from duikou.cli.review import COMMANDS as review_commands
    from duikou.cli.records import records
    from duikou.cli.targets import targets
    from duikou.cli.report import report
    from duikou.cli.batch import batch

    main.add_command(ingest)
    main.add_command(extract)
    for cmd in ledger_commands:
        main.add_command(cmd)
    for cmd in judge_commands:
        main.add_command(cmd)
    main.add_command(export)
    main.add_command(demo)
    main.add_command(serve)
    main.add_command(users)
    for cmd in review_commands:
        main.add_command(cmd)
    main.add_command(records)
    main.add_command(targets)
    main.add_command(report)
    main.add_command(batch)


_register()
