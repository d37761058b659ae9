"""The ``duikou`` command group. Subcommands are thin wrappers over library functions.

Each package owns its commands in a ``commands.py`` module; this file only
assembles them. Command modules import heavy libraries inside the command
functions so that ``duikou --help`` stays fast.
"""
from __future__ import annotations

import click

from duikou import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="duikou")
def main() -> None:
    """duikou: paired-assistance reports in, an evidence-backed ledger out."""


def _register() -> None:
    from duikou.ingest.commands import ingest
    from duikou.extract.commands import extract
    from duikou.ledger.commands import COMMANDS as ledger_commands
    from duikou.ledger.judge_commands import judge
    from duikou.export.commands import export
    from duikou.demo import demo

    main.add_command(ingest)
    main.add_command(extract)
    for cmd in ledger_commands:
        main.add_command(cmd)
    main.add_command(judge)
    main.add_command(export)
    main.add_command(demo)


_register()
