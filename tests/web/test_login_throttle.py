"""Login throttling: after 5 failed sign-ins for one name or from one client address within 15 minutes,
sign-in is refused (429, the same words as a failure, Retry-After) even with the right password, until
the oldest failure leaves the window; a success clears the count. The throttle alone on a fake clock, and
through POST /login from several client addresses."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Callable

import pytest
from fastapi.testclient import TestClient

from duikou.services import users
from duikou.services.users import LoginThrottle
from duikou.web.routes.auth import FAILED
from tests.web.conftest import PASSWORD, db_of, new_account, sign_in

WINDOW = 15 * 60


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_throttle_counts_names_and_addresses_apart() -> None:
    clock = Clock()
    t = LoginThrottle(clock=clock)
    for _ in range(4):  # failures at 1000, 1010, 1020, 1030
        t.failed("amy", "10.0.0.1")
        clock.now += 10
    assert t.wait("amy", "10.0.0.1") == 0  # four failures: still allowed
    t.failed(" amy ", "10.0.0.1")  # the fifth, at 1040 (the name as it is looked up: spaces do not count)
    assert t.wait("amy", "10.0.0.9") == WINDOW - 40  # the name is held, from any address...
    assert t.wait("bob", "10.0.0.1") == WINDOW - 40  # ...and so is the address, for any name
    assert t.wait("bob", "10.0.0.9") == 0
    clock.now = 1000 + WINDOW  # the first failure leaves the window: four are left, below the limit
    assert t.wait("amy", "10.0.0.1") == 0
    t.failed("amy", "10.0.0.1")
    assert t.wait("amy", None) == 10  # held again until the oldest of the last five (1010) leaves
    t.succeeded("amy", "10.0.0.1")
    assert t.wait("amy", "10.0.0.1") == 0 and t.wait("bob", "10.0.0.1") == 0


def test_the_throttle_forgets_old_keys_and_rejects_bad_settings() -> None:
    clock = Clock()
    t = LoginThrottle(limit=1, max_keys=3, clock=clock)
    for n in range(10):
        t.failed(f"name{n}", None)
    assert t.wait("name9", None) > 0 and t.wait("name0", None) == 0  # only the three newest are kept
    with pytest.raises(ValueError):
        LoginThrottle(limit=0)


@pytest.fixture
def clients(app_client: TestClient) -> Iterator[Callable[[str], TestClient]]:
    """``client(address)``: a client of the same app (so the same throttle) from another address."""
    made: list[TestClient] = []

    def client(address: str) -> TestClient:
        c = TestClient(app_client.app, client=(address, 40000 + len(made)), raise_server_exceptions=False)
        made.append(c)
        return c

    yield client
    for c in made:
        c.close()


def test_five_failures_for_a_name_hold_it_even_with_the_right_password(
        app_client: TestClient, clients: Callable[[str], TestClient]) -> None:
    user = new_account(db_of(app_client), "viewer")
    other = new_account(db_of(app_client), "viewer")
    for n in range(5):
        failed = sign_in(clients(f"10.1.0.{n}"), user.name, "not the password")  # five addresses, one name
        assert failed.status_code == 401 and FAILED in failed.text
    held = sign_in(clients("10.1.1.1"), user.name, PASSWORD)
    assert held.status_code == 429 and FAILED in held.text  # the words of any failure: nothing more told
    assert 0 < int(held.headers["Retry-After"]) <= WINDOW
    assert "duikou_session" not in held.cookies
    assert sign_in(clients("10.1.1.1"), other.name, PASSWORD).status_code == 303  # another name is free


def test_five_failures_from_an_address_hold_it_for_every_name(
        app_client: TestClient, clients: Callable[[str], TestClient]) -> None:
    user = new_account(db_of(app_client), "viewer")
    here = clients("10.2.0.1")
    for n in range(5):
        assert sign_in(here, f"nobody{n}", PASSWORD).status_code == 401  # five names, one address
    held = sign_in(here, user.name, PASSWORD)
    assert held.status_code == 429 and "Retry-After" in held.headers
    assert sign_in(clients("10.2.0.2"), user.name, PASSWORD).status_code == 303  # from elsewhere: fine


def test_a_success_clears_the_count_and_the_window_lets_go(app_client: TestClient,
                                                          clients: Callable[[str], TestClient]) -> None:
    user = new_account(db_of(app_client), "viewer")
    here = clients("10.3.0.1")
    for _ in range(2):
        for _ in range(4):
            assert sign_in(here, user.name, "wrong password").status_code == 401
        assert sign_in(here, user.name, PASSWORD).status_code == 303  # resets: eight failures, never held
    clock = Clock()
    app_client.app.state.login_throttle = LoginThrottle(clock=clock)  # type: ignore[attr-defined]
    for _ in range(5):
        sign_in(here, user.name, "wrong password")
    assert sign_in(here, user.name, PASSWORD).status_code == 429
    clock.now += WINDOW + 1
    assert sign_in(here, user.name, PASSWORD).status_code == 303
    assert users.authenticate(db_of(app_client), user.name, PASSWORD) is not None  # the account untouched
