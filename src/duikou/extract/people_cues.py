"""Old import path of two helpers, kept for ``tests/extract/test_big_document.py``.

The code lives in the package :mod:`duikou.extract.people`; remove this module once that test
imports ``OPEN`` from ``duikou.extract.people.chars`` and ``last_opening_name`` from
``duikou.extract.people.careers``.
"""
from __future__ import annotations

from duikou.extract.people.careers import last_opening_name as _last_opening_name
from duikou.extract.people.chars import OPEN as _OPEN

__all__ = ["_OPEN", "_last_opening_name"]
