"""Every setting in one place, with its default and where it can be overridden.

Settings come from the environment (``DUIKOU_*``); command-line flags override
them. Nothing else in the package reads ``os.environ``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB_URL = "sqlite:///duikou.db"


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "DUIKOU_DB", DEFAULT_DB_URL, "Database URL of the ledger (SQLAlchemy form)."),
    Setting("near_dup_threshold", "DUIKOU_NEAR_DUP", "0.8", "Jaccard similarity at which two bodies are near-duplicates."),
    Setting("shingle_size", "DUIKOU_SHINGLE", "5", "Character shingle length for near-duplicate detection."),
    Setting("max_file_mb", "DUIKOU_MAX_FILE_MB", "512", "Files larger than this many MB are refused as input."),
    Setting("web_public", "DUIKOU_WEB_PUBLIC", "1", "1: the web app's pages and API are readable without signing in; 0: not."),
    Setting("web_secure_cookies", "DUIKOU_WEB_SECURE_COOKIES", "0", "1: the web app's cookies go over HTTPS only."),
    Setting("web_cache_mb", "DUIKOU_WEB_CACHE_MB", "64",
            "MB of signed-out readers' pages the web app keeps per process, by ledger generation (0: none)."),
    Setting("web_threads", "DUIKOU_WEB_THREADS", "",
            "Requests a web server process works on at once (empty: 1 on SQLite, 2 on PostgreSQL)."),
    Setting("boundaries", "DUIKOU_BOUNDARIES", "", "Directory of boundary TopoJSON the web map reads (empty: the package's)."),
    Setting("test_pg", "DUIKOU_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test",
            "PostgreSQL server the test suite creates its scratch databases on."),
)


def get(name: str) -> str:
    """The value of setting ``name``: the environment variable, else the default."""
    for s in SETTINGS:
        if s.name == name:
            return os.environ.get(s.env, s.default)
    raise KeyError(name)


def db_url(explicit: str | None = None) -> str:
    """The ledger URL: ``--db``, else ``DUIKOU_DB``, else ``sqlite:///duikou.db`` here."""
    return explicit or get("db")


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "reference" / "data"
SCHEMA_DIR = PACKAGE_DIR / "schema"


@dataclass
class RunOptions:
    """Options shared by commands that process many documents."""

    quiet: bool = False
    extra: dict[str, str] = field(default_factory=dict)
