"""Backup and restore of a workspace: everything, losslessly, in one transaction.

Restoring into an empty database keeps every id, so the restored data is the same data.
``merge`` restores next to existing data instead: every row gets a new id and every
reference is rewritten to follow it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from goodword.domain.errors import Conflict, InvalidValue
from goodword.interop.backup import FORMAT, VERSION, decode_rows, encode_rows
from goodword.storage.network_tables import new_uid
from goodword.storage.tables import Base, Workspace
from goodword.storage.unit_of_work import UnitOfWork


class RestoreReport(BaseModel):
    tables: dict[str, int]
    merged: bool


#: Who may open a workspace belongs to the server's accounts, not to the network's data.
NOT_BACKED_UP = {"memberships"}


def _tables() -> list[Table]:
    """Every workspace-owned table, parents before children."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if "workspace_id" in t.columns and t.name not in NOT_BACKED_UP
    ]


def backup(uow: UnitOfWork, now: datetime) -> str:
    return dumps(backup_document(uow, now))


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)


def backup_document(uow: UnitOfWork, now: datetime) -> dict[str, Any]:
    with uow:
        workspace = uow.session.get(Workspace, uow.workspace_id)
        assert workspace is not None
        tables = {}
        for table in _tables():
            order = list(table.primary_key.columns)
            rows = (
                uow.session.execute(
                    select(table).where(table.c.workspace_id == uow.workspace_id).order_by(*order)
                )
                .mappings()
                .all()
            )
            tables[table.name] = encode_rows(table, [dict(r) for r in rows])
        return {
            "format": FORMAT,
            "version": VERSION,
            "written_at": now.isoformat(),
            "workspace": workspace.name,
            "tables": tables,
        }


def parse(text_: str) -> dict[str, Any]:
    """A backup file's document, of either kind (a workspace's, or a whole server's)."""
    try:
        document = json.loads(text_)
    except json.JSONDecodeError as error:
        raise InvalidValue(
            f"the backup is not valid JSON (line {error.lineno}): is it a goodword backup?"
        ) from None
    if not isinstance(document, dict):
        raise InvalidValue("this file is not a goodword backup (no 'format: goodword-backup')")
    return document


def _checked(document: dict[str, Any]) -> dict[str, Any]:
    if document.get("format") != FORMAT:
        raise InvalidValue("this file is not a goodword backup (no 'format: goodword-backup')")
    if document.get("version") != VERSION:
        raise InvalidValue(
            f"backup format version {document.get('version')} is not one this "
            f"goodword reads (it reads version {VERSION}); upgrade goodword"
        )
    return document


def restore(
    uow: UnitOfWork, document_text: str, *, merge: bool, fresh_ids: bool = False
) -> RestoreReport:
    return restore_document(uow, parse(document_text), merge=merge, fresh_ids=fresh_ids)


def restore_document(
    uow: UnitOfWork, document: dict[str, Any], *, merge: bool, fresh_ids: bool = False
) -> RestoreReport:
    """Into an empty workspace (or, ``merge``, next to what it holds). Ids are kept when the
    database is otherwise empty; ``fresh_ids`` (a team workspace on a server, where other
    workspaces hold rows) gives every row a new one, as a merge does."""
    document = _checked(document)
    with uow:
        if not merge and holds_data(uow.session, uow.workspace_id):
            raise Conflict(
                "this workspace already holds data; restore into an empty one, or "
                "add --merge to restore next to it"
            )
        if merge or fresh_ids:
            counts = _merge_document(uow, document)
        else:
            counts = insert_document(uow.session, uow.workspace_id, document)
            advance_sequences(uow.session)
        uow.commit()
        return RestoreReport(tables=counts, merged=merge)


def insert_document(
    session: Session, workspace_id: int, document: dict[str, Any]
) -> dict[str, int]:
    """Every row of a workspace's backup, ids kept, into ``workspace_id``."""
    counts: dict[str, int] = {}
    for table in _tables():
        rows = _rows_of(document, table, workspace_id)
        if rows:
            session.execute(insert(table), rows)
        counts[table.name] = len(rows)
    return counts


def _rows_of(document: dict[str, Any], table: Table, workspace_id: int) -> list[dict[str, Any]]:
    rows = decode_rows(document["tables"].get(table.name, {"columns": [], "rows": []}))
    for row in rows:
        row["workspace_id"] = workspace_id
        if "share_token" in row:
            row["share_token"] = None  # a restored brief is not shared until re-shared
    return rows


def _merge_document(uow: UnitOfWork, document: dict[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    new_ids: dict[str, dict[int, int]] = {}
    for table in _tables():
        rows = _rows_of(document, table, uow.workspace_id)
        if table.name in MERGE_SKIPS:
            counts[table.name] = 0
            continue
        rows = _remap(table, rows, new_ids)
        rows = _reuse_named(uow, table, rows, new_ids)
        rows = _fresh_uids(uow, table, rows)
        if rows and "id" in table.columns:
            old = [r.pop("id") for r in rows]
            ids = (
                uow.session.execute(
                    insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
                )
                .scalars()
                .all()
            )
            new_ids.setdefault(table.name, {}).update(zip(old, ids, strict=True))
        elif rows:
            rows = _new_keys_only(uow, table, rows)
            if rows:
                uow.session.execute(insert(table), rows)
        counts[table.name] = len(rows)
    return counts


#: What a merge leaves out: what a calendar was last sent belongs to the database it was
#: sent from (the merged items get new keys' events at the next export).
MERGE_SKIPS = {"calendar_events"}


def _fresh_uids(uow: UnitOfWork, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A merged copy of a person whose card UID is already here gets a UID of its own."""
    if "uid" not in table.columns or "workspace_id" not in table.columns:
        return rows
    taken = set(
        uow.session.scalars(select(table.c.uid).where(table.c.workspace_id == uow.workspace_id))
    )
    for row in rows:
        if row.get("uid") in taken:
            row["uid"] = new_uid()
        taken.add(row.get("uid"))
    return rows


def _reuse_named(
    uow: UnitOfWork, table: Table, rows: list[dict[str, Any]], new_ids: dict[str, dict[int, int]]
) -> list[dict[str, Any]]:
    """Organizations are unique by name, and tags by their subject: a restored one that is
    already there is the existing one."""
    if table.name == "organizations":
        existing = {
            name.lower(): oid
            for oid, name in uow.session.execute(
                select(table.c.id, table.c.name).where(table.c.workspace_id == uow.workspace_id)
            )
        }
        mapping = new_ids.setdefault(table.name, {})
        fresh = []
        for row in rows:
            if row["name"].lower() in existing:
                mapping[row["id"]] = existing[row["name"].lower()]
            else:
                fresh.append(row)
        return fresh
    if table.name == "tags":
        existing_tags = {
            tuple(r)
            for r in uow.session.execute(
                select(table.c.person_id, table.c.organization_id, table.c.name).where(
                    table.c.workspace_id == uow.workspace_id
                )
            )
        }
        return [
            r
            for r in rows
            if (r["person_id"], r["organization_id"], r["name"]) not in existing_tags
        ]
    return rows


def _new_keys_only(
    uow: UnitOfWork, table: Table, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Tables keyed by the workspace itself (settings, the brief): what is there stays."""
    keys = [c.name for c in table.primary_key.columns]
    existing = {
        tuple(r)
        for r in uow.session.execute(
            select(*[table.c[k] for k in keys]).where(table.c.workspace_id == uow.workspace_id)
        )
    }
    return [r for r in rows if tuple(r[k] for k in keys) not in existing]


def holds_data(session: Session, workspace_id: int) -> bool:
    for table in _tables():
        if table.name in ("settings",):
            continue
        found = session.scalar(
            select(func.count()).select_from(table).where(table.c.workspace_id == workspace_id)
        )
        if found:
            return True
    return False


def _remap(
    table: Table, rows: list[dict[str, Any]], new_ids: dict[str, dict[int, int]]
) -> list[dict[str, Any]]:
    """Point every foreign key at the new id of the row it pointed at."""
    links = [
        (fk.parent.name, fk.column.table.name)
        for fk in table.foreign_keys
        if fk.column.table.name != "workspaces"
    ]
    for row in rows:
        for column, target in links:
            if row.get(column) is not None and target in new_ids:
                row[column] = new_ids[target].get(row[column])
    return rows


def advance_sequences(session: Session, extra: Sequence[Table] = ()) -> None:
    """PostgreSQL hands out ids from sequences; after rows arrive with their own ids the
    sequences must move past them (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in [*_tables(), *extra]:
        if "id" in table.columns and table.c.id.autoincrement:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
