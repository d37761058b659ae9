"""One value as the text a table, a CSV cell or a page shows."""
from __future__ import annotations

import json
from typing import Any


def cell(value: Any) -> str:
    """Parties by name, lists joined with ``; ``, yes/no for booleans, whole floats as integers, absent as empty."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"])
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
