#!/usr/bin/env python3
"""Make the README's pictures of the web app from the seed reports: ``docs/img/map.png`` (the province map
with the pairings drawn as lines), ``document.png`` (a report with its facts highlighted), ``region.png``
(a region's profile), ``review.png`` (the review queue, signed in as a curator) and ``list.png`` (the
list of pairings).

Maintainer script, not used at run time. It builds the seeds into a temporary SQLite ledger, adds a
curator account, serves the app on a free local port (uvicorn in a thread, as the browser tests do) and
opens each page in the distribution's Chromium through Playwright (the dev extras) at 1280×800, device
scale 1, Chinese locale. What is shown is chosen from the ledger, not by name: the report with the most
facts, the region in the most pairings. Each picture is the browser's viewport (not the whole page) so the
files stay small (well under 400 KB) and the same seeds give the same pictures (the map's endpoints
ripple, so its bytes differ from run to run).

Usage::

    .venv/bin/python scripts/screenshots.py [--seeds ../shared/corpus/seeds] [--out docs/img]
        [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1280, 800  # the browser's viewport, device scale 1: each picture's size
CURATOR = ("curator", "screenshots only, thrown away")  # name, password of the temporary ledger's account
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build_ledger(seeds: Path, folder: Path) -> str:
    """The seed reports built into an SQLite ledger in ``folder``, with a curator's account; its URL."""
    from duikou import services
    from duikou.services import users

    paths = sorted(str(p) for p in seeds.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no seed reports (*.txt) in {seeds}")
    db = f"sqlite:///{folder / 'ledger.db'}"
    summary = services.build(paths, db=db)
    if not summary.ok:
        raise SystemExit(f"the seeds did not build: {summary.line()}")
    users.add_user(db, CURATOR[0], CURATOR[1], "curator")
    return db


def choices(db: str) -> dict[str, str]:
    """What to show, read from the ledger: the report with the most facts among those the build had no
    problem with (else among all), and the region (by code) that takes part in the most pairings, then in
    the most sums of money (ties: the smaller id or code)."""
    from duikou import services
    from duikou.services.document import document_view
    from duikou.services.lists import ListQuery, list_rows

    docs = list_rows(db, ListQuery(kind="documents", per_page=200)).rows
    if not docs:
        raise SystemExit("the ledger holds no report")
    clean = [d for d in docs if not document_view(db, int(d["id"])).problems]
    doc = min(clean or docs, key=lambda d: (-int(d["facts"]), int(d["id"])))
    # a region in the most pairings, then with the most sums of money (the profile's chart shows them)
    seen: Counter[str] = Counter()
    for pairing in services.pairings(db):
        for side in ("helper", "recipient"):
            code = str(pairing[side]["id"])
            if code.isdigit():
                seen[code] += 1000
    if not seen:
        raise SystemExit("the ledger holds no pairing between regions")
    for row in list_rows(db, ListQuery(kind="money", per_page=200)).rows:
        for side in ("payer", "payee"):
            code = str((row.get(side) or {}).get("id") or "")
            if code in seen:
                seen[code] += 1
    region = min(seen, key=lambda c: (-seen[c], c))
    return {"document": str(doc["id"]), "region": region}


@contextmanager
def serving(db: str) -> Iterator[str]:
    """The app over ``db`` on uvicorn in a thread on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    from duikou.web.app import create_app
    from duikou.web.config import WebSettings

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=db)), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _settle(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready")


def shoot(page: Any, base: str, path: str, out: Path) -> Path:
    """Open ``path`` and save the viewport as ``out``; refuses an error page."""
    response = page.goto(base + path)
    if response is None or response.status != 200:
        raise SystemExit(f"GET {path}: {response.status if response else 'no answer'}")
    _settle(page)
    page.screenshot(path=str(out), full_page=False)
    return out


def take(base: str, chosen: dict[str, str], out: Path, chromium: str) -> list[Path]:
    """Every picture, in the order of the module's docstring."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    made = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1,
                                          locale="zh-CN")
            page = context.new_page()
            page.set_default_timeout(30_000)
            # the map: province level (the page's default), every pairing a line
            page.goto(f"{base}/map")
            page.wait_for_function("() => window.duikouMap && window.duikouMap.last !== null")
            state = page.evaluate("() => ({lines: duikouMap.last.linesDrawn, error: duikouMap.last.error})")
            if state["error"] or not state["lines"]:
                raise SystemExit(f"the map drew no lines: {state}")
            page.wait_for_timeout(500)  # the lines' animation settles
            _settle(page)
            # scrolled so the whole map and its legend fit under the filters (the page title scrolls away)
            top = page.evaluate("() => document.querySelector('#map-filters').getBoundingClientRect().top")
            page.evaluate(f"() => window.scrollTo(0, {max(0, int(top) - 12)})")
            page.wait_for_timeout(200)
            page.screenshot(path=str(out / "map.png"))
            made.append(out / "map.png")
            # a report: its metadata folded away so the highlighted text fills the picture
            page.goto(f"{base}/documents/{chosen['document']}")
            _settle(page)
            page.evaluate("() => document.querySelectorAll('details[open]').forEach(d => d.open = false)")
            page.screenshot(path=str(out / "document.png"))
            made.append(out / "document.png")
            made.append(shoot(page, base, f"/region/{chosen['region']}", out / "region.png"))
            made.append(shoot(page, base, "/pairings", out / "list.png"))
            # the review queue, signed in as a curator through the login form
            page.goto(f"{base}/login")
            page.fill("input[name=name]", CURATOR[0])
            page.fill("input[name=password]", CURATOR[1])
            page.click("form.stack button[type=submit]")
            page.wait_for_url(f"{base}/")
            made.append(shoot(page, base, "/review", out / "review.png"))
        finally:
            browser.close()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "corpus" / "seeds",
                        help="folder of the seed reports (*.txt)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img", help="where the PNGs go")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium",
                        help="the Chromium to drive (the distribution's)")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        parser.error(f"no Chromium at {args.chromium} (install the distribution's chromium package)")
    with tempfile.TemporaryDirectory(prefix="duikou-shots-") as tmp:
        db = build_ledger(args.seeds, Path(tmp))
        chosen = choices(db)
        with serving(db) as base:
            made = take(base, chosen, args.out, args.chromium)
    for path in made:
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
