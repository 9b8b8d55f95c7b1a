"""Issue 15's steps through the command line, with their drafts read in full (fixed clock)."""

from __future__ import annotations

from typing import Any

import pytest

from goodword.cli import first_run
from goodword.schemas.accounts import UserCreate
from goodword.services.accounts import create_user
from goodword.services.person_draft_facts import how_we_met
from goodword.services.signature import name_wanted, signature
from goodword.services.thank_you_facts import suggested_via
from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.engine import make_engine
from goodword.storage.unit_of_work import UnitOfWork
from tests.cli.conftest import Cli
from tests.conftest import NOW


def items(cli: Cli, kind: str) -> list[dict[str, Any]]:
    """Today's items of one kind."""
    return [i for i in cli.json("today")["items"] if i["kind"] == kind]


def test_a_decline_is_acknowledged_with_its_draft_and_keeping_in_touch_goes_on(cli: Cli) -> None:
    cli.ok("settings", "set", "your_name", "Alex Morgan")
    cli.json("people", "add", "Bo Chen", "--company", "Initech", "--tier", "inner")
    ask = cli.json("asks", "add", "Bo", "--for", "referral", "--on", "2026-10-01", "--force")
    ask_id = ask["ask"]["id"]
    assert "acknowledged" in cli.fails("asks", "acknowledged", str(ask_id))  # still pending
    cli.json("asks", "answer", str(ask_id), "declined", "--on", "2026-11-20")
    (step,) = items(cli, "acknowledge-decline")
    assert step["person"]["name"] == "Bo Chen" and "say you understand" in step["reason"]
    body = cli.json("draft", "acknowledgement", "--ask", str(ask_id))["body"]
    assert body.splitlines()[0] == "Hi Bo,"
    assert "I completely understand" in body and "Initech" in body
    assert body.rstrip().endswith("Best,\nAlex Morgan")
    assert cli.json("asks", "acknowledged", str(ask_id))["acknowledged_at"]
    assert items(cli, "acknowledge-decline") == []
    assert "already acknowledged" in cli.fails("asks", "acknowledged", str(ask_id))
    later = cli.json("today", "--on", "2027-01-15")["items"]  # past the inner cadence
    assert [i["kind"] for i in later if i["person"]["name"] == "Bo Chen"] == ["keep-in-touch"]


def test_a_denied_reference_asks_for_confidentiality_then_a_fresh_approval(cli: Cli) -> None:
    cli.ok("settings", "set", "your_name", "Alex Morgan")
    cli.json("people", "add", "Sam Reed", "--company", "CloudNine BI")
    request = cli.json(
        "references",
        "add",
        "CloudNine BI",
        "--company",
        "Northwind",
        "--requested-by",
        "Sam",
        "--prospect",
        "A retail chain",
    )
    rid = str(request["id"])
    cli.json("references", "deny", rid, "--by", "Dana Reyes")
    (step,) = items(cli, "ask-confidential")
    draft = cli.json("draft", "confidential-reference", "--reference", rid)
    assert draft["to"]["name"] == "Sam Reed"  # to the vendor's person, not your management
    assert draft["body"].startswith("Hi Sam,\n\nThank you for thinking of us as a reference")
    assert "can be kept confidential" in step["reason"] and "Northwind" not in draft["body"]
    cli.json("references", "confidentiality-asked", rid)
    assert items(cli, "ask-confidential") == []
    assert "record their answer" in cli.fails("references", "confidentiality-asked", rid)
    reopened = cli.json("references", "confidential", rid)
    assert reopened["status"] == "requested" and reopened["confidential"] is True
    assert "Denied by Dana Reyes" in reopened["note"]
    (again,) = items(cli, "approve-reference")
    approval = cli.json("draft", "reference-approval", "--reference", rid)
    assert approval["to"] is None  # your management, whose address goodword does not keep
    assert "has since agreed to keep our company's name confidential" in approval["body"]
    assert "Northwind" not in approval["body"] + again["reason"]
    cli.json("references", "approve", rid, "--by", "Dana Reyes")
    assert cli.json("references", "give", rid)["status"] == "given"


def test_a_repeat_ask_recalls_how_the_persons_earlier_referral_helped(cli: Cli) -> None:
    """Seed 004: "mention how the referrer's support has benefited you in the past"."""
    cli.ok("settings", "set", "your_name", "Alex Morgan")
    cli.json("brief", "set", "--looking-for", "Data platform audits")
    cli.json("people", "add", "Ana Silva")
    cli.json("people", "add", "Bo Chen")
    first = cli.json("draft", "ask", "--person", "Ana")["body"]
    assert "turned into" not in first and "not forgotten" not in first
    rid = str(
        cli.json(
            "referrals",
            "receive",
            "--from",
            "Ana",
            "--prospect",
            "Dee Park, CTO at Hooli",
            "--on",
            "2026-03-10",
        )["id"]
    )
    cli.json("referrals", "thank", rid, "--via", "lunch", "--on", "2026-03-11")
    cli.json("referrals", "contacted", rid, "--on", "2026-03-20")
    cli.json("referrals", "outcome", rid, "won", "--on", "2026-04-02")
    body = cli.json("draft", "ask", "--person", "Ana")["body"]
    assert (
        "Your introduction to Dee Park in March 2026 turned into real work for me, "
        "and I have not forgotten it." in body
    )
    assert "Hooli" not in body  # the prospect's title stays out of a message to the referrer
    other = cli.json("draft", "ask", "--person", "Bo")["body"]
    assert "Dee Park" not in other  # someone else's help is not theirs
    cli.json("recs", "add", "Bo", "--received", "--text", "Alex rescued our pipeline.")
    recalled = cli.json("draft", "ask", "--person", "Bo")["body"]
    assert "The recommendation you wrote me on LinkedIn still opens doors for me" in recalled


def receive(cli: Cli, referrer: str, prospect: str, *extra: str) -> str:
    return str(
        cli.json("referrals", "receive", "--from", referrer, "--prospect", prospect, *extra)["id"]
    )


def test_every_referral_is_thanked_with_a_gesture_sized_to_it_and_the_draft_says_it(
    cli: Cli,
) -> None:
    """Seed 001: "Send a gift card, or a note in the mail, invite them to lunch or happy hour;
    go beyond just another email." """
    cli.ok("settings", "set", "your_name", "Alex Morgan")
    cli.json("people", "add", "Ana Silva", "--tier", "close")
    first = receive(cli, "Ana", "Dee Park", "--on", "2026-11-20")
    (thank,) = items(cli, "thank")
    assert thank["via"] == "handwritten-note"
    assert thank["done"] == f"goodword referrals thank {first} --via handwritten-note"
    note = cli.json("draft", "thank-you", "--referral", first)["body"]
    assert "I wanted to put this on paper rather than send another email." in note
    assert "I will reach out soon and let you know how it goes." in note
    cli.json("referrals", "thank", first, "--via", "handwritten-note")
    second = receive(cli, "Ana", "Eve Moss")  # a second referral from a close friend
    (again,) = items(cli, "thank")
    assert again["via"] == "gift-card" and "a small gift card with a note" in again["reason"]
    card = cli.json("draft", "thank-you", "--referral", second)["body"]
    assert "small gift card" in card and card.rstrip().endswith("With thanks,\nAlex Morgan")
    cli.json("referrals", "thank", second, "--via", "email")  # the user's choice, recorded
    assert items(cli, "thank") == []


def test_an_ugly_sweater_is_thanked_without_a_promise_then_its_lesson_edits_the_brief(
    cli: Cli,
) -> None:
    """Seed 003: thank anyway ("it's the thought that counts"), ask why it seemed a fit,
    and "adjust the way you market or present yourself"."""
    cli.ok("settings", "set", "your_name", "Alex Morgan")
    cli.json("brief", "set", "--looking-for", "Data platform audits", "--not-a-fit", "BI work")
    cli.json("people", "add", "Ana Silva")
    cli.json("orgs", "add", "Initech")
    rid = receive(cli, "Ana", "Initech")
    cli.json("referrals", "outcome", rid, "not-a-fit", "--reason", "Initech needs a full-time hire")
    thanks = cli.json("draft", "thank-you", "--referral", rid)["body"]
    assert "it is the thought that counts" in thanks
    assert "reach out" not in thanks and "how it goes" not in thanks
    cli.json("referrals", "thank", rid, "--via", "handwritten-note")
    (step,) = items(cli, "ask-why-fit")
    questions = cli.json("draft", "fit-questions", "--referral", rid)["body"]
    assert "— Initech needs a full-time hire —" in questions  # a name keeps its capital
    assert "Is there something I say or do that gave you that impression?" in questions
    assert "--why-fit" in cli.fails("referrals", "lesson", rid, "--why-fit", " ")
    shown = cli.json("referrals", "lesson", rid, "--why-fit", "You said you build platforms")
    assert shown["suggested_not_a_fit"] == "BI work; Initech needs a full-time hire"
    assert items(cli, "ask-why-fit") == [] and step["person"]["name"] == "Ana Silva"
    applied = cli.json(
        "referrals", "lesson", rid, "--why-fit", "You said platforms", "--update-brief"
    )
    assert applied["brief_updated"] is True
    assert cli.json("brief", "show")["not_a_fit"] == applied["suggested_not_a_fit"]
    assert "already says it" in cli.fails(
        "referrals", "lesson", rid, "--why-fit", "again", "--update-brief"
    )


def test_drafts_are_signed_once_the_name_is_asked_for_the_first_time(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: a draft reads as one person wrote it — never "With thanks," and nothing."""
    cli.json("people", "add", "Ana Silva")
    rid = receive(cli, "Ana", "Dee Park")
    piped = cli("draft", "thank-you", "--referral", rid)  # a script: no prompt, a warning
    assert piped.exit_code == 0 and "unsigned until you set your name" in piped.stderr
    assert piped.stdout.rstrip().endswith("With thanks,")
    monkeypatch.setattr(first_run, "interactive", lambda: True)
    asked = cli("draft", "thank-you", "--referral", rid, input="Alex Morgan\n")
    assert "Your name, to sign the messages goodword drafts" in asked.stderr
    assert asked.stdout.rstrip().endswith("With thanks,\nAlex Morgan")
    again = cli("draft", "thank-you", "--referral", rid)  # known now: never asked again
    assert "Your name" not in again.stderr and again.stdout.rstrip().endswith("Alex Morgan")


def test_skipping_the_name_is_remembered(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_run, "interactive", lambda: True)
    skipped = cli("today", input="\n")
    assert skipped.exit_code == 0 and "Your name" in skipped.stderr
    later = cli("today")  # no input to give: a second prompt would abort the command
    assert later.exit_code == 0 and "Your name" not in later.stderr


def test_on_the_server_drafts_are_signed_with_the_accounts_name(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        user = create_user(
            engine, UserCreate(email="a@example.com", name="Ana Khan", password="x" * 12), NOW
        )
        uow = UnitOfWork(engine, user.personal_workspace_id)
        assert not name_wanted(uow)
        with uow:
            assert signature(uow) == "Ana Khan"
    finally:
        engine.dispose()


def test_how_we_met_reads_as_a_sentence_and_names_keep_their_capitals() -> None:
    assert how_we_met("Introduced by a client", "Pablo", 2025) == (
        "We were introduced by a client, and we have been in touch since 2025"
    )
    assert how_we_met("former client", "Pablo", None) == "Pablo is a former client of mine"
    assert how_we_met("Stanford", "Pablo", None) == "We know each other from Stanford"
    assert how_we_met("University", "Pablo", None) == "We know each other from university"
    assert how_we_met("at Acme", "Pablo", None) == "We met at Acme"
    assert how_we_met(None, "Pablo", 2019) == "We have been in touch since 2019"


def test_the_referral_page_starts_its_thanked_form_on_the_suggested_gesture(
    cli: Cli, db_url: str
) -> None:
    cli.json("people", "add", "Ana Silva")
    rid = int(receive(cli, "Ana", "Dee Park"))
    engine = make_engine(db_url)
    try:
        workspace = ensure_workspace(engine, LOCAL_WORKSPACE, NOW)
        assert suggested_via(UnitOfWork(engine, workspace), rid) == "handwritten-note"
    finally:
        engine.dispose()
