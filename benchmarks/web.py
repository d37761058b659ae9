"""Web benchmark: page latency under concurrent clients on a ledger of >= 20,000 documents.

For each database (SQLite, PostgreSQL) a ledger is grown from the real reports' extractions
(benchmarks/_web_ledger.py), ``duikou serve`` is started on it in a subprocess on a free port, and
``--clients`` httpx clients request a mix of URLs chosen from the ledger's own data: region profiles (the
regions with the most facts, and random ones), the map data (with and without filters) and the map page,
filtered lists, pairing pages, document pages and search. After a warm-up, ``--requests`` requests per kind
are timed; p50/p95/max per kind and overall, requests/s and errors (any status but 200) are printed.

Usage: python benchmarks/web.py [--docs 20000] [--db sqlite|pg|both] [--clients 8] [--requests 200]
       [--warmup 20] [--alone 10] [--workers 1] [--no-cache] [--keep PATH] [--json PATH] [--seed 10]
Then each kind is requested alone (--alone a kind, one at a time): its latency with nothing else in flight
and the server's CPU time a request, which hardly depend on how busy the machine is.
--keep PATH keeps the SQLite ledger at PATH and the PostgreSQL database duikou_web_<PATH's stem>, and reuses
them next time (the first build takes minutes; without --keep both are scratch and removed at the end).
Goal: p95 < 200 ms for a region profile, the map data and a filtered list, with 8 concurrent clients.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _web_ledger as wl  # noqa: E402

GOAL_MS = 200.0
# The kinds whose p95 the goal bounds (issue 10): a profile page, the map data, a filtered list.
GOAL_KINDS = ("profile (top)", "profile (random)", "map data", "list pairings", "list money", "list documents")


def log(msg: str) -> None:
    print(msg, flush=True)


# --- the URLs, chosen from the ledger's own data ----------------------------------------------------------

# Facts behind each region: the facts of every entity row that names it as a party, and its own mentions.
_PARTY_FACTS = """
SELECT t.code, SUM(t.n) AS n FROM (
  SELECT p.helper AS code, COUNT(*) AS n FROM facts f JOIN pairings p ON p.id = f.entity GROUP BY p.helper
  UNION ALL SELECT p.recipient, COUNT(*) FROM facts f JOIN pairings p ON p.id = f.entity GROUP BY p.recipient
  UNION ALL SELECT e.helper, COUNT(*) FROM facts f JOIN events e ON e.id = f.entity GROUP BY e.helper
  UNION ALL SELECT e.recipient, COUNT(*) FROM facts f JOIN events e ON e.id = f.entity GROUP BY e.recipient
  UNION ALL SELECT a.payer, COUNT(*) FROM facts f JOIN amounts a ON a.id = f.entity GROUP BY a.payer
  UNION ALL SELECT a.payee, COUNT(*) FROM facts f JOIN amounts a ON a.id = f.entity GROUP BY a.payee
  UNION ALL SELECT c.helper, COUNT(*) FROM facts f JOIN counts c ON c.id = f.entity GROUP BY c.helper
  UNION ALL SELECT c.recipient, COUNT(*) FROM facts f JOIN counts c ON c.id = f.entity GROUP BY c.recipient
  UNION ALL SELECT ap.party, COUNT(*) FROM facts f JOIN agreement_parties ap ON ap.agreement = f.entity
            GROUP BY ap.party
  UNION ALL SELECT substr(f.entity, 2), COUNT(*) FROM facts f WHERE f.kind = 'regions' GROUP BY f.entity
) t JOIN regions r ON r.code = t.code GROUP BY t.code ORDER BY n DESC, t.code LIMIT :k
"""


def choose_urls(db_url: str, api: httpx.Client, rng: random.Random) -> dict[str, list[str]]:
    """The URLs of each kind, from the ledger's data (read directly) and the app's own filter options."""
    from sqlalchemy import create_engine, text

    eng = create_engine(db_url)
    try:
        with eng.connect() as c:
            def col(sql: str, **kw: Any) -> list[Any]:
                return [r[0] for r in c.execute(text(sql), kw)]

            top = col(_PARTY_FACTS, k=10)
            regions = col("SELECT code FROM regions ORDER BY code")
            names: dict[str, str] = {code: name for code, name in c.execute(text("SELECT code, name FROM regions"))}
            programs = col("SELECT DISTINCT program FROM pairings ORDER BY program")
            pairings = col("SELECT id FROM pairings ORDER BY sources DESC, id")
            docs = col("SELECT id FROM documents WHERE status = 'ok' ORDER BY id")
    finally:
        eng.dispose()
    years = [str(y) for y in _get_json(api, "/api/filters/money")["year"]]
    pages = int(_get_json(api, "/api/documents?per_page=50")["pages"])
    if not (top and regions and pairings and docs and years):
        raise SystemExit("the ledger holds too little to benchmark (no regions, pairings, documents or years)")
    provinces = sorted({code[:2] for code in top})
    random_regions = rng.sample(regions, min(50, len(regions)))
    map_queries: list[dict[str, str]] = [{}, {"measure": "counts"}, {"measure": "pairings"},
                                         {"direction": "given"}, {"level": "province"}]
    map_queries += [{"program": p} for p in programs] + [{"year": y} for y in years[:6]]
    map_queries += [{"program": rng.choice(programs), "year": rng.choice(years)} for _ in range(4)]
    map_queries += [{"province": p, "level": "county"} for p in provinces]
    # Search by the names of busy and random regions, and by two names at once (the pairing between them).
    terms = [names[c] for c in top + random_regions[:20] if names.get(c)]
    terms += [f"{names[a]} {names[b]}" for a, b in zip(top[:5], top[5:10]) if names.get(a) and names.get(b)]
    return {
        "profile (top)": [f"/region/{c}" for c in top],
        "profile (random)": [f"/region/{c}" for c in random_regions],
        "map data": [_q("/api/map", q) for q in map_queries],
        "map page": ["/map"] + [_q("/map", q) for q in map_queries[5:12]],
        "list pairings": [_q("/pairings", {"program": p}) for p in programs]
                         + [_q("/pairings", {"program": p, "page": "2"}) for p in programs],
        "list money": [_q("/money", {"year": y}) for y in years],
        # The first pages, random ones and the last (the deepest offset).
        "list documents": [_q("/documents", {"page": str(n)})
                           for n in sorted({1, 2, pages, *rng.sample(range(1, pages + 1), min(20, pages))})],
        "pairing page": [f"/pairings/{p}" for p in pairings[:10] + rng.sample(pairings, min(30, len(pairings)))],
        "document page": [f"/documents/{d}" for d in rng.sample(docs, min(50, len(docs)))],
        "search": [_q("/search", {"q": t}) for t in terms],
    }


def _q(path: str, params: dict[str, str]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _get_json(api: httpx.Client, url: str) -> Any:
    r = api.get(url)
    if r.status_code != 200:
        raise SystemExit(f"GET {url}: {r.status_code} {r.text[:300]}")
    return r.json()


# --- the server ---------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(db_url: str, logfile: Path, workers: int = 1, cache: bool = True) -> Iterator[tuple[str, int]]:
    """``duikou serve --workers N`` on ``db_url`` at a free port, as its base URL and process id once it
    answers; stopped at the end. ``cache`` False turns the page cache off (DUIKOU_WEB_CACHE_MB=0), to see
    what every request costs when the route runs."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DUIKOU_WEB_CACHE_MB": "64" if cache else "0"}
    exe = Path(sys.executable).parent / "duikou"
    cmd = [str(exe) if exe.exists() else (shutil.which("duikou") or "duikou"), "serve", "--db", db_url,
           "--port", str(port), "--public", "--workers", str(workers)]
    base = f"http://127.0.0.1:{port}"
    with logfile.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"duikou serve stopped ({proc.returncode}):\n{logfile.read_text()[-2000:]}")
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"duikou serve did not answer in 180 s:\n{logfile.read_text()[-2000:]}")
            time.sleep(0.3)
        yield base, proc.pid
    finally:
        proc.terminate()  # uvicorn shuts down cleanly on SIGTERM
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system) process ``pid`` and its live descendants (uvicorn's workers) have used
    so far; None where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        total += sum(cpu_seconds(int(c)) or 0.0 for c in children)
    return total


def machine_ticks() -> tuple[int, int] | None:
    """The machine's CPU ticks so far, in all and stolen (a virtual machine's CPU time its host gave to
    others: a run with much of it was slowed by its neighbours, not by the server); None without /proc."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(fields[:8]), fields[7] if len(fields) > 7 else 0


def named_cpu_seconds(name: str) -> float | None:
    """The CPU time every live process called ``name`` has used so far (``postgres``: a local database
    server's own work, which the app's CPU time leaves out); None where /proc is not there. A process that
    exits between two readings is missed (a pool that opens and closes connections during the run)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    total = 0.0
    for d in proc.iterdir():
        if not d.name.isdigit():
            continue
        try:
            head, tail = (d / "stat").read_text().rsplit(")", 1)
        except OSError:
            continue
        if head.split("(", 1)[1] == name:
            fields = tail.split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


# --- the load ----------------------------------------------------------------------------------------------

@dataclass
class Timings:
    """What one kind of URL (or all of them) measured."""

    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        xs = sorted(self.ms)
        if not xs:
            return {"n": 0, "errors": len(self.errors)}
        return {"n": len(xs), "p50": xs[(len(xs) - 1) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2,
                "p95": xs[max(0, math.ceil(0.95 * len(xs)) - 1)], "max": xs[-1], "errors": len(self.errors)}


async def drive(base: str, jobs: list[tuple[str, str]], clients: int) -> tuple[dict[str, Timings], float]:
    """Request every (kind, url) of ``jobs`` with ``clients`` clients at once (each its own connection),
    each taking the next job when its response is read; the timings per kind and the wall time."""
    out: dict[str, Timings] = {}
    queue = iter(jobs)

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            for kind, url in queue:  # one shared iterator: the clients take jobs in turn
                t = time.perf_counter()
                try:
                    r = await http.get(url)
                    ms = (time.perf_counter() - t) * 1000
                    err = None if r.status_code == 200 else f"{r.status_code} {url}: {r.text[:160]!r}"
                except httpx.HTTPError as e:
                    ms, err = (time.perf_counter() - t) * 1000, f"{type(e).__name__} {url}: {e}"
                timings = out.setdefault(kind, Timings())
                if err:
                    timings.errors.append(err)
                else:
                    timings.ms.append(ms)

    t = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return out, time.perf_counter() - t


def alone(base: str, urls: dict[str, list[str]], pid: int, n: int) -> dict[str, dict[str, float]]:
    """Each kind's cost with no other request in flight: ``n`` requests one after another, the server's
    CPU time a request (``cpu_ms``: the app's process; PostgreSQL's own work is not in it) and the median
    latency (``alone_ms``). Unlike the latencies under load, the CPU time hardly depends on how busy the
    machine is, so it says which pages are heavy."""
    out: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=60) as http:
        for kind, us in urls.items():
            ms = []
            cpu0 = cpu_seconds(pid)
            for i in range(n):
                t = time.perf_counter()
                http.get(us[i % len(us)])
                ms.append((time.perf_counter() - t) * 1000)
            cpu1 = cpu_seconds(pid)
            ms.sort()
            out[kind] = {"alone_ms": ms[len(ms) // 2]}
            if cpu0 is not None and cpu1 is not None:
                out[kind]["cpu_ms"] = (cpu1 - cpu0) * 1000 / n
    return out


def plan(urls: dict[str, list[str]], per_kind: int, rng: random.Random) -> list[tuple[str, str]]:
    """``per_kind`` requests of each kind (its URLs in turn, shuffled), all kinds interleaved at random."""
    jobs = []
    for kind, us in urls.items():
        order = us[:]
        rng.shuffle(order)
        jobs += [(kind, order[i % len(order)]) for i in range(per_kind)]
    rng.shuffle(jobs)
    return jobs


def measure(name: str, db_url: str, ns: argparse.Namespace, logdir: Path) -> dict[str, Any]:
    """Grow the ledger at ``db_url``, serve it and time the mix; the figures as a dict."""
    stats = wl.grow(db_url, ns.docs, log)
    # As `duikou build` does at its end: the planner's statistics when the ledger has none or grew.
    from sqlalchemy import create_engine

    from duikou.services.build import refresh_statistics

    eng = create_engine(db_url)
    try:
        t = time.perf_counter()
        if refresh_statistics(eng):
            log(f"[{name}] gathered planner statistics (ANALYZE) in {time.perf_counter() - t:.2f}s")
    finally:
        eng.dispose()
    rng = random.Random(ns.seed)
    with server(db_url, logdir / f"serve-{name}.log", ns.workers, not ns.no_cache) as (base, pid):
        with httpx.Client(base_url=base, timeout=60) as api:
            urls = choose_urls(db_url, api, rng)
        log(f"[{name}] serving at {base}; {sum(map(len, urls.values()))} distinct URLs in {len(urls)} kinds; "
            f"warming up ({ns.warmup} a kind)")
        asyncio.run(drive(base, plan(urls, ns.warmup, rng), ns.clients))
        log(f"[{name}] timing {ns.requests} requests a kind with {ns.clients} clients")
        # The machine's load and the server's CPU time tell a slow server from a busy machine.
        ticks0 = machine_ticks()
        load0, cpu0, db0, me0 = os.getloadavg()[0], cpu_seconds(pid), named_cpu_seconds("postgres"), time.process_time()
        per_kind, wall = asyncio.run(drive(base, plan(urls, ns.requests, rng), ns.clients))
        load1, cpu1, db1, me1 = os.getloadavg()[0], cpu_seconds(pid), named_cpu_seconds("postgres"), time.process_time()
        ticks1 = machine_ticks()
        log(f"[{name}] each kind alone: {ns.alone} requests one after another")
        costs = alone(base, urls, pid, ns.alone) if ns.alone else {}
    overall = Timings([m for t in per_kind.values() for m in t.ms], [e for t in per_kind.values() for e in t.errors])
    kinds = {k: {**per_kind[k].summary(), **costs.get(k, {})} for k in urls if k in per_kind}
    for k in urls:
        for e in per_kind.get(k, Timings()).errors[:5]:
            log(f"[{name}] error ({k}): {e}")
    total = len(overall.ms) + len(overall.errors)
    return {"db": name, "documents": stats["documents"], "facts": stats["facts"], "pairings": stats["pairings"],
            "events": stats["events"], "clients": ns.clients, "workers": ns.workers, "requests": total, "seconds": wall,
            "requests_per_s": total / wall, "cache": not ns.no_cache, "cpus": os.cpu_count(), "load_before": load0, "load_after": load1,
            "server_cpu_ms_per_request": None if cpu0 is None or cpu1 is None else (cpu1 - cpu0) * 1000 / total,
            "database_cpu_ms_per_request": None if name != "postgresql" or db0 is None or db1 is None
            else (db1 - db0) * 1000 / total,
            "client_cpu_ms_per_request": (me1 - me0) * 1000 / total,
            "stolen": None if ticks0 is None or ticks1 is None or ticks1[0] == ticks0[0]
            else (ticks1[1] - ticks0[1]) / (ticks1[0] - ticks0[0]),
            "kinds": kinds, "overall": overall.summary(),
            "goals": {k: kinds[k].get("p95", math.inf) < GOAL_MS and not kinds[k]["errors"]
                      for k in GOAL_KINDS if k in kinds},
            "urls": urls}


def table(result: dict[str, Any]) -> None:
    """One database's figures: a row per kind, the overall row, then the goal verdicts."""
    log(f"\n{result['db']}: {result['documents']:,} documents, {result['facts']:,} facts, "
        f"{result['pairings']:,} pairings, {result['events']:,} events; {result['clients']} clients, "
        f"{result['workers']} server process{'es' if result['workers'] > 1 else ''}, "
        f"page cache {'on' if result.get('cache', True) else 'off'}, "
        f"{result['requests']:,} requests in {result['seconds']:.1f}s = {result['requests_per_s']:.1f} requests/s")
    cpu = result["server_cpu_ms_per_request"]
    stolen = result.get("stolen")
    log(f"  machine: {result['cpus']} CPUs, load {result['load_before']:.1f} before, {result['load_after']:.1f} "
        f"after{'' if stolen is None else f', {stolen:.0%} of CPU time stolen by the host'}; CPU ms a request: server {'-' if cpu is None else f'{cpu:.1f}'}"
        + ("" if result.get("database_cpu_ms_per_request") is None
           else f", PostgreSQL {result['database_cpu_ms_per_request']:.1f}")
        + f", these clients {result['client_cpu_ms_per_request']:.1f}"
        + (" (one process: with the server busy, a request waits behind the others)" if result["workers"] == 1 else ""))
    rows = list(result["kinds"].items()) + [("overall", result["overall"])]
    width = max(len(k) for k, _ in rows)
    cols = ("p50", "p95", "max", "alone_ms", "cpu_ms")
    log(f"  {'kind'.ljust(width)}  {'n':>5}  {'p50 ms':>8}  {'p95 ms':>8}  {'max ms':>8}  {'alone ms':>8}  "
        f"{'cpu ms':>8}  {'errors':>6}")
    for k, s in rows:
        nums = "  ".join(f"{s[c]:8.1f}" if c in s else f"{'-':>8}" for c in cols)
        log(f"  {k.ljust(width)}  {s['n']:>5}  {nums}  {s['errors']:>6}")
    log("  (alone: the median latency with no other request in flight; cpu: the app process's CPU time a "
        "request then)")
    for k, ok in result["goals"].items():
        log(f"  goal p95 < {GOAL_MS:.0f} ms, {k}: {'met' if ok else 'MISSED'} "
            f"(p95 {result['kinds'][k].get('p95', math.nan):.1f} ms, {result['kinds'][k]['errors']} errors)")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000, help="documents in the ledger (default 20,000)")
    ap.add_argument("--db", choices=("sqlite", "pg", "both"), default="both")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    ap.add_argument("--requests", type=int, default=200, help="timed requests per URL kind (default 200)")
    ap.add_argument("--warmup", type=int, default=20, help="untimed requests per URL kind first (default 20)")
    ap.add_argument("--workers", type=int, default=1, help="server processes (duikou serve --workers; default 1, "
                    "recommended: the number of cores)")
    ap.add_argument("--no-cache", action="store_true", help="turn the page cache off: every request runs its "
                    "route (the benchmark repeats its URLs, so with the cache most answers are cache hits)")
    ap.add_argument("--alone", type=int, default=10, help="requests per kind one at a time after the timed "
                    "run, for each kind's own cost (default 10; 0: none)")
    ap.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the ledgers: the SQLite file PATH "
                    "and the PostgreSQL database duikou_web_<PATH's stem>")
    ap.add_argument("--json", type=Path, default=None, help="write the figures as JSON to PATH")
    ap.add_argument("--seed", type=int, default=10, help="random seed for the URLs and their order")
    ns = ap.parse_args()
    if ns.docs < 1 or ns.clients < 1 or ns.requests < 1 or ns.warmup < 0 or ns.alone < 0 or ns.workers < 1:
        ap.error("--docs, --clients and --requests must be positive, --warmup and --alone not negative")

    results = []
    with tempfile.TemporaryDirectory(prefix="duikou-webbench-") as tmp:
        logdir = Path(tmp)
        if ns.db in ("sqlite", "both"):
            with wl.sqlite_file(ns.keep) as url:
                results.append(measure("sqlite", url, ns, logdir))
        if ns.db in ("pg", "both"):
            with wl.pg_database(ns.keep) as url:
                results.append(measure("postgresql", url, ns, logdir))
    for r in results:
        table(r)
    if ns.json:
        ns.json.parent.mkdir(parents=True, exist_ok=True)
        ns.json.write_text(json.dumps({"goal_ms": GOAL_MS, "results": results}, ensure_ascii=False, indent=1))
        log(f"\nwrote {ns.json}")
    if not all(ok for r in results for ok in r["goals"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
