"""Every GET route of the app, walked from ``app.routes`` (a new page is covered without touching this
file), its path parameters filled from the ledger's own data: each page renders for an anonymous reader
when reading is public (an admin-only page sends them to /login), sends everyone to /login when it is not,
and prints no ``None``, ``undefined`` or ``nan`` where a value is missing (the pages show a dash).

The walking helpers here (:func:`ledger_values`, :func:`filled_urls`, :func:`inspect_html`) are also what
``test_xss.py`` walks the app with.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from duikou.ledger import tables
from duikou.services import users
from duikou.services.lists import KINDS
from tests.web.conftest import db_of
from tests.web.routes_walk import read_routes

# Path parameters and where a value for each comes from. A new route with a parameter named otherwise
# fails test_every_path_parameter_has_a_source: add its source here.
PARAM_SOURCES = {
    "doc_id": "documents",
    "code": "region codes",
    "name": "parties by name (and regions by name, which a party page also shows)",
    "pairing_id": "pairings",
    "person_id": "people",
    "fact_id": "facts",
    "ident": "facts and entities (the evidence route takes either)",
    "entity_id": "entities and facts",
    "kind": "the list kinds of duikou.services.lists",
}
_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
# Text a page must never show where a value is missing (Python's and JavaScript's blanks).
# (JSON's null is left out: the review queue shows a fact's fields as JSON on purpose.)
BLANKS = re.compile(r"(?<![A-Za-z])(None|undefined|NaN|nan)(?![A-Za-z])")
SMOKE_CAP = 12  # values tried per parameter on the seeds (spread over the ledger's rows)


def _spread(values: list[str], cap: int | None) -> list[str]:
    """At most ``cap`` of ``values``, spread evenly over the list (first and last included)."""
    if cap is None or len(values) <= cap:
        return values
    if cap == 1:
        return values[:1]
    step = (len(values) - 1) / (cap - 1)
    return [values[round(i * step)] for i in range(cap)]


def ledger_values(eng: Engine, cap: int | None = None) -> dict[str, list[str]]:
    """For each path parameter of :data:`PARAM_SOURCES`, values read from the ledger (at most ``cap``)."""
    t = tables
    with eng.connect() as c:
        def column(col: Any) -> list[str]:
            return [str(v) for v in c.scalars(select(col).where(col.is_not(None)).distinct().order_by(col))]

        docs = column(t.documents.c.id)
        codes = column(t.regions.c.code)
        region_names = column(t.regions.c.name)
        facts = column(t.facts.c.id)
        entities = column(t.facts.c.entity)
        values = {
            "doc_id": docs,
            "code": codes,
            "name": column(t.parties.c.name) + _spread(region_names, 3),
            "pairing_id": column(t.pairings.c.id),
            "person_id": column(t.people.c.id),
            "fact_id": facts,
            "ident": _spread(facts, cap) + _spread(entities, cap),
            "entity_id": _spread(entities, cap) + _spread(facts, cap),
            "kind": list(KINDS),
            "q": _spread(region_names, 1),
        }
    return {name: _spread(found, cap) if name not in ("ident", "entity_id") else found
            for name, found in values.items()}


def path_params(path: str) -> list[str]:
    """The names of the parameters of a route's path template."""
    return _PARAM.findall(path)


def fill(path: str, values: dict[str, str]) -> str:
    """``path`` with each parameter replaced by its value, quoted for a URL (a ``:path`` one keeps /)."""
    def one(m: re.Match[str]) -> str:
        raw = values[m.group(1)]
        return quote(raw, safe="/" if m.group(0).endswith(":path}") else "")

    return re.sub(r"\{(\w+)(?::\w+)?\}", one, path)


def query_params(route: Any) -> list[Any]:
    """The query parameters a route declares (its own and its dependencies')."""
    def walk(dependant: Any) -> Iterator[Any]:
        yield from dependant.query_params
        for dep in dependant.dependencies:
            yield from walk(dep)

    return list(walk(route.dependant))


def filled_urls(route: Any, values: dict[str, list[str]]) -> Iterator[str]:
    """Every URL of a route with its path parameters filled from ``values`` (all combinations) and each
    required query parameter (such as the API search's ``q``) given its first value."""
    names = path_params(route.path)
    declared = query_params(route)
    required = [q.name for q in declared if q.field_info.is_required()]
    # A search box is tried with a query too (the API's search answers an empty one with a 400).
    searched = [q.name for q in declared if q.name == "q" and q.name not in required]
    queries = [] if searched and not is_page(route.path) else [required]
    queries += [required + searched] if searched else []
    for combo in itertools.product(*(values[n] for n in names)):
        for given in queries:
            query = "&".join(f"{n}={quote(values[n][0], safe='')}" for n in given)
            yield fill(route.path, dict(zip(names, combo))) + (f"?{query}" if query else "")


def html_route(route: Any) -> bool:
    """Whether a route answers with HTML: a page, or an /api route declared so (the API's docs)."""
    response_class = getattr(getattr(route, "original_route", route), "response_class", None)
    return is_page(route.path) or (isinstance(response_class, type) and issubclass(response_class, HTMLResponse))


def role_needed(route: Any) -> str | None:
    """The role a route's ``require_role`` dependency asks for (a GET only that role may see), else None."""
    def walk(dependant: Any) -> Iterator[str]:
        for dep in dependant.dependencies:
            name = getattr(dep.call, "__name__", "")
            if name.startswith("require_role_"):
                yield name.removeprefix("require_role_")
            yield from walk(dep)

    return next(walk(route.dependant), None)


def is_page(path: str) -> bool:
    """Whether a route is a page (HTML) rather than the JSON API."""
    return not (path == "/api" or path.startswith("/api/"))


def get_routes(app: FastAPI) -> list[Any]:
    """Every GET route of the app, each once, in path order."""
    seen: dict[str, Any] = {}
    for route in read_routes(app):
        seen.setdefault(route.path, route)
    return [seen[p] for p in sorted(seen)]


@dataclass
class Inspection:
    """What a browser would make of an HTML page: its visible text, the text of its table and list cells,
    and every way the markup could run script (inline handlers, script URLs, inline scripts, stray tags)."""
    text: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    dangers: list[str] = field(default_factory=list)


_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc",
              "hx-get", "hx-post", "hx-put", "hx-delete", "hx-patch"}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Inspection()
        self.stack: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"<{tag}>"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.dangers.append(f"{where} has an inline handler {name}={value!r}")
            if name in _URL_ATTRS and value is not None:
                # Browsers drop whitespace and control characters inside a scheme ("java\tscript:")
                bare = re.sub(r"[\x00-\x20]", "", value).lower()
                if bare.startswith(_SCRIPT_SCHEMES):
                    self.found.dangers.append(f"{where} {name}={value!r}")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.dangers.append("an <img src=x> from a report became an element")
        if tag in ("iframe", "object", "embed", "base", "svg", "math"):
            self.found.dangers.append(f"a {where} element")
        if tag in ("td", "th", "dd"):
            self.cell = []
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "dd") and self.cell is not None:
            self.found.cells.append("".join(self.cell).strip())
            self.cell = None
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        inside = self.stack[-1] if self.stack else ""
        if inside == "script":
            if "alert(" in data:
                self.found.dangers.append(f"an inline script holding {data.strip()[:60]!r}")
            return
        if inside == "style":
            return
        self.found.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def inspect_html(html: str) -> Inspection:
    """Parse ``html`` as a browser would and say what it shows and what in it could run."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.found


def blanks_shown(html: str) -> list[str]:
    """Visible text (outside scripts, styles and attributes) that prints a missing value as a word."""
    found = inspect_html(html)
    return [t.strip()[:80] for t in found.text if BLANKS.search(t)]


# --- the seeds' ledger, walked --------------------------------------------------------------------------

def test_every_path_parameter_has_a_source(app_client: TestClient) -> None:
    values = ledger_values(db_of(app_client), SMOKE_CAP)
    walked = [r for r in get_routes(app_client.app) if path_params(r.path)]  # type: ignore[arg-type]
    assert len(walked) >= 8
    for route in walked:
        for name in path_params(route.path):
            assert name in PARAM_SOURCES, f"{route.path}: no source for the path parameter {name!r}"
            assert values[name], f"{route.path}: the seeds' ledger gives no value for {name!r}"
        for q in query_params(route):
            if q.field_info.is_required():
                assert values.get(q.name), f"{route.path}: no value for the required query parameter {q.name!r}"


def _check_page(client: TestClient, route: Any, url: str) -> list[str]:
    """GET ``url`` (of ``route``) as the client; the problems found (none when it renders cleanly): a
    page is a whole page of the site without blanks printed as words, a download is an attachment, the
    API answers JSON."""
    response = client.get(url)
    if response.status_code != 200:
        return [f"GET {url}: {response.status_code} {response.text[:200]}"]
    kind = response.headers.get("content-type", "")
    problems = []
    if "text/html" in kind:
        if not html_route(route):
            problems.append(f"GET {url}: HTML from a route that answers data")
        elif is_page(route.path) and ("<nav" not in response.text or "</html>" not in response.text):
            problems.append(f"GET {url}: not a whole page")
        problems += [f"GET {url}: prints {b!r}" for b in blanks_shown(response.text)]
    elif is_page(route.path):
        if not response.headers.get("content-disposition", "").startswith("attachment"):
            problems.append(f"GET {url}: {kind} is neither a page nor a download")
    elif "application/json" not in kind:
        problems.append(f"GET {url}: {kind} is not JSON")
    return problems


def test_every_page_renders_for_an_anonymous_reader(app_client: TestClient) -> None:
    """Reading is public: every page and API read answers 200 (following a redirect such as /evidence's),
    an admin-only page sends the reader to /login; no page prints a blank as a word."""
    values = ledger_values(db_of(app_client), SMOKE_CAP)
    problems: list[str] = []
    pages = 0
    for route in get_routes(app_client.app):  # type: ignore[arg-type]
        for url in filled_urls(route, values):
            if role_needed(route):
                response = app_client.get(url, follow_redirects=False)
                where = urlsplit(response.headers.get("location", ""))
                if response.status_code != 303 or where.path != "/login":
                    problems.append(f"GET {url} (for {role_needed(route)}s): {response.status_code} {where.path}")
                continue
            problems += _check_page(app_client, route, url)
            pages += is_page(route.path)
    assert not problems, "\n".join(problems)
    assert pages >= 40


def test_pages_for_a_role_render_for_that_role(make_client: Callable[..., TestClient],
                                               login_as: Callable[..., users.User]) -> None:
    client = make_client(public_read=False)
    walked = [r for r in get_routes(client.app) if role_needed(r)]  # type: ignore[arg-type]
    assert walked, "the account page needs the admin role"
    for route in walked:
        role = role_needed(route)
        assert role is not None
        admin = make_client(public_read=False)
        login_as(admin, role)
        values = ledger_values(db_of(admin), SMOKE_CAP)
        problems = [p for url in filled_urls(route, values) for p in _check_page(admin, route, url)]
        assert not problems, "\n".join(problems)


def test_with_login_required_every_page_goes_to_the_login_page(make_client: Callable[..., TestClient],
                                                               login_as: Callable[..., users.User]) -> None:
    """Reading needs a session: each page (its first filled URL) redirects to /login and comes back after
    signing in; a viewer then sees every page but the admin's."""
    client = make_client(public_read=False)
    values = ledger_values(db_of(client), 1)
    routes = [r for r in get_routes(client.app) if is_page(r.path) and r.path != "/login"]  # type: ignore[arg-type]
    urls = {r.path: next(filled_urls(r, values)) for r in routes}
    for path, url in urls.items():
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303, f"GET {url}: {response.status_code}"
        where = urlsplit(response.headers["location"])
        assert where.path == "/login" and unquote(parse_qs(where.query)["next"][0]) == unquote(url), url
    login_as(client, "viewer")
    problems = [p for r in routes if not role_needed(r) for p in _check_page(client, r, urls[r.path])]
    assert not problems, "\n".join(problems)


def test_the_inspection_sees_what_a_browser_would_run() -> None:
    """The checks this file and test_xss.py rely on catch what they are meant to (and only that)."""
    bad = ('<p><a href=" Java\tScript:alert(1)">x</a><img src=x onerror=alert(1)>'
           '<script>alert(1)</script><div onclick="go()">y</div><form action="javascript:void(0)"></form></p>')
    dangers = inspect_html(bad).dangers
    assert len(dangers) == 6, dangers  # the link, img (handler and src=x), script, div's handler, form
    good = ('<p title="&#34;onmouseover=alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;'
            '<a href="https://example.org/?q=javascript:alert(1)">z</a></p><table><tr><td>–</td><td>None</td></tr>'
            '</table><script src="/static/js/app.js"></script>')
    seen = inspect_html(good)
    assert seen.dangers == [] and "<script>alert(1)</script>" in "".join(seen.text)
    assert seen.cells == ["–", "None"] and blanks_shown(good) == ["None"]
    assert blanks_shown("<p>Nonesuch 公司 undefinedness</p>") == []
