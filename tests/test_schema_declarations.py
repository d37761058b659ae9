"""Extractor declarations are checked: what one extractor leaves for another is a declared layer."""
from __future__ import annotations

from typing import Iterator

import pytest

from duikou.errors import ConfigError
from duikou.extract import registry
from duikou.extract.context import Context
from duikou.extract.pipeline import extract_document, load_extractors
from duikou.ingest.document import Document


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The real extractors, plus whatever the test registers (gone afterwards)."""
    load_extractors()
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    yield


def _ctx() -> Context:
    return Context(Document(source="t.txt", text="某县与某市结对帮扶。"))


def test_the_real_extractors_declare_what_they_read_and_add() -> None:
    names = [e.name for e in load_extractors()]
    assert names.index("pairings") < min(names.index(n) for n in ("agreements", "events", "flows"))
    pairings = registry.registered()["pairings"]
    assert {"main_pairing", "relations"} <= set(pairings.adds)
    assert not hasattr(_ctx(), "notes")  # no undeclared channel between extractors


def test_reading_a_layer_no_extractor_adds_is_refused(scratch_registry: None) -> None:
    @registry.extractor("lonely", "1", reads=("text", "rumours"), adds=("gossip",))
    def lonely(ctx: Context) -> None:
        pass

    with pytest.raises(ConfigError, match="'lonely' reads rumours, which no extractor adds"):
        registry.ordered()


def test_a_layer_another_extractor_adds_may_be_read(scratch_registry: None) -> None:
    @registry.extractor("teller", "1", reads=("text",), adds=("rumours",))
    def teller(ctx: Context) -> None:
        ctx.layer("rumours").append("heard")

    @registry.extractor("listener", "1", reads=("rumours",), adds=())
    def listener(ctx: Context) -> None:
        assert ctx.layer("rumours") == ["heard"]

    order = [e.name for e in registry.ordered(["teller", "listener"])]
    assert order == ["teller", "listener"]


@pytest.mark.parametrize("where", ["layer", "fact"])
def test_adding_what_was_not_declared_fails_when_run(scratch_registry: None, where: str) -> None:
    @registry.extractor("sly", "1", reads=("text",), adds=("gossip",))
    def sly(ctx: Context) -> None:
        ctx.layer("gossip").append(1)
        if where == "layer":
            ctx.layer("regions").append("extra")
        else:
            ctx.add("counts", {"value": 1.0}, 0, 1, "sly", "1")

    ex = registry.registered()["sly"]
    with pytest.raises(ConfigError, match="'sly' added to (regions|counts) without declaring it"):
        ex(_ctx())


def test_an_undeclared_add_in_a_run_is_a_problem_on_the_document(scratch_registry: None) -> None:
    @registry.extractor("sly", "1", reads=("text",), adds=())
    def sly(ctx: Context) -> None:
        ctx.layer("gossip").append(1)

    doc = Document(source="t.txt", text="某县与某市结对帮扶。")
    result = extract_document(doc, registry.ordered())
    assert [p.reason for p in result.problems] == [
        "extractor sly failed: ConfigError: extractor 'sly' added to gossip without declaring it (adds=())"]
