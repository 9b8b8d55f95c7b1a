"""Reading dates people type: ``2026-11-20``, ``2026-11-20T09:30``, ``today``, ``3d`` (ago)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from goodword.domain.errors import InvalidValue

NOON = time(12, 0)


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_when(text: str | None, now: datetime) -> datetime:
    """A moment from user input. A bare date means noon UTC that day, or now if that is later.

    The clamp keeps "today" from landing after ``now`` (and so in the future).
    """
    if text is None or not text.strip():
        return now
    raw = text.strip().lower()
    if raw == "now":
        return now
    if raw in ("today", "yesterday"):
        day = now.date() - timedelta(days=1 if raw == "yesterday" else 0)
        return min(datetime.combine(day, NOON, UTC), now)
    if raw.endswith("d") and raw[:-1].isdigit():
        return now - timedelta(days=int(raw[:-1]))
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            return (
                min(datetime.combine(day, NOON, UTC), now)
                if day == now.date()
                else (datetime.combine(day, NOON, UTC))
            )
        return as_utc(datetime.fromisoformat(text.strip()))
    except ValueError:
        raise InvalidValue(
            f"cannot read the date '{text}': use YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, "
            "yesterday or Nd (N days ago)"
        ) from None


def parse_as_of(text: str | None, now: datetime) -> datetime | None:
    """The moment an agenda is computed for: a bare date means the end of that day (so
    everything recorded that day counts); None means now."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    if len(raw) == 10 and raw[4] == "-":
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            return datetime.combine(day, time(23, 59, 59), UTC)
    return parse_when(raw, now)
