"""Personal API tokens: shown once, stored as a SHA-256 hash, revocable.

A token is 32 random bytes, so a fast hash is enough (nothing to brute-force); the first
characters are kept in clear as a prefix so a person can tell their tokens apart.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from goodword.domain.errors import InvalidValue, NotAuthenticated, NotFound
from goodword.schemas.accounts import TokenCreated, TokenPublic, UserPublic
from goodword.services.accounts import get_user
from goodword.storage.tables import ApiToken

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


def user_for_token(engine: Engine, secret: str, now: datetime) -> UserPublic:
    with Session(engine) as session, session.begin():
        token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(secret)))
        if token is None or token.revoked_at is not None:
            raise NotAuthenticated("this API token is unknown or revoked; create one in Settings")
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            token.last_used_at = now  # to the minute: not a write on every request
        user_id = token.user_id
    return get_user(engine, user_id)
