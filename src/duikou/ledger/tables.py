"""The ledger's tables, in SQLAlchemy Core.

Three layers:

- ``documents`` and ``statements`` are the record: every stored value is a
  statement (fact id, property, value) with its provenance (document,
  extractor and version, confidence, first and last seen); the span and
  quote it was read from are its fact's (``facts.span_start/span_end/quote``),
  stored once per fact rather than once per value.
- ``facts`` has one row per extracted fact of one document: its kind, its
  automatic merge key (``base``) and the entity it currently resolves to
  (``entity``, recomputed from ``judgements``).
- The entity tables (``pairings``, ``events``, ...) are the merged view, one
  row per resolved entity, kept in step with ``facts`` by the store.

Dates are ISO ``YYYY-MM-DD`` strings and timestamps ISO strings (UTC), the
same text on SQLite and PostgreSQL. Values in ``statements.value`` are JSON.
Changing anything here needs a new Alembic revision (``ledger/migrations``);
a test checks that the migrated schema matches this module.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

# One row per report, by its canonical location (``Document.identity``, migration 0008): the
# resolved absolute path of a file, a JSONL record's id/URL/content hash within its file, a WARC
# record's URL. ``body_hash`` is the hash of the clean text: the same source with another hash is a
# changed report. ``path`` is the file it was read from (``build --prune`` finds the gone ones).
documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False, unique=True),
    Column("body_hash", String(32), nullable=False),
    # ok | failed | offtopic (kept out of the ledger, no facts) | retracted (facts taken out: ``retractions``)
    Column("status", String(16), nullable=False),
    Column("reason", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("outlet", Text),
    Column("script", String(8)),
    Column("url", Text),
    Column("authors", Text),  # JSON list
    Column("side", String(16)),  # helper | recipient | None: whose account the report is
    Column("pairing", String(32)),  # base id of the report's main pairing
    # The relevance verdict (doc.topic of the extraction): about paired assistance or not, how
    # sure, why (the cue and its sentence), and whether the whole report or only passages are.
    Column("on_topic", Boolean),
    Column("topic_score", Float),
    Column("topic_reason", Text),
    Column("topic_scope", String(16)),  # document | passages | none
    Column("text", Text),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("path", Text),
    # extracted (read from a report's text) | manual | imported; the last two have no text and cite
    # where they come from (JSON: file, sheet, row, author; migration 0012).
    Column("provenance", String(16), nullable=False, server_default="extracted"),
    Column("citation", Text),
    Index("ix_documents_hash", "body_hash"),
    Index("ix_documents_path", "path"),
    # Narrow copies of the columns search and the documents list read (0014): scanned instead of the
    # table, whose rows hold the text.
    Index("ix_documents_search", "title", "outlet", "status", "published", "source", "side"),
)
# The documents list's default order, newest first and undated last (0014; SQLite refuses NULLS LAST in an
# index and needs no such words: its NULLs sort lowest, so last when descending).
Index("ix_documents_published", documents.c.published.desc().nulls_last(), documents.c.id)

# Append-only, like ``judgements``: a report's facts taken out of the ledger (``retract``) and put
# back (``undo``, naming the retraction in ``undoes``). ``auto`` marks the build's own: a file gone
# (``--prune``) or a record no longer in its file; ``prior`` is the status the report had.
retractions = Table(
    "retractions", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("action", String(16), nullable=False),  # retract | undo
    Column("undoes", Integer),
    Column("prior", String(16)),
    Column("reason", Text),
    Column("auto", Boolean, nullable=False, default=False),
    Column("created", String(32), nullable=False),
    Index("ix_retractions_document", "document_id"),
)

# One row per build that finished: when it started and ended, and its summary counts (JSON). The
# problems of the latest build are those of its ``started`` run.
builds = Table(
    "builds", metadata,
    Column("id", Integer, primary_key=True),
    Column("started", String(32), nullable=False),
    Column("finished", String(32), nullable=False),
    Column("summary", Text),
)

# Inputs a build could not use (a missing path, an unreadable file, a bad JSONL line), one row per
# problem and build (``run``: the build's start time), listed by ``duikou problems``.
input_problems = Table(
    "input_problems", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("line", Integer),
    Column("reason", Text, nullable=False),
    Column("fatal", Boolean, nullable=False),  # nothing of the input could be used
    Column("run", String(32), nullable=False),
    Column("created", String(32), nullable=False),
    Index("ix_input_problems_run", "run"),
)

statements = Table(
    "statements", metadata,
    Column("id", Integer, primary_key=True),
    Column("fact_id", String(32), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("property", String(32), nullable=False),
    Column("value", Text),  # JSON
    Column("extractor", String(64)),
    Column("version", String(32)),
    Column("confidence", Float),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Index("ix_statements_document", "document_id"),
)

facts = Table(
    "facts", metadata,
    Column("id", String(32), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the document
    Column("base", String(32), nullable=False),  # automatic merge key id
    Column("entity", String(32), nullable=False),  # resolved entity id
    Column("data", Text, nullable=False),  # JSON of the fact's properties
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("quote", Text),
    Column("extractor", String(64)),
    Column("confidence", Float),
    # A reviewer's verdict on the fact (0013): NULL (not reviewed), accepted, corrected (``data`` holds
    # the corrected values; ``reviews`` keeps before and after) or rejected (kept out of its entity).
    Column("review", String(16)),
    Index("ix_facts_document", "document_id"),
    Index("ix_facts_base_order", "base", "document_id", "seq", "entity"),  # a base's earliest fact
    Index("ix_facts_entity_document", "entity", "document_id"),  # an entity's reports
    # The review queue's counts and pages by state (0017): each fact is in one of the two. On PostgreSQL
    # 0017 also adds trigram indexes on documents' title and outlet when pg_trgm can be created (not here).
    Index("ix_facts_unreviewed", "kind", "confidence", "entity", "id", "review",
          sqlite_where=text("review IS NULL"), postgresql_where=text("review IS NULL")),
    Index("ix_facts_reviewed", "review", "confidence", "kind", "entity", "id",
          sqlite_where=text("review IS NOT NULL"), postgresql_where=text("review IS NOT NULL")),
)

# Each entity's supporting documents (one row per entity and document), kept
# by the store with ``facts``: ``show`` and ``pairings`` list an entity's
# earliest sources with one index range read instead of joining every fact
# and document behind it.
entity_documents = Table(
    "entity_documents", metadata,
    Column("entity_id", String(32), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("published", String(10)),
    Column("source", Text, nullable=False),
    Column("side", String(16)),
    # document_id and side too (0014): an entity's first or latest reports are read from the index alone.
    Index("ix_entity_documents_order", "entity_id", "published", "source", "document_id", "side"),
    Index("ix_entity_documents_document", "document_id"),
    Index("ix_entity_documents_side", "entity_id", "side"),  # a list's side filter (0016)
)

# Append-only. ``verdict`` is same | different | undo; an undo names the
# judgement it reverses in ``undoes``. ``auto`` marks the build's own merges.
judgements = Table(
    "judgements", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16)),  # fact kind when known
    Column("verdict", String(16), nullable=False),
    Column("left_id", String(32)),
    Column("right_id", String(32)),
    Column("undoes", Integer),
    Column("reason", Text),  # plain text
    Column("auto", Boolean, nullable=False, default=False),
    Column("created", String(32), nullable=False),
    Column("author", Text),  # who judged (NULL for the build's own merges: 0010)
    Column("forced", Text),  # JSON list of the disagreements --force overrode (NULL when none)
    # No index on left_id/right_id: no query filters on them (migration 0005).
    Index("ix_judgements_auto", "auto", "kind"),  # the human judgements apart from the build's (0016)
)

# Append-only, like ``judgements`` (0013): a reviewer accepted, corrected or rejected a fact, or undid
# an earlier review (``undoes``). A correction names the ``field`` and its value ``before`` and
# ``after`` (JSON); ``facts.review`` is the state the active reviews leave, written in the same
# transaction.
reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("fact_id", String(32), nullable=False),
    Column("action", String(16), nullable=False),  # accept | correct | reject | undo
    Column("field", String(32)),
    Column("before", Text),  # JSON
    Column("after", Text),  # JSON
    Column("undoes", Integer),
    Column("reason", Text),
    Column("author", Text),
    Column("created", String(32), nullable=False),
    Index("ix_reviews_fact", "fact_id"),
)

# The web app's accounts (0013): a name, an argon2 hash (never leaves the server) and a role.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),  # viewer | curator | admin
    Column("created", String(32), nullable=False),
)

# Signed-in sessions (0013): the SHA-256 of the cookie's token (the token itself is never stored),
# its CSRF token, and when it ends; revoking one (or removing its user) ends it at once.
web_sessions = Table(
    "web_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created", String(32), nullable=False),
    Column("expires", String(32), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Index("ix_web_sessions_user", "user_id"),
)

regions = Table(
    "regions", metadata,
    Column("code", String(6), primary_key=True),
    Column("name", Text),
    Column("level", String(16)),
    Column("parent", String(6)),
    Column("province", String(6)),
    Column("lon", Float),
    Column("lat", Float),
    Index("ix_regions_name", "name"),
    Index("ix_regions_province", "province"),
)

# Parties that are not administrative regions (a company, a hospital...).
parties = Table(
    "parties", metadata,
    Column("name", Text, primary_key=True),
)

pairings = Table(
    "pairings", metadata,
    Column("id", String(32), primary_key=True),
    Column("helper", Text, nullable=False),
    Column("recipient", Text, nullable=False),
    Column("program", String(24), nullable=False),
    Column("since", Integer),
    Column("sources", Integer, nullable=False),
    # standing (NULL in ledgers built before it was kept), relief or donation: see schema/facts.yaml
    Column("relation", String(16)),
    # The key is helper, recipient and relation (0011); ``program`` is the one most reports name
    # (a named one beats unspecified), ``programs`` the number of reports naming each (JSON, NULL
    # when none does), ``program_conflict`` true when reports name two programmes.
    Column("programs", Text),
    Column("program_conflict", Boolean),
    Index("ix_pairings_helper", "helper"),
    Index("ix_pairings_recipient", "recipient"),
)

events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("date", String(10)),
    Column("end_date", String(10)),
    Column("place", Text),
    Column("helper", Text),
    Column("recipient", Text),
    Column("leaders", Text),  # JSON list
    Column("sources", Integer, nullable=False),
    Index("ix_events_date", "date"),
    Index("ix_events_helper", "helper"),
    Index("ix_events_recipient", "recipient"),
    Index("ix_events_place", "place"),
    Index("ix_events_match", "helper", "recipient", "type", "date"),  # the store's same-event lookup
)

agreements = Table(
    "agreements", metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("date", String(10)),
    Column("parties", Text),  # JSON list
    Column("sources", Integer, nullable=False),
)

# Which parties an agreement names: lets ``show`` find agreements by party.
agreement_parties = Table(
    "agreement_parties", metadata,
    Column("agreement", String(32), primary_key=True),
    Column("party", Text, primary_key=True),
    Index("ix_agreement_parties_party", "party"),
)

people = Table(
    "people", metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("region", String(6)),
    Column("role", String(16)),
    Column("sources", Integer, nullable=False),
    Index("ix_people_region", "region"),
    Index("ix_people_name", "name"),
)

# A title a person held, as of a date (the report's publication date).
positions = Table(
    "positions", metadata,
    Column("fact_id", String(32), primary_key=True),
    Column("person", String(32), nullable=False),
    Column("titles", Text, nullable=False),  # JSON list, in printed order
    Column("date", String(10)),
    Column("document_id", Integer, nullable=False),
    Column("source", Text),  # the report's source (0004): the titles fold reads no documents row
    Index("ix_positions_person_order", "person", "date", "source", "fact_id", "titles"),
)

amounts = Table(
    "amounts", metadata,
    Column("id", String(32), primary_key=True),
    Column("value", Float, nullable=False),
    Column("approx", Boolean),
    Column("role", String(16), nullable=False),
    Column("cumulative", Boolean),
    Column("payer", Text),
    Column("payee", Text),
    Column("period", String(10)),
    Column("date", String(10)),
    Column("conflict", String(32)),  # shared by figures that disagree about the same thing
    Column("sources", Integer, nullable=False),
    Column("status", String(8)),  # done, or planned (a target or forecast: 0009)
    Index("ix_amounts_payer", "payer"),
    Index("ix_amounts_payee", "payee"),
    Index("ix_amounts_conflict", "conflict"),
)

counts = Table(
    "counts", metadata,
    Column("id", String(32), primary_key=True),
    Column("value", Float, nullable=False),
    Column("unit", Text),
    Column("approx", Boolean),
    Column("role", String(16)),
    Column("helper", Text),
    Column("recipient", Text),
    Column("period", String(10)),
    Column("sources", Integer, nullable=False),
    Index("ix_counts_helper", "helper"),
    Index("ix_counts_recipient", "recipient"),
)

# Entity table of each fact kind (regions are reference rows, see ``regions``).
ENTITY_TABLES = {
    "pairings": pairings,
    "events": events,
    "agreements": agreements,
    "people": people,
    "amounts": amounts,
    "counts": counts,
}

# The yearly targets of the evaluation (0015): per pairing (its helper and recipient as the pairings
# table names them: a region code or a party as printed), year and indicator (an id of
# reference/data/indicators.yaml), the target ``value`` in the indicator's ``unit``; ``source`` is the
# file and row it was imported from (``duikou targets import``: importing a file again changes nothing).
targets = Table(
    "targets", metadata,
    Column("helper", Text, primary_key=True),
    Column("recipient", Text, primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("indicator", String(64), primary_key=True),
    Column("value", Float, nullable=False),
    Column("unit", String(16)),
    Column("source", Text),
    Column("created", String(32), nullable=False),
)
