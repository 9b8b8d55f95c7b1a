"""Personal API tokens: shown once, stored as a SHA-256 hash, revocable.

A token is 32 random bytes, so a fast hash is enough (nothing to brute-force); the first
characters are kept in clear as a prefix so a person can tell their tokens apart.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Engine, Select, bindparam, select, update
from sqlalchemy.orm import Session

from goodword.domain.errors import InvalidValue, NotAuthenticated, NotFound
from goodword.schemas.accounts import TokenCreated, TokenPublic, UserPublic
from goodword.services.accounts import user_public
from goodword.storage.tables import ApiToken, User

TOKEN_PREFIX = "gw_"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _public(token: ApiToken) -> TokenPublic:
    return TokenPublic(
        id=token.id,
        name=token.name,
        prefix=token.prefix,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
    )


def create_token(engine: Engine, user_id: int, name: str, now: datetime) -> TokenCreated:
    label = name.strip()
    if not label or len(label) > 100:
        raise InvalidValue("name: name the token (1 to 100 characters), e.g. 'laptop scripts'")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with Session(engine) as session, session.begin():
        token = ApiToken(
            user_id=user_id,
            name=label,
            token_hash=_hash(secret),
            prefix=secret[:10],
            created_at=now,
        )
        session.add(token)
        session.flush()
        return TokenCreated(token=_public(token), secret=secret)


def list_tokens(engine: Engine, user_id: int) -> list[TokenPublic]:
    with Session(engine) as session:
        rows = session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)
        )
        return [_public(t) for t in rows]


def revoke_token(engine: Engine, user_id: int, token_id: int, now: datetime) -> TokenPublic:
    with Session(engine) as session, session.begin():
        token = session.get(ApiToken, token_id)
        if token is None or token.user_id != user_id:
            raise NotFound(f"no API token #{token_id} among yours")
        if token.revoked_at is None:
            token.revoked_at = now
        return _public(token)


LAST_USED_PRECISION = timedelta(minutes=1)


@cache
def _token_and_account() -> Select[*tuple[Any, ...]]:
    """The token and its account in one read: every API request asks."""
    return (
        select(
            ApiToken.id.label("token_id"),
            ApiToken.revoked_at,
            ApiToken.last_used_at,
            User.id,
            User.email,
            User.name,
            User.personal_workspace_id,
            User.created_at,
        )
        .outerjoin(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


def user_for_token(engine: Engine, secret: str, now: datetime) -> UserPublic:
    with engine.connect() as connection:
        found = connection.execute(_token_and_account(), {"token_hash": _hash(secret)}).first()
        if found is None or found.revoked_at is not None:
            raise NotAuthenticated("this API token is unknown or revoked; create one in Settings")
        if found.id is None:
            raise NotAuthenticated("this account no longer exists; sign in again")
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_PRECISION:
            # to the minute: not a write on every request
            connection.execute(
                update(ApiToken).where(ApiToken.id == found.token_id).values(last_used_at=now)
            )
            connection.commit()
    return user_public(found)
