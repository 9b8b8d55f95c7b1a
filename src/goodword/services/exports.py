"""Export use cases: the agenda as a calendar that keeps itself right.

goodword remembers what each calendar export said (``calendar_events``): an item keeps its
UID, its SEQUENCE goes up when its day or title changes, and an item that was done is sent
once more as cancelled — then kept as such for 30 days, so a calendar that re-imports any
recent file drops it too.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select

from goodword.interop.agenda_calendar import CalendarEntry, agenda_calendar, event_day, summary
from goodword.services.agenda import agenda_items
from goodword.services.time_zones import as_of, zone_name
from goodword.storage.tables import CalendarEvent, Workspace
from goodword.storage.unit_of_work import UnitOfWork

KEEP_DONE_DAYS = 30


def _digest(title: str, day: date) -> str:
    return hashlib.sha256(f"{title}|{day.isoformat()}".encode()).hexdigest()


def agenda_ics(
    uow: UnitOfWork, now: datetime, on: str | datetime | None = None
) -> tuple[bytes, int]:
    """The agenda's items as iCalendar bytes, and how many open events it holds. For today
    the export is remembered (SEQUENCE, cancelled items); for another day it only reads."""
    with uow:
        day = as_of(uow, on, now)
        items = agenda_items(uow, now, day)
        workspace = uow.session.get(Workspace, uow.workspace_id)
        assert workspace is not None and workspace.uid is not None
        known = {
            e.key: e
            for e in uow.session.scalars(
                select(CalendarEvent).where(CalendarEvent.workspace_id == uow.workspace_id)
            )
        }
        remember = on is None
        entries: list[CalendarEntry] = []
        for item in items:
            title, when = summary(item), event_day(item, day)
            digest = _digest(title, when)
            stored = known.pop(item.key, None)
            if stored is None:
                stored = CalendarEvent(
                    workspace_id=uow.workspace_id,
                    key=item.key,
                    sequence=0,
                    digest=digest,
                    summary=title[:300],
                    day=when.isoformat(),
                    status="open",
                    changed_at=now,
                )
                if remember:
                    uow.session.add(stored)
            elif (stored.digest != digest or stored.status != "open") and remember:
                stored.sequence += 1
                stored.digest, stored.summary, stored.day = (
                    digest,
                    title[:300],
                    when.isoformat(),
                )
                stored.status, stored.changed_at = "open", now
            entries.append(CalendarEntry(item.key, title, when, stored.sequence, item))
        for stored in known.values() if remember else ():
            if stored.status == "open":  # on the calendar, no longer on the agenda: done
                stored.sequence += 1
                stored.status, stored.changed_at = "done", now
            if stored.changed_at >= now - timedelta(days=KEEP_DONE_DAYS):
                entries.append(
                    CalendarEntry(
                        stored.key,
                        stored.summary,
                        date.fromisoformat(stored.day),
                        stored.sequence,
                    )
                )
        if remember:
            uow.session.execute(
                delete(CalendarEvent).where(
                    CalendarEvent.workspace_id == uow.workspace_id,
                    CalendarEvent.status == "done",
                    CalendarEvent.changed_at < now - timedelta(days=KEEP_DONE_DAYS),
                )
            )
            uow.commit()
        data = agenda_calendar(entries, workspace.uid, zone_name(uow), now)
    return data, len(items)
