"""The vendored browser files are the ones the manifest names: checksums recomputed, licences beside them,
nothing in the directory unlisted."""
from __future__ import annotations

import hashlib
import json

from duikou.web.config import STATIC_DIR

VENDOR = STATIC_DIR / "vendor"


def _sha(name: str) -> str:
    return hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()


def test_the_manifest_matches_the_files() -> None:
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    listed = {"MANIFEST.json"}
    names = set()
    for entry in manifest["files"]:
        assert {"name", "version", "file", "sha256", "licence", "licence_files", "source"} <= set(entry)
        assert _sha(entry["file"]) == entry["sha256"], f"{entry['file']} differs from its manifest checksum"
        assert entry["licence_files"], entry["file"]
        for licence, digest in entry["licence_files"].items():
            assert _sha(licence) == digest, licence
            listed.add(licence)
        assert entry["source"].startswith("https://registry.npmjs.org/") and entry["version"] in entry["source"]
        listed.add(entry["file"])
        names.add(entry["name"])
    assert {"htmx.org", "echarts", "topojson-client"} <= names
    present = {p.name for p in VENDOR.iterdir()}
    assert present == listed, f"unlisted: {present - listed}, missing: {listed - present}"


def test_the_app_serves_them_as_they_are() -> None:
    from fastapi.testclient import TestClient

    from duikou.web.app import create_app
    from duikou.web.config import WebSettings

    client = TestClient(create_app(WebSettings(db="sqlite:///unused.db")))  # no lifespan: no ledger opened
    for name in ("htmx.min.js", "echarts.min.js", "topojson-client.min.js"):
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200 and hashlib.sha256(response.content).hexdigest() == _sha(name)
