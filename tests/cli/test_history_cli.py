"""History is history, tried as a new user would: a twelve-year LinkedIn export leaves a
day's real duties on top, one catch-up item for the rest, and a way to file it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import Cli
from tests.fixtures.real_world import linkedin_export


def test_a_decade_of_history_does_not_flood_today(cli: Cli, tmp_path: Path) -> None:
    export = linkedin_export(connections=800)
    cli.json("import", "linkedin", str(export.zip(tmp_path / "export.zip")))
    cli.ok("people", "add", "Rita Real")
    cli.ok("people", "add", "Sam Prospect")
    cli.json(
        "referrals", "receive", "--from", "Rita Real", "--person", "Sam Prospect", "--on", "3d"
    )
    cli.json("asks", "add", "Rita Real", "--for", "referral", "--on", "2023-01-10", "--force")
    before = {r["person"]["id"]: r["balance"] for r in cli.json("balance", "--limit", "500")}

    agenda = cli.json("today")
    items = agenda["items"]
    assert len([i for i in items if i["kind"] == "catch-up"]) == 1
    assert max(i["overdue_days"] for i in items) <= 60
    for item in items:
        assert not re.search(r"\b\d{3,} days\b", item["reason"]), item["reason"]
    assert items[0]["kind"] == "thank" and items[0]["person"]["name"] == "Rita Real"
    assert agenda["counts"].get("keep-in-touch", 0) == 0  # counted from the import
    assert agenda["counts"].get("reciprocate", 0) <= 10
    [catch_up] = [i for i in items if i["kind"] == "catch-up"]
    assert "16 recommendations (2012–2024)" in catch_up["reason"]
    assert "1 ask (2023) were never answered" in catch_up["reason"]
    assert "Thank the most recent" in catch_up["reason"]

    shown = cli.json("catch-up", "show")
    assert len(shown["recent"]) == 3 and all(a["draft"] for a in shown["recent"])
    assert {c["kind"] for c in shown["counts"]} >= {"recommendation", "endorsement", "ask"}
    filed = cli.json("catch-up", "file", "--keep-recent", "3")
    assert filed["kept"] == 3 and filed["filed"]["ask"] == 1
    still = cli.json("today", "--kind", "catch-up")["items"]
    assert len(still) == 1 and "Thank the most recent" in still[0]["reason"]
    cli.json("catch-up", "file")
    assert cli.json("today", "--kind", "catch-up")["items"] == []
    assert cli.json("catch-up", "show")["counts"] == []
    after = {r["person"]["id"]: r["balance"] for r in cli.json("balance", "--limit", "500")}
    assert after == before  # history still counts in the ledger
    [ask] = cli.json("asks", "list", "--person", "Rita Real")
    assert ask["status"] == "no-response"
    assert "nothing from history" in cli.ok("catch-up", "file", "--yes")
