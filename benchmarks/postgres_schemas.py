"""PostgreSQL for the benchmarks: each measured database is a schema of the server named by
``GOODWORD_BENCH_POSTGRES_URL`` (else ``GOODWORD_TEST_POSTGRES_URL``), as the tests do it —
no CREATE DATABASE rights needed. The large synthetic network is built once and kept."""

from __future__ import annotations

import os

from sqlalchemy import text

from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade


def server_url() -> str | None:
    """The PostgreSQL server to measure on, if one is configured."""
    return os.environ.get("GOODWORD_BENCH_POSTGRES_URL") or os.environ.get(
        "GOODWORD_TEST_POSTGRES_URL"
    )


def schema_url(base: str, schema: str) -> str:
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


def exists(base: str, schema: str) -> bool:
    admin = make_engine(base)
    try:
        with admin.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :name"),
                {"name": schema},
            ).first()
    finally:
        admin.dispose()
    return found is not None


def fresh(base: str, schema: str) -> str:
    """An empty, migrated schema named ``schema`` (replacing any earlier one); its URL."""
    drop(base, schema)
    admin = make_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        admin.dispose()
    url = schema_url(base, schema)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def drop(base: str, schema: str) -> None:
    admin = make_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()
