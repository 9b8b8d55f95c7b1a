"""`goodword demo`: its own database, deterministic, never over the user's data."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from goodword.cli.app import app
from tests.cli.conftest import Cli
from tests.conftest import NOW


def run(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(
        app,
        list(args),
        env={
            "GOODWORD_NOW": NOW.isoformat(),
            "GOODWORD_DATA_DIR": str(data_dir),
            "GOODWORD_DATABASE_URL": "",
            "COLUMNS": "160",
            **(env or {}),
        },
    )


def test_demo_uses_its_own_database_and_says_how_to_explore(tmp_path: Path) -> None:
    result = run(tmp_path, "demo")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    demo_db = tmp_path / "demo.db"
    assert demo_db.exists() and not (tmp_path / "goodword.db").exists()
    assert f"goodword --db {demo_db} people list" in out
    assert "Reciprocity leaders" in out and "loop-closed" in out
    people = run(tmp_path, "--db", str(demo_db), "people", "list", "--json")
    assert people.exit_code == 0 and people.stdout.count('"name"') >= 40  # type: ignore[attr-defined]


def test_demo_twice_gives_the_same_network(tmp_path: Path) -> None:
    first = run(tmp_path, "demo", "--json").stdout  # type: ignore[attr-defined]
    second = run(tmp_path, "demo", "--json").stdout  # type: ignore[attr-defined]
    assert first == second


def test_demo_never_overwrites_the_users_data(cli: Cli) -> None:
    cli.json("people", "add", "My real contact")
    message = cli.fails("demo")
    assert "holds your own data" in message and "--force" in message
    assert [p["name"] for p in cli.json("people", "list")] == ["My real contact"]
    summary = cli.json("demo", "--force")["summary"]
    assert summary["people"] >= 40
    assert "My real contact" not in cli("people", "list", "--json").stdout


def test_environment_database_url_is_honoured(tmp_path: Path) -> None:
    target = tmp_path / "chosen.db"
    result = run(tmp_path, "people", "add", "Ana", env={"GOODWORD_DATABASE_URL": str(target)})
    assert result.exit_code == 0 and target.exists()  # type: ignore[attr-defined]
    default = run(tmp_path, "people", "list", "--json")
    assert default.stdout.strip() == "[]"  # type: ignore[attr-defined]
