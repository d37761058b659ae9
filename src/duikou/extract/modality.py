"""Is an action reported, or only announced, wished or required ("将签订", "要加强座谈")?"""
from __future__ import annotations

import re
from functools import lru_cache

from duikou import vocab


@lru_cache(maxsize=1)
def _modal() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, vocab.load("event_triggers")["modal_prefixes"])))


def is_modal(text: str, pos: int, window: int = 8) -> bool:
    """True when a modal word stands in the same clause shortly before ``pos``."""
    before = text[max(0, pos - window):pos]
    k = max(before.rfind("，"), before.rfind(","), before.rfind("。"), before.rfind("；"))
    return bool(_modal().search(before[k + 1:]))
