from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from goodword.cli.app import app
from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.engine import make_engine
from goodword.storage.tables import Base
from tests.conftest import NOW

#: The command tree, built once: building it takes as long as running most commands.
COMMAND = typer.main.get_command(app)


@dataclass
class Cli:
    """Runs ``goodword --db URL …`` in-process with a fixed clock and a private data folder."""

    db: str
    data_dir: Path
    extra: dict[str, str] = field(default_factory=dict)
    """More environment for the next commands (another clock, another machine zone)."""

    def env(self) -> dict[str, str]:
        return {
            "GOODWORD_NOW": NOW.isoformat(),
            "GOODWORD_DATA_DIR": str(self.data_dir),
            "GOODWORD_DATABASE_URL": "",
            "COLUMNS": "160",
            **self.extra,
        }

    def __call__(self, *args: str, input: str | None = None, db: bool = True) -> Result:
        argv = ["--db", self.db, *args] if db else list(args)
        return CliRunner().invoke(COMMAND, argv, input=input, env=self.env())

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    def fails(self, *args: str, input: str | None = None) -> str:
        """The command must refuse: exit 1, one line on stderr, nothing on stdout, nothing written."""
        before = self.counts()
        result = self(*args, input=input)
        assert result.exit_code == 1, (result.stdout, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert self.counts() == before
        return lines[0]

    def counts(self) -> dict[str, int]:
        engine = make_engine(self.db)
        try:
            with engine.connect() as connection:
                return {
                    t.name: connection.scalar(select(func.count()).select_from(t)) or 0
                    for t in Base.metadata.sorted_tables
                }
        finally:
            engine.dispose()


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> Cli:
    """A store as goodword opens it: migrated, with its local workspace."""
    engine = make_engine(db_url)
    ensure_workspace(engine, LOCAL_WORKSPACE, NOW)
    engine.dispose()
    return Cli(db_url, tmp_path / "data")
