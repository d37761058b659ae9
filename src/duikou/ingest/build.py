"""One decoded text in, one :class:`Document` out: normalise, lay out, attach metadata."""
from __future__ import annotations

from duikou.ingest import metadata as meta
from duikou.ingest.clean import layout
from duikou.ingest.document import Document
from duikou.ingest.normalise import compose, fold_width, normalise, to_simplified


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


def make_document(source: str, raw: str, *, encoding: str | None = None, title: str | None = None,
                  url: str | None = None, published: str | None = None, outlet: str | None = None,
                  authors: list[str] | None = None) -> Document:
    """Build a Document from decoded page text; keyword values (from HTML or JSONL metadata) win over the page's."""
    norm = normalise(raw)
    title = clean_field(title)
    lay = layout(norm.text, title_hint=title)
    text = lay.text
    offsets = compose(lay.offsets, norm.offsets)
    if title is not None and text:  # a headline from metadata heads the text like a page headline does
        prefix = title + "\n\n"
        text = prefix + text
        shifted = type(offsets)([0], [0])
        for c, r in zip(offsets.clean, offsets.raw):
            shifted.add(c + len(prefix), r)
        offsets = shifted
    names = list(authors or [])
    names += [a for a in lay.authors if a not in names]
    return Document(
        source=source,
        text=text,
        raw=raw,
        title=lay.title if title is None else title,
        published=_day(published) or lay.published,
        outlet=clean_field(outlet) or lay.outlet,
        authors=names,
        script=norm.script,
        url=url,
        encoding=encoding,
        problems=list(norm.problems),
        offsets=offsets,
    )
