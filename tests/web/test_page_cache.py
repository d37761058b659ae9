"""The page cache (duikou.web.cache): a signed-out GET is answered again from the cache while the ledger's
generation stands, every kind of write (a review, a judgement, a retraction and its undo, a build) changes
the generation so the next answer is fresh, an ETag gives 304s, and signed-in pages are never shared.
SQLite and PostgreSQL."""
from __future__ import annotations

from typing import Any, Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from duikou.ledger.tables import facts, pairings
from duikou.services import review
from duikou.services.build import undo_retraction
from duikou.services.generation import generation
from duikou.web.cache import GenerationCache, PageCache
from tests.web.conftest import db_of


def _cache(client: TestClient) -> PageCache:
    app: Any = client.app
    stack = app.middleware_stack
    while stack is not None and not isinstance(stack, GenerationCache):
        stack = getattr(stack, "app", None)
    assert isinstance(stack, GenerationCache), "create_app installs the page cache"
    return stack.cache


def _busiest_pairing(client: TestClient) -> tuple[str, str]:
    """The pairing with the most sources, and one of its facts."""
    with db_of(client).connect() as conn:
        pid = conn.execute(select(pairings.c.id).order_by(pairings.c.sources.desc(), pairings.c.id)).scalars().first()
        fact = conn.execute(select(facts.c.id).where(facts.c.entity == pid).order_by(facts.c.id)).scalars().first()
    assert fact is not None
    return pid, fact


def test_cached_until_a_review_changes_the_ledger(app_client: TestClient) -> None:
    pid, fact = _busiest_pairing(app_client)
    url = f"/api/pairings/{pid}"
    cache = _cache(app_client)
    first = app_client.get(url)
    assert first.status_code == 200 and first.headers["etag"] and first.headers["cache-control"] == "no-cache"
    hits = cache.hits
    again = app_client.get(url)
    assert cache.hits == hits + 1 and again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["x-content-type-options"] == "nosniff"  # the security headers come back too
    assert app_client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304

    assert fact in {e["fact"] for e in first.json()["pairing"]["evidence"]}
    review.reject_fact(db_of(app_client), fact, "tester", "not this pairing")
    fresh = app_client.get(url)
    # The rejected fact is out of the answer (or the pairing, re-resolved without it, has another id).
    assert fresh.content != first.content
    if fresh.status_code == 200:
        assert fresh.headers["etag"] != first.headers["etag"]
        assert fact not in {e["fact"] for e in fresh.json()["pairing"]["evidence"]}
        assert app_client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 200
    else:
        assert fresh.status_code == 404


def test_every_write_changes_the_generation(app_client: TestClient) -> None:
    db = db_of(app_client)
    pid, fact = _busiest_pairing(app_client)
    seen = [generation(db)]

    def changed(write: Callable[[], object]) -> None:
        write()
        now = generation(db)
        assert now not in seen, write
        seen.append(now)

    assert generation(db) == seen[0]  # asking does not change it
    changed(lambda: review.accept_fact(db, fact, "tester"))
    with db.connect() as conn:
        docs = conn.execute(select(facts.c.document_id).where(facts.c.entity == pid).distinct()
                            .order_by(facts.c.document_id)).scalars().all()
    retracted: list[Any] = []
    changed(lambda: retracted.extend(review.retract(db, str(docs[0]), "test")))
    changed(lambda: undo_retraction(db, retracted[0][0]))
    with db.connect() as conn:
        other = conn.execute(select(pairings.c.id).where(pairings.c.id != pid).order_by(pairings.c.id)).scalars().first()
    judged: list[int] = []
    changed(lambda: judged.append(review.judge(db, "different", pid, other, "test", "tester")))
    changed(lambda: review.undo_judgement(db, judged[0], "test", "tester"))


def test_signed_in_pages_are_not_shared(app_client: TestClient, login_as: Callable[..., Any]) -> None:
    cache = _cache(app_client)
    login_as(app_client, "viewer", "cachereader")
    before = len(cache)
    page = app_client.get("/")
    assert page.status_code == 200 and "cachereader" in page.text
    assert "etag" not in page.headers and len(cache) == before


def test_off_when_reading_needs_login(make_client: Callable[..., TestClient]) -> None:
    client = make_client(public_read=False)
    assert "etag" not in client.get("/api/stats").headers
    off = make_client(cache_mb=0)
    assert "etag" not in off.get("/api/stats").headers
