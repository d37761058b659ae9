"""Password hashes never leave the server: no page, API answer or CLI listing holds one."""
from __future__ import annotations

from typing import Callable

from click.testing import CliRunner
from fastapi.testclient import TestClient

from duikou.cli import main
from duikou.services import users
from tests.web.routes_walk import read_routes


def test_no_response_holds_a_hash(app_client: TestClient, login_as: Callable[..., users.User],
                                  web_db: str) -> None:
    login_as(app_client, "admin")
    login_as(app_client, "curator")
    login_as(app_client, "admin")  # the client ends signed in as an admin: every page is open to it
    looked = 0
    for route in read_routes(app_client.app):  # type: ignore[arg-type]
        if "{" in route.path:
            continue
        response = app_client.get(route.path)
        assert "$argon2" not in response.text, route.path
        assert "password_hash" not in response.text, route.path
        looked += 1
    assert looked >= 5
    assert "$argon2" not in app_client.get("/api/openapi.json").text
    listed = CliRunner().invoke(main, ["users", "list", "--db", web_db, "--format", "json"])
    assert listed.exit_code == 0 and "admin" in listed.output and "$argon2" not in listed.output
    assert all("hash" not in field for field in users.Account.__dataclass_fields__)
