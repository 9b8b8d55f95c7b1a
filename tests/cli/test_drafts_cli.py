"""Drafts: every agenda item's draft renders on the demo; templates can be overridden."""

from __future__ import annotations

import itertools
import shlex
from pathlib import Path

import pytest

from tests.cli.conftest import Cli


def assert_paragraphs(body: str, what: str) -> None:
    """No sentence runs onto the line of the one before: a line that ends a sentence is
    followed by a blank line, a list item, or the signature under its sign-off."""
    lines = body.splitlines()
    for line, after in itertools.pairwise(lines):
        if line.rstrip().endswith((".", "?", "!")) and after.strip():
            assert line.startswith("- ") and after.startswith("- "), (what, line, after)
    for word in ("  ", " ,", " .", "..", "initech"):
        assert word not in body, (what, word)


@pytest.fixture
def demo(cli: Cli) -> Cli:
    assert cli("demo").exit_code == 0
    return cli


def test_every_agenda_items_draft_renders_without_placeholders(demo: Cli) -> None:
    items = demo.json("today")["items"]
    kinds = set()
    for item in items:
        argv = shlex.split(item["draft"])[1:]  # drop "goodword"
        draft = demo.json(*argv)
        kinds.add(draft["kind"])
        text = draft["subject"] + draft["body"]
        assert draft["subject"] and len(draft["body"]) > 40
        for hole in ("{{", "}}", "{%", "None", "  ,", "()"):
            assert hole not in text, (item["draft"], text)
        assert "Alex Morgan" in draft["body"]  # signed with your_name
        assert_paragraphs(draft["body"], item["draft"])
    assert kinds == {
        "thank-you",
        "ask",
        "follow-up",
        "acknowledgement",
        "contact",
        "referrer-update",
        "qualifying-questions",
        "recommendation",
        "reciprocal-offer",
        "check-in",
        "reference-approval",
        "confidential-reference",
        "fit-questions",
    }


def test_plain_output_is_a_message(demo: Cli) -> None:
    out = demo.ok("draft", "thank-you", "--referral", "1")
    assert out.startswith("To: ") and "\nSubject: " in out and "Hi " in out


def test_confidential_company_stays_out_of_the_approval_request(demo: Cli) -> None:
    confidential = [r for r in demo.json("references", "list") if r["confidential"]]
    body = demo.json("draft", "reference-approval", "--reference", str(confidential[0]["id"]))[
        "body"
    ]
    assert "Northwind" not in body and "confidential" in body


def test_user_templates_override_the_shipped_ones(demo: Cli, tmp_path: Path) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "thank-you.txt").write_text(
        "Subject: Cheers {{ first_name }}\n\nThanks a million, {{ first_name }}!\n{{ signature }}\n"
    )
    drafted = demo.json("draft", "thank-you", "--referral", "1", "--templates", str(mine))
    assert drafted["subject"].startswith("Cheers ") and "Thanks a million" in drafted["body"]
    demo.json("settings", "set", "templates_dir", str(mine))
    assert demo.json("draft", "thank-you", "--referral", "1")["subject"].startswith("Cheers")
    shipped = demo.json("draft", "check-in", "--person", "1")  # not overridden
    assert shipped["subject"] == "Thinking of you"


def test_template_mistakes_and_missing_facts_are_clear_errors(demo: Cli, tmp_path: Path) -> None:
    (tmp_path / "thank-you.txt").write_text("Subject: Hi\n\n{{ nickname }}\n")
    message = demo.fails("draft", "thank-you", "--referral", "1", "--templates", str(tmp_path))
    assert "nickname" in message
    (tmp_path / "thank-you.txt").write_text("Subject: Hi\n\n{% if %}\n")
    assert "line" in demo.fails(
        "draft", "thank-you", "--referral", "1", "--templates", str(tmp_path)
    )
    assert "--referral ID or --recommendation ID" in demo.fails("draft", "thank-you")
    assert "unknown draft 'poem'" in demo.fails("draft", "poem", "--person", "1")
    assert "not a folder" in demo.fails("settings", "set", "templates_dir", "/no/such/dir")


def test_ask_draft_needs_the_brief(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva")
    assert "brief set --looking-for" in cli.fails("draft", "ask", "--person", "Ana")
    cli.json("brief", "set", "--looking-for", "Data audits for startups")
    body = cli.json("draft", "ask", "--person", "Ana", "--for", "recommendation")["body"]
    assert "data audits for startups" in body and "a short recommendation" in body
