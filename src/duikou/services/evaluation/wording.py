"""The words a figure is told in: what an indicator's ``words`` are looked for in, and what makes a count a
running total.

A report's figure is read as the extractor reads its role (``extract/quantity_roles.py``): the clause before
the number (back to the comma, semicolon or full stop, at most 40 characters) and the words right after
it (at most 12, up to the next such mark): "今年选派教师20名赴结对县支教" names teachers, and a sentence
that lists several figures does not lend one figure's words to the next. A figure from no text (an
imported row, a manual entry) is worded by what its fact names as its producer (an importer names the
column the figure was read from: 挂职干部（名）), else by its source's title and sheet.

A count is a running total (the ledger keeps no flag for counts) when the clause before it names one of
quantity_roles.yaml's ``cumulative`` words (累计, 共计…: the extractor's rule for amounts), or the sentence
before it one of indicators.yaml's ``running_total`` words (截至…, …年来: "截至去年底，已有…").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from duikou.errors import ConfigError
from duikou.extract.quantity_vocab import DELIMS
from duikou.reference import vocab
from duikou.services.evaluation.rows import FactRef

BEFORE_MAX, AFTER_MAX, SENTENCE_MAX = 40, 12, 200  # characters read before and after a figure
_DELIM = re.compile(f"[{DELIMS}]")
_AFTER = re.compile(f"[^{DELIMS}]{{0,{AFTER_MAX}}}")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


class Worded(NamedTuple):
    """How one fact of a figure is told: ``around`` (the clause before it, ``|``, the words after it),
    ``before`` (that clause alone) and ``sentence`` (its sentence up to it)."""

    around: str
    before: str
    sentence: str


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    head = lo
    for m in pattern.finditer(text, lo, hi):
        head = m.end()
    return head


def worded(text: str, start: int, end: int) -> Worded:
    """The words around ``text[start:end]``."""
    seg = text[max(0, start - BEFORE_MAX):start]
    before = seg[_last_end(_DELIM, seg, 0, len(seg)):]
    m = _AFTER.match(text, end)
    sentence = text[_last_end(_SENTENCE_END, text, max(0, start - SENTENCE_MAX), start):start]
    return Worded(f"{before}|{m.group() if m else ''}", before, sentence)


def wording(facts: Iterable[FactRef], docs: dict[int, dict[str, Any]], texts: dict[int, str]) -> list[Worded]:
    """How each fact of a figure is told (a source without text: the fact's producer, else the source's title
    and sheet)."""
    out: list[Worded] = []
    for f in facts:
        text = texts.get(f.document)
        if text is not None and f.start is not None and f.end is not None and 0 <= f.start <= f.end <= len(text):
            out.append(worded(text, f.start, f.end))
            continue
        # What the fact's producer names it (an imported figure: its column) says most; else its source's
        # title and sheet (a sheet of 干部人才 would lend both words to each of its figures).
        doc = docs.get(f.document, {})
        label = f.extractor or " ".join(str(v) for v in (doc.get("title"), (doc.get("citation") or {}).get("sheet"))
                                        if v)
        out.append(Worded(label, label, label))
    return out


@lru_cache(maxsize=1)
def _totals() -> tuple[tuple[str, ...], tuple[str, ...]]:
    running = vocab.load("indicators").get("running_total", [])
    if not isinstance(running, list) or not all(isinstance(w, str) and w for w in running):
        raise ConfigError("indicators.yaml: running_total is a list of words")
    return vocab.words("quantity_roles", "cumulative"), tuple(running)


def running_total(said: Iterable[Worded]) -> bool:
    """Whether a count told so is a running total (see the module doc)."""
    clause_words, sentence_words = _totals()
    return any(any(w in s.before for w in clause_words) or any(w in s.sentence for w in sentence_words)
               for s in said)


__all__ = ["Worded", "worded", "wording", "running_total"]
