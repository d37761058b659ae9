"""Ledger commands (build, db, pairings, show, events, sources, stats, judge, export)."""
from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
