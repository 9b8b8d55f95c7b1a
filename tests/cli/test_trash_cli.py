"""Edit and delete everything, with a way back: a deletion waits 30 days in the trash and
restoring it puts back the same rows, links and all; the ledger and the agenda follow."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.conftest import Cli


def snapshot(cli: Cli, path: Path) -> dict[str, Any]:
    cli.ok("backup", str(path))
    tables = json.loads(path.read_text())["tables"]
    tables.pop("trash")
    return tables


def network(cli: Cli) -> dict[str, int]:
    cli.ok("people", "add", "Ana Silva", "--company", "Acme", "--email", "ana@acme.example")
    cli.ok("people", "add", "Bo Chen", "--company", "Initech")
    cli.ok("people", "add", "Cy Dee")
    cli.json(
        "log", "Ana Silva", "--kind", "project-completed", "--sentiment", "positive", "--on", "5d"
    )
    referral = cli.json(
        "referrals", "receive", "--from", "Ana Silva", "--person", "Bo Chen", "--on", "4d"
    )
    cli.json("referrals", "thank", str(referral["id"]), "--via", "lunch", "--on", "3d")
    about = cli.json(
        "referrals", "receive", "--from", "Cy Dee", "--person", "Ana Silva", "--on", "2d"
    )
    ask = cli.json("asks", "add", "Ana Silva", "--for", "introduction", "--force")["ask"]
    rec = cli.json("recs", "add", "Ana Silva", "--received", "--text", "Great", "--on", "1d")
    cli.ok("knows", "Ana Silva", "Cy Dee", "--strength", "0.8")
    opportunity = cli.json("opportunities", "add", "Data lead", "--skill", "SQL", "--org", "Acme")
    reference = cli.json("references", "add", "Globex", "--company", "Acme")
    return {
        "referral": referral["id"],
        "about": about["id"],
        "ask": ask["id"],
        "rec": rec["id"],
        "opportunity": opportunity["id"],
        "reference": reference["id"],
    }


def test_deleting_anything_and_restoring_it_leaves_the_same_data(cli: Cli, tmp_path: Path) -> None:
    ids = network(cli)
    before = snapshot(cli, tmp_path / "before.json")
    ana = cli.json("people", "show", "Ana Silva")
    gone = cli.json("people", "delete", "Ana Silva", "--yes")
    assert gone["removed"]["people"] == 1 and gone["removed"]["interactions"] == 1
    assert gone["removed"]["referrals"] == 1 and gone["removed"]["knows"] == 1
    assert "Ana Silva" not in cli.ok("people", "list")
    assert cli.json("referrals", "show", str(ids["about"]))["referred"] == "Ana Silva"
    assert cli.json("balance", "Bo Chen") == [] or all(
        r["person"]["name"] != "Ana Silva" for r in cli.json("balance")
    )
    deleted = [
        cli.json("interactions", "delete", str(cli.json("interactions", "list")[0]["id"]), "--yes")
        if cli.json("interactions", "list")
        else None,
        cli.json("referrals", "delete", str(ids["about"]), "--yes"),
        cli.json("opportunities", "delete", str(ids["opportunity"]), "--yes"),
        cli.json("references", "delete", str(ids["reference"]), "--yes"),
        cli.json("orgs", "delete", "Initech", "--yes"),
    ]
    trash = cli.json("trash", "list")
    assert len(trash) == 1 + len([d for d in deleted if d]) and trash[-1]["id"] == gone["id"]
    for entry in trash:
        cli.json("trash", "restore", str(entry["id"]))
    assert cli.json("trash", "list") == []
    assert snapshot(cli, tmp_path / "after.json") == before
    assert cli.json("people", "show", "Ana Silva")["id"] == ana["id"]


def test_a_thank_you_deleted_is_owed_again_and_back_when_restored(cli: Cli) -> None:
    ids = network(cli)
    thanks = cli.json("thanks", "list", "--person", "Ana Silva")
    assert [t["kind"] for t in thanks] == ["lunch"]
    owed = lambda: [  # noqa: E731
        i
        for i in cli.json("today")["items"]
        if i["about"] == f"referral:{ids['referral']}" and i["kind"] == "thank"
    ]
    assert owed() == []
    entry = cli.json("thanks", "delete", str(thanks[0]["id"]), "--yes")
    assert entry["removed"] == {"gratitude": 1, "referral_milestones": 1}
    assert len(owed()) == 1
    cli.json("trash", "restore", str(entry["id"]))
    assert owed() == []


def test_every_record_can_be_edited_and_bad_edits_write_nothing(cli: Cli) -> None:
    ids = network(cli)
    [interaction] = cli.json("interactions", "list")
    edited = cli.json(
        "interactions",
        "edit",
        str(interaction["id"]),
        "--sentiment",
        "neutral",
        "--note",
        "Shipped",
    )
    assert (edited["sentiment"], edited["note"]) == ("neutral", "Shipped")
    referral = cli.json(
        "referrals", "edit", str(ids["referral"]), "--value", "12000", "--kind", "partner"
    )
    assert (referral["value"], referral["kind"]) == ("12000", "partner")
    ask = cli.json(
        "asks", "edit", str(ids["ask"]), "--about", "the Lisbon team", "--channel", "phone"
    )
    assert (ask["purpose"], ask["channel"]) == ("the Lisbon team", "phone")
    [thanks] = cli.json("thanks", "list")
    assert cli.json("thanks", "edit", str(thanks["id"]), "--via", "gift")["kind"] == "gift"
    rec = cli.json("recs", "edit", str(ids["rec"]), "--text", "Brilliant", "--skill", "SQL")
    assert (rec["text"], rec["skill"]) == ("Brilliant", "SQL")
    reference = cli.json("references", "edit", str(ids["reference"]), "--confidential")
    assert reference["confidential"] is True
    opportunity = cli.json(
        "opportunities",
        "edit",
        str(ids["opportunity"]),
        "--add-skill",
        "Rust",
        "--remove-skill",
        "SQL",
    )
    assert opportunity["skills"] == ["Rust"]
    assert "in the future" in cli.fails(
        "interactions", "edit", str(interaction["id"]), "--on", "2030-01-01"
    )
    assert "say what to change" in cli.fails("asks", "edit", str(ids["ask"]))
    assert "bribe" in cli.fails("referrals", "edit", str(ids["referral"]), "--kind", "bribe")
    assert "no referral #999" in cli.fails("referrals", "edit", "999", "--kind", "client")
    assert "no referral #999" in cli.fails("referrals", "delete", "999", "--yes")
    assert "no trash entry #5" in cli.fails("trash", "restore", "5")


def test_a_record_whose_owner_is_gone_for_good_cannot_come_back(cli: Cli) -> None:
    ids = network(cli)
    referral = cli.json("referrals", "delete", str(ids["referral"]), "--yes")
    cli.json("people", "delete", "Ana Silva", "--yes")
    cli.json("trash", "empty", "--yes")
    assert cli.json("trash", "list") == []
    cli.ok("people", "add", "Ana Silva")
    assert "no trash entry" in cli.fails("trash", "restore", str(referral["id"]))
