"""Every import is a batch that can be undone: backup → import → undo → backup is the same
file; when something recorded since depends on the import, undo changes nothing and says
what stands in the way."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli
from tests.fixtures.real_world import linkedin_export, phone_book


def snapshot(cli: Cli, path: Path) -> dict[str, object]:
    cli.ok("backup", str(path))
    return json.loads(path.read_text())["tables"]


def test_backup_import_undo_backup_is_identical(cli: Cli, tmp_path: Path) -> None:
    export = linkedin_export(connections=300)
    cli.json("import", "linkedin", str(export.zip(tmp_path / "first.zip")))
    giver = export.recommendations_received[-1][0]
    cli.ok("log", f"{giver.first} {giver.last}", "--kind", "call", "--on", "3d")
    before = snapshot(cli, tmp_path / "before.json")
    # A later, bigger export: new people, and new traces on people already here (their
    # summaries are recomputed), and a new profile.
    later = linkedin_export(connections=600)
    report = cli.json("import", "linkedin", str(later.zip(tmp_path / "later.zip")))
    assert report["created"] > 0 and report["matched"] > 0
    text, _ = phone_book(120, overlap=later.connections[::10][:40])
    phones = tmp_path / "phone.vcf"
    phones.write_text(text)
    vcard = cli.json("import", "vcard", str(phones))
    assert vcard["updated"] > 0  # phones added to people of both imports
    listed = cli.json("imports", "list")
    assert [b["id"] for b in listed] == [vcard["batch"], report["batch"], listed[2]["id"]]

    refused = cli.fails("import", "undo", str(report["batch"]), "--yes")
    assert "cannot be undone" in refused and "emails, links and phones" in refused
    cli.json("import", "undo", str(vcard["batch"]), "--yes")
    undone = cli.json("import", "undo", str(report["batch"]), "--yes")
    assert undone["removed"]["people"] == report["created"]
    assert snapshot(cli, tmp_path / "after.json") == before


def test_undo_refuses_when_later_records_depend_on_it(cli: Cli, tmp_path: Path) -> None:
    export = linkedin_export(connections=50)
    batch = cli.json("import", "linkedin", str(export.zip(tmp_path / "e.zip")))["batch"]
    someone = f"{export.connections[3].first} {export.connections[3].last}"
    [person] = [p for p in cli.json("people", "list", "--all") if p["name"] == someone][:1]
    cli.ok("people", "add", "Bo Chen")
    referral = cli.json("referrals", "receive", "--from", f"#{person['id']}", "--person", "Bo Chen")
    message = cli.fails("import", "undo", str(batch), "--yes")
    assert "1 referral" in message and "nothing was changed" in message
    assert referral["referrer"]["id"] == person["id"]
    cli.json("referrals", "delete", str(referral["id"]), "--yes")
    cli.ok("people", "delete", "Bo Chen", "--yes")
    assert cli.json("import", "undo", str(batch), "--yes")["removed"]["people"] >= 50
    assert cli.json("people", "list", "--all") == []
    # The referral waits in the trash, but the person it came from is gone for good.
    entry = next(t for t in cli.json("trash", "list") if t["kind"] == "referral")
    assert "cannot come back" in cli.fails("trash", "restore", str(entry["id"]))
    assert "no import #99" in cli.fails("import", "undo", "99", "--yes")


def test_a_person_touched_since_is_recomputed_not_rewound(cli: Cli, tmp_path: Path) -> None:
    cli.ok("people", "add", "Alex Known", "--url", "https://www.linkedin.com/in/alex-known")
    folder = tmp_path / "inv"
    folder.mkdir()
    (folder / "Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Me,Alex Known,"11/1/26, 3:12 PM",,OUTGOING,https://x.example/me,'
        "https://www.linkedin.com/in/alex-known\n"
    )
    batch = cli.json("import", "linkedin", str(folder))["batch"]
    assert cli.json("people", "show", "Alex Known")["last_interaction_at"].startswith("2026-11-01")
    cli.ok("log", "Alex Known", "--kind", "call", "--on", "2026-11-20")
    cli.json("import", "undo", str(batch), "--yes")
    alex = cli.json("people", "show", "Alex Known")
    assert alex["last_interaction_at"].startswith("2026-11-20")
