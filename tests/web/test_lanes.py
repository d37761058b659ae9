"""How many requests a server process works on at once (web/lanes.py): pages take turns in a lane as wide
as the ``threads`` setting, while a download or a report runs beside them in the slow lane."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from duikou.errors import ConfigError
from duikou.web import lanes
from duikou.web.routes import lists, profiles

from .conftest import db_of
from .routes_walk import api_routes
from .test_profiles import seed_regions


def region_url(client: TestClient) -> str:
    """A region page of the seed ledger."""
    return f"/region/{seed_regions(db_of(client))[0]}"



class Overlap:
    """Counts how many calls of a wrapped function run at the same time (each holds for ``hold`` s)."""

    def __init__(self, hold: float = 0.15):
        self.hold = hold
        self.now = self.most = 0
        self.lock = threading.Lock()

    def wrap(self, work: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(self.hold)  # a thread that sleeps lets the GIL go, as a database call does
                return work(*args, **kwargs)
            finally:
                with self.lock:
                    self.now -= 1
        return wrapped


def _at_once(client: TestClient, urls: list[str]) -> list[int]:
    with ThreadPoolExecutor(len(urls)) as pool:
        return [r.status_code for r in pool.map(client.get, urls)]


@pytest.mark.parametrize("threads", [1, 2])
def test_pages_take_turns_in_a_lane_as_wide_as_the_setting(make_client: Callable[..., TestClient],
                                                            monkeypatch: pytest.MonkeyPatch, threads: int) -> None:
    overlap = Overlap()
    monkeypatch.setattr(profiles, "find_region", overlap.wrap(profiles.find_region))
    client = make_client(threads=threads, cache_mb=0)
    assert client.app.state.threads == threads  # type: ignore[attr-defined]
    assert _at_once(client, [region_url(client)] * 4) == [200] * 4
    assert overlap.most == threads


def test_the_width_by_database_when_the_settings_name_none() -> None:
    assert lanes.threads_for("sqlite", None) == 1
    assert lanes.threads_for("postgresql", None) == 2
    assert lanes.threads_for("mysql", None) == lanes.FALLBACK_THREADS
    assert lanes.threads_for("sqlite", 4) == 4
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ConfigError, match="at least 1"):
            lanes.threads_for("sqlite", bad)  # type: ignore[arg-type]


def test_the_app_takes_its_database_default(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    state = client.app.state  # type: ignore[attr-defined]
    assert state.threads == lanes.DEFAULT_THREADS[state.engine.dialect.name]


def test_a_download_runs_beside_the_pages(make_client: Callable[..., TestClient],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    real_export = lists.export_list

    def slow_export(*args: Any, **kwargs: Any) -> bytes:
        started.set()
        assert release.wait(20), "the test released the download"
        return real_export(*args, **kwargs)

    monkeypatch.setattr(lists, "export_list", slow_export)
    client = make_client(threads=1, cache_mb=0)
    with ThreadPoolExecutor(1) as pool:
        download = pool.submit(client.get, "/pairings.csv")
        try:
            assert started.wait(20), "the download began"
            # The one page thread is free: pages are answered while the download is still being made.
            for url in (region_url(client), "/pairings", "/"):
                assert client.get(url).status_code == 200
            assert not download.done()
        finally:
            release.set()
        answer = download.result(20)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")


def test_an_error_in_the_slow_lane_is_the_error_page(make_client: Callable[..., TestClient]) -> None:
    client = make_client(threads=1)
    bad = client.get("/report", params={"pairing": "nowhere→nobody", "year": "2021"})
    assert bad.status_code == 400 and "<form" in bad.text
    assert client.get("/pairings.csv", params={"year": "not a year"}).status_code == 400


def test_every_json_route_with_a_response_model_takes_one_turn(app_client: TestClient) -> None:
    """FastAPI checks a plain ``def`` route's answer in the thread pool again (a second wait in the lane):
    each route with a response model (named, or read from its return type) is ``async`` (``@in_page_lane``),
    and so is the gate every route has."""
    import inspect

    from fastapi.routing import APIRoute

    from duikou.web.deps import reader

    assert inspect.iscoroutinefunction(reader)
    routes = [r for r in (getattr(c, "original_route", c) for c in api_routes(app_client.app))
              if isinstance(r, APIRoute) and r.response_model is not None]
    assert len(routes) >= 15
    plain = [r.path for r in routes if not inspect.iscoroutinefunction(r.endpoint)]
    assert not plain, f"routes with a response model that are not async (decorate them @in_page_lane): {plain}"
