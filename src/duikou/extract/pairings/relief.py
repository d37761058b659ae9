"""Relief and one-off help: a pairing about a disaster or an epidemic is no standing pairing."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.pairings.clauses import clause_end
from duikou.extract.pairings.merge import Merged, Pairing
from duikou.extract.pairings.sides import Registry
from duikou.extract.pairings.vocabulary import Patterns, number


def set_relief(ctx: Context, merged: Merged, v: Patterns) -> None:
    """Mark relief pairings: every sentence of the pair about a disaster or epidemic (or the
    document about one), none about a standing programme, and no official arrangement."""
    text = ctx.text
    doc_relief: bool | None = None
    for (h, r), info in merged.items():
        if info.relation != "standing" or Registry.lookup_related(h, r) is not None:
            continue
        sentences = {ctx.sentence_at(a) for a, _ in info.spans}
        if all(_relief_object(ctx, b, v) for _, b in info.spans) and not _lasting(ctx, info, v):
            info.relation = "relief"  # the help given is itself the relief: "结对帮扶<R>进行灾后重建"
            continue
        if any(v["standing"].search(text, s, e) for s, e in sentences):
            continue
        if all(v["relief"].search(text, s, e) for s, e in sentences):
            info.relation = "relief"
            continue
        if doc_relief is None:
            doc_relief = sum(1 for _ in v["relief"].finditer(text)) >= number("relief_doc_min")
        if doc_relief:
            info.relation = "relief"


def _relief_object(ctx: Context, end: int, v: Patterns) -> bool:
    """A relief word right after a pairing's span, in its clause: what the help is for."""
    s, e = ctx.sentence_at(end - 1)
    hi = min(clause_end(ctx.text, end, e), end + number("relief_after_recipient"))
    return v["relief"].search(ctx.text, end, hi) is not None


def _lasting(ctx: Context, info: Pairing, v: Patterns) -> bool:
    """A sentence naming both sides of a pairing with a standing cue and a lasting mechanism."""
    a, b = info.helper.surface, info.recipient.surface
    if not a or not b:
        return False
    for s, e in ctx.sentences:
        t = ctx.text[s:e]
        if a in t and b in t and v["standing"].search(t) and v["mechanism"].search(t):
            return True
    return False
