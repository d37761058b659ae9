"""The web app's settings: one frozen value, made from the environment or given by ``duikou serve``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from duikou import settings
from duikou.errors import ConfigError

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
DEFAULT_BOUNDARIES = STATIC_DIR / "maps"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _flag(env: str, value: str) -> bool:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise ConfigError(f"{env} must be 1 or 0 (true/false, yes/no), not {value!r}")


@dataclass(frozen=True)
class WebSettings:
    """How the app runs.

    ``db``: the ledger URL (default as the CLI's ``--db``: ``DUIKOU_DB``, else ``sqlite:///duikou.db``).
    ``public_read``: True lets anyone read pages and the API; False asks every reader to sign in.
    ``boundaries``: the directory served at ``/maps`` (boundary TopoJSON keyed by GB/T 2260 code; a deployer
    may point it at an approved standard map keyed by the same codes).
    ``session_hours``: how long a sign-in lasts. ``secure_cookies``: cookies only over HTTPS.
    ``cache_mb``: MB of signed-out readers' answers kept per process by ledger generation
    (:mod:`duikou.web.cache`; 0 turns the cache off).
    ``threads``: requests a process works on at once (None: by database, see :mod:`duikou.web.lanes`).
    """

    db: str = field(default_factory=lambda: settings.db_url())
    public_read: bool = True
    boundaries: Path = DEFAULT_BOUNDARIES
    session_hours: float = 12.0
    secure_cookies: bool = False
    cache_mb: int = 64
    threads: int | None = None

    def __post_init__(self) -> None:
        if self.cache_mb < 0:
            raise ConfigError(f"cache_mb must not be negative, not {self.cache_mb}")
        if self.threads is not None and (isinstance(self.threads, bool) or self.threads < 1):
            raise ConfigError(f"threads must be at least 1, not {self.threads}")
        if self.session_hours <= 0:
            raise ConfigError(f"session_hours must be positive, not {self.session_hours}")

    @classmethod
    def from_env(cls) -> "WebSettings":
        """Settings from ``DUIKOU_DB``, ``DUIKOU_WEB_PUBLIC`` (1/0), ``DUIKOU_BOUNDARIES`` (a directory),
        ``DUIKOU_WEB_SECURE_COOKIES`` (1/0), ``DUIKOU_WEB_CACHE_MB`` and ``DUIKOU_WEB_THREADS``, read through
        :mod:`duikou.settings` like every other setting (``duikou serve --workers`` hands its options to each
        process this way)."""
        boundaries = settings.get("boundaries")
        cache = settings.get("web_cache_mb").strip()
        if not cache.isdigit():
            raise ConfigError(f"DUIKOU_WEB_CACHE_MB must be a whole number of MB (0: no cache), not {cache!r}")
        threads = settings.get("web_threads").strip()
        if threads and not (threads.isdigit() and int(threads) >= 1):
            raise ConfigError(f"DUIKOU_WEB_THREADS must be a whole number of at least 1 (empty: by database), "
                              f"not {threads!r}")
        return cls(db=settings.db_url(), public_read=_flag("DUIKOU_WEB_PUBLIC", settings.get("web_public")),
                   boundaries=Path(boundaries) if boundaries else DEFAULT_BOUNDARIES,
                   secure_cookies=_flag("DUIKOU_WEB_SECURE_COOKIES", settings.get("web_secure_cookies")),
                   cache_mb=int(cache), threads=int(threads) if threads else None)
