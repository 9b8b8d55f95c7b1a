"""Export use cases."""

from __future__ import annotations

from datetime import datetime

from goodword.interop.agenda_calendar import agenda_calendar
from goodword.services.agenda import agenda_items
from goodword.services.time_zones import as_of
from goodword.storage.unit_of_work import UnitOfWork


def agenda_ics(
    uow: UnitOfWork, now: datetime, on: str | datetime | None = None
) -> tuple[bytes, int]:
    """The agenda's items as iCalendar bytes, and how many events it holds: all-day events
    on the user's own calendar days."""
    with uow:
        day = as_of(uow, on, now)
        items = agenda_items(uow, now, day)
    return agenda_calendar(items, day, now), len(items)
