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


def install(env: Environment) -> None:
    for name, pattern in FORMATS.items():
        env.filters[name] = _filter(pattern)
