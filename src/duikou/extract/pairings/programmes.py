"""The programme of each pairing: from the registry with the pairing's own cue words, then, where
that leaves it unspecified, from the document's main pairing, its cue words and its provinces."""
from __future__ import annotations

from duikou.extract.context import Context
from duikou.extract.pairings.actors import central_body
from duikou.extract.pairings.merge import Merged, Pairing
from duikou.extract.pairings.sides import Registry, region_of
from duikou.extract.pairings.vocabulary import Patterns, designated_word
from duikou.extract.parties import party_index
from duikou.reference.gazetteer import gazetteer

UNSPECIFIED = "unspecified"
Programmes = dict[tuple[str, str], str]


def programmes(ctx: Context, merged: Merged, main: tuple[str, str], v: Patterns) -> Programmes:
    """The programme of every pairing of ``merged``, each rule filling only what the ones before left open."""
    year = int(ctx.doc.published[:4]) if ctx.doc.published else None
    out = {k: Registry.infer_program(region_of(info.helper), region_of(info.recipient), tuple(sorted(info.cues)), year)
           for k, info in merged.items()}
    _inherit(merged, out, main)
    doc_cues = tuple(sorted(set(v["cue_words"].findall(ctx.text))))
    for k, info in merged.items():
        if out[k] == UNSPECIFIED and _governments(info):  # a unit pairing in a document about one programme
            out[k] = Registry.infer_program(region_of(info.helper), region_of(info.recipient), doc_cues, year)
    designated = any(designated_word() in c for c in doc_cues)
    for k, info in merged.items():
        if out[k] == UNSPECIFIED and designated and not info.helper.is_region \
                and info.helper.kind in ("bodies", "institutions"):
            out[k] = "designated"  # an agency, a university, an army unit in a document about 定点帮扶
        if out[k] == UNSPECIFIED:  # an institution's programme from where the two sides are
            hc, rc = (p.id if p.is_region else p.region for p in (info.helper, info.recipient))
            if hc and rc:
                out[k] = Registry.infer_program(hc, rc, tuple(sorted(info.cues)), year)
    _intra_province(ctx, merged, out)
    return out


def _governments(info: Pairing) -> bool:
    """Both sides regions or their units (streets, townships, zones)."""
    return all(p.is_region or p.kind in ("units", "zones") for p in (info.helper, info.recipient))


def _inherit(merged: Merged, programs: Programmes, main: tuple[str, str]) -> None:
    """A pairing of units (a street and a township, two hospitals) inside the document's main
    pairing belongs to the main pairing's programme when nothing else says which."""
    main_program = programs[main]
    if main_program == UNSPECIFIED:
        return
    g = gazetteer()
    main_recipient = region_of(merged[main].recipient)
    for key, info in merged.items():
        if key == main or programs[key] != UNSPECIFIED or not _governments(info):
            continue
        rc = region_of(info.recipient)
        if rc is None or main_recipient is None:
            programs[key] = main_program  # named units only: the document is about the main pairing
        elif g.province_of(rc) == g.province_of(main_recipient):
            programs[key] = main_program


def _intra_province(ctx: Context, merged: Merged, programs: Programmes) -> None:
    """Two local organisations in a report that names one province only: a pairing inside it."""
    provinces: set[str] | None = None
    for k, info in merged.items():
        if programs[k] != UNSPECIFIED or info.helper.is_region or info.recipient.is_region \
                or central_body(info.helper):
            continue
        if provinces is None:  # the provinces the report names
            provinces = {p.id[:2] for p in party_index(ctx).parties if p.is_region and p.id[:2] != "00"}
        if len(provinces) == 1:
            programs[k] = "intra_province"
