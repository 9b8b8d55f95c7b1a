"""The agenda as a calendar: parses back, one event per item, stable UIDs."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from tests.cli.conftest import Cli


def events(path: Path) -> dict[str, dict[str, str]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(e["uid"]): {
            "summary": str(e["summary"]),
            "description": str(e["description"]),
            "start": e.decoded("dtstart").isoformat(),
        }
        for e in calendar.walk("VEVENT")
    }


def test_export_parses_back_and_reexport_keeps_uids(cli: Cli, tmp_path: Path) -> None:
    assert cli("demo").exit_code == 0
    target = tmp_path / "out" / "agenda.ics"
    written = cli.json("export", "ics", "--out", str(target))
    first = events(target)
    items = cli.json("today")["items"]
    assert written["events"] == len(first) == len(items)
    assert set(first) == {f"{i['key']}@goodword.local" for i in items}
    thank = next(e for uid, e in first.items() if uid.startswith("thank:"))
    assert "goodword draft thank-you" in thank["description"]
    assert thank["start"] >= "2026-11-22"  # late items land on today, not in the past
    rid = next(i["about"].split(":")[1] for i in items if i["kind"] == "contact")
    cli.json("referrals", "contacted", rid)
    cli.json("export", "ics", "--out", str(target))
    second = events(target)
    assert f"contact:referral:{rid}@goodword.local" in first
    assert f"contact:referral:{rid}@goodword.local" not in second
    kept = set(first) & set(second)
    assert len(kept) >= len(first) - 3  # the rest keep their UIDs
    assert not list(target.parent.glob(".agenda.ics.*"))  # no temporary file left behind


def test_export_to_stdout(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva")
    cli.json("referrals", "receive", "--from", "Ana", "--prospect", "Dee")
    out = cli("export", "ics", "--out", "-").stdout
    assert out.startswith("BEGIN:VCALENDAR") and "UID:thank:referral:1@goodword.local" in out
