"""Pairings (helper → recipient, program, start year) from the text's own patterns.

Patterns, from most to least explicit about direction:

- ``A 对口帮扶 B`` (and 结对帮扶, 对口支援, 定点帮扶...), with lists and 分别 (:mod:`.directed`, :mod:`.joint`);
- ``A 向 B 捐赠/交付`` (:mod:`.directed`);
- ``A(代表团...) 赴 B ... 协作/帮扶`` in one clause (:mod:`.trips`);
- ``A—B 对口协作``, ``A与B东西部协作``: joint names, direction from the
  registry of official arrangements, else from the other patterns, else as written (:mod:`.joint`, :mod:`.merge`);
- fallbacks the registry supports: co-mentions, whole aided areas, aid teams (:mod:`.comention`,
  :mod:`.areas`, :mod:`.teams`).

The program comes from :func:`duikou.reference.pairing_registry.infer_program` with the
cue words of the pairing's own sentences (:mod:`.programmes`); the start year from "自2016年…以来",
"第七个年头" and "结对三年多来", the most explicit winning (:mod:`.since`).
Importing the package registers the extractor (:mod:`.extractor`).
"""
from __future__ import annotations

from duikou.extract.pairings.extractor import NAME, VERSION, pairings

__all__ = ["NAME", "VERSION", "pairings"]
