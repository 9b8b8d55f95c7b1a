"""The agenda as a calendar: parses back, one event per item, UIDs stable and unique to
the workspace, SEQUENCE when an item moves, done items sent as cancelled."""

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
            "status": str(e["status"]),
            "sequence": int(e["sequence"]),
        }
        for e in calendar.walk("VEVENT")
    }


def by_key(found: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return {uid.split(".", 1)[0]: e for uid, e in found.items()}


def test_export_parses_back_and_reexport_keeps_uids(cli: Cli, tmp_path: Path) -> None:
    assert cli("demo").exit_code == 0
    target = tmp_path / "out" / "agenda.ics"
    written = cli.json("export", "ics", "--out", str(target))
    first = events(target)
    items = cli.json("today")["items"]
    assert written["events"] == len(first) == len(items)
    assert set(by_key(first)) == {i["key"] for i in items}
    assert all(uid.endswith("@goodword.local") for uid in first)
    assert len({uid.split(".", 1)[1] for uid in first}) == 1  # one workspace
    thank = next(e for k, e in by_key(first).items() if k.startswith("thank:"))
    assert "goodword draft thank-you" in thank["description"]
    assert thank["start"] >= "2026-11-22"  # late items land on today, not in the past
    assert {e["status"] for e in first.values()} == {"CONFIRMED"}
    rid = next(i["about"].split(":")[1] for i in items if i["kind"] == "contact")
    cli.json("referrals", "contacted", rid)
    cli.json("export", "ics", "--out", str(target))
    second = by_key(events(target))
    done = second[f"contact:referral:{rid}"]
    assert done["status"] == "CANCELLED" and done["sequence"] == 1
    assert sum(1 for e in second.values() if e["status"] == "CONFIRMED") == len(
        cli.json("today")["items"]
    )
    assert not list(target.parent.glob(".agenda.ics.*"))  # no temporary file left behind


def test_uids_differ_between_databases_and_sequence_follows_changes(
    cli: Cli, tmp_path: Path
) -> None:
    cli.json("people", "add", "Ana Silva")
    cli.json("referrals", "receive", "--from", "Ana", "--prospect", "Dee")
    out = cli("export", "ics", "--out", "-").stdout
    assert out.startswith("BEGIN:VCALENDAR") and "UID:thank:referral:1." in out
    other = Cli(f"sqlite:///{tmp_path / 'other.db'}", tmp_path / "other")
    other.json("people", "add", "Ana Silva")
    other.json("referrals", "receive", "--from", "Ana", "--prospect", "Dee")
    mine, theirs = tmp_path / "mine.ics", tmp_path / "theirs.ics"
    cli.json("export", "ics", "--out", str(mine))
    other.json("export", "ics", "--out", str(theirs))
    assert set(events(mine)).isdisjoint(events(theirs))
    again = by_key(events(mine))
    assert again["thank:referral:1"]["sequence"] == 0  # nothing changed: same sequence
    cli.extra["GOODWORD_NOW"] = "2026-11-26T10:00:00+00:00"  # late now: shown on a new day
    cli.json("export", "ics", "--out", str(mine))
    moved = by_key(events(mine))["thank:referral:1"]
    assert moved["sequence"] == 1 and moved["start"] == "2026-11-26"


def test_every_agenda_kind_has_a_calendar_title() -> None:
    from goodword.domain.agenda_items import ItemKind
    from goodword.interop.agenda_calendar import TITLES

    assert set(TITLES) == {k.value for k in ItemKind}
