from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from goodword.storage.engine import make_engine
from goodword.storage.migrate import current_revision, ensure_current, head_revision, upgrade
from goodword.storage.tables import Base


# SQLite cannot reflect expression indexes (the folded-name index of people); PostgreSQL
# can, and its comparison below covers them.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_empty_sqlite_upgrades_to_head_and_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_runs_with_wal_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_ensure_current_creates_the_file_and_is_idempotent(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'auto.db'}")
    ensure_current(engine)
    ensure_current(engine)
    assert "people" in inspect(engine).get_table_names()
    engine.dispose()


def test_empty_postgresql_upgrades_to_head_and_matches_the_models(pg_schema_url: str) -> None:
    """The session schema was migrated from empty by the fixture; check where it ended."""
    engine = make_engine(pg_schema_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        schema = connection.execute(text("select current_schema()")).scalar()
        assert schema is not None and schema.startswith("gw_test_")
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


#: The server's own tables: accounts and keys, which exist across workspaces.
SERVER_TABLES = {
    "workspaces",
    "users",
    "api_tokens",
    "server_keys",
    "worker_leases",
    "web_sessions",
    "throttle_events",
}


def test_every_table_belongs_to_a_workspace() -> None:
    for table in Base.metadata.sorted_tables:
        if table.name in SERVER_TABLES:
            continue
        assert "workspace_id" in table.columns, table.name


@pytest.mark.parametrize("name", ["people", "referrals", "asks"])
def test_workspace_foreign_keys_cascade(name: str) -> None:
    fks = [
        fk for fk in Base.metadata.tables[name].foreign_keys if fk.column.table.name == "workspaces"
    ]
    assert fks and fks[0].ondelete == "CASCADE"


def test_sqlite_migrations_keep_every_row(tmp_path: Path) -> None:
    """Batch mode rebuilds tables (copy, drop, rename): with foreign keys on, dropping the
    old ``people`` would cascade to every interaction. Down to the last landed schema and
    up again, every row of a full network is still there."""
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import func, select

    from goodword.services.demo import build_demo
    from goodword.storage.migrate import _config

    engine = make_engine(f"sqlite:///{tmp_path / 'full.db'}")
    upgrade(engine)
    build_demo(engine, datetime(2026, 11, 22, 10, tzinfo=UTC), force=True, where="test")

    def counts() -> dict[str, int]:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
            return {
                t.name: connection.scalar(select(func.count()).select_from(t)) or 0
                for t in Base.metadata.sorted_tables
                if t.name in names
            }

    before = counts()
    assert before["interactions"] > 250 and before["referrals"] > 5
    command.downgrade(_config(engine), "0004")
    after_down = counts()
    assert {k: v for k, v in before.items() if k in after_down} == after_down
    upgrade(engine)
    assert {k: v for k, v in counts().items() if k in after_down} == after_down
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_the_cheap_head_is_alembics_head() -> None:
    """Commands check the head from the files' names (no Alembic import): they agree."""
    from goodword.storage.migrate import shipped_head

    assert shipped_head() == head_revision()
