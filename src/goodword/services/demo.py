"""The demo use case: fill a database with the sample network, never over someone's data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from goodword.domain.errors import Conflict
from goodword.services.demo_network import DemoBuilder
from goodword.services.workspaces import LOCAL_WORKSPACE
from goodword.storage.tables import Opportunity, Person, ReferenceRequest, Workspace
from goodword.storage.unit_of_work import UnitOfWork


def own_data_count(engine: Engine) -> int:
    """How many records in non-demo workspaces — the user's own data."""
    with Session(engine) as session:
        own = select(Workspace.id).where(Workspace.is_demo.is_(False))
        return sum(
            session.scalar(
                select(func.count()).select_from(model).where(model.workspace_id.in_(own))
            )
            or 0
            for model in (Person, Opportunity, ReferenceRequest)
        )


def build_demo(engine: Engine, now: datetime, *, force: bool, where: str) -> int:
    """Replace the local workspace with the demo network; returns its workspace id.

    Refuses when the database holds the user's own data, unless ``force``.
    """
    owned = own_data_count(engine)
    if owned and not force:
        raise Conflict(
            f"{where} holds your own data ({owned} records); the demo never writes there. "
            "Run `goodword demo` without --db to use the separate demo database, "
            "or add --force to replace this data with the demo"
        )
    uow = UnitOfWork(engine, workspace_id=0)
    with uow:  # one transaction: the old workspace goes only if the new one is complete
        existing = uow.session.scalar(select(Workspace).where(Workspace.name == LOCAL_WORKSPACE))
        if existing is not None:
            uow.session.delete(existing)
            uow.session.flush()
        workspace = Workspace(name=LOCAL_WORKSPACE, is_demo=True, created_at=now)
        uow.session.add(workspace)
        uow.session.flush()
        uow.workspace_id = workspace.id
        DemoBuilder(uow, now).build()
        uow.commit()
    return uow.workspace_id
