"""Crawl precision of the relevance gate: does a news crawl about everything yield programme facts?

    python benchmarks/relevance.py [--limit N] [--leaks FILE] [--ontopic]

Streams the crawl shards (../shared/corpus/news/*.jsonl.gz, gzip JSONL, one
document at a time: memory stays flat) through ingest and extract, and prints

- the share of documents naming no programme (none of ``keywords`` in
  data/relevance.yaml) that still yield a programme fact: a pairing, an
  agreement, a funds/signing event, a donation/assistance amount or a
  personnel count (the facts under ``gate`` in the same file), or a relief or
  donation relation (``relations``), before the gate
  (what the extractors found) and after it (what ``duikou extract`` prints).
  Goal (issue 7): at most 0.5% after;
- the number of on-topic verdicts (whole documents and passages only);
- how many of the real gold documents (../shared/eval/real) are on topic, and
  of those with required pairings;
- with --ontopic, the share of ../shared/corpus/real/ontopic.jsonl (real
  reports about the programme) judged on topic: the recall side.

--limit N reads about N documents, spread evenly over the shards. --leaks FILE
writes each remaining leak (document, verdict, programme facts with their
quotes) as JSON lines, to be read by hand; --verdicts FILE every on-topic
verdict with the document's first characters.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARDS = sorted(glob.glob(str(SHARED / "corpus" / "news" / "*.jsonl.gz")))


def _documents(path: str, limit: int | None) -> Iterator[Any]:
    """The documents of one crawl shard, streamed (duikou's own reader when it reads .jsonl.gz)."""
    from duikou.ingest import read, read_documents
    from duikou.runreport import RunReport

    report = RunReport(quiet=True)
    if hasattr(read, "compression_of"):
        docs = read_documents([path], report)
    else:  # a reader without compressed input: decompress here, line by line
        fh = gzip.open(path, "rb")
        docs = read._jsonl_records(path, fh, report)  # type: ignore[attr-defined]
    for n, doc in enumerate(docs):
        if limit is not None and n >= limit:
            break
        if doc.text.strip():
            yield doc


def _programme_facts(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    from duikou.extract.relevance import rules

    # relief and donation relations (printed apart from the pairings) are gated like them
    return [(r.kind, f) for r in rules() for f in record.get(r.kind) or [] if r.applies(f)] \
        + [("relations", f) for f in record.get("relations") or []]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="about N documents, spread over the shards")
    ap.add_argument("--leaks", default=None, metavar="FILE", help="write the remaining leaks here (JSON lines)")
    ap.add_argument("--verdicts", default=None, metavar="FILE",
                    help="write every on-topic verdict here (JSON lines), to read the classifier's precision")
    ap.add_argument("--ontopic", action="store_true", help="also judge ../shared/corpus/real/ontopic.jsonl")
    args = ap.parse_args()
    if not SHARDS:
        raise SystemExit(f"no crawl shards under {SHARED / 'corpus' / 'news'}")

    from duikou.extract.pipeline import extract_document, load_extractors
    from duikou.extract.relevance import keywords

    extractors = load_extractors()
    kw = keywords()
    per_shard = -(-args.limit // len(SHARDS)) if args.limit else None
    c: Counter[str] = Counter()
    leak_kinds: Counter[str] = Counter()
    leaks = open(args.leaks, "w", encoding="utf-8") if args.leaks else None
    verdicts = open(args.verdicts, "w", encoding="utf-8") if args.verdicts else None
    t0 = time.perf_counter()
    for shard in SHARDS:
        for doc in _documents(shard, per_shard):
            result = extract_document(doc, extractors)
            topic = result.topic
            assert topic is not None
            record = result.to_contract()
            named = bool(kw.search(doc.text) or (doc.title and kw.search(doc.title)))
            after = _programme_facts(record)
            c["docs"] += 1
            c["named"] += named
            if topic.on_topic:
                c["on_whole" if topic.whole else "on_passages"] += 1
                c["on_named" if named else "on_unnamed"] += 1
                if verdicts:
                    verdicts.write(json.dumps({"source": doc.source, "named": named, **record["doc"]["topic"],
                                               "lead": doc.text[:160]}, ensure_ascii=False) + "\n")
            elif named:
                c["off_named"] += 1
            if not named:
                c["unnamed_before"] += bool(after or topic.withheld)
                if after:
                    c["unnamed_after"] += 1
                    for kind, _ in after:
                        leak_kinds[kind] += 1
                    if leaks:
                        leaks.write(json.dumps({
                            "source": doc.source, "title": doc.title, "topic": record["doc"]["topic"],
                            "facts": [{"kind": k, **{x: f.get(x) for x in ("helper", "recipient", "type", "role",
                                                                           "value", "title")
                                                     if f.get(x) is not None},
                                       "quote": (f.get("evidence") or {}).get("quote")} for k, f in after],
                        }, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - t0
    for fh in (leaks, verdicts):
        if fh:
            fh.close()
    unnamed = c["docs"] - c["named"]
    pct = lambda a, b: f"{100 * a / b:.2f}%" if b else "-"  # noqa: E731
    print(f"crawl documents            {c['docs']:,} ({elapsed:.0f} s, {c['docs'] / max(elapsed, 1e-9):.0f} docs/s)")
    print(f"  naming a programme       {c['named']:,} ({pct(c['named'], c['docs'])})")
    print(f"  naming none              {unnamed:,}")
    print(f"  ... yielding a programme fact, before the gate   {c['unnamed_before']:,} "
          f"({pct(c['unnamed_before'], unnamed)})")
    print(f"  ... yielding a programme fact, after the gate    {c['unnamed_after']:,} "
          f"({pct(c['unnamed_after'], unnamed)})  goal <= 0.5%"
          + (f"  [{', '.join(f'{k} {v}' for k, v in leak_kinds.most_common())}]" if leak_kinds else ""))
    print(f"on-topic verdicts          {c['on_whole'] + c['on_passages']:,} ({c['on_whole']:,} whole, "
          f"{c['on_passages']:,} passages only; {c['on_unnamed']:,} of them name no programme)")
    print(f"  naming a programme but off topic   {c['off_named']:,}")
    _gold()
    if args.ontopic:
        _ontopic(extractors)


def _gold() -> None:
    """How many real gold documents are on topic (all, and those with required pairings)."""
    from duikou.extract.pipeline import extract_document
    from duikou.ingest import read_documents
    from duikou.runreport import RunReport

    gold_dir = SHARED / "eval" / "real"
    texts = SHARED / "corpus" / "real" / "dev"
    with_pairs = set()
    for g in gold_dir.glob("*.json"):
        gold = json.loads(g.read_text(encoding="utf-8"))
        if any(not p.get("optional") for p in gold.get("pairings") or []):
            with_pairs.add(g.stem)
    paths = sorted(str(p) for p in texts.glob("*.txt"))
    on = on_pairs = 0
    off: list[str] = []
    for doc in read_documents(paths, RunReport(quiet=True)):
        topic = extract_document(doc).topic
        stem = Path(doc.source).stem
        if topic is not None and topic.on_topic:
            on += 1
            on_pairs += stem in with_pairs
        else:
            off.append(stem)
    print(f"real gold documents on topic   {on}/{len(paths)}; with required pairings {on_pairs}/{len(with_pairs)}"
          + (f"  (off: {', '.join(off)})" if off else ""))


def _ontopic(extractors: Any) -> None:
    """Share of the real on-topic reports judged on topic (the classifier's recall)."""
    from duikou.extract.pipeline import extract_document
    from duikou.ingest import read_documents
    from duikou.runreport import RunReport

    path = SHARED / "corpus" / "real" / "ontopic.jsonl"
    n = on = whole = 0
    for doc in read_documents([str(path)], RunReport(quiet=True)):
        topic = extract_document(doc, extractors).topic
        n += 1
        if topic is not None and topic.on_topic:
            on += 1
            whole += topic.whole
    print(f"real on-topic reports judged on topic   {on}/{n} ({100 * on / max(n, 1):.1f}%; {whole} whole)")


if __name__ == "__main__":
    sys.exit(main())
