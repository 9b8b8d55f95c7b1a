"""Secrets the server makes once and keeps in the database, so every worker signs cookies
with the same key and a restart does not sign everyone out."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from goodword.storage.tables import ServerKey


def server_key(engine: Engine, name: str, now: datetime) -> str:
    with Session(engine) as session:
        found = session.get(ServerKey, name)
        if found is not None:
            return found.value
        session.add(ServerKey(name=name, value=secrets.token_urlsafe(48), created_at=now))
        try:
            session.commit()
        except IntegrityError:  # another worker made it first: use theirs
            session.rollback()
        found = session.get(ServerKey, name)
        assert found is not None
        return found.value
