"""Alembic environment: the engine comes from goodword (``config.attributes['engine']``)."""

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

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction(), warnings.catch_warnings():
        # SQLite's batch mode cannot reflect expression indexes; the migrations that
        # rebuild ``people`` create its folded-name index again themselves.
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", SAWarning
        )
        context.run_migrations()
