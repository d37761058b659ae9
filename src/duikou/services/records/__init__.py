"""The office's own records: its 台账 spreadsheets imported row by row, and facts entered by hand.

- :func:`import_records` (``duikou records import``): a .xlsx, .xls or .csv 台账 into the ledger, each row
  a source with provenance ``imported`` citing the file (name and SHA-256), sheet and row
  (:mod:`.importer`; reading: :mod:`.sheet`, :mod:`.header`, :mod:`.mapping`, :mod:`.values`,
  :mod:`.rows`, :mod:`.places`; storing many rows at once: :mod:`.bulk`).
- :func:`add_record` (``duikou records add``): one fact with its author (provenance ``manual``).
- :func:`list_records` (``duikou records list``): the ledger's sources that come from no report.

The ledger keeps a fact's extracted, imported and manual sources side by side: a row stating what a
report states (the same merge key) is one more source of the same entity.
"""
from duikou.services.records.importer import ImportSummary, RecordProblem, import_records
from duikou.services.records.manual import add_record, list_records
from duikou.services.records.mapping import RecordMapping, load_mapping

__all__ = ["ImportSummary", "RecordMapping", "RecordProblem", "add_record", "import_records", "list_records",
           "load_mapping"]
