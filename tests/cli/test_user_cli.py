"""`goodword user`: accounts for `goodword serve`, created from the command line."""

from __future__ import annotations

import json

from tests.cli.conftest import Cli

PASSWORD = "a long enough password\n"


def test_create_and_list_accounts(cli: Cli) -> None:
    result = cli(
        "user",
        "create",
        "Ana@Example.com",
        "--name",
        "Ana Silva",
        "--password-stdin",
        "--json",
        input=PASSWORD,
    )
    assert result.exit_code == 0, result.stderr
    created = json.loads(result.stdout)
    assert created["email"] == "ana@example.com" and created["name"] == "Ana Silva"
    assert [u["email"] for u in cli.json("user", "list")] == ["ana@example.com"]


def test_bad_accounts_are_refused_in_one_line_and_write_nothing(cli: Cli) -> None:
    assert "at least 10 characters" in cli.fails(
        "user", "create", "ana@example.com", "--name", "Ana", "--password-stdin", input="short\n"
    )
    assert "is not an email address" in cli.fails(
        "user", "create", "nope", "--name", "Ana", "--password-stdin", input=PASSWORD
    )
    cli("user", "create", "ana@example.com", "--name", "Ana", "--password-stdin", input=PASSWORD)
    assert "already exists" in cli.fails(
        "user", "create", "ana@example.com", "--name", "Ana", "--password-stdin", input=PASSWORD
    )
