"""A server owner's backups: one workspace by id, a team's restored into an empty team,
and everything (every workspace and the accounts that open them) into an empty database,
after which the accounts sign in with their old passwords and tokens as before."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from goodword.schemas.accounts import UserCreate
from goodword.schemas.network import PersonCreate
from goodword.services.accounts import authenticate, create_user
from goodword.services.api_tokens import create_token, user_for_token
from goodword.services.people import add_person
from goodword.services.teams import add_member, create_team
from goodword.storage.engine import make_engine
from goodword.storage.tables import Person, Workspace
from goodword.storage.unit_of_work import UnitOfWork
from tests.cli.conftest import Cli
from tests.conftest import NOW

PASSWORD = "correct horse battery"


def _server(engine: Engine) -> tuple[int, str, int]:
    ana = create_user(
        engine, UserCreate(email="ana@example.com", name="Ana", password=PASSWORD), NOW
    )
    bo = create_user(engine, UserCreate(email="bo@example.com", name="Bo", password=PASSWORD), NOW)
    team = create_team(engine, ana.id, "Acme referrals", NOW)
    add_member(engine, ana.id, team.id, bo.email, "member", NOW)
    for workspace, name in ((ana.personal_workspace_id, "Pete Ruiz"), (team.id, "Elif Patel")):
        add_person(UnitOfWork(engine, workspace), PersonCreate(name=name), NOW)
    return team.id, create_token(engine, bo.id, "script", NOW).secret, ana.id


def _people(engine: Engine, workspace: int) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(select(Person.name).where(Person.workspace_id == workspace)))


def test_everything_comes_back_into_an_empty_database(
    cli: Cli, engine: Engine, tmp_path: Path
) -> None:
    team, token, _ = _server(engine)
    cli.ok("people", "add", "Cy Local")  # the CLI's own workspace too
    cli.ok("backup", "--all", str(tmp_path / "server.json"))
    target = tmp_path / "restored.db"
    restored = cli.json("--db", str(target), "restore", str(tmp_path / "server.json"))
    assert restored["tables"]["users"] == 2 and restored["tables"]["workspaces"] == 3
    copy = make_engine(f"sqlite:///{target}")
    assert _people(copy, team) == ["Elif Patel"]
    assert sorted(_people(copy, 1)) == ["Cy Local", "Pete Ruiz"]  # Ana's, the CLI's own
    assert authenticate(copy, "ana@example.com", PASSWORD).email == "ana@example.com"
    assert user_for_token(copy, token, NOW).email == "bo@example.com"  # Bo's script works
    with copy.connect() as connection:
        names = set(connection.scalars(select(Workspace.name)))
    assert names == {"local", "personal:bo@example.com", "team:Acme referrals"}
    again = cli("--db", str(target), "restore", str(tmp_path / "server.json"))
    assert again.exit_code == 1 and "already has accounts" in again.stderr
    copy.dispose()


def test_one_workspace_by_id_and_a_team_restored_into_an_empty_team(
    cli: Cli, engine: Engine, tmp_path: Path
) -> None:
    team, _, owner = _server(engine)
    cli.ok("backup", "--workspace", str(team), str(tmp_path / "team.json"))
    fresh = create_team(engine, owner, "Acme referrals, restored", NOW)
    cli.ok("restore", str(tmp_path / "team.json"), "--workspace", str(fresh.id))
    assert _people(engine, fresh.id) == ["Elif Patel"]
    assert _people(engine, team) == ["Elif Patel"]  # the original is untouched
    refused = cli.fails("restore", str(tmp_path / "team.json"), "--workspace", str(fresh.id))
    assert "already holds data" in refused
    assert "no workspace #999" in cli.fails("backup", "--workspace", "999", str(tmp_path / "x"))
