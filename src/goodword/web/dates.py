"""Dates on pages, in the workspace's time zone (``zone`` in the page's context; this
machine's zone where a page has none): ``1 Dec 2026``, ``1 Dec``, ``Tuesday 1 December
2026``, ``1 Dec 2026 17:30``."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from goodword.services.time_zones import machine_zone_name

FORMATS = {
    "day": "%-d %b %Y",
    "short_day": "%-d %b",
    "long_day": "%A %-d %B %Y",
    "stamp": "%-d %b %Y %H:%M",
    "iso_day": "%Y-%m-%d",
}


def _zone(context: Context) -> tzinfo:
    zone = context.get("zone")
    return zone if isinstance(zone, tzinfo) else ZoneInfo(machine_zone_name())


def _filter(pattern: str) -> Any:
    @pass_context
    def shown(context: Context, value: datetime | None, empty: str = "—") -> str:
        if value is None:
            return empty
        return value.astimezone(_zone(context)).strftime(pattern)

    return shown


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def kept_day(value: str) -> str:
    """``1985-04-12`` → ``12 April 1985``; ``--04-12`` → ``12 April``."""
    year, month, day = value.rsplit("-", 2)[0].strip("-"), *value.rsplit("-", 2)[1:]
    shown = f"{int(day)} {MONTHS[int(month) - 1]}"
    return f"{shown} {year}" if year else shown


def install(env: Environment) -> None:
    for name, pattern in FORMATS.items():
        env.filters[name] = _filter(pattern)
    env.filters["kept_day"] = kept_day
