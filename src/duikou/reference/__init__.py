"""Reference knowledge: the gazetteer and region codes, the pairing registry, and the vocabularies in ``data/``."""
