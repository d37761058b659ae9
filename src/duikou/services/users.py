"""The web app's accounts and signed-in sessions (no web library here: the CLI calls these too).

Passwords are hashed with argon2 (``argon2-cffi``'s :class:`PasswordHasher`, its current parameters; a hash
made with older ones is redone at the next good login). A session is a random token held by the browser;
the ledger keeps only its SHA-256, with the session's CSRF token and when it ends, so a copy of the database
signs nobody in. Roles are ordered data (:data:`ROLES`): a role may do what every role before it may.
:class:`LoginThrottle` refuses sign-ins for a while after repeated failures for one name or from one address.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from duikou.errors import DuikouError, NotFoundError
from duikou.ledger.db import transaction
from duikou.ledger.tables import users, web_sessions
from duikou.services.connect import Db, engine_of

ROLES: tuple[str, ...] = ("viewer", "curator", "admin")  # each may do what the ones before it may
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 would take any length; a megabyte "password" is a request to burn CPU
MAX_NAME = 64
SESSION_HOURS = 12


class UserError(DuikouError):
    """An account cannot be made or changed as asked (a short password, an unknown role or name...).

    The message is English (the CLI prints it); ``code`` and ``params`` say the same as data, for a page
    to word in its own language (``short_password`` with ``min``...; None when there is no code)."""

    def __init__(self, message: str, code: str | None = None, **params: object):
        self.code = code
        self.params = params
        super().__init__(message)


class NoSuchUser(NotFoundError, UserError):
    """No account has the name asked for (a 404 on the web)."""


@dataclass(frozen=True)
class User:
    """A signed-in person as the app knows them: never their password or its hash."""

    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user holds ``role`` or one above it."""
        return at_least(self.role, role)


@dataclass(frozen=True)
class Account:
    """A row of the account list: who, which role, since when, and how many live sessions."""

    id: int
    name: str
    role: str
    created: str
    sessions: int


def check_role(role: str) -> str:
    """``role`` when it is one of :data:`ROLES`, else a :class:`UserError` naming them."""
    if role not in ROLES:
        raise UserError(f"no role {role!r} (roles: {', '.join(ROLES)})", "no_role", role=role)
    return role


def at_least(role: str, needed: str) -> bool:
    """Whether ``role`` ranks at or above ``needed`` (an unknown role ranks below every role)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(check_role(needed))


def _check_name(name: str) -> str:
    name = name.strip()
    # No "/": a name is one segment of the admin page's URLs (/users/NAME/role).
    if not name or len(name) > MAX_NAME or any(c.isspace() or not c.isprintable() or c == "/" for c in name):
        raise UserError(f"a user name is 1 to {MAX_NAME} printable characters without spaces or '/', "
                        f"not {name!r}", "bad_name", max=MAX_NAME)
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters", "short_password", min=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise UserError(f"a password has at most {MAX_PASSWORD} characters", "long_password", max=MAX_PASSWORD)


def _hasher() -> Any:
    # argon2 is in the `web` extra: imported when an account is touched, so the rest of duikou works without it.
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise UserError("accounts need the web extra: pip install 'duikou[web]'") from None
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash of nothing anyone types: checked when a name is unknown, so both failures take as long."""
    return str(_hasher().hash(secrets.token_urlsafe(24)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _stamp(t: dt.datetime) -> str:
    # ISO UTC with microseconds: sorts as text the same on SQLite and PostgreSQL (ledger.sql.now's form).
    return t.isoformat(timespec="microseconds")


def _user_row(conn: Connection, name: str) -> Any:
    row = conn.execute(select(users.c.id, users.c.name, users.c.role).where(users.c.name == name)).first()
    if row is None:
        raise NoSuchUser(f"no user called {name!r}", "user", name)
    return row


def _last_admin(conn: Connection, row: Any) -> bool:
    """Whether ``row`` is the ledger's only admin (who cannot be demoted or removed: nobody could manage
    accounts from the web any more; ``duikou users add --role admin`` can always make another)."""
    if row.role != ROLES[-1]:
        return False
    n = conn.execute(select(func.count()).select_from(users).where(users.c.role == ROLES[-1])).scalar_one()
    return int(n) <= 1


def add_user(db: Db, name: str, password: str, role: str) -> User:
    """Make an account; the name must be new, the password at least :data:`MIN_PASSWORD` characters."""
    name = _check_name(name)
    check_role(role)
    _check_password(password)
    hashed = _hasher().hash(password)
    with engine_of(db) as eng, transaction(eng) as conn:
        if conn.execute(select(users.c.id).where(users.c.name == name)).first() is not None:
            raise UserError(f"there is already a user called {name!r}", "name_taken", name=name)
        res = conn.execute(users.insert().values(name=name, password_hash=hashed, role=role,
                                                 created=_stamp(_now())))
        key = res.inserted_primary_key
        assert key is not None  # an INSERT of one row always has its key
        return User(int(key[0]), name, role)


def list_users(db: Db) -> list[Account]:
    """Every account by name, with its count of live sessions (hashes are never read)."""
    now = _stamp(_now())
    live = (select(web_sessions.c.user_id, func.count().label("n"))
            .where(web_sessions.c.revoked.is_(False), web_sessions.c.expires > now)
            .group_by(web_sessions.c.user_id).subquery())
    q = (select(users.c.id, users.c.name, users.c.role, users.c.created, func.coalesce(live.c.n, 0))
         .outerjoin(live, live.c.user_id == users.c.id).order_by(users.c.name))
    with engine_of(db) as eng, eng.connect() as conn:
        return [Account(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in conn.execute(q)]


def get_user(db: Db, name: str) -> User:
    """The account called ``name`` (:class:`UserError` when there is none)."""
    with engine_of(db) as eng, eng.connect() as conn:
        row = _user_row(conn, name)
        return User(int(row.id), row.name, row.role)


def set_role(db: Db, name: str, role: str) -> User:
    """Give ``name`` the role ``role``; their sessions carry the new role from their next request."""
    check_role(role)
    with engine_of(db) as eng, transaction(eng) as conn:
        row = _user_row(conn, name)
        if role != row.role and _last_admin(conn, row):
            raise UserError(f"{name} is the only admin: make another admin first", "last_admin", name=name)
        conn.execute(update(users).where(users.c.id == row.id).values(role=role))
        return User(int(row.id), row.name, role)


def remove_user(db: Db, name: str) -> None:
    """Delete ``name``'s account and every session of theirs (explicitly: SQLite may not cascade)."""
    with engine_of(db) as eng, transaction(eng) as conn:
        row = _user_row(conn, name)
        if _last_admin(conn, row):
            raise UserError(f"{name} is the only admin: make another admin first", "last_admin", name=name)
        conn.execute(delete(web_sessions).where(web_sessions.c.user_id == row.id))
        conn.execute(delete(users).where(users.c.id == row.id))


def authenticate(db: Db, name: str, password: str) -> User | None:
    """The user when ``password`` is ``name``'s, else None, whichever of the two was wrong.

    An unknown name is checked against a dummy hash so that it costs what a wrong password costs. A good
    password whose hash was made with older parameters is hashed again and stored.
    """
    from argon2.exceptions import InvalidHashError, VerificationError

    ph = _hasher()
    dummy = _dummy_hash()  # made before the lookup, so the first failure of either kind costs the same
    if len(password) > MAX_PASSWORD:
        return None
    with engine_of(db) as eng:
        with eng.connect() as conn:
            row = conn.execute(select(users.c.id, users.c.name, users.c.role, users.c.password_hash)
                               .where(users.c.name == name.strip())).first()
        try:
            ph.verify(row.password_hash if row is not None else dummy, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:  # the dummy hash matched: cannot happen with a random secret, but never a login
            return None
        if ph.check_needs_rehash(row.password_hash):
            with transaction(eng) as conn:
                conn.execute(update(users).where(users.c.id == row.id).values(password_hash=ph.hash(password)))
        return User(int(row.id), row.name, row.role)


def token_hash(token: str) -> str:
    """What the ledger stores of a session token: its SHA-256 in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(db: Db, user_id: int, hours: float = SESSION_HOURS) -> tuple[str, str]:
    """Sign ``user_id`` in for ``hours``: the session token (for the cookie) and its CSRF token."""
    if hours <= 0:
        raise UserError("a session lasts a positive number of hours")
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    start = _now()
    with engine_of(db) as eng, transaction(eng) as conn:
        if conn.execute(select(users.c.id).where(users.c.id == user_id)).first() is None:
            raise UserError(f"no user with id {user_id}")
        conn.execute(web_sessions.insert().values(
            token_hash=token_hash(token), user_id=user_id, csrf=csrf, created=_stamp(start),
            expires=_stamp(start + dt.timedelta(hours=hours)), revoked=False))
    return token, csrf


@dataclass(frozen=True)
class Session:
    """A live session: whose it is, its CSRF token, when it ends."""

    user: User
    csrf: str
    expires: str


def session(db: Db, token: str) -> Session | None:
    """The live session of ``token``; None when it is unknown, ended, revoked or expired."""
    if not token:
        return None
    q = (select(users.c.id, users.c.name, users.c.role, web_sessions.c.csrf, web_sessions.c.expires)
         .join(users, users.c.id == web_sessions.c.user_id)
         .where(web_sessions.c.token_hash == token_hash(token), web_sessions.c.revoked.is_(False),
                web_sessions.c.expires > _stamp(_now())))
    with engine_of(db) as eng, eng.connect() as conn:
        row = conn.execute(q).first()
    return Session(User(int(row.id), row.name, row.role), str(row.csrf), str(row.expires)) if row else None


def session_user(db: Db, token: str) -> User | None:
    """The user signed in by ``token``; None when the session is unknown, ended, revoked or expired."""
    live = session(db, token)
    return live.user if live else None


def end_session(db: Db, token: str) -> None:
    """Sign out: the session of ``token`` is revoked (an unknown token changes nothing)."""
    with engine_of(db) as eng, transaction(eng) as conn:
        conn.execute(update(web_sessions).where(web_sessions.c.token_hash == token_hash(token)).values(revoked=True))


def revoke_sessions(db: Db, user_id: int) -> int:
    """End every live session of ``user_id`` at once; how many were live."""
    with engine_of(db) as eng, transaction(eng) as conn:
        res = conn.execute(update(web_sessions).where(web_sessions.c.user_id == user_id,
                                                      web_sessions.c.revoked.is_(False)).values(revoked=True))
        return int(res.rowcount)


class LoginThrottle:
    """Failed sign-ins counted per name and per client address: once either has had ``limit`` failures
    within ``window`` seconds, :meth:`wait` says how long until it may try again (the oldest of those
    failures leaving the window); a success clears the name's and the address's count.

    The counts live in this process, not in the ledger: sharing them between server processes would need
    a table of attempts (a migration in ``duikou.ledger``), and the ledger's two account tables have no
    place for a name that is no account or for an address. With N processes behind one address an
    attacker gets at most N × ``limit`` guesses per window; a restart forgets the counts. At most
    ``max_keys`` names and addresses are remembered (the least recently failed are forgotten first), so a
    flood of made-up names cannot grow it without bound.
    """

    def __init__(self, limit: int = 5, window: float = 15 * 60, max_keys: int = 100_000,
                 clock: Callable[[], float] = time.monotonic):
        if limit < 1 or window <= 0 or max_keys < 1:
            raise ValueError("a throttle needs a positive limit, window and size")
        self.limit, self.window, self.max_keys, self.clock = limit, window, max_keys, clock
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _keys(name: str, address: str | None) -> list[tuple[str, str]]:
        # the name as authenticate() looks it up; an unknown address (no client info) is not counted
        keys = [("name", name.strip())]
        return keys + [("address", address)] if address else keys

    def _recent(self, key: tuple[str, str], now: float) -> deque[float] | None:
        times = self._failures.get(key)
        while times and times[0] <= now - self.window:
            times.popleft()
        if times is not None and not times:
            del self._failures[key]
            return None
        return times

    def wait(self, name: str, address: str | None) -> int:
        """Seconds (rounded up) before ``name`` from ``address`` may try again; 0 when it may now."""
        now = self.clock()
        longest = 0.0
        with self._lock:
            for key in self._keys(name, address):
                times = self._recent(key, now)
                if times is not None and len(times) >= self.limit:
                    longest = max(longest, times[-self.limit] + self.window - now)
        return max(1, math.ceil(longest)) if longest > 0 else 0

    def failed(self, name: str, address: str | None) -> None:
        """Count a failed sign-in of ``name`` from ``address``."""
        now = self.clock()
        with self._lock:
            for key in self._keys(name, address):
                times = self._recent(key, now)
                if times is None:
                    times = self._failures[key] = deque(maxlen=self.limit)
                times.append(now)
                self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, name: str, address: str | None) -> None:
        """A good sign-in: the name's and the address's failures are forgotten."""
        with self._lock:
            for key in self._keys(name, address):
                self._failures.pop(key, None)
