"""Throttles that hold across every server process: each attempt is written to the
database *before* it is judged, then the attempts that count are counted.

Because an attempt is counted only after its own row is committed, a burst of forty
simultaneous guesses cannot all slip under the limit: the n-th to commit sees at least n
rows, so at most ``limit`` of them are ever checked. Refused attempts do not count, so an
attacker cannot keep a limit closed forever by hammering it; a sign-in that succeeds clears
its account's failures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.orm import Session

from goodword.domain.errors import TooManyAttempts
from goodword.storage.tables import ThrottleEvent

KEEP = timedelta(days=1)
"""Events older than the longest window are deleted as new ones arrive."""


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta


#: Five wrong passwords in 15 minutes, twenty in a day: the wait grows with the guessing.
SIGN_IN: tuple[Limit, ...] = (Limit(5, timedelta(minutes=15)), Limit(20, timedelta(days=1)))
#: A sign-up sends an email: three per address and twenty per network address an hour.
SIGN_UP_EMAIL: tuple[Limit, ...] = (Limit(3, timedelta(hours=1)), Limit(6, timedelta(days=1)))
SIGN_UP_ADDRESS: tuple[Limit, ...] = (Limit(20, timedelta(hours=1)),)


@dataclass(frozen=True)
class Admitted:
    """The attempt's own rows: mark them with :func:`succeeded` when it turns out well."""

    ids: list[int]


def admit(
    engine: Engine,
    kind: str,
    limits: Mapping[str, Sequence[Limit]],
    now: datetime,
    refusal: str,
) -> Admitted:
    """Record one attempt under each key, then refuse it (``TooManyAttempts``, saying how
    long to wait) if any key is past one of its limits."""
    keys = [key[:400] for key in limits]
    with Session(engine) as session, session.begin():
        session.execute(delete(ThrottleEvent).where(ThrottleEvent.at < now - KEEP))
        ids = [
            session.execute(
                insert(ThrottleEvent)
                .values(kind=kind, key=key, at=now, counted=True)
                .returning(ThrottleEvent.id)
            ).scalar_one()
            for key in keys
        ]
    with Session(engine) as session:
        wait = _longest_wait(session, kind, zip(keys, limits.values(), strict=True), now)
    if wait is not None:
        with Session(engine) as session, session.begin():
            session.execute(
                update(ThrottleEvent).where(ThrottleEvent.id.in_(ids)).values(counted=False)
            )
        minutes = max(1, int(wait.total_seconds() // 60) + 1)
        raise TooManyAttempts(f"{refusal}; try again in {_in_words(minutes)}")
    return Admitted(ids)


def _longest_wait(
    session: Session,
    kind: str,
    keyed: Iterable[tuple[str, Sequence[Limit]]],
    now: datetime,
) -> timedelta | None:
    longest: timedelta | None = None
    for key, limits in keyed:
        for limit in limits:
            since = now - limit.window
            counted = (
                (ThrottleEvent.kind == kind)
                & (ThrottleEvent.key == key)
                & ThrottleEvent.counted.is_(True)
                & (ThrottleEvent.at > since)
            )
            count, oldest = session.execute(
                select(func.count(), func.min(ThrottleEvent.at)).where(counted)
            ).one()
            if count > limit.count and oldest is not None:
                wait = oldest + limit.window - now
                longest = wait if longest is None or wait > longest else longest
    return longest


def succeeded(engine: Engine, attempt: Admitted, kind: str, clear: Sequence[str]) -> None:
    """It went well: the attempt does not count, and neither do the earlier failures under
    ``clear`` (the account that just signed in)."""
    with Session(engine) as session, session.begin():
        session.execute(
            update(ThrottleEvent).where(ThrottleEvent.id.in_(attempt.ids)).values(counted=False)
        )
        if clear:
            session.execute(
                update(ThrottleEvent)
                .where(ThrottleEvent.kind == kind, ThrottleEvent.key.in_(clear))
                .values(counted=False)
            )


def _in_words(minutes: int) -> str:
    if minutes < 90:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{round(minutes / 60)} hours"
