"""History is history: acts that happened long ago never become overdue duties.

An act older than ``history_horizon_days`` (as of the agenda's day) owes no duty of its
own; it still counts in the ledger, strength and timelines. An act an import brought
owes its duty from the import, never from the day it happened (a recommendation written
last week and imported today is due in two days, not late). What history left unsettled
— kindnesses never thanked, asks never answered — is gathered in one catch-up item:
thank the few most recent, file the rest as history.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from goodword.domain.agenda_facts import Backlog, HistoryCount
from goodword.domain.agenda_items import AgendaItem, DraftRef, ItemKind, item
from goodword.domain.dates import day_of
from goodword.domain.etiquette import Etiquette

#: How many of the most recent unthanked acts the catch-up offers to thank.
RECENT = 3
#: Favours from history returned a few at a time.
HISTORY_PACE = 3
WORDS = {
    "recommendation": ("recommendation", "recommendations"),
    "endorsement": ("endorsement", "endorsements"),
    "referral": ("referral", "referrals"),
    "ask": ("ask", "asks"),
}
THANKED = ("recommendation", "endorsement", "referral")


def cutoff(on: datetime, e: Etiquette) -> datetime:
    """Acts before this moment are history as of ``on``."""
    return on - timedelta(days=e.history_horizon_days)


def is_history(at: datetime, on: datetime, e: Etiquette) -> bool:
    return at < cutoff(on, e)


def owed_from(at: datetime, imported_at: datetime | None) -> datetime:
    """Where a duty's clock starts: when the act happened, or when an import brought it."""
    return max(at, imported_at) if imported_at is not None else at


def _years(c: HistoryCount, on: datetime) -> str:
    first, last = day_of(c.first, on).year, day_of(c.last, on).year
    return str(first) if first == last else f"{first}–{last}"


def _counted(c: HistoryCount, on: datetime) -> str:
    one, many = WORDS.get(c.kind, (c.kind, c.kind + "s"))
    return f"{c.count:,} {one if c.count == 1 else many} ({_years(c, on)})"


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def catch_up(backlog: Backlog, on: datetime) -> Iterator[AgendaItem]:
    """At most one item, whatever the size of the history."""
    if not backlog.counts:
        return
    thanks = [c for c in backlog.counts if c.kind in THANKED]
    asks = [c for c in backlog.counts if c.kind == "ask"]
    said = []
    if thanks:
        said.append(f"{_joined([_counted(c, on) for c in thanks])} were never marked thanked")
    if asks:
        said.append(f"{_joined([_counted(c, on) for c in asks])} were never answered")
    recent = [a for a in backlog.recent if a.kind in THANKED][:RECENT]
    advice = ""
    if recent:
        names = _joined([f"{a.person.name} ({a.kind}, {day_of(a.at, on).year})" for a in recent])
        advice = f" Thank the most recent — {names} — and file the rest as history"
    else:
        advice = " Close them gracefully or file them as history"
    reason = (
        f"From your history: {' and '.join(said)}.{advice}: they still count in your "
        "ledger and strength, and nothing from them will be called late."
    )
    first = recent[0] if recent else backlog.recent[0] if backlog.recent else None
    draft = (
        DraftRef(
            "thank-you", "referral" if first.kind == "referral" else "recommendation", first.id
        )
        if first is not None and first.kind in THANKED
        else DraftRef("acknowledgement", "ask", first.id if first else 0)
    )
    yield item(
        ItemKind.CATCH_UP,
        None,
        "history",
        on,
        on,
        reason,
        draft,
        "goodword catch-up file",
    )
