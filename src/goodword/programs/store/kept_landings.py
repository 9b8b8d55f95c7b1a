"""What a referral link's page shows, kept per code for a few seconds in this process.

A link shared in a group chat is opened hundreds of times a minute, and reading its
program, rewards and advocate was half the cost of each visit. An edit of the program
forgets what this process kept at once; another server process (``serve --workers 2``)
sees the edit within ``LANDING_SECONDS``. The visit itself is always recorded.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine

T = TypeVar("T")

LANDING_SECONDS = 2
LANDINGS_KEPT = 10_000
"""At most this many codes per database are kept (then the store starts afresh)."""

_kept: weakref.WeakKeyDictionary[Engine, dict[str, tuple[datetime, object]]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def kept_landing(engine: Engine, code: str, now: datetime, read: Callable[[], T]) -> T:
    """The landing of ``code`` as ``read`` at most ``LANDING_SECONDS`` before ``now``."""
    with _lock:
        found = _kept.get(engine, {}).get(code)
    if found is not None and timedelta(0) <= now - found[0] < timedelta(seconds=LANDING_SECONDS):
        return found[1]  # type: ignore[return-value]
    landing = read()
    with _lock:
        kept = _kept.setdefault(engine, {})
        if len(kept) >= LANDINGS_KEPT:
            kept.clear()
        kept[code] = (now, landing)
    return landing


def forget_landings(engine: Engine) -> None:
    """A program changed: every landing of this database is read afresh."""
    with _lock:
        _kept.pop(engine, None)
