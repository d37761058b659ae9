"""What ``duikou serve`` hands uvicorn besides the app: the HTTP protocol with Nagle's algorithm off.

uvicorn's own listening socket (made for ``--workers`` > 1) is created without naming TCP as its protocol,
so asyncio does not set TCP_NODELAY on the connections it accepts; a response written as headers then body
then waits for the client's delayed acknowledgement: about 40 ms on every request, measured on a small
JSON answer (45-50 ms with two workers, 2-10 ms with one). Setting it on each connection removes the wait.
"""
from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol

# uvicorn's import string for the protocol (worker processes import it by name).
PROTOCOL = "duikou.web.server:NoDelayHTTPProtocol"


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's HTTP protocol (httptools when installed, else h11) with TCP_NODELAY on each connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # a socket that refuses it still works, only slower
                pass
        super().connection_made(transport)
