"""duikou: turn Chinese paired-assistance reports into an evidence-backed ledger."""

__version__ = "0.1.0"
