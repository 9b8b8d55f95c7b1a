"""Agenda items: their kinds, priorities and the words used in their reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from goodword.domain.agenda_facts import Who
from goodword.domain.dates import days_between, iso_day
from goodword.domain.time_words import lateness


class ItemKind(StrEnum):
    THANK = "thank"
    QUALIFY = "qualify"
    CONTACT = "contact"
    UPDATE_REFERRER = "update-referrer"
    ASK_WHY_FIT = "ask-why-fit"
    FOLLOW_UP_ASK = "follow-up-ask"
    CLOSE_ASK = "close-ask"
    ACKNOWLEDGE_DECLINE = "acknowledge-decline"
    ASK = "ask"
    RECIPROCATE = "reciprocate"
    KEEP_IN_TOUCH = "keep-in-touch"
    APPROVE_REFERENCE = "approve-reference"
    ASK_CONFIDENTIAL = "ask-confidential"
    RECOMMEND = "recommend"
    CATCH_UP = "catch-up"


#: Starting priority per kind: debts of gratitude and closing loops first (seeds 001, 003),
#: then what keeps asks graceful, then suggestions. Lateness adds up to OVERDUE_CAP.
BASE_PRIORITY: dict[ItemKind, int] = {
    ItemKind.THANK: 80,
    ItemKind.UPDATE_REFERRER: 75,
    ItemKind.CLOSE_ASK: 65,
    ItemKind.ACKNOWLEDGE_DECLINE: 62,
    ItemKind.FOLLOW_UP_ASK: 60,
    ItemKind.CONTACT: 58,
    ItemKind.QUALIFY: 55,
    ItemKind.ASK_WHY_FIT: 52,
    ItemKind.APPROVE_REFERENCE: 50,
    ItemKind.ASK_CONFIDENTIAL: 50,
    ItemKind.RECOMMEND: 45,
    ItemKind.RECIPROCATE: 40,
    ItemKind.ASK: 35,
    ItemKind.CATCH_UP: 42,
    ItemKind.KEEP_IN_TOUCH: 25,
}
OVERDUE_POINTS_PER_DAY = 2
OVERDUE_CAP = 20

#: The kinds that are suggestions rather than debts: only the best few are listed.
SUGGESTIONS = (ItemKind.ASK, ItemKind.RECIPROCATE, ItemKind.KEEP_IN_TOUCH)


@dataclass(frozen=True)
class DraftRef:
    """Which drafted message settles an item: its kind and the record it is about."""

    kind: str
    record: str
    record_id: int

    @property
    def command(self) -> str:
        return f"goodword draft {self.kind} --{self.record} {self.record_id}"


@dataclass(frozen=True)
class AgendaItem:
    kind: ItemKind
    person: Who | None
    about: str
    """The record the item is about, e.g. ``referral:12`` or ``person:7``."""
    due: datetime
    overdue_days: int
    priority: int
    overdue: str
    """How late, as a person says it ("3 days late", "over a year late"); empty if not."""
    reason: str
    draft: str
    """The command that drafts its message (``draft_ref`` says the same as data)."""
    draft_ref: DraftRef
    done: str
    via: str | None = None
    """How a thank-you item asks to be paid: ``email``, or beyond it (``lunch``)."""

    @property
    def key(self) -> str:
        """Stable identity of the item (calendar UIDs, de-duplication)."""
        return f"{self.kind.value}:{self.about}"


def overdue_days(due: datetime, on: datetime) -> int:
    """Whole days past ``due``, counted in the user's calendar (``on`` carries the zone)."""
    return max(0, days_between(due, on))


def on_day(at: datetime, on: datetime) -> str:
    """The user's calendar day of ``at``, e.g. ``2026-11-20``."""
    return iso_day(at, on)


def priority(kind: ItemKind, late: int, bonus: int = 0) -> int:
    return min(100, BASE_PRIORITY[kind] + min(OVERDUE_CAP, OVERDUE_POINTS_PER_DAY * late) + bonus)


def with_article(noun: str) -> str:
    """``an endorsement``, ``a referral``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def aside(label: str) -> str:
    """A label with an apposition ("Mara Quinn, COO at Brightline") closed by a comma when
    the sentence goes on after it ("referred Mara Quinn, COO at Brightline, to you")."""
    return f"{label}," if "," in label and not label.endswith(",") else label


def late_clause(late: int) -> str:
    return f" — {lateness(late)}" if late > 0 else ""


def item(
    kind: ItemKind,
    person: Who | None,
    about: str,
    due: datetime,
    on: datetime,
    reason: str,
    draft: DraftRef,
    done: str,
    bonus: int = 0,
    via: str | None = None,
) -> AgendaItem:
    late = overdue_days(due, on)
    return AgendaItem(
        kind=kind,
        person=person,
        about=about,
        due=due,
        overdue_days=late,
        priority=priority(kind, late, bonus),
        overdue=lateness(late),
        reason=reason,
        draft=draft.command,
        done=done,
        draft_ref=draft,
        via=via,
    )
