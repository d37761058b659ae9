"""The search's text match (``search_rows.holds``) keeps exactly the rows ``icontains`` keeps, on SQLite and
PostgreSQL (with a trigram index there when pg_trgm can be created): Chinese words of every length, letters
in either case, full-width letters, digits, LIKE's wildcards and the escape character, NULLs."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, Text, create_engine, select, text

from duikou.ledger.search_rows import holds
from tests.ledger.conftest import pg_server, pg_template, pg_url  # noqa: F401 - the PostgreSQL fixtures

VALUES = [None, "", "北京市", "北京市人民政府", "新疆维吾尔自治区", "四川省成都市", "成都", "成", "市",
          "CCTV 新闻", "cctv新闻", "Cctv", "ＣＣＴＶ", "ｃｃｔｖ", "Xinhua 新华社", "XINHUA", "100%完成", "100 完成",
          "a_b 协议", "axb 协议", "路径/文件", "路径 文件", "ÉCOLE", "école", "2023年", "二〇二三年", "第1批", "%", "_", "/"]
WORDS = ["北京市", "北京", "北", "京市人", "成都", "成", "自治区", "新疆维吾尔自治区", "CCTV", "cctv", "Cctv", "ＣＣＴＶ",
         "ｃｃｔｖ", "xinhua", "新华", "100%", "%", "0%完", "a_b", "_", "/", "路径/", "école", "ÉCOLE", "2023", "23年",
         "1批", "不在其中", "市 人"]

probe = Table("probe_text", MetaData(), Column("id", Integer, primary_key=True), Column("v", Text))


@pytest.fixture(params=["sqlite", "postgresql"])
def eng(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'probe.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    e = create_engine(url)
    probe.create(e)
    with e.begin() as c:
        c.execute(probe.insert(), [{"id": i, "v": v} for i, v in enumerate(VALUES)])
        if request.param == "postgresql":
            # the trigram index the migration makes for documents, when this server has the extension
            c.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            c.execute(text("CREATE INDEX ix_probe_trgm ON probe_text USING gin (v gin_trgm_ops)"))
            c.execute(text("SET enable_seqscan = off"))  # the index, where it can serve, is read
    yield e
    e.dispose()


@pytest.mark.parametrize("word", WORDS)
def test_holds_keeps_the_rows_icontains_keeps(eng: Engine, word: str) -> None:
    with eng.connect() as c:
        if eng.dialect.name == "postgresql":
            c.execute(text("SET enable_seqscan = off"))
        want = set(c.execute(select(probe.c.id).where(probe.c.v.icontains(word, autoescape=True))).scalars())
        got = set(c.execute(select(probe.c.id).where(holds(eng.dialect.name, probe.c.v, word))).scalars())
        negated = set(c.execute(select(probe.c.id).where(~holds(eng.dialect.name, probe.c.v, word))).scalars())
    assert got == want
    # NOT holds keeps the same rows as NOT icontains: NULL is neither
    assert negated == {i for i, v in enumerate(VALUES) if v is not None} - want


def test_the_words_reach_every_form(eng: Engine) -> None:
    """The cases above pass through each form: folded letters, no letters short and long."""
    compiled = {w: str(holds(eng.dialect.name, probe.c.v, w).compile(dialect=eng.dialect)) for w in WORDS}
    if eng.dialect.name == "sqlite":
        assert "instr" in compiled["成"] and "instr" in compiled["北京市"] and "lower" not in compiled["cctv"]
    else:
        assert "strpos" in compiled["成"] and "LIKE" in compiled["北京市"] and "ILIKE" in compiled["cctv"]
