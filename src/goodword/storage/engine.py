"""Where the database lives and how to open it (SQLite pragmas, PostgreSQL URLs)."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from goodword.domain.errors import InvalidValue

ENV_URL = "GOODWORD_DATABASE_URL"
ENV_DATA_DIR = "GOODWORD_DATA_DIR"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def data_dir() -> Path:
    """The user's goodword folder: ``GOODWORD_DATA_DIR`` or the platform's user data dir."""
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(platformdirs.user_data_dir("goodword"))


def default_database_path(name: str = "goodword") -> Path:
    return data_dir() / f"{name}.db"


def to_url(db: str) -> str:
    """A ``--db`` value is a URL (``postgresql://…``, ``sqlite:///…``) or a file path."""
    if "://" in db:
        if db.startswith("postgresql://") or db.startswith("postgres://"):
            return "postgresql+psycopg://" + db.split("://", 1)[1]
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def resolve_url(db: str | None, default_name: str = "goodword") -> tuple[str, bool]:
    """The URL to open and whether the user chose it (``--db`` or the environment)."""
    if db:
        return to_url(db), True
    env = os.environ.get(ENV_URL)
    if env:
        return to_url(env), True
    return to_url(str(default_database_path(default_name))), False


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite's own lower() folds ASCII only ("Émile" stays "Émile"); PostgreSQL's folds
    # every letter. The same names must match on both, so SQLite gets Python's.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def keep_private(path: Path) -> None:
    """The database holds a network's private data and the SMTP password: only its owner
    may read it (0600; SQLite gives its -wal and -shm files the same mode), in a folder of
    goodword's own that only they may open (0700)."""
    folder = path.parent
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if created or folder.resolve() == data_dir().resolve():
        _chmod(folder, 0o700)
    if not path.exists():
        with suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            _chmod(file, 0o600)


def _chmod(path: Path, mode: int) -> None:
    with suppress(OSError):  # not ours to change (a shared folder): leave it as it is
        path.chmod(mode)


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InvalidValue(
            f"cannot read the database URL '{url}': use a file path or a URL like "
            "postgresql://user@host:5432/dbname"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            keep_private(Path(database))
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def describe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)
