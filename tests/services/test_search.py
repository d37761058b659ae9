"""The search box on the seed ledger (SQLite and PostgreSQL): regions by name, short form and code, people,
agreements by title words, documents by title, pairings between two names; ranking and errors."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

import pytest
from sqlalchemy import Engine, select

from duikou.ledger.db import engine
from duikou.ledger.tables import agreements, documents, people
from duikou.reference import regions as reg
from duikou.services.lists import QueryError
from duikou.services.search import HIT_KINDS, Hit, search
from duikou.services.views import pairings
from tests.services.conftest import Seeded

EXACT = 300  # an exact match scores at least this much; anything else scores less


@pytest.fixture(scope="module")
def eng(seeded: Seeded) -> Iterator[Engine]:
    e = engine(seeded.url)
    yield e
    e.dispose()


@pytest.fixture(scope="module")
def ledger_codes(eng: Engine) -> list[str]:
    """The region codes the seeds' pairings name."""
    return sorted({p[side]["id"] for p in pairings(eng) for side in ("helper", "recipient")})


def _regions(hits: list[Hit]) -> list[Hit]:
    return [h for h in hits if h.kind == "region"]


def _well_ranked(hits: list[Hit]) -> None:
    """Best first; exact matches before the rest; of the rest, ledger hits before gazetteer-only ones."""
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({(h.kind, h.key) for h in hits}) == len(hits)
    assert all(h.kind in HIT_KINDS and h.label and h.detail for h in hits)
    for tier in ([h for h in hits if h.score >= EXACT], [h for h in hits if h.score < EXACT]):
        marks = [h.in_ledger for h in tier]
        assert marks == sorted(marks, reverse=True), [(h.label, h.in_ledger) for h in tier]


def test_a_region_by_its_name_as_printed_and_by_its_code(eng: Engine, ledger_codes: list[str]) -> None:
    for code in ledger_codes:
        name = reg.name(code)
        assert name
        for q in (name, code):
            hits = search(eng, q)
            _well_ranked(hits)
            top = hits[0]
            assert (top.kind, top.key, top.label, top.in_ledger) == ("region", code, name, True), q
            assert top.score >= EXACT and top.detail.startswith(reg.region(code)["level"])  # type: ignore[index]


def test_a_region_by_its_short_forms(eng: Engine, ledger_codes: list[str]) -> None:
    tried = 0
    for code in ledger_codes:
        for short in sorted(reg.short_names(code) - {reg.name(code)}):
            hits = search(eng, short)
            _well_ranked(hits)
            regions = _regions(hits)
            # the ledger's region comes first among the regions the short form may name
            assert regions[0].key == code or (regions[0].in_ledger and regions[0].score >= EXACT
                                              and code in {h.key for h in regions if h.score >= EXACT}), short
            tried += 1
    assert tried >= len(ledger_codes) // 2


def test_a_province_or_prefecture_by_its_code_prefix(eng: Engine, ledger_codes: list[str]) -> None:
    code = ledger_codes[0]
    for prefix, whole in ((code[:2], code[:2] + "0000"), (code[:4], code[:4] + "00")):
        if reg.region(whole) is None:
            continue  # a municipality's districts have no prefecture
        hits = search(eng, prefix)
        assert (hits[0].kind, hits[0].key) == ("region", whole) and hits[0].score >= EXACT
        assert hits[0].in_ledger  # a unit inside it is in the ledger
    assert search(eng, "５１")[0].key == "510000"  # full-width digits as typed by an IME


def test_a_region_the_ledger_lacks_is_found_and_marked(eng: Engine, ledger_codes: list[str]) -> None:
    code = reg.codes_for("丹阳市")[0]
    assert code not in ledger_codes
    hits = search(eng, "丹阳")  # its short form
    top = hits[0]
    assert (top.kind, top.key, top.in_ledger) == ("region", code, False) and "not in the ledger" in top.detail
    # a name several regions share: the one the ledger has facts for first
    for ledger_code in ledger_codes:
        stems = [s for s in reg.short_names(ledger_code) if len(reg.codes_for(s)) > 1]
        for stem in stems:
            regions = _regions(search(eng, stem))
            assert regions[0].in_ledger and any(not h.in_ledger for h in regions), stem


def test_a_person_by_name(eng: Engine) -> None:
    with eng.connect() as conn:
        found = conn.execute(select(people.c.id, people.c.name, people.c.region).order_by(people.c.id)).all()
    assert found
    for pid, name, region in found[:10]:
        hits = [h for h in search(eng, name) if h.kind == "person"]
        mine = next(h for h in hits if h.key == pid)
        assert mine.label == name and mine.score >= EXACT
        if region:
            assert reg.name(region) in mine.detail


def test_an_agreement_by_words_of_its_title(eng: Engine) -> None:
    with eng.connect() as conn:
        found = conn.execute(select(agreements.c.id, agreements.c.title)).all()
    for aid, title in found:
        hits = search(eng, f"{title[:2]} {title[-3:]}")
        assert aid in {h.key for h in hits if h.kind == "agreement"}, title
        exact = search(eng, title)
        assert any(h.kind == "agreement" and h.key == aid and h.score >= EXACT for h in exact)


def test_a_document_by_title_or_outlet(eng: Engine) -> None:
    with eng.connect() as conn:
        found = conn.execute(select(documents.c.id, documents.c.title, documents.c.outlet)).all()
    titled = [(i, t) for i, t, _ in found if t and len(t) > 12]
    assert titled
    for doc_id, title in titled:
        hits = [h for h in search(eng, title[3:12]) if h.kind == "document"]
        assert str(doc_id) in {h.key for h in hits}
        assert next(h for h in hits if h.key == str(doc_id)).label == title
    for doc_id, _, outlet in found:
        if outlet:
            assert str(doc_id) in {h.key for h in search(eng, outlet) if h.kind == "document"}


def test_two_names_find_the_pairing_between_them(eng: Engine) -> None:
    for p in pairings(eng):
        q = f"{p['helper']['name']} {p['recipient']['name']}"
        hits = search(eng, q)
        assert (hits[0].kind, hits[0].key) == ("pairing", p["id"]), q
        assert p["helper"]["name"] in hits[0].label and p["recipient"]["name"] in hits[0].label
        # and each side's region is found too
        assert {p["helper"]["id"], p["recipient"]["id"]} <= {h.key for h in _regions(hits)}


def test_an_id_finds_its_entity(eng: Engine) -> None:
    p = pairings(eng)[0]
    assert (search(eng, p["id"])[0].kind, search(eng, p["id"])[0].key) == ("pairing", p["id"])


def test_limits_and_errors(eng: Engine) -> None:
    assert len(search(eng, "市", limit=3)) == 3
    for empty in ("", "   ", "\u3000"):
        with pytest.raises(QueryError) as err:
            search(eng, empty)
        assert err.value.param == "q"
    for bad in (0, 201):
        with pytest.raises(QueryError) as err:
            search(eng, "市", limit=bad)
        assert err.value.param == "limit"
    with pytest.raises(QueryError):
        search(eng, "字" * 300)
    assert search(eng, "%") == [] and search(eng, "_") == []  # LIKE's wildcards are searched as text
    assert search(eng, "不存在的地方名") == []


def test_hits_are_plain_data(eng: Engine) -> None:
    hit = search(eng, "市")[0]
    assert hit.to_dict() == {"kind": hit.kind, "key": hit.key, "label": hit.label, "detail": hit.detail,
                             "score": hit.score, "in_ledger": hit.in_ledger, "about": asdict(hit.about)}
