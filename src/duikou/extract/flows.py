"""Who paid and who received each donation or assistance amount."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.parties import party_index
from duikou.extract.registry import extractor

NAME, VERSION = "flows", "1"
FLOW_ROLES = ("donation", "assistance")


@extractor(NAME, VERSION, reads=("amounts", "pairings", "main_pairing", "regions"), adds=("amount_parties",))
def flows(ctx: Context) -> None:
    """Set ``payer``/``payee`` of donations and assistance from the sentence, else the main pairing.

    The payer is the party named last before the amount in its sentence that
    helps someone in this document ("巴东县累计投入…", "A向B捐赠"); the payee is
    the one it helps. Without such a party the document's main pairing pays.
    """
    pairs = [(f.data["helper"], f.data["recipient"]) for f in ctx.facts.get("pairings", [])]
    helps: dict[str, str] = {}
    for h, r in pairs:
        helps.setdefault(h, r)
    recipients = {r for _, r in pairs}
    main = ctx.first("main_pairing")
    idx = party_index(ctx)
    for fact in ctx.facts.get("amounts", []):
        if fact.data.get("role") not in FLOW_ROLES:
            continue
        pos = fact.evidence.start
        s, _ = ctx.sentence_at(pos)
        before = idx.ending_within(s, pos)
        payer = payee = None
        for p in reversed(before):
            if p.id in helps:
                payer = p.id
                # "A向B捐赠": B named after A and before the amount
                later = [q.id for q in before if q.start > p.end and q.id in recipients]
                payee = later[0] if later else helps[p.id]
                break
        if payer is None and main:
            payer, payee = main[0], main[1]
        fact.data["payer"], fact.data["payee"] = payer, payee
