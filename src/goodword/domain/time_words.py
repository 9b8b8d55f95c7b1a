"""Spans of time as a person says them: "3 days late", "2 weeks ago", "over a year late",
"not in touch since 2014" — never "5389 days"."""

from __future__ import annotations

from datetime import datetime

from goodword.domain.dates import day_of, days_between

WEEK, MONTH, YEAR = 7, 30, 365


def _count(n: int, unit: str) -> str:
    return f"{'a' if n == 1 and unit != 'hour' else n} {unit}{'' if n == 1 else 's'}"


def span(days: int) -> str:
    """``3 days``, ``2 weeks``, ``5 months``, ``over a year``, ``over 12 years``."""
    if days < 14:
        return _count(days, "day")
    if days < 8 * WEEK:
        return _count(days // WEEK, "week")
    if days < YEAR:
        return _count(max(2, days // MONTH), "month")
    years = days // YEAR
    return "over a year" if years == 1 else f"over {years} years"


def lateness(days: int) -> str:
    """How late something is: ``a day late``, ``3 weeks late``, ``over a year late``."""
    return f"{span(days)} late" if days > 0 else ""


def ago(at: datetime, on: datetime) -> str:
    """``today``, ``yesterday``, ``5 days ago``, ``3 months ago``, ``in 2014``: years-old
    moments are told by their year, as people remember them."""
    days = days_between(at, on)
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days >= 2 * YEAR:
        return f"in {day_of(at, on).year}"
    return f"{span(days)} ago"


def since(at: datetime, on: datetime) -> str:
    """``since 2014`` for long ago, ``for 3 months`` for recent spans."""
    days = days_between(at, on)
    if days >= 2 * YEAR:
        return f"since {day_of(at, on).year}"
    return f"for {span(max(days, 1))}"
