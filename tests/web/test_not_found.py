"""An id in a URL that names nothing in the ledger is a 404 (a page saying so in Chinese, or JSON), never a
400 or a 500, on every route of the pages, the lists, the review and the accounts; the services say so with
NotFoundError (a LedgerError, so the CLI's one-line errors are unchanged)."""
from __future__ import annotations

from typing import Callable

import pytest
from fastapi.testclient import TestClient

from duikou.errors import LedgerError, NotFoundError
from duikou.services import document, review, users
from tests.web.conftest import csrf_of, db_of

GONE = "Fffffffffffffff0"  # shaped like a fact id, in no ledger

READS = [
    ("/documents/987654", "987654", "报道"),
    ("/api/documents/987654", "987654", "报道"),
    ("/evidence/" + GONE, GONE, "事实"),
    ("/sources/" + GONE, GONE, ""),
    ("/api/facts/" + GONE + "/history", GONE, "事实"),
    ("/api/filters/nothing", "nothing", "列表"),
]


@pytest.mark.parametrize("url, named, word", READS)
def test_reading_what_is_not_there_is_a_404(app_client: TestClient, url: str, named: str, word: str) -> None:
    r = app_client.get(url, follow_redirects=False)
    assert r.status_code == 404, (url, r.status_code, r.text[:300])
    said = r.json()["error"] if url.startswith("/api/") else r.text
    assert named in said and word in said and "Traceback" not in said
    if not url.startswith("/api/"):
        assert "text/html" in r.headers["content-type"] and "<nav" in r.text  # the site's own error page


def test_writing_to_what_is_not_there_is_a_404(app_client: TestClient, login_as: Callable[..., users.User]) -> None:
    login_as(app_client, "admin")
    token = csrf_of(app_client)
    head = {"X-CSRF-Token": token}
    for path in ("accept", "reject"):
        r = app_client.post(f"/api/facts/{GONE}/{path}", headers=head)
        assert r.status_code == 404 and GONE in r.json()["error"], path
        page = app_client.post(f"/review/facts/{GONE}/{path}", data={"csrf_token": token})
        assert page.status_code == 404 and GONE in page.text, path
    r = app_client.post(f"/api/facts/{GONE}/correct", json={"field": "value", "value": 1}, headers=head)
    assert r.status_code == 404
    for url in ("/api/reviews/424242/undo", "/api/judgements/424242/undo"):
        r = app_client.post(url, headers=head)
        assert r.status_code == 404 and "424242" in r.json()["error"], url
    for url in ("/review/reviews/424242/undo", "/review/judgements/424242/undo"):
        page = app_client.post(url, data={"csrf_token": token})
        assert page.status_code == 404 and "424242" in page.text, url
    for url, data in (("/users/ghost/role", {"role": "viewer"}), ("/users/ghost/revoke", {}),
                      ("/users/ghost/remove", {})):
        page = app_client.post(url, data={**data, "csrf_token": token})
        assert page.status_code == 404 and "ghost" in page.text, url


def test_a_refusal_that_is_not_about_a_missing_id_stays_a_400(app_client: TestClient,
                                                              login_as: Callable[..., users.User]) -> None:
    login_as(app_client, "curator")
    head = {"X-CSRF-Token": csrf_of(app_client)}
    fact = review.review_queue(db_of(app_client), "events", "all", 1, 0)[0][0]["fact"]
    assert app_client.post(f"/api/facts/{fact}/accept", headers=head).status_code == 200
    again = app_client.post(f"/api/facts/{fact}/accept", headers=head)
    assert again.status_code == 400 and "already accepted" in again.json()["error"]


def test_the_services_raise_not_found_as_a_ledger_error(app_client: TestClient) -> None:
    db = db_of(app_client)
    for call, what in ((lambda: document.document_view(db, 987654), "document"),
                       (lambda: review.fact_history(db, GONE), "fact"),
                       (lambda: review.accept_fact(db, GONE, "someone"), "fact"),
                       (lambda: review.undo_review(db, 424242, "someone"), "review"),
                       (lambda: review.undo_judgement(db, 424242, None, "someone"), "judgement"),
                       (lambda: users.get_user(db, "ghost"), "user")):
        with pytest.raises(NotFoundError) as caught:
            call()
        assert caught.value.what == what and isinstance(caught.value, LedgerError)
    with pytest.raises(users.UserError):  # the accounts' own error too, as the CLI catches it
        users.set_role(db, "ghost", "viewer")
