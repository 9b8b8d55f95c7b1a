"""Alembic, driven from code: migrations ship inside the package and run automatically.

Every command checks that its database is current. That check reads the ``alembic_version``
row and the migration files' names directly: importing Alembic costs a command ~40 MiB and
a quarter of a second, so it is loaded only when there is something to migrate.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
#: Revision ids are the numbers that start the migration files' names (0001, 0002, …).
REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def _config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def shipped_head() -> str:
    """The newest migration's revision, from the files' names alone."""
    found = [
        m.group(1)
        for f in (MIGRATIONS / "versions").iterdir()
        if (m := REVISION_FILE.match(f.name))
    ]
    return max(found)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None  # a new database: no version table yet
    return str(value) if value is not None else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(_config(engine), revision)


def ensure_current(engine: Engine) -> None:
    """Bring a new or older database to the head revision; cheap when already there."""
    if _stored_revision(engine) != shipped_head():
        upgrade(engine)
