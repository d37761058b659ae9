"""A build ends by gathering the planner's statistics (ANALYZE) when the ledger has none or its reports grew
by more than a tenth since they were gathered, and not otherwise. SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from duikou.services.build import build, refresh_statistics


def _stats_rows(url: str) -> int:
    """How many statistics rows the database holds for the documents table (0: never analysed)."""
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            if conn.dialect.name == "sqlite":
                if not conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar():
                    return 0
                return int(conn.execute(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'documents'")).scalar_one())
            return int(conn.execute(text("SELECT count(*) FROM pg_stats WHERE tablename = 'documents'")).scalar_one())
    finally:
        eng.dispose()


def test_a_build_gathers_statistics_in_proportion(db_url: str, seed_paths: list[Path]) -> None:
    assert _stats_rows(db_url) == 0
    build([str(seed_paths[0])], db_url)
    assert _stats_rows(db_url) > 0, "the first build that stored reports gathers statistics"
    eng = create_engine(db_url)
    try:
        assert refresh_statistics(eng) is False, "nothing grew since: no second ANALYZE"
        assert refresh_statistics(eng, growth=-1.0) is True, "grown past the threshold: ANALYZE again"
    finally:
        eng.dispose()
    # A build that adds more reports than a tenth of the ledger gathers them again (refresh_statistics True).
    build([str(p) for p in seed_paths[1:]], db_url)
    eng = create_engine(db_url)
    try:
        assert refresh_statistics(eng) is False, "the build itself refreshed them"
    finally:
        eng.dispose()
