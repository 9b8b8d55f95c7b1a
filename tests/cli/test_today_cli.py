"""`goodword today` through the command line."""

from __future__ import annotations

from tests.cli.conftest import Cli


def test_today_json_kinds_limit_and_past_days(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva")
    rid = cli.json(
        "referrals", "receive", "--from", "Ana", "--prospect", "Dee", "--on", "2026-11-17"
    )["id"]
    agenda = cli.json("today")
    assert agenda["on"].startswith("2026-11-22")
    thank = next(i for i in agenda["items"] if i["kind"] == "thank")
    assert thank["person"]["name"] == "Ana Silva" and thank["overdue_days"] == 3
    assert thank["about"] == f"referral:{rid}" and thank["key"] == f"thank:referral:{rid}"
    assert thank["draft"] == f"goodword draft thank-you --referral {rid}"
    assert agenda["counts"]["thank"] == 1
    only = cli.json("today", "--kind", "contact", "--limit", "1")
    assert [i["kind"] for i in only["items"]] == ["contact"]
    before = cli.json("today", "--on", "2026-11-16")
    assert before["items"] == []  # the referral came the next day
    cli.json("referrals", "thank", str(rid), "--via", "lunch")
    assert "thank" not in {i["kind"] for i in cli.json("today")["items"]}
    text = cli.ok("today")
    assert "things to do" in text and "draft: goodword draft" in text


def test_today_refuses_unknown_kinds_and_dates(cli: Cli) -> None:
    assert "unknown agenda kind 'hug'" in cli.fails("today", "--kind", "hug")
    assert "cannot read the date" in cli.fails("today", "--on", "someday")


def test_empty_agenda_says_so(cli: Cli) -> None:
    assert "Nothing owed today" in cli.ok("today")
