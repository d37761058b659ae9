"""``duikou records import``: an office's 台账 file into the ledger, one source per row.

Each data row becomes a :class:`~duikou.schema.records.SourceRecord` with provenance ``imported``, known
by its file's name, sheet and row (``台账.xlsx, sheet 资金, row 7``) and citing them with the SHA-256 of
the file its values were read from, and the facts of :mod:`duikou.services.records.rows`. So importing
the same file again changes nothing (same keys, same facts: unchanged), a row whose values changed
replaces what it gave, and a row gone from a sheet that was read takes its facts out (retracted, as
``duikou build`` does with a report gone from its file). A file is known by its name: a moved file is the
same file, two different workbooks of one name are one (rename one).

A row that cannot be read is one problem naming the file, sheet, row and column (told to ``events`` as
it is found, kept in the ledger's ``input_problems`` like the build's, and stored as a failed source
without facts); the other rows go in. A file that cannot be read at all, a sheet asked for that is not
there, and a file none of whose sheets has a column the mapping knows stop the import with one error.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from sqlalchemy import select

from duikou.errors import ConfigError, InputError, Problem
from duikou.ledger import sql
from duikou.ledger.tables import documents, input_problems
from duikou.runreport import Events, QuietEvents
from duikou.schema import enum
from duikou.schema.records import Citation, SourceRecord, facts_hash
from duikou.services.build import settle_judgements
from duikou.services.connect import Db, ledger_of
from duikou.services.records import places
from duikou.ledger.bulk import Entry, store_entries
from duikou.services.records.header import Layout, is_totals, layout
from duikou.services.records.mapping import RecordMapping, load_mapping
from duikou.services.records.rows import RowError, SheetContext, row_facts
from duikou.services.records.sheet import Grid, Workbook, read_workbook, sheets_named
from duikou.services.records.values import text

BATCH = 2000  # rows stored per transaction (a killed import leaves whole batches; running it again finishes)


@dataclass(frozen=True)
class RecordProblem:
    """Something wrong with one sheet or row of an imported file."""

    file: str
    reason: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    fatal: bool = True  # nothing of the row (or sheet) went in

    def where(self) -> str:
        parts = [f"sheet {self.sheet}" if self.sheet else "", f"row {self.row}" if self.row else "",
                 f"column {self.column}" if self.column else ""]
        return ", ".join(p for p in parts if p)

    def problem(self) -> Problem:
        """As the run's problem record (what the CLI prints and ``input_problems`` keeps)."""
        where = self.where()
        return Problem(self.file, f"{where}: {self.reason}" if where else self.reason, None, self.fatal)

    def __str__(self) -> str:
        return str(self.problem())


@dataclass
class ImportSummary:
    """What an import did, counted by row source: new, unchanged, replaced, failed (a problem each),
    retracted (kept out by hand), removed (gone from their sheet), skipped (empty or totals rows)."""

    file: str
    sha256: str
    sheets: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[RecordProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        c = self.counts
        return (f"{self.file}: {c['rows']} rows of {len(self.sheets)} sheets: {c['new']} new, {c['unchanged']} unchanged, "
                f"{c['replaced']} replaced, {c['failed']} failed, {c['removed']} removed (gone from their sheet), "
                f"{c['skipped']} skipped (empty or totals); {c['facts']} facts added, {c['merges']} merges made; "
                f"{len(self.problems)} problems")

    def to_json(self) -> dict[str, Any]:
        keys = ("rows", "new", "unchanged", "replaced", "failed", "retracted", "removed", "skipped", "facts", "merges")
        return {"file": self.file, "sha256": self.sha256, "sheets": self.sheets,
                **{k: int(self.counts[k]) for k in keys},
                "problems": [{"sheet": p.sheet, "row": p.row, "column": p.column, "reason": p.reason}
                             for p in self.problems]}


def import_records(db: Db, path: str | Path, sheets: Sequence[str] | None = None,
                   mapping: str | Path | RecordMapping | None = None, events: Events | None = None, *,
                   pairing: str | tuple[str, str] | None = None, side: str | None = None,
                   program: str | None = None, batch: int = BATCH) -> ImportSummary:
    """Import the 台账 at ``path`` into the ledger ``db`` (an engine or a URL); see the module doc.

    ``sheets``: only these (default: every visible sheet). ``mapping``: an office's mapping file read
    before the default. ``pairing`` ("HELPER:RECIPIENT", names or codes): the sides of rows that do not
    name them; ``side``: whose account the 台账 is (helper or recipient); ``program``: the pairing's
    programme when the registry cannot tell it.
    """
    sink = events or QuietEvents()
    places.clear_cache()  # a test may have swapped the gazetteer since the last import
    m = mapping if isinstance(mapping, RecordMapping) else load_mapping(mapping)
    helper, recipient = places.pairing_codes(pairing if pairing is not None else m.defaults.get("pairing"))
    side = _choice("side", side or m.defaults.get("side"), ("helper", "recipient"))
    program = _choice("program", program or m.defaults.get("program"), enum("pairings", "program"))
    book = read_workbook(path)
    grids = list(sheets_named(book, sheets))
    run = _Run(book, m, sink, SheetContext("", (), None, helper, recipient, program), side, batch)
    layouts = [(g, layout(g, m)) for g in grids]
    readable = [(g, lay) for g, lay in layouts if any(c.field != "skip" for c in lay.columns)]
    unread = [(g, lay) for g, lay in layouts if not any(c.field != "skip" for c in lay.columns)]
    if not readable or (sheets and unread):
        found = "; ".join(f"sheet {g.name}: {', '.join(lay.headers) or 'no header'}" for g, lay in unread)
        raise InputError(book.path, f"no column matches the mapping ({m.source}). Headers found: {found}. "
                                    f"Expected headers such as: {', '.join(m.expected())}")
    for g, lay in unread:
        run.problem(RecordProblem(book.path, "skipped: no column matches the mapping (headers: "
                                  f"{', '.join(lay.headers) or 'none'})", g.name, fatal=False))
    with ledger_of(db) as ledger:
        run.ledger = ledger
        sink.progress(run.description, sum(len(lay.data) for _, lay in readable))
        try:
            for g, lay in readable:
                run.sheet(g, lay)
            run.flush()
        finally:
            sink.done(run.description)
        run.sweep()
        _record(ledger, run.summary.problems)
        settle_judgements(ledger)
    return run.summary


class _Run:
    """One import: reads rows into entries, stores them a batch at a time, and keeps the summary."""

    def __init__(self, book: Workbook, mapping: RecordMapping, sink: Events, base: SheetContext, side: str | None,
                 batch: int):
        self.book, self.m, self.sink, self.base, self.side, self.batch = book, mapping, sink, base, side, batch
        self.summary = ImportSummary(book.path, book.sha256)
        self.description = f"importing {book.name}"
        self.entries: list[Entry] = []
        self.where: dict[str, tuple[str, int]] = {}  # source key -> (sheet, row)
        self.seen: dict[str, set[str]] = {}  # sheet -> the source keys it gave this run
        self.ledger: Any = None

    def problem(self, p: RecordProblem) -> None:
        self.summary.problems.append(p)
        self.sink.problem(p.problem())

    def sheet(self, g: Grid, lay: Layout) -> None:
        fields = {c.field for c in lay.columns}
        for fld, default, label in (("helper", self.base.helper, "帮扶方"), ("recipient", self.base.recipient, "受援方")):
            if fld not in fields and default is None:
                self.problem(RecordProblem(self.book.path, f"skipped: no {label} ({fld}) column, and no --pairing "
                                           "HELPER:RECIPIENT gives the sides of its rows", g.name))
                self.sink.advance(self.description, len(lay.data))
                return
        self.summary.sheets.append(g.name)
        ctx = SheetContext(g.name, tuple(lay.titles), lay.money_unit, self.base.helper, self.base.recipient,
                           self.base.program)
        seen = self.seen.setdefault(g.name, set())
        for n, cells in lay.data:
            self.summary.counts["rows"] += 1
            self.sink.advance(self.description)
            if is_totals(cells):
                self.summary.counts["skipped"] += 1
                continue
            key = _key(self.book.name, g.name, n)
            try:
                parts = row_facts(cells, lay, self.m, ctx)
            except RowError as err:
                self.problem(RecordProblem(self.book.path, err.reason, g.name, n, err.column))
                seen.add(key)
                self.add(Entry(self._source(key, g.name, n, _cells_hash(cells), None, None, None), [],
                               f"column {err.column}: {err.reason}"), g.name, n)
                continue
            if not parts:
                self.summary.counts["skipped"] += 1
                continue
            for rf in parts:
                k = key if rf.year_part is None else f"{key}, {rf.year_part}"
                seen.add(k)
                h = hashlib.sha1(repr((facts_hash(rf.facts), rf.published, self.side, rf.title)).encode()).hexdigest()
                self.add(Entry(self._source(k, g.name, n, h[:16], rf.published, rf.title, rf.main_pairing), rf.facts),
                         g.name, n)

    def _source(self, key: str, sheet: str, row: int, body_hash: str, published: str | None, title: str | None,
                main_pairing: tuple[str, str] | None) -> SourceRecord:
        cite = Citation(file=f"{self.book.name} (sha256:{self.book.sha256[:16]})", sheet=sheet, row=row)
        return SourceRecord(source=key, body_hash=body_hash, provenance="imported", citation=cite,
                            title=f"{sheet}: {title}" if title else sheet, published=published,
                            main_pairing=main_pairing, side=self.side)  # type: ignore[arg-type]

    def add(self, entry: Entry, sheet: str, row: int) -> None:
        self.entries.append(entry)
        self.where[entry.source.source] = (sheet, row)
        if len(self.entries) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.entries:
            return
        stored = store_entries(self.ledger, self.entries)
        for k in ("new", "unchanged", "replaced", "failed", "retracted", "facts", "merges"):
            self.summary.counts[k] += stored.counts[k]
        for p in stored.problems:  # facts the schema refused: the row's other facts went in
            sheet, row = self.where.get(p.source, (None, None))
            self.problem(RecordProblem(self.book.path, p.reason, sheet, row, fatal=False))
        self.entries = []

    def sweep(self) -> None:
        """Take out the rows gone from the sheets read whole this run."""
        with self.ledger.engine.connect() as conn:
            gone = []
            for sheet in self.summary.sheets:
                prefix = f"{self.book.name}, sheet {sheet}, row "
                for doc_id, source in conn.execute(select(documents.c.id, documents.c.source).where(
                        documents.c.provenance == "imported", documents.c.status != "retracted",
                        documents.c.source.startswith(prefix, autoescape=True))):
                    if source not in self.seen.get(sheet, ()) and _row_of(source, prefix) is not None:
                        gone.append(doc_id)
        for doc_id in gone:
            if self.ledger.retract(doc_id, f"no longer in {self.book.name}", auto=True) is not None:
                self.summary.counts["removed"] += 1


def _key(name: str, sheet: str, row: int) -> str:
    return Citation(file=name, sheet=sheet, row=row).text()


def _row_of(source: str, prefix: str) -> int | None:
    """The row number of a source key of this sheet (None when the key is another sheet's whose name
    starts like this one's)."""
    rest = source[len(prefix):].split(",")[0]
    return int(rest) if rest.isdigit() else None


def _cells_hash(cells: list[Any]) -> str:
    return hashlib.sha1(repr([text(v) if v is not None else None for v in cells]).encode()).hexdigest()[:16]


def _choice(name: str, value: Any, allowed: Iterable[str]) -> str | None:
    if value is None:
        return None
    options = tuple(allowed)
    if value not in options:
        raise ConfigError(f"{name} {value!r} is not one of {', '.join(options)}")
    return str(value)


def _record(ledger: Any, problems: list[RecordProblem]) -> None:
    """Keep the import's problems with the build's (``duikou problems``)."""
    if not problems:
        return
    stamp = sql.now()
    rows = [{"source": p.file, "line": p.row, "reason": p.problem().reason, "fatal": p.fatal, "run": stamp,
             "created": stamp} for p in problems]
    with sql.transaction(ledger.engine) as conn:
        conn.execute(input_problems.insert(), rows)
