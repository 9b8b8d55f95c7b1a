"""Every command explains itself with an example, and offers --json."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from click.testing import CliRunner

from goodword.cli.app import app


def leaf_commands() -> Iterator[list[str]]:
    def walk(command: Any, path: list[str]) -> Iterator[list[str]]:
        # Groups load their commands when asked (cli.lazy_commands): ask, as click does.
        ctx = typer.Context(command)
        names = command.list_commands(ctx) if hasattr(command, "list_commands") else []
        if names:
            for name in names:
                yield from walk(command.get_command(ctx, name), [*path, name])
            if getattr(command, "invoke_without_command", False):
                yield path
        else:
            yield path

    yield from walk(typer.main.get_command(app), [])


COMMANDS = sorted(leaf_commands())
COMMAND = typer.main.get_command(app)


def test_the_command_tree_is_complete() -> None:
    names = {" ".join(path) for path in COMMANDS}
    for expected in (
        "demo",
        "people add",
        "people merge",
        "people delete",
        "orgs merge",
        "log",
        "interactions list",
        "referrals receive",
        "referrals thank",
        "referrals qualify",
        "referrals contacted",
        "referrals contact-failed",
        "referrals outcome",
        "referrals referrer-updated",
        "referrals give",
        "asks add",
        "asks answer",
        "asks follow-up",
        "recs add",
        "recs request",
        "references approve",
        "references give",
        "opportunities add",
        "brief set",
        "balance",
        "settings set",
        "db upgrade",
        "db current",
    ):
        assert expected in names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "root")
def test_help_has_an_example_and_json(path: list[str]) -> None:
    result = CliRunner().invoke(COMMAND, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Example" in result.stdout
    long_running = path in (["serve"], ["worker"])  # loops print nothing a script parses
    if ((path and path[0] != "db") or path == ["db", "current"]) and not long_running:
        assert "--json" in result.stdout


def test_version_and_bare_invocation() -> None:
    assert CliRunner().invoke(COMMAND, ["--version"]).stdout.startswith("goodword ")
    bare = CliRunner().invoke(COMMAND, [])
    assert bare.exit_code == 0 and "people" in bare.stdout


def test_usage_mistakes_are_one_line_and_exit_1() -> None:
    result = CliRunner().invoke(COMMAND, ["people", "add", "Ana", "--bogus"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "--bogus" in result.stderr


def test_serve_accepts_host_names_and_refuses_urls() -> None:
    from goodword.cli.serve_cmd import _hosts
    from goodword.domain.errors import InvalidValue

    assert _hosts("0.0.0.0", ["Refer.Acme.Example", "*.acme.example"]) == [
        "refer.acme.example",
        "*.acme.example",
    ]
    assert _hosts("192.168.1.5", []) == ["192.168.1.5"]
    assert _hosts("::1", []) == ["[::1]"]
    with pytest.raises(InvalidValue, match="without a scheme or path"):
        _hosts("0.0.0.0", ["https://refer.acme.example/"])
