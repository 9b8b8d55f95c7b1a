"""The agenda as an iCalendar file (RFC 5545) that calendar applications import.

One all-day event per item, on its due day in the user's calendar (today when it is already
late), with the reason and the draft command in the description. UIDs come from the item's
stable key and the workspace's own identifier (two databases never share one); SEQUENCE
grows when an item's day or title changes; an item that was done is sent once more as
CANCELLED, so a calendar that imports the newer file drops it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from goodword.domain.agenda_items import AgendaItem
from goodword.domain.dates import day_of

UID_DOMAIN = "goodword.local"
TITLES = {
    "thank": "Thank",
    "qualify": "Qualify the referral with",
    "contact": "Reach out — referral from",
    "update-referrer": "Update",
    "ask-why-fit": "Learn from a referral that did not fit, with",
    "follow-up-ask": "Follow up with",
    "close-ask": "Close the ask to",
    "acknowledge-decline": "Acknowledge the answer of",
    "ask": "Ask",
    "reciprocate": "Give back to",
    "keep-in-touch": "Check in with",
    "approve-reference": "Get approval for a reference",
    "ask-confidential": "Ask the vendor to keep your name confidential",
    "recommend": "Send the recommendation for",
    "catch-up": "Catch up with your history",
}


@dataclass(frozen=True)
class CalendarEntry:
    """What the calendar is sent for one key: an open item, or one that is done."""

    key: str
    summary: str
    day: date
    sequence: int
    item: AgendaItem | None = None
    """None: the item left the agenda (done), and the event goes out cancelled."""


def summary(item: AgendaItem) -> str:
    title = TITLES[item.kind.value]
    return f"{title} {item.person.name}" if item.person else title


def event_day(item: AgendaItem, on: datetime) -> date:
    return max(day_of(item.due, on), on.date())


def uid(key: str, workspace_uid: str) -> str:
    return f"{key}.{workspace_uid}@{UID_DOMAIN}"


def agenda_calendar(
    entries: Sequence[CalendarEntry], workspace_uid: str, zone: str, now: datetime
) -> bytes:
    from icalendar import (  # loaded when used: every command imports this module, few need it
        Calendar,
        Event,
    )

    calendar = Calendar()
    calendar.add("prodid", "-//goodword//agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "goodword agenda")
    calendar.add("x-wr-timezone", zone)
    for entry in entries:
        event = Event()
        event.add("uid", uid(entry.key, workspace_uid))
        event.add("dtstamp", now)
        event.add("sequence", entry.sequence)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("transp", "TRANSPARENT")
        if entry.item is None:
            event.add("status", "CANCELLED")
            event.add("description", "Done: this is off your goodword agenda.")
        else:
            item = entry.item
            event.add("status", "CONFIRMED")
            event.add("description", f"{item.reason}\n\nDraft: {item.draft}\nDone: {item.done}")
            event.add("categories", [item.kind.value])
            event.add("priority", max(1, 9 - item.priority // 12))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
