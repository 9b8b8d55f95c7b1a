"""The user's own day: 'today', due dates, the agenda and the calendar follow the
workspace's time zone (else the machine's); stored instants stay UTC."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from tests.cli.conftest import Cli


def at(cli: Cli, moment: str) -> None:
    cli.extra["GOODWORD_NOW"] = moment


def test_half_past_five_in_los_angeles_is_still_today(cli: Cli) -> None:
    cli.ok("people", "add", "Ana Silva")
    at(cli, "2026-11-23T01:30:00+00:00")  # 17:30 on the 22nd in Los Angeles
    assert cli.json("today")["on"].startswith("2026-11-23")  # the machine (UTC) says tomorrow
    cli.ok("settings", "set", "timezone", "America/Los_Angeles")
    agenda = cli.json("today")
    assert agenda["on"] == "2026-11-22T17:30:00-08:00"
    assert "Today, 2026-11-22" in cli.ok("today") or "Nothing owed" in cli.ok("today")
    logged = cli.json("log", "Ana Silva", "--kind", "call", "--on", "today")
    assert logged["occurred_at"] == "2026-11-22T20:00:00Z"  # noon on the 22nd in LA
    listed = cli.ok("interactions", "list", "Ana Silva")
    assert "2026-11-22" in listed and "2026-11-23" not in listed
    yesterday = cli.json("log", "Ana Silva", "--kind", "email", "--on", "yesterday")
    assert yesterday["occurred_at"] == "2026-11-21T20:00:00Z"  # noon in LA, stored in UTC


def test_the_machine_zone_is_the_default(cli: Cli) -> None:
    cli.extra.update(TZ="America/Los_Angeles", GOODWORD_NOW="2026-11-23T01:30:00+00:00")
    settings = {s["key"]: s for s in cli.json("settings")}
    assert settings["timezone"]["value"] is None
    assert settings["timezone"]["default"] == "America/Los_Angeles"
    assert cli.json("today")["on"].startswith("2026-11-22T17:30")


def test_half_past_midnight_in_tokyo_counts_days_there(cli: Cli) -> None:
    cli.ok("settings", "set", "timezone", "Asia/Tokyo")
    at(cli, "2026-11-23T15:30:00+00:00")  # 00:30 on the 24th in Tokyo
    cli.ok("people", "add", "Ana Silva")
    cli.ok("people", "add", "Bo Chen")
    cli.json(
        "referrals", "receive", "--from", "Ana Silva", "--person", "Bo Chen", "--on", "yesterday"
    )
    at(cli, "2026-11-25T15:30:00+00:00")  # 00:30 on the 26th in Tokyo
    thank = next(i for i in cli.json("today")["items"] if i["kind"] == "thank")
    # Received on the 23rd (Tokyo), due on the 25th: one day late on the 26th. Counted in
    # UTC days (due the 24th, today the 25th) it would also be one — but "3 days ago" is
    # only right in Tokyo, where the 23rd is three calendar days back.
    assert "3 days ago" in thank["reason"] and thank["overdue"] == "a day late"
    cli.ok("settings", "set", "timezone", "UTC")
    thank = next(i for i in cli.json("today")["items"] if i["kind"] == "thank")
    assert "2 days ago" in thank["reason"]


def test_days_count_whole_across_a_daylight_saving_change(cli: Cli, tmp_path: Path) -> None:
    cli.ok("settings", "set", "timezone", "America/Los_Angeles")
    cli.ok("people", "add", "Ana Silva")
    cli.ok("people", "add", "Bo Chen")
    at(cli, "2026-11-01T04:00:00+00:00")  # 21:00 on Oct 31 in LA (PDT); clocks go back tonight
    cli.json(
        "referrals",
        "receive",
        "--from",
        "Ana Silva",
        "--person",
        "Bo Chen",
        "--on",
        "2026-10-31T20:30",
    )
    at(cli, "2026-11-03T16:00:00+00:00")  # 08:00 on Nov 3 in LA (PST)
    agenda = cli.json("today")
    thank = next(i for i in agenda["items"] if i["kind"] == "thank")
    assert thank["overdue_days"] == 1 and "3 days ago" in thank["reason"]
    ics = tmp_path / "agenda.ics"
    cli.ok("export", "ics", "--out", str(ics))
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    days = {str(e["summary"]): e.decoded("dtstart").isoformat() for e in events}
    assert days["Thank Ana Silva"] == "2026-11-03"  # late: shown today, the LA day
    as_of = cli.json("today", "--on", "2026-11-01")
    assert as_of["on"] == "2026-11-01T23:59:59-08:00"


def test_an_unknown_zone_is_refused(cli: Cli) -> None:
    assert "unknown time zone 'Mars/Olympus'" in cli.fails(
        "settings", "set", "timezone", "Mars/Olympus"
    )
    assert "IANA name" in cli.fails("settings", "set", "timezone", "../../etc/passwd")
