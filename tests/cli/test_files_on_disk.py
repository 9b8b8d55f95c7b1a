"""What goodword leaves on disk is its owner's alone: the data folder 0700, the database
and its WAL files 0600 (they hold the network and the SMTP password), backups 0600; an
older database left readable by others is closed up when next opened."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from tests.cli.conftest import Cli


def _local(data: Path) -> Any:
    """Runs goodword without --db: the database in the data folder, as a person would."""

    def run(*args: str) -> str:
        result = Cli("", data)(*args, db=False)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return run


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_folder_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = _local(data)
    run("people", "add", "Ana Silva")
    database = data / "goodword.db"
    assert _mode(data) == 0o700
    assert _mode(database) == 0o600
    for extra in (database.with_name("goodword.db-wal"), database.with_name("goodword.db-shm")):
        if extra.exists():
            assert _mode(extra) == 0o600, extra
    run("backup", str(tmp_path / "backup.json"))
    assert _mode(tmp_path / "backup.json") == 0o600


def test_an_older_readable_database_is_closed_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = _local(data)
    run("people", "add", "Ana Silva")
    (data / "goodword.db").chmod(0o644)
    data.chmod(0o755)
    run("people", "list")
    assert _mode(data / "goodword.db") == 0o600 and _mode(data) == 0o700


def test_a_database_the_user_placed_keeps_its_folder(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    cli = Cli(str(shared / "team.db"), tmp_path / "data")
    cli.ok("people", "add", "Ana Silva")
    assert _mode(shared / "team.db") == 0o600
    assert _mode(shared) == 0o755  # their folder: not goodword's to change


def test_secrets_are_never_shown_after_they_are_set(tmp_path: Path) -> None:
    run = _local(tmp_path / "data")
    run("settings", "set", "smtp_password", "hunter2-very-secret")
    shown = run("settings", "show") + run("settings", "show", "--json")
    assert "hunter2" not in shown and "********" in shown
