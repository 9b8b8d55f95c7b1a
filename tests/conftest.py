"""Shared fixtures: a fixed clock, and a fresh database per test on SQLite and PostgreSQL.

PostgreSQL runs when GOODWORD_TEST_POSTGRES_URL is set (CI sets it). Each test session
gets its own schema, migrated once; tables are emptied between tests.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

# The domain loads numpy in the functions that use it (a command starts faster); loaded
# here, its import is never timed as part of a Hypothesis example (whose deadline is 200 ms).
import numpy  # noqa: F401
import pytest
from sqlalchemy import Engine, text

from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.engine import make_engine, to_url
from goodword.storage.migrate import upgrade
from goodword.storage.tables import Base
from goodword.storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
PG_ENV = "GOODWORD_TEST_POSTGRES_URL"
# Days depend on the time zone (the workspace's, else this machine's): tests that do not
# set one live in UTC, wherever they run. Tests of other zones set it themselves.
os.environ["TZ"] = "UTC"
BACKENDS = ["sqlite", "postgresql"]


def pg_base_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("GOODWORD_REQUIRE_POSTGRES"):
        raise RuntimeError(f"GOODWORD_REQUIRE_POSTGRES is set but {PG_ENV} is not")
    return to_url(url) if url else None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test copies it (much faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@contextmanager
def pg_schema(prefix: str = "gw_test") -> Iterator[str]:
    """The URL of a new, empty schema on the test server (not migrated), dropped after;
    the test is skipped where no PostgreSQL is configured."""
    base = pg_base_url()
    if base is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1/test)")
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    with pg_schema() as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


def _truncate(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """A URL to an empty, migrated database of each backend."""
    if request.param == "sqlite":
        path = tmp_path / "goodword.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_schema_url")
    yield url
    engine = make_engine(url)
    _truncate(engine)
    engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> UnitOfWork:
    return UnitOfWork(engine, ensure_workspace(engine, LOCAL_WORKSPACE, NOW))
