"""The whole life of a referral, driven through the command line."""

from __future__ import annotations

from tests.cli.conftest import Cli


def seed(cli: Cli) -> None:
    cli.json(
        "people",
        "add",
        "Ana Silva",
        "--company",
        "Acme",
        "--email",
        "ana@acme.example",
        "--skill",
        "Python",
        "--tag",
        "client",
    )
    cli.json("people", "add", "Bo Chen", "--company", "Initech")


def test_people_add_list_show_json(cli: Cli) -> None:
    seed(cli)
    listed = cli.json("people", "list", "--company", "acme")
    assert [p["name"] for p in listed] == ["Ana Silva"]
    assert listed[0]["emails"] == ["ana@acme.example"]
    assert listed[0]["created_at"].startswith("2026-11-22T10:00:00")
    shown = cli.json("people", "show", "ana@acme.example")
    assert shown["company"]["name"] == "Acme" and "timeline" in shown
    assert cli.json("people", "search", "bo")[0]["name"] == "Bo Chen"
    table = cli.ok("people", "list")
    assert "Ana Silva" in table and "Bo Chen" in table


def test_received_referral_through_every_milestone(cli: Cli) -> None:
    seed(cli)
    received = cli.json(
        "referrals",
        "receive",
        "--from",
        "Ana",
        "--prospect",
        "Dee, CTO at Hooli",
        "--kind",
        "client",
        "--on",
        "2026-11-10",
    )
    rid = str(received["id"])
    assert received["stage"] == "received" and received["referrer"]["name"] == "Ana Silva"
    assert cli.json("referrals", "thank", rid, "--via", "handwritten-note")["stage"] == "thanked"
    assert (
        cli.json(
            "referrals", "qualify", rid, "--how-known", "Old boss", "--why-fit", "Dashboards broken"
        )["stage"]
        == "qualified"
    )
    assert cli.json("referrals", "contact-failed", rid, "--on", "2026-11-15")["stage"] == (
        "contacted"
    )
    cli.json("referrals", "contacted", rid, "--on", "2026-11-18")
    won = cli.json("referrals", "outcome", rid, "won", "--value", "18,000")
    assert won["outcome_value"] == "18000.00" or won["outcome_value"] == "18000"
    closed = cli.json("referrals", "referrer-updated", rid, "--note", "Told Ana")
    assert closed["stage"] == "loop-closed"
    shown = cli.ok("referrals", "show", rid)
    assert "loop-closed" in shown and "Old boss" in shown
    board = cli.json("referrals", "list", "--stage", "loop-closed")
    assert [r["id"] for r in board] == [received["id"]]


def test_refusals_are_one_line_exit_1_and_write_nothing(cli: Cli) -> None:
    seed(cli)
    rid = str(cli.json("referrals", "receive", "--from", "Ana", "--prospect", "Dee")["id"])
    assert "contact attempt" in cli.fails("referrals", "outcome", rid, "won")
    assert "happy-hour" in cli.fails("referrals", "thank", rid, "--via", "beer")
    assert "no referral #99" in cli.fails("referrals", "thank", "99")
    assert "in the future" in cli.fails("referrals", "contacted", rid, "--on", "2030-01-01")
    assert "cannot read the date" in cli.fails("referrals", "contacted", rid, "--on", "soon")
    message = cli.fails("log", "Ana", "--kind", "meeting", "--sentiment", "great")
    assert "positive, neutral, negative" in message
    assert "project-completed" in cli.fails("log", "Ana", "--kind", "lunchbreak")
    assert "no person matches 'Zed'" in cli.fails("log", "Zed")
    assert "not a number" in cli.fails("referrals", "outcome", rid, "won", "--value", "lots")
    assert "--from" in cli.fails("referrals", "receive", "--prospect", "Dee")


def test_ambiguous_name_lists_candidates(cli: Cli) -> None:
    seed(cli)
    cli.json("people", "add", "Ana Souza")
    message = cli.fails("log", "Ana", "--kind", "call")
    assert "Ana Silva, Acme" in message and "Ana Souza" in message and "#" in message


def test_given_referral_and_balance(cli: Cli) -> None:
    seed(cli)
    cli.json("referrals", "receive", "--from", "Ana", "--prospect", "Dee")
    cli.json("referrals", "give", "Bo", "--to", "Ana", "--kind", "job")
    rows = cli.json("balance")
    ana = next(r for r in rows if r["person"]["name"] == "Ana Silva")
    assert ana["they_gave"] == {"referral": 1} and ana["you_gave"] == {"referral": 1}
    assert ana["balance"] == 0
    assert cli.json("balance", "Bo")[0]["you_gave"] == {"referral": 1}


def test_asks_timing_force_follow_up_and_answer(cli: Cli) -> None:
    seed(cli)
    cli.json(
        "log", "Ana", "--kind", "project-completed", "--sentiment", "positive", "--on", "2026-11-20"
    )
    first = cli.json(
        "asks", "add", "Ana", "--for", "introduction", "--about", "Hooli CTO", "--on", "2026-11-21"
    )
    assert first["warnings"] == [] and first["ask"]["status"] == "pending"
    assert "--force" in cli.fails("asks", "add", "Ana")
    forced = cli.json("asks", "add", "Ana", "--force")
    assert forced["ask"]["forced"] is True and forced["overridden"]
    ask_id = str(first["ask"]["id"])
    cli.json("asks", "follow-up", ask_id)
    assert "never a second nag" in cli.fails("asks", "follow-up", ask_id)
    assert cli.json("asks", "answer", ask_id, "declined")["status"] == "declined"
    assert len(cli.json("asks", "list", "--status", "pending")) == 1
    assert cli.json("recs", "request", "Bo")["ask"]["kind"] == "recommendation"


def test_warning_goes_to_stderr_and_json_stays_clean(cli: Cli) -> None:
    seed(cli)
    result = cli("asks", "add", "Bo")
    assert result.exit_code == 0 and "no positive interaction" in result.stderr


def test_bad_values_are_named_by_their_option(cli: Cli) -> None:
    seed(cli)
    assert "--name" in cli.fails("people", "add", "")
    assert "--cadence-days" in cli.fails("people", "add", "Cy", "--cadence-days", "0")
    assert "--value" in cli.fails(
        "referrals", "receive", "--from", "Ana", "--prospect", "X", "--value", "-5"
    )
    assert "less than or equal to 2147483647" in cli.fails(
        "referrals", "thank", "99999999999999999999"
    )
    assert "say what to change" in cli.fails("people", "edit", "Ana")
    assert "not an email" in cli.fails("people", "edit", "Ana", "--add-email", "ana-at-acme")
