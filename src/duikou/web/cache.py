"""A cache of signed-out readers' pages and API answers, keyed by the ledger's generation.

Before each cacheable GET the middleware asks the ledger for its generation (one query of index lookups,
:func:`duikou.services.generation.generation`); an answer stored under the same generation and URL is
sent again without running the route, and any write to the ledger (by this app, another worker process
or the CLI) changes the generation, so nothing stale is ever served. Each answer carries an ``ETag``
made from the generation and its body, and a repeated request naming it (``If-None-Match``) gets a 304.

Only what is the same for every reader is cached: a GET with no cookie and no Authorization header, on
a ledger readable without login, answered 200 without setting a cookie. Signed-in users' pages (their
name, their CSRF token) are never stored. ``Cache-Control: no-cache`` makes browsers ask again each time.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Paths answered by StaticFiles (already cheap, with their own validators) or tied to a sign-in.
_SKIP_PREFIXES = ("/static/", "/maps/", "/login", "/logout", "/account")
# Request headers that change an answer besides the URL (htmx asks for a fragment; Accept picks JSON).
_VARY = (b"hx-request", b"hx-target", b"accept")
_MAX_BODY = 4 << 20  # a larger answer is not worth holding


class PageCache:
    """An LRU of answers (status 200, headers, body) by (generation, method, URL, varying headers), at most
    ``max_bytes`` of bodies in all; thread-safe (workers of one process share it)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[object, ...], tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[object, ...]) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple[object, ...], headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        if len(body) > min(_MAX_BODY, self.max_bytes):
            return
        with self._lock:
            generation = key[0]
            # Entries of an older generation can never be served again: drop them all at once.
            stale = [k for k in self._entries if k[0] != generation]
            for k in stale:
                self._size -= len(self._entries.pop(k)[1])
            if key in self._entries:
                self._size -= len(self._entries.pop(key)[1])
            self._entries[key] = (headers, body)
            self._size += len(body)
            while self._size > self.max_bytes:
                _, (_, old) = self._entries.popitem(last=False)
                self._size -= len(old)

    def __len__(self) -> int:
        return len(self._entries)


def _etag(generation: str, body: bytes) -> bytes:
    return f'W/"{generation}-{hashlib.sha256(body).hexdigest()[:16]}"'.encode()


class GenerationCache:
    """ASGI middleware serving cacheable GETs from a :class:`PageCache` (see the module docstring).

    ``generation`` gives the ledger's generation (blocking: run in a thread) or None when the cache should
    stand aside (no ledger open yet, or reading needs a login)."""

    def __init__(self, app: ASGIApp, generation: Callable[[Scope], str | None], max_bytes: int = 64 << 20) -> None:
        self.app = app
        self.generation = generation
        self.cache = PageCache(max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        generation = await run_in_threadpool(self.generation, scope)
        if generation is None:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = (generation, scope["method"], scope["path"], scope.get("query_string", b""),
               *(headers.get(h, b"") for h in _VARY))
        found = self.cache.get(key)
        if found is not None:
            await _replay(found, headers.get(b"if-none-match"), send)
            return
        await self._fill(scope, receive, send, key, generation, headers.get(b"if-none-match"))

    @staticmethod
    def _cacheable(scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        path: str = scope["path"]
        if path.startswith(_SKIP_PREFIXES):
            return False
        return not any(k in (b"cookie", b"authorization") for k, _ in scope["headers"])

    async def _fill(self, scope: Scope, receive: Receive, send: Send, key: tuple[object, ...], generation: str,
                    if_none_match: bytes | None) -> None:
        """Run the route, holding its answer back; store it when it may be shared, then send it."""
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False  # a download (an attachment, a file type) streams through untouched

        async def hold(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                start = message
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                kind = headers.get(b"content-type", b"")
                passing = (b"content-disposition" in headers
                           or not kind.startswith((b"text/html", b"application/json")))
                if passing:
                    await send(message)
            elif message["type"] == "http.response.body" and not passing:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._finish(start, b"".join(chunks), key, generation, if_none_match, send)
            else:
                await send(message)

        await self.app(scope, receive, hold)

    async def _finish(self, start: Message | None, body: bytes, key: tuple[object, ...], generation: str,
                      if_none_match: bytes | None, send: Send) -> None:
        assert start is not None  # a body always follows the start of an answer
        headers = list(start.get("headers", []))
        shareable = start["status"] == 200 and not any(k.lower() == b"set-cookie" for k, _ in headers)
        if not shareable:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        headers = [(k, v) for k, v in headers if k.lower() not in (b"etag", b"cache-control")]
        headers += [(b"etag", _etag(generation, body)), (b"cache-control", b"no-cache")]
        self.cache.put(key, headers, body)
        await _replay((headers, body), if_none_match, send)


async def _replay(found: tuple[list[tuple[bytes, bytes]], bytes], if_none_match: bytes | None, send: Send) -> None:
    headers, body = found
    etag = next(v for k, v in headers if k == b"etag")
    if if_none_match is not None and etag in [t.strip() for t in if_none_match.split(b",")]:
        kept = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"content-type")]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
