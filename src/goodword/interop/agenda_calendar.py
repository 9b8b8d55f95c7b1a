"""The agenda as an iCalendar file (RFC 5545) that calendar applications import.

One all-day event per item, on its due day (today when it is already late), with the
reason and the draft command in the description. UIDs come from the item's stable key, so
importing a newer export updates the events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from goodword.domain.agenda_items import AgendaItem
from goodword.domain.dates import day_of

UID_DOMAIN = "goodword.local"
TITLES = {
    "thank": "Thank",
    "qualify": "Qualify the referral with",
    "contact": "Reach out — referral from",
    "update-referrer": "Update",
    "follow-up-ask": "Follow up with",
    "close-ask": "Close the ask to",
    "ask": "Ask",
    "reciprocate": "Give back to",
    "keep-in-touch": "Check in with",
    "approve-reference": "Get approval for a reference",
    "recommend": "Send the recommendation for",
}


def summary(item: AgendaItem) -> str:
    title = TITLES[item.kind.value]
    return f"{title} {item.person.name}" if item.person else title


def agenda_calendar(items: Sequence[AgendaItem], on: datetime, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//goodword//agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "goodword agenda")
    for item in items:
        day = max(day_of(item.due, on), on.date())
        event = Event()
        event.add("uid", f"{item.key}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary(item))
        event.add("description", f"{item.reason}\n\nDraft: {item.draft}\nDone: {item.done}")
        event.add("categories", [item.kind.value])
        event.add("priority", max(1, 9 - item.priority // 12))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
