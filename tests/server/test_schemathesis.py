"""The API against its own OpenAPI document: generated requests never get a 5xx, and every
response matches the documented schema (a bounded number of examples per operation).

Schemathesis collects operations when the module loads, so the apps (one on its own SQLite
file, one on its own PostgreSQL schema where PostgreSQL is configured) are built here rather
than in fixtures.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import Engine, text

from goodword.schemas.accounts import UserCreate
from goodword.semantic.encoder import available as semantic_available
from goodword.semantic.encoder import local_encoder
from goodword.services.accounts import create_user
from goodword.services.api_tokens import create_token
from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade
from goodword.web.app import create_app
from tests.conftest import NOW, pg_base_url
from tests.server.conftest import HOSTS

#: Where PostgreSQL is missing, the PostgreSQL run has no operations.
EMPTY: dict[str, Any] = {"openapi": "3.0.0", "info": {"title": "-", "version": "0"}, "paths": {}}

_folder = Path(tempfile.mkdtemp(prefix="goodword-schemathesis-"))
_PG_SCHEMA = f"gw_schemathesis_{uuid.uuid4().hex[:10]}"


def _served(url: str) -> tuple[Engine, str, Any]:
    engine = make_engine(url)
    upgrade(engine)
    user = create_user(engine, UserCreate(email="s@example.com", name="S", password="x" * 12), NOW)
    secret = create_token(engine, user.id, "schemathesis", NOW).secret
    app = create_app(engine, lambda: NOW, hosts=HOSTS)
    return engine, secret, schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def _postgres_url() -> str | None:
    base = pg_base_url()
    if base is None:
        return None
    admin = make_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{_PG_SCHEMA}"'))
    admin.dispose()
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{_PG_SCHEMA}"


if semantic_available():
    local_encoder()  # load the sentence model now, not inside a timed request
_engine, _secret, schema = _served(f"sqlite:///{_folder / 'schema.db'}")
_pg_url = _postgres_url()
_pg_engine, _pg_secret, pg_schema = (
    _served(_pg_url) if _pg_url else (None, "", schemathesis.openapi.from_dict(EMPTY))
)


@pytest.fixture(scope="module", autouse=True)
def _dispose() -> Iterator[None]:
    yield
    _engine.dispose()
    shutil.rmtree(_folder, ignore_errors=True)
    if _pg_engine is not None:
        _pg_engine.dispose()
        admin = make_engine(pg_base_url() or "")
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{_PG_SCHEMA}" CASCADE'))
        admin.dispose()


def _check(case: Any, secret: str) -> None:
    # A generous timeout: on a loaded CI machine the first semantic match encodes a long query.
    response = case.call(headers={"Authorization": f"Bearer {secret}"}, timeout=60)
    # Schema-valid is not always acceptable: an opaque cursor, a stage name or a date the
    # practice refuses is a documented 4xx, never a 5xx.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_documented_promises(case: Any) -> None:
    _check(case, _secret)


@pg_schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_documented_promises_on_postgresql(case: Any) -> None:
    _check(case, _pg_secret)


def test_postgresql_was_probed_where_it_is_required() -> None:
    if os.environ.get("GOODWORD_REQUIRE_POSTGRES"):
        assert _pg_engine is not None
