"""Signed-in browsers, kept server-side: the cookie carries a random token, the database its
hash. Signing out deletes the row (a copy of the cookie opens nothing afterwards), a new
password ends every other session, and "sign out everywhere" ends them all."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from goodword.storage.tables import WebSession

LIFETIME = timedelta(days=14)
"""A session unused this long ends (the cookie's own lifetime is the same)."""
SEEN_EVERY = timedelta(minutes=5)
"""How often a session's last use is written (not on every page)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(engine: Engine, user_id: int, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    with Session(engine) as session, session.begin():
        session.execute(delete(WebSession).where(WebSession.seen_at < now - LIFETIME))
        session.add(
            WebSession(user_id=user_id, token_hash=_hash(token), created_at=now, seen_at=now)
        )
    return token


def session_user(engine: Engine, token: object, now: datetime) -> int | None:
    """The account a session token belongs to, while the session lives."""
    if not isinstance(token, str) or not 0 < len(token) <= 100:
        return None
    with Session(engine) as session:
        found = session.execute(
            select(WebSession.id, WebSession.user_id, WebSession.seen_at).where(
                WebSession.token_hash == _hash(token)
            )
        ).one_or_none()
        if found is None or found.seen_at < now - LIFETIME:
            return None
        if now - found.seen_at > SEEN_EVERY:
            session.execute(update(WebSession).where(WebSession.id == found.id).values(seen_at=now))
            session.commit()
        return int(found.user_id)


def end_session(engine: Engine, token: object) -> None:
    if isinstance(token, str):
        with Session(engine) as session, session.begin():
            session.execute(delete(WebSession).where(WebSession.token_hash == _hash(token)))


def end_sessions(engine: Engine, user_id: int, keep: object = None) -> int:
    """Every session of the account but ``keep`` (the one asking, after a new password);
    all of them without one ("sign out everywhere"). Returns how many ended."""
    kept = _hash(keep) if isinstance(keep, str) else ""
    with Session(engine) as session, session.begin():
        ended = session.execute(
            delete(WebSession).where(WebSession.user_id == user_id, WebSession.token_hash != kept)
        )
        return int(ended.rowcount)  # type: ignore[attr-defined]
