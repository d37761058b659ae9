"""The one API that cli/ (and later web/ and batch/) call."""
