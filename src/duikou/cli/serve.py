"""`duikou serve`: the web app (pages and the JSON API under /api) on uvicorn."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from duikou.cli.options import DB

if TYPE_CHECKING:
    from duikou.web.config import WebSettings


def _check_port(host: str, port: int) -> None:
    """Stop with one line when ``host:port`` cannot be bound (uvicorn would log a traceback-like error)."""
    import socket

    from duikou.errors import ConfigError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise ConfigError(f"--host {host}: {err.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            raise ConfigError(f"cannot listen on {host}:{port}: {err.strerror} (is another server using the "
                              f"port? choose one with --port)") from None


@click.command()
@DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--public/--login-required", "public", default=None,
              help="Whether reading needs no login (default: DUIKOU_WEB_PUBLIC, else public). Writing always "
                   "needs an account with the role for it (duikou users add).")
@click.option("--boundaries", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Directory of boundary TopoJSON for the map (default: DUIKOU_BOUNDARIES, else the package's).")
@click.option("--secure-cookies", is_flag=True, help="Send cookies over HTTPS only (behind a TLS proxy).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes. Recommended: the number of CPU cores (the ledger is shared, the page "
                   "cache is per process).")
@click.option("--threads", default=None, type=click.IntRange(1, 64),
              help="Requests each process works on at once; the others wait their turn (default: "
                   "DUIKOU_WEB_THREADS, else 1 on SQLite and 2 on PostgreSQL: pages are CPU work that threads of "
                   "one process cannot share). Downloads run beside them, two at a time.")
def serve(db: str | None, host: str, port: int, public: bool | None, boundaries: Path | None,
          secure_cookies: bool, workers: int, threads: int | None) -> None:
    """Serve the web app: search, lists, profiles, documents, the map, review (Ctrl-C stops it)."""
    import dataclasses

    from duikou.cli.options import engine_for
    from duikou.errors import ConfigError

    try:
        import uvicorn

        from duikou.web.app import create_app
        from duikou.web.config import WebSettings
        from duikou.web.lanes import threads_for
        from duikou.web.server import PROTOCOL
    except ImportError as err:
        raise ConfigError(f"duikou serve needs the web extra (missing: {err.name}): pip install 'duikou[web]'") \
            from None
    settings = WebSettings.from_env()
    changes: dict[str, object] = {"db": db or settings.db, "secure_cookies": secure_cookies or settings.secure_cookies}
    if public is not None:
        changes["public_read"] = public
    if boundaries is not None:
        changes["boundaries"] = boundaries.resolve()
    if threads is not None:
        changes["threads"] = threads
    settings = dataclasses.replace(settings, **changes)  # type: ignore[arg-type]
    eng = engine_for(settings.db)  # a mistyped --db stops here, not at the first request; migrations run
    width = threads_for(eng.dialect.name, settings.threads)
    eng.dispose()
    _check_port(host, port)
    click.echo(f"duikou: serving {settings.db} at http://{host}:{port}/ "
               f"({'public reading' if settings.public_read else 'login required'}, "
               f"{f'{workers} processes, each' if workers > 1 else 'one process'} working on "
               f"{width} request{'s' if width > 1 else ''} at once)", err=True)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=secure_cookies,
                    http=PROTOCOL)
        return
    # Worker processes build the app themselves (an import string and a factory): the settings reach them
    # through the environment, read back by WebSettings.from_env.
    _export(settings)
    uvicorn.run("duikou.web.app:create_app", factory=True, workers=workers, host=host, port=port,
                log_level="info", proxy_headers=secure_cookies, http=PROTOCOL)


def _export(settings: "WebSettings") -> None:
    """Put ``settings`` in this process's environment, for the worker processes it starts."""
    import os

    from duikou import settings as base

    env = {"db": settings.db, "web_public": "1" if settings.public_read else "0",
           "web_secure_cookies": "1" if settings.secure_cookies else "0", "web_cache_mb": str(settings.cache_mb),
           "web_threads": "" if settings.threads is None else str(settings.threads)}
    if settings.boundaries != settings.__class__().boundaries:
        env["boundaries"] = str(settings.boundaries)
    for s in base.SETTINGS:
        if s.name in env:
            os.environ[s.env] = env[s.name]
