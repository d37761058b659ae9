"""Old import path of the weak-cue helpers, kept for ``tests/extract/test_big_document.py``.

The code lives in the package :mod:`duikou.extract.people`; remove this module once that test
imports from there.
"""
from __future__ import annotations

from duikou.extract.people.cues import _OPEN, _last_opening_name

__all__ = ["_OPEN", "_last_opening_name"]
