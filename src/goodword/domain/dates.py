"""Reading dates people type (``2026-11-20``, ``2026-11-20T09:30``, ``today``, ``3d`` ago)
and the calendar days of instants, in the user's own time zone.

Instants are stored in UTC; what a *day* is depends on where the user lives: at 17:30 in
Los Angeles it is already tomorrow in UTC, and "today" must still mean today. Functions here
take the zone (or an instant that carries it, like the agenda's ``on``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from goodword.domain.errors import InvalidValue
from goodword.domain.limits import digits

NOON = time(12, 0)
END_OF_DAY = time(23, 59, 59)


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def zone_named(name: str) -> ZoneInfo:
    """An IANA time zone (``Europe/Berlin``), or a clear refusal."""
    text = name.strip()
    if not text or len(text) > 64 or ".." in text or text.startswith("/"):
        raise InvalidValue(
            f"unknown time zone '{name}': use an IANA name like Europe/Berlin or "
            "America/Los_Angeles"
        )
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidValue(
            f"unknown time zone '{name}': use an IANA name like Europe/Berlin or "
            "America/Los_Angeles"
        ) from None


def day_of(at: datetime, like: datetime) -> date:
    """The calendar day of ``at`` in the zone ``like`` carries (the agenda's ``on``)."""
    return at.astimezone(like.tzinfo).date()


def iso_day(at: datetime, like: datetime) -> str:
    return day_of(at, like).isoformat()


def days_between(earlier: datetime, later: datetime) -> int:
    """Whole calendar days from ``earlier`` to ``later``, counted in ``later``'s zone (a
    daylight-saving change makes no day 23 or 25 hours short of a day)."""
    return (later.date() - day_of(earlier, later)).days


def parse_when(text: str | None, now: datetime, zone: tzinfo = UTC) -> datetime:
    """A moment from user input, in ``zone``. A bare date means noon that day there, or now
    if that is later (so "today" never lands in the future); a time without an offset is
    the user's local time."""
    local_now = now.astimezone(zone)
    if text is None or not text.strip():
        return local_now
    raw = text.strip().lower()
    if raw == "now":
        return local_now
    if raw in ("today", "yesterday"):
        day = local_now.date() - timedelta(days=1 if raw == "yesterday" else 0)
        return min(datetime.combine(day, NOON, zone), local_now)
    if raw.endswith("d") and digits(raw[:-1]) and len(raw) <= 6:
        return local_now - timedelta(days=int(raw[:-1]))
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            noon = datetime.combine(day, NOON, zone)
            return min(noon, local_now) if day == local_now.date() else noon
        parsed = datetime.fromisoformat(text.strip())
        return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed
    except ValueError:
        raise InvalidValue(
            f"cannot read the date '{text}': use YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, "
            "yesterday or Nd (N days ago)"
        ) from None


def parse_as_of(text: str | None, now: datetime, zone: tzinfo = UTC) -> datetime | None:
    """The moment an agenda is computed for: a bare date means the end of that day where
    the user is (so everything recorded that day counts); None means now."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    if len(raw) == 10 and raw[4] == "-":
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            return datetime.combine(day, END_OF_DAY, zone)
    return parse_when(raw, now, zone)
