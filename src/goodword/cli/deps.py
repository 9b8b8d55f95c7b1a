"""What every command needs, in one place: the clock, the store, the local workspace."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

import typer
from sqlalchemy import Engine

from goodword.cli.render import use_zone
from goodword.domain.dates import as_utc
from goodword.domain.errors import InvalidValue
from goodword.services.time_zones import workspace_zone
from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.engine import make_engine, resolve_url
from goodword.storage.migrate import ensure_current
from goodword.storage.unit_of_work import UnitOfWork

ENV_NOW = "GOODWORD_NOW"


def clock() -> datetime:
    """Now, in UTC. ``GOODWORD_NOW`` pins it (for scripts, demos on a chosen day, tests)."""
    pinned = os.environ.get(ENV_NOW)
    if pinned:
        try:
            return as_utc(datetime.fromisoformat(pinned))
        except ValueError:
            raise InvalidValue(f"{ENV_NOW}='{pinned}' is not an ISO date/time") from None
    return datetime.now(UTC)


@dataclass
class State:
    """Per-invocation state, kept on the Typer context."""

    db: str | None = None
    engines: dict[str, Engine] = field(default_factory=dict)
    zone_read: bool = False

    def engine(self, default_name: str = "goodword") -> tuple[str, Engine, bool]:
        url, chosen = resolve_url(self.db, default_name)
        if url not in self.engines:
            engine = make_engine(url)
            ensure_current(engine)
            self.engines[url] = engine
        return url, self.engines[url], chosen

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()
        self.engines.clear()


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
        root.call_on_close(root.obj.close)
    return root.obj


def uow(ctx: typer.Context) -> UnitOfWork:
    """A unit of work on the local workspace of the chosen (or default) database; days are
    shown in that workspace's time zone from here on."""
    _, engine, _ = state(ctx).engine()
    work = UnitOfWork(engine, ensure_workspace(engine, LOCAL_WORKSPACE, clock()))
    if not state(ctx).zone_read:
        use_zone(workspace_zone(work))
        state(ctx).zone_read = True
    return work
