"""Alembic environment: the engine comes from goodword (``config.attributes['engine']``).

On SQLite, a migration that changes a table rebuilds it (batch mode: copy, drop, rename).
With foreign keys enforced, dropping the old ``people`` would delete every row that points
at it (``ON DELETE CASCADE``) — and dropping ``workspaces``, everything. So foreign keys are
off while migrations run, and checked, all of them, before the transaction commits.
"""

from __future__ import annotations

import warnings

from alembic import context
from sqlalchemy import Engine
from sqlalchemy.exc import SAWarning

from goodword.storage.tables import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - only reached from the alembic CLI
    raise RuntimeError("run migrations through goodword: `goodword db upgrade`")

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction
        connection.commit()
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction(), warnings.catch_warnings():
                # SQLite's batch mode cannot reflect expression indexes; the migrations
                # that rebuild ``people`` create its folded-name index again themselves.
                warnings.filterwarnings(
                    "ignore", "Skipped unsupported reflection of expression-based index", SAWarning
                )
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"a migration broke {len(broken)} references")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
