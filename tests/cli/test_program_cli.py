"""`goodword program …`, `run-due`: the pipeline from the command line, and refusals that
say what to fix in one line and write nothing."""

from __future__ import annotations

import json
from datetime import timedelta

from typer.testing import CliRunner

from goodword.cli.app import app
from tests.cli.conftest import Cli
from tests.conftest import NOW


def test_a_program_from_rules_to_payout(cli: Cli) -> None:
    cli.ok("people", "add", "Ana Lee", "--email", "ana@example.com")
    made = cli.json(
        "program",
        "create",
        "Friends",
        "--advocate-reward",
        "cash:50:usd",
        "--friend-reward",
        "account-credit:10:USD",
        "--hold-days",
        "7",
    )
    assert (
        made["rewards_in_words"] == "you get 50 USD cash and your friend gets 10 USD account credit"
    )
    advocate = cli.json("program", "enrol", "friends", "--person", "Ana Lee")
    assert advocate["link"] == f"http://127.0.0.1:8000/r/{advocate['code']}"
    cli.ok("settings", "set", "public_url", "https://refer.example.com/")
    listed = cli.json("program", "advocates", "Friends")
    assert listed[0]["link"] == f"https://refer.example.com/r/{advocate['code']}"
    lead = cli.json("program", "lead", "Friends", "bo@example.com", "--code", advocate["code"])
    assert lead["status"] == "new"
    args = (
        "program",
        "convert",
        "Friends",
        "--email",
        "bo@example.com",
        "--order",
        "A-1",
        "--amount",
        "120",
        "--currency",
        "USD",
        "--idempotency-key",
        "k1",
    )
    first, replay = cli.json(*args), cli.json(*args)
    assert first == replay and len(first["rewards"]) == 2
    later = (NOW + timedelta(days=8)).isoformat()
    run = CliRunner().invoke(
        app, ["--db", cli.db, "run-due", "--json"], env={**cli.env(), "GOODWORD_NOW": later}
    )
    assert json.loads(run.stdout) == {
        "approved": 2,
        "issued": 1,
        "waiting_for_review": 0,
        "messages_sent": 0,
        "messages_retrying": 4,  # welcome, signed up, converted, approved: no SMTP set up yet
        "messages_failed": 0,
        "reminders_queued": 0,
    }
    cash = next(r for r in cli.json("program", "rewards", "Friends") if r["reward_type"] == "cash")
    assert cash["status"] == "approved"
    paid = cli.json("program", "issue", str(cash["id"]), "--ref", "TX-9")
    assert (paid["status"], paid["issue_ref"]) == ("issued", "TX-9")
    assert "cannot become issued" in cli.fails("program", "issue", str(cash["id"]))


def test_refusals_are_one_line(cli: Cli) -> None:
    assert "not an amount" in cli.fails(
        "program", "create", "X", "--advocate-reward", "cash:lots:USD"
    )
    assert "currency code" in cli.fails("program", "create", "X", "--friend-reward", "cash:5")
    cli.ok("program", "create", "Friends")
    assert "exists" in cli.fails("program", "create", "friends")
    assert "no program named" in cli.fails("program", "show", "Nope")
    assert "eligibility" in cli.fails("program", "edit", "Friends", "--eligibility", "everyone")
    assert "needs a name" in cli.fails("program", "enrol", "Friends")
    assert "not an amount" in cli.fails(
        "program",
        "convert",
        "Friends",
        "--email",
        "x@example.com",
        "--order",
        "1",
        "--amount",
        "ten",
    )
    assert "nobody referred" in cli.fails(
        "program", "convert", "Friends", "--email", "x@example.com", "--order", "1"
    )
