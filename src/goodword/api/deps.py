"""What every API route needs, in one place: the clock, the store, the caller, their workspace."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from anyio import CapacityLimiter
from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from goodword.domain.errors import NotAuthenticated
from goodword.domain.limits import MAX_ID
from goodword.schemas.accounts import UserPublic, WorkspacePublic
from goodword.services.accounts import workspace_for
from goodword.services.api_tokens import user_for_token
from goodword.storage.unit_of_work import UnitOfWork


@dataclass
class Server:
    """Kept on ``app.state.server``: one engine for the process, and the injected clock."""

    engine: Engine
    clock: Callable[[], datetime]
    secure_cookies: bool = False


async def server(request: Request) -> Server:
    found: Server = request.app.state.server
    return found


async def now(srv: Annotated[Server, Depends(server)]) -> datetime:
    return srv.clock()


async def engine(srv: Annotated[Server, Depends(server)]) -> Engine:
    return srv.engine


bearer = HTTPBearer(
    auto_error=False,
    scheme_name="API token",
    description="A personal API token from Settings → API tokens",
)


def _caller(srv: Server, credentials: HTTPAuthorizationCredentials | None) -> UserPublic:
    if credentials is None or not credentials.credentials.strip():
        raise NotAuthenticated(
            "send a personal API token as 'Authorization: Bearer <token>' (Settings → API tokens)"
        )
    return user_for_token(srv.engine, credentials.credentials.strip(), srv.clock())


def api_user(
    srv: Annotated[Server, Depends(server)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> UserPublic:
    """The account behind ``Authorization: Bearer <token>`` (a personal API token)."""
    return _caller(srv, credentials)


def api_workspace(
    srv: Annotated[Server, Depends(server)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    workspace: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="Workspace id; default: your personal one"),
    ] = None,
) -> WorkspacePublic:
    """The caller's workspace, the token read in the same call: each sync dependency is a
    trip to the thread pool, and every API request needs this one."""
    return workspace_for(srv.engine, _caller(srv, credentials).id, workspace)


async def api_uow(
    srv: Annotated[Server, Depends(server)],
    workspace: Annotated[WorkspacePublic, Depends(api_workspace)],
) -> UnitOfWork:
    return UnitOfWork(srv.engine, workspace.id)


Now = Annotated[datetime, Depends(now)]
Uow = Annotated[UnitOfWork, Depends(api_uow)]
User = Annotated[UserPublic, Depends(api_user)]
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id")]


def person_query(person_id: int | None) -> str | None:
    """A person filter given by id, as the services' lookup reads it (``#12``)."""
    return f"#{person_id}" if person_id else None


def write_lane(request: Request) -> CapacityLimiter | None:
    """On SQLite, one lane per server process for the hottest writes (link visits,
    conversions): taken one at a time they never wait on each other's write lock, whose
    retries sleep. PostgreSQL takes concurrent writes well: the usual thread pool (None)."""
    state = request.app.state
    if not hasattr(state, "write_lane"):
        sqlite = state.server.engine.dialect.name == "sqlite"
        state.write_lane = CapacityLimiter(1) if sqlite else None
    lane: CapacityLimiter | None = state.write_lane
    return lane
