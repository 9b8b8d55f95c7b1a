"""Export use cases."""

from __future__ import annotations

from datetime import datetime

from goodword.interop.agenda_calendar import agenda_calendar
from goodword.services.agenda import agenda_items
from goodword.storage.unit_of_work import UnitOfWork


def agenda_ics(uow: UnitOfWork, now: datetime, on: datetime | None = None) -> tuple[bytes, int]:
    """The agenda's items as iCalendar bytes, and how many events it holds."""
    items = agenda_items(uow, now, on)
    return agenda_calendar(items, on or now, now), len(items)
