"""The ledger's generation (see :mod:`duikou.ledger.generation`): what a cache of pages keys its entries by,
so that any write (a build, review, judgement, retraction, import) makes every earlier entry stale."""
from __future__ import annotations

from duikou.ledger import generation as ledger_generation
from duikou.services.connect import Db, engine_of


def generation(db: Db) -> str:
    """The ledger's current generation: a short string that changes with every write to it."""
    with engine_of(db) as eng, eng.connect() as conn:
        return ledger_generation.generation(conn)
