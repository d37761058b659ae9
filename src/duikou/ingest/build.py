"""One decoded text in, one :class:`Document` out: normalise, lay out, attach metadata."""
from __future__ import annotations

from duikou.errors import Problem
from duikou.ingest import metadata as meta
from duikou.ingest.clean import layout
from duikou.ingest.document import Document
from duikou.ingest.normalise import compose, fold_width, normalise_pieces, to_simplified


def clean_field(value: str | None) -> str | None:
    """A metadata string (title, outlet) in the same normal form as the text."""
    if value is None:
        return None
    value = " ".join(fold_width(to_simplified(value)).split())
    return value or None


def _day(value: str | None) -> str | None:
    """A publication date given with the input as YYYY-MM-DD, or None when it names no day
    (a bare year or month is no day: the text's own header date, or none, beats a guess)."""
    return meta.parse_date(value) if value else None


def make_document(source: str, raw: str | list[str], *, encoding: str | None = None, title: str | None = None,
                  url: str | None = None, published: str | None = None, outlet: str | None = None,
                  authors: list[str] | None = None) -> Document:
    """Build a Document from decoded page text (or its pieces, consumed: a long text is never held whole
    beside its normalised copies); keyword values (from HTML or JSONL metadata) win over the page's.

    The decoded text is not kept (nothing reads it; ``offsets`` still map into it).
    """
    norm = normalise_pieces([raw] if isinstance(raw, str) else raw)
    title = clean_field(title)
    lay = layout(norm.slices, title_hint=title)
    names = list(authors or [])
    names += [a for a in lay.authors if a not in names]
    return Document(
        source=source,
        text=lay.text,
        title=lay.title if title is None else title,
        published=_day(published) or lay.published,
        outlet=clean_field(outlet) or lay.outlet,
        authors=names,
        script=norm.script,
        url=url,
        encoding=encoding,
        problems=[Problem(source, reason) for reason in norm.problems],
        offsets=compose(lay.offsets, norm.offsets),
    )
