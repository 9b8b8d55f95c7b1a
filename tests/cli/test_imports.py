"""What a command loads: the CLI starts fast because heavy libraries wait for the command
that needs them (issue 16). Measured as imports, never as time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
sys.argv = ["goodword", *{argv!r}]
from goodword.cli.app import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})), file=sys.stderr)
"""
HEAVY = {"fastapi", "starlette", "uvicorn", "numpy", "scipy", "argon2", "jinja2", "torch"}


def loaded(*argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=list(argv))],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_loads_no_web_framework_numpy_template_engine_or_password_hasher() -> None:
    modules = loaded("--version")
    assert modules & (HEAVY | {"pydantic", "alembic"}) == set()
    assert "goodword" in modules  # the probe did run the CLI


@pytest.mark.parametrize("argv", [("--help",), ("people", "--help")])
def test_help_loads_none_of_them_either(argv: tuple[str, ...]) -> None:
    assert loaded(*argv) & HEAVY == set()
