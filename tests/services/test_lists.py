"""Filtered lists on the seed ledger (SQLite and PostgreSQL): every filter of every kind against the same
filter applied by hand to the whole list, each sort in both directions, paging, and the query string."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from duikou.ledger.db import engine
from duikou.ledger.tables import documents, entity_documents, facts, pairings
from duikou.reference import regions as reg
from duikou.services import review
from duikou.services.lists import KINDS, ListQuery, Page, QueryError, filter_options, list_rows
from tests.services.conftest import Seeded

PARTIES = {"pairings": ("helper", "recipient"), "events": ("helper", "recipient", "place"),
           "money": ("payer", "payee"), "counts": ("helper", "recipient"), "agreements": (), "documents": ()}
FACT_KIND = {"money": "amounts"}


@pytest.fixture(scope="module")
def eng(seeded: Seeded) -> Iterator[Engine]:
    e = engine(seeded.url)
    yield e
    e.dispose()


def everything(eng: Engine, kind: str, **filters: Any) -> Page:
    page = list_rows(eng, ListQuery(kind, per_page=500, **filters))
    assert page.total == len(page.rows) and page.pages == 1
    return page


class Oracle:
    """The filters applied by hand to the whole list, from the ledger's tables read plainly."""

    def __init__(self, eng: Engine):
        with eng.connect() as conn:
            self.sides: dict[str, set[str]] = defaultdict(set)
            self.years: dict[str, set[str]] = defaultdict(set)
            for entity, side, published in conn.execute(select(entity_documents.c.entity_id, entity_documents.c.side,
                                                               entity_documents.c.published)):
                if side:
                    self.sides[entity].add(side)
                if published:
                    self.years[entity].add(published[:4])
            self.programs = {(h, r): p for h, r, p, rel in conn.execute(
                select(pairings.c.helper, pairings.c.recipient, pairings.c.program, pairings.c.relation))
                if rel in (None, "standing")}
            self.doc_pairings: dict[int, set[tuple[str, str, str]]] = defaultdict(set)
            for doc, h, r, p in conn.execute(select(entity_documents.c.document_id, pairings.c.helper,
                                                    pairings.c.recipient, pairings.c.program)
                                             .join(pairings, pairings.c.id == entity_documents.c.entity_id)):
                self.doc_pairings[doc].add((h, r, p))
            self.doc_reviewed = set(conn.execute(select(facts.c.document_id).where(
                facts.c.review.in_(("accepted", "corrected")))).scalars())
        self.doc_parties: dict[int, set[str]] = defaultdict(set)  # the parties of a document's pairings and events
        self.eng = eng
        self.event_parties: dict[str, set[str]] = {}
        for e in everything(eng, "events").rows:
            self.event_parties[e["id"]] = {p["id"] for p in (e["helper"], e["recipient"], e["place"]) if p}
        with eng.connect() as conn:
            for doc, entity in conn.execute(select(entity_documents.c.document_id, entity_documents.c.entity_id)):
                if entity in self.event_parties:
                    self.doc_parties[doc] |= self.event_parties[entity]
        for doc, pairs in self.doc_pairings.items():
            self.doc_parties[doc] |= {x for h, r, _ in pairs for x in (h, r)}

    def reviewed(self, kind: str) -> set[str]:
        return set(review.reviewed_entities(self.eng, FACT_KIND.get(kind, kind)))

    def keeps(self, kind: str, row: dict[str, Any], name: str, value: Any) -> bool:
        ids = [row[c]["id"] for c in PARTIES[kind] if row[c]] if kind != "agreements" else \
            [p["id"] for p in row["parties"]]
        if name == "province":
            prov = reg.codes_for(value)[0][:2] if not value.isdigit() else value[:2]
            if kind == "documents":
                return any(reg.is_code(p) and p[:2] == prov for p in self.doc_parties[row["id"]])
            return any(reg.is_code(p) and p[:2] == prov for p in ids)
        if name == "year":
            y = str(value)
            if kind == "pairings":
                return y in self.years[row["id"]]
            when = {"events": row.get("date"), "agreements": row.get("date"), "counts": row.get("period"),
                    "money": row.get("period") or row.get("date"), "documents": row.get("published")}[kind]
            return (when or "")[:4] == y
        if name == "type":
            field = {"pairings": "relation", "events": "type", "money": "role", "counts": "role",
                     "documents": "status"}[kind]
            return bool(row[field] == value)
        if name == "side":
            return bool(value == row["side"]) if kind == "documents" else value in self.sides[row["id"]]
        if name == "review":
            done = row["id"] in self.doc_reviewed if kind == "documents" else row["id"] in self.reviewed(kind)
            return done == (value == "reviewed")
        assert name == "program"
        if kind == "pairings":
            return bool(row["program"] == value)
        if kind == "documents":
            return any(p == value for _, _, p in self.doc_pairings[row["id"]])
        if kind == "agreements":
            return any(self.programs.get((a, b)) == value for a in ids for b in ids if a != b)
        a, b = PARTIES[kind][:2]
        return bool(row[a] and row[b] and self.programs.get((row[a]["id"], row[b]["id"])) == value)


@pytest.fixture(scope="module")
def oracle(eng: Engine) -> Oracle:
    return Oracle(eng)


def _values(eng: Engine, kind: str) -> Iterator[tuple[str, Any]]:
    opts = filter_options(eng, kind)
    for name in ("program", "type", "side"):
        for v in opts[name]:
            yield name, v
    for p in opts["province"]:
        yield "province", p["code"]
    yield "province", opts["province"][0]["name"]  # by name as well as by code
    for y in opts["year"]:
        yield "year", y
    yield "review", "reviewed"
    yield "review", "unreviewed"


@pytest.mark.parametrize("kind", KINDS)
def test_each_filter_keeps_what_the_same_filter_by_hand_keeps(eng: Engine, oracle: Oracle, kind: str) -> None:
    whole = everything(eng, kind).rows
    assert whole, f"the seeds have {kind}"
    narrowed = kept_some = 0
    for name, value in _values(eng, kind):
        got = [r["id"] for r in everything(eng, kind, **{name: value}).rows]
        want = {r["id"] for r in whole if oracle.keeps(kind, r, name, value)}
        assert set(got) == want, (kind, name, value)
        assert len(got) == len(set(got))
        narrowed += 0 < len(got) < len(whole)
        kept_some += bool(got)
    assert narrowed and kept_some > 3, f"the filters of {kind} never narrowed the list"


@pytest.mark.parametrize("kind", KINDS)
def test_filters_combine(eng: Engine, oracle: Oracle, kind: str) -> None:
    whole = everything(eng, kind).rows
    opts = filter_options(eng, kind)
    for prov in opts["province"]:
        for year in opts["year"]:
            got = {r["id"] for r in everything(eng, kind, province=prov["code"], year=year).rows}
            want = {r["id"] for r in whole if oracle.keeps(kind, r, "province", prov["code"])
                    and oracle.keeps(kind, r, "year", year)}
            assert got == want, (kind, prov, year)


def test_reviewed_lists_follow_the_review_service(eng: Engine, seeded: Seeded) -> None:
    for kind, entity in (("pairings", seeded.accepted["pairings"]), ("events", seeded.accepted["events"]),
                         ("money", seeded.accepted["amounts"])):
        reviewed = everything(eng, kind, review="reviewed").rows
        assert [r["id"] for r in reviewed] == [entity]  # one fact accepted: one entity reviewed
        assert reviewed[0]["reviewed"] is True
        rest = everything(eng, kind, review="unreviewed").rows
        assert entity not in {r["id"] for r in rest} and not any(r["reviewed"] for r in rest)
        assert len(rest) + 1 == everything(eng, kind).total
    if seeded.rejected_entity is not None:  # a rejected fact makes nothing reviewed
        kind = next(k for k in KINDS if seeded.rejected_entity in {r["id"] for r in everything(eng, k).rows})
        assert seeded.rejected_entity not in {r["id"] for r in everything(eng, kind, review="reviewed").rows}


@pytest.mark.parametrize("kind", KINDS)
def test_text_filter_finds_names_short_forms_titles_and_ids(eng: Engine, kind: str) -> None:
    whole = everything(eng, kind).rows
    row = whole[len(whole) // 2]
    by_id = [r["id"] for r in everything(eng, kind, q=str(row["id"])).rows]
    assert row["id"] in by_id and (kind == "documents" or by_id == [row["id"]])  # a document's id is a number
    if kind == "documents":
        word = next(r["outlet"] for r in whole if r["outlet"])
        got = everything(eng, kind, q=word).rows
        assert got and all(word in (r["outlet"] or "") + (r["title"] or "") for r in got)
        return
    names = [p for c in PARTIES[kind] for p in [row[c]] if p] if kind != "agreements" else row["parties"]
    code = next(p["id"] for p in names if reg.is_code(p["id"]))
    for word in {reg.name(code), *reg.short_names(code)} - {None}:
        got = {r["id"] for r in everything(eng, kind, q=word).rows}
        assert row["id"] in got, (word, row)
    if kind == "agreements":
        words = f"{row['title'][:2]} {row['title'][-2:]}"
        got = everything(eng, kind, q=words).rows
        assert row["id"] in {r["id"] for r in got}
    assert everything(eng, kind, q="不存在的名字").total == 0


def _key(kind: str, col: str, row: dict[str, Any]) -> Any:
    v = row[col]
    return v["name"] if isinstance(v, dict) else v


def _collates_by_code_point(eng: Engine) -> bool:
    if eng.dialect.name == "sqlite":
        return True
    with eng.connect() as conn:
        return str(conn.exec_driver_sql("SHOW lc_collate").scalar()).split(".")[0] in ("C", "POSIX")


@pytest.mark.parametrize("kind", KINDS)
def test_each_sort_orders_both_ways_with_blanks_last(eng: Engine, kind: str) -> None:
    text_order = _collates_by_code_point(eng)
    for col in filter_options(eng, kind)["sort"]:
        for desc in (False, True):
            page = everything(eng, kind, sort=("-" if desc else "") + col)
            keys = [_key(kind, col, r) for r in page.rows]
            blanks = [k is None for k in keys]
            assert blanks == sorted(blanks), (kind, col, "blank values come last")
            present = [k for k in keys if k is not None]
            if present and (text_order or not isinstance(present[0], str)):
                assert present == sorted(present, reverse=desc), (kind, col, desc)
            assert page.query.effective_sort == ("-" if desc else "") + col


@pytest.mark.parametrize("kind", KINDS)
def test_pages_split_the_whole_list_in_order(eng: Engine, kind: str) -> None:
    whole = [r["id"] for r in everything(eng, kind).rows]
    per = 2 if len(whole) < 20 else 7
    first = list_rows(eng, ListQuery(kind, per_page=per))
    assert first.total == len(whole) and first.pages == -(-len(whole) // per)
    seen: list[Any] = []
    for n in range(1, first.pages + 1):
        page = list_rows(eng, ListQuery(kind, per_page=per, page=n))
        assert page.page == n and page.total == len(whole) and len(page.rows) <= per
        seen += [r["id"] for r in page.rows]
    assert seen == whole
    past = list_rows(eng, ListQuery(kind, per_page=per, page=first.pages + 5))
    assert past.page == first.pages and [r["id"] for r in past.rows] == whole[(first.pages - 1) * per:]
    assert past.query.page == first.pages


def test_rows_carry_their_fields_and_sources(eng: Engine) -> None:
    money = everything(eng, "money").rows
    assert all(isinstance(r["value"], float) and r["role"] and r["status"] in ("done", "planned")
               and isinstance(r["cumulative"], bool) and r["sources"] >= 1 for r in money)
    assert {"payer", "payee", "period", "date", "conflict"} <= set(money[0])
    docs = everything(eng, "documents").rows
    with eng.connect() as conn:
        stored = {r.id: r for r in conn.execute(select(documents.c.id, documents.c.title, documents.c.source))}
    for d in docs:
        assert {"id", "title", "published", "outlet", "side", "status", "provenance", "on_topic", "url", "source",
                "facts"} <= set(d)
        assert (d["title"], d["source"]) == (stored[d["id"]].title, stored[d["id"]].source)
        assert d["facts"] > 0
    for kind in KINDS:
        page = everything(eng, kind)
        assert set(page.columns) <= set(page.rows[0]), kind


def test_query_string_round_trip_and_errors() -> None:
    q = ListQuery.from_params("events", {"program": "east_west", "province": "四川", "year": "2022",
                                         "type": "visit", "side": "helper", "review": "reviewed", "q": " 会议 ",
                                         "sort": "-date", "page": "2", "per_page": "20", "tab": "x"})
    assert q.to_params() == {"program": "east_west", "province": "四川", "year": "2022", "type": "visit",
                             "side": "helper", "review": "reviewed", "q": "会议", "sort": "-date", "page": "2",
                             "per_page": "20"}
    assert ListQuery.from_params("events", q.to_params()) == q
    assert q.to_params(page=3)["page"] == "3" and "page" not in q.to_params(page=1)
    assert ListQuery.from_params("money", {"year": "", "q": "  "}) == ListQuery("money")
    bad: list[tuple[str, dict[str, str], str]] = [
        ("money", {"year": "二〇二二"}, "year"), ("money", {"year": "1800"}, "year"),
        ("money", {"page": "0"}, "page"), ("money", {"page": "-1"}, "page"), ("money", {"per_page": "501"}, "per_page"),
        ("money", {"sort": "text"}, "sort"), ("money", {"sort": "--value"}, "sort"),
        ("money", {"type": "visit"}, "type"), ("agreements", {"type": "signing"}, "type"),
        ("events", {"side": "both"}, "side"), ("events", {"review": "yes"}, "review"),
        ("pairings", {"program": "aid"}, "program"), ("pairings", {"q": "字" * 201}, "q"),
    ]
    for kind, params, name in bad:
        with pytest.raises(QueryError) as err:
            ListQuery.from_params(kind, params)
        assert err.value.param == name and name in str(err.value), (kind, params)
    with pytest.raises(QueryError) as err:
        ListQuery.from_params("nothing", {})
    assert err.value.param == "kind"


def test_an_unknown_province_names_the_parameter(eng: Engine) -> None:
    with pytest.raises(QueryError) as err:
        list_rows(eng, ListQuery("pairings", province="不存在省"))
    assert err.value.param == "province"
    with pytest.raises(QueryError):
        filter_options(eng, "nothing")


def test_filter_options_come_from_the_schema_and_the_data(eng: Engine) -> None:
    from duikou import schema

    for kind in KINDS:
        opts = filter_options(eng, kind)
        assert opts["program"] == list(schema.enum("pairings", "program"))
        assert opts["year"] == sorted(opts["year"], reverse=True) and opts["year"]
        assert all(reg.is_code(p["code"]) and p["code"].endswith("0000") and p["name"] for p in opts["province"])
        assert opts["side"] == ["helper", "recipient"] and opts["review"] == ["any", "reviewed", "unreviewed"]
    assert filter_options(eng, "events")["type"] == list(schema.enum("events", "type"))
    assert filter_options(eng, "money")["type"] == list(schema.enum("amounts", "role"))
    assert filter_options(eng, "agreements")["type"] == []


def test_the_cli_lists_still_work(eng: Engine) -> None:
    from duikou.services import views

    listed: Callable[..., list[dict[str, Any]]] = views.pairings
    assert {r["id"] for r in listed(eng)} == {r["id"] for r in everything(eng, "pairings", type="standing").rows}
    assert {r["id"] for r in views.events(eng)} == {r["id"] for r in everything(eng, "events").rows}
