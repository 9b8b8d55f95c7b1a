"""What a command loads: the CLI starts fast because heavy libraries wait for the command
that needs them (issue 16). Measured as imports, never as time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
sys.argv = ["goodword", *{argv!r}]
from goodword.cli.app import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
HEAVY = {"fastapi", "starlette", "uvicorn", "numpy", "scipy", "argon2", "jinja2", "torch"}


def modules(*argv: str) -> set[str]:
    """Every module (dotted names) the command had loaded when it ended."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=list(argv))],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def loaded(*argv: str) -> set[str]:
    """The top-level packages among them."""
    return {m.split(".")[0] for m in modules(*argv)}


def test_version_loads_no_web_framework_numpy_template_engine_or_password_hasher() -> None:
    modules = loaded("--version")
    assert modules & (HEAVY | {"pydantic", "alembic"}) == set()
    assert "goodword" in modules  # the probe did run the CLI


@pytest.mark.parametrize("argv", [("--help",), ("people", "--help")])
def test_help_loads_none_of_them_either(argv: tuple[str, ...]) -> None:
    assert loaded(*argv) & HEAVY == set()


def test_the_agenda_builds_no_table_of_accounts_or_programs(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    subprocess.run(
        [sys.executable, "-m", "goodword", "--db", db, "settings", "set", "your_name", "Ana"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    found = modules("--db", db, "today", "--json")
    assert "goodword.services.agenda" in found  # the probe did run the agenda
    assert "goodword.storage.practice_tables" in found
    unused = {
        "goodword.storage.account_tables",
        "goodword.programs.store.tables",
        "goodword.programs.store.outbox_tables",
    }
    assert found & unused == set()
    assert "goodword.schemas.practice" not in found
