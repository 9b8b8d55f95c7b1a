"""A server owner's backup of everything: every workspace (personal, team, the CLI's own)
and the accounts that open them, as one JSON document, restored into an empty database
with every id kept, so that accounts, memberships and API tokens work as before.

Left out on purpose: the server's keys (a restored server signs cookies with new ones, so
everyone signs in again), sessions and throttle counters (they are about the moment).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Table, delete, func, insert, select
from sqlalchemy.orm import Session

from goodword.domain.errors import Conflict, InvalidValue
from goodword.interop.backup import VERSION, decode_rows, encode_rows
from goodword.services import backups
from goodword.storage.base import table_of
from goodword.storage.tables import ApiToken, Base, Membership, User, Workspace
from goodword.storage.unit_of_work import UnitOfWork

FORMAT = "goodword-server-backup"
ACCOUNTS: tuple[type[Base], ...] = (User, Membership, ApiToken)


def is_server_backup(document: dict[str, Any]) -> bool:
    return document.get("format") == FORMAT


def backup_server(engine: Engine, now: datetime) -> str:
    with Session(engine) as session:
        workspaces = session.scalars(select(Workspace).order_by(Workspace.id)).all()
        rows = [_row(table_of(Workspace), w) for w in workspaces]
        accounts = {
            table_of(model).name: encode_rows(
                table_of(model),
                [dict(r) for r in session.execute(select(table_of(model))).mappings().all()],
            )
            for model in ACCOUNTS
        }
    documents = [backups.backup_document(UnitOfWork(engine, w["id"]), now) for w in rows]
    return backups.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "written_at": now.isoformat(),
            "workspaces": encode_rows(table_of(Workspace), rows),
            "accounts": accounts,
            "documents": documents,
        }
    )


def workspace_uow(engine: Engine, workspace_id: int) -> UnitOfWork:
    """A unit of work on the workspace with this id, which must exist."""
    with Session(engine) as session:
        found = session.get(Workspace, workspace_id)
        if found is None:
            known = ", ".join(
                f"#{w.id} {w.name}"
                for w in session.scalars(select(Workspace).order_by(Workspace.id))
            )
            raise InvalidValue(
                f"--workspace: no workspace #{workspace_id} here; the workspaces are: "
                f"{known or 'none yet'}"
            )
    return UnitOfWork(engine, workspace_id)


def _row(table: Table, record: object) -> dict[str, Any]:
    return {c.name: getattr(record, c.key) for c in table.columns}


def restore_server(engine: Engine, document: dict[str, Any]) -> dict[str, int]:
    """Everything back, ids and all, into a database holding no accounts and no data."""
    try:
        workspaces = decode_rows(document["workspaces"])
        accounts = document["accounts"]
        documents = document["documents"]
    except (KeyError, TypeError, ValueError):
        raise InvalidValue("this file is not a whole goodword server backup") from None
    if document.get("version") != VERSION or len(documents) != len(workspaces):
        raise InvalidValue(f"this server backup is not format version {VERSION}; upgrade goodword")
    counts: dict[str, int] = {}
    with Session(engine) as session, session.begin():
        if session.scalar(select(func.count()).select_from(User)):
            raise Conflict("this database already has accounts; restore into an empty one")
        for found in session.scalars(select(Workspace)).all():
            if backups.holds_data(session, found.id):
                raise Conflict("this database already holds data; restore into an empty one")
        session.execute(delete(Workspace))  # the empty local workspace a first open made
        session.execute(insert(table_of(Workspace)), workspaces)
        for model in ACCOUNTS:
            table = table_of(model)
            rows = decode_rows(accounts.get(table.name, {"columns": [], "rows": []}))
            if rows:
                session.execute(insert(table), rows)
            counts[table.name] = len(rows)
        for workspace, part in zip(workspaces, documents, strict=True):
            for name, count in backups.insert_document(session, workspace["id"], part).items():
                counts[name] = counts.get(name, 0) + count
        models: tuple[type[Base], ...] = (Workspace, *ACCOUNTS)
        backups.advance_sequences(session, [table_of(m) for m in models])
    counts["workspaces"] = len(workspaces)
    return counts
