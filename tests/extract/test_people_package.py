"""The layout of duikou.extract.people: every marker kind is read by a pass, every entry of
people_grammar.yaml is read, the modules stay small, and what other code imports is there."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import duikou.extract.people as people
from duikou.extract.people import cues, markers
from duikou.extract.people.lexicon import Grammar, lexicon
from duikou.extract.registry import registered
from duikou.reference import vocab

# Kinds read outside the weak-cue dispatch: by the journalist, resident and career passes.
_OWN_PASSES = {"journalist", "resident", "career"}


def test_every_marker_kind_has_a_reader() -> None:
    handled = {kind for kind, _ in cues._BY_KIND}
    assert handled | _OWN_PASSES == set(markers.KINDS)
    assert not handled & _OWN_PASSES


def test_every_marker_word_anchors_a_known_kind() -> None:
    c = markers.cues()
    assert len(c.words) == len(c.kinds)
    assert {k for ks in c.kinds for k in ks} <= set(markers.KINDS)
    # a career verb holding the 担任 cue's verb anchors both (担任过)
    assert all("takes" in ks for w, ks in zip(c.words, c.kinds) if c.take_verb in w and "career" in ks)


def test_every_grammar_entry_is_read() -> None:
    data = vocab.load("people_grammar")
    # unit_ends is read into body_ends (with org_ends); verb_close is aspect and 地
    assert set(data) - {f.name for f in fields(Grammar)} == {"unit_ends"}
    g = lexicon().g
    assert g.org_ends < g.body_ends and "地" in g.verb_close and g.aspect < g.verb_close
    assert isinstance(g.past_adverbs, str)  # the empty slice at the end of a text matches


def test_modules_stay_small() -> None:
    for path in Path(people.__file__).parent.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


def test_public_names_and_registration() -> None:
    assert set(people.__all__) == {"NAME", "VERSION", "extract_people", "find_people"}
    assert registered()[people.NAME].func is people.extract_people
    assert people.find_people("") == []
