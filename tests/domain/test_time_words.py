"""Days in the user's zone, and spans of time as a person says them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.dates import days_between, parse_as_of, parse_when, zone_named
from goodword.domain.errors import InvalidValue
from goodword.domain.time_words import ago, lateness, since, span

LA, TOKYO = ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Tokyo")


def test_today_and_bare_dates_are_the_users_days() -> None:
    now = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)  # 17:30 on the 22nd in LA
    assert parse_when("today", now, LA) == datetime(2026, 11, 22, 12, tzinfo=LA)
    assert parse_when("today", now, UTC).date().isoformat() == "2026-11-23"
    assert parse_when("yesterday", now, LA).date().isoformat() == "2026-11-21"
    assert parse_when("2026-11-20", now, LA) == datetime(2026, 11, 20, 12, tzinfo=LA)
    assert parse_when("2026-11-20T09:30", now, LA) == datetime(2026, 11, 20, 9, 30, tzinfo=LA)
    assert parse_when("2026-11-20T09:30+01:00", now, LA).utcoffset() == timedelta(hours=1)
    early = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)  # 00:30 on the 23rd in Tokyo
    assert parse_when("today", early, TOKYO) == early.astimezone(TOKYO)  # noon is ahead: now
    end = parse_as_of("2026-11-01", now, LA)
    assert end is not None and end.utcoffset() == timedelta(hours=-8)  # after the change


def test_whole_days_across_daylight_saving() -> None:
    before = datetime(2026, 10, 31, 23, 0, tzinfo=LA)  # PDT
    after = datetime(2026, 11, 1, 23, 0, tzinfo=LA)  # PST: 25 hours later
    assert days_between(before, after) == 1
    berlin = ZoneInfo("Europe/Berlin")
    spring = datetime(2026, 3, 29, 0, 30, tzinfo=berlin)  # the 23-hour day
    later = (spring.astimezone(UTC) + timedelta(hours=23)).astimezone(berlin)
    assert later.isoformat() == "2026-03-30T00:30:00+02:00" and days_between(spring, later) == 1


@given(st.integers(min_value=0, max_value=20_000))
def test_spans_never_say_thousands_of_days(days: int) -> None:
    words = span(days)
    assert not any(part.isdigit() and int(part) > 13 for part in words.split()) or "year" in words
    assert (lateness(days) == "") == (days == 0)


def test_words_people_use() -> None:
    on = datetime(2026, 11, 22, 10, tzinfo=UTC)
    assert [span(d) for d in (1, 3, 14, 40, 100, 400, 5389)] == [
        "a day",
        "3 days",
        "2 weeks",
        "5 weeks",
        "3 months",
        "over a year",
        "over 14 years",
    ]
    assert lateness(5389) == "over 14 years late"
    assert ago(on - timedelta(days=1), on) == "yesterday"
    assert ago(datetime(2012, 3, 1, tzinfo=UTC), on) == "in 2012"
    assert since(datetime(2014, 6, 1, tzinfo=UTC), on) == "since 2014"


def test_zone_names_are_checked() -> None:
    assert zone_named("Europe/Berlin").key == "Europe/Berlin"
    for bad in ("Mars/Olympus", "", "/etc/passwd", "../x", "x" * 100):
        with pytest.raises(InvalidValue, match="IANA name"):
            zone_named(bad)
