"""The trash: a deleted record, with everything its deletion took along, kept 30 days.

Deleting walks the schema's foreign keys from the record: rows that point at it with
``ON DELETE CASCADE`` go with it (and what points at them, in turn); rows that point at it
with ``SET NULL`` stay and only lose the link. Both are written down — the rows whole,
the links as patches — before the database deletes, so restoring puts back the same rows
with the same ids, and the links, exactly. A table added later is covered without a change
here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from goodword.domain.errors import Conflict
from goodword.interop.backup import decode_rows, encode_rows
from goodword.storage.tables import Base, TrashEntry
from goodword.storage.unit_of_work import UnitOfWork

KEEP_DAYS = 30
#: Tables a deletion never reaches into (they point at records only as a cache or a log).
NOT_FOLLOWED = {"import_batches", "trash"}


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@dataclass
class Removal:
    """What one deletion takes: rows by table and id, and links it breaks elsewhere."""

    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    patches: list[tuple[str, int, str, Any]] = field(default_factory=list)

    def has(self, table: str, row_id: int) -> bool:
        return row_id in self.rows.get(table, {})


def _children() -> dict[str, list[tuple[Table, Any, str | None]]]:
    """For each table, the (table, column, ondelete) of every foreign key pointing at it."""
    found: dict[str, list[tuple[Table, Any, str | None]]] = defaultdict(list)
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_FOLLOWED or "id" not in table.columns:
            continue
        for fk in table.foreign_keys:
            if fk.column.name == "id" and fk.column.table.name not in ("workspaces", "users"):
                found[fk.column.table.name].append((table, fk.parent, fk.ondelete))
    return found


def collect(uow: UnitOfWork, table: str, ids: list[int], removal: Removal | None = None) -> Removal:
    """Everything deleting these rows of ``table`` removes or unlinks."""
    removal = removal or Removal()
    children = _children()
    queue: list[tuple[str, list[int]]] = [(table, ids)]
    while queue:
        name, wanted = queue.pop()
        fresh = [i for i in wanted if not removal.has(name, i)]
        if not fresh:
            continue
        source = _table(name)
        for row in uow.session.execute(select(source).where(source.c.id.in_(fresh))).mappings():
            removal.rows[name][row["id"]] = dict(row)
        for child, column, ondelete in children.get(name, []):
            pointing = uow.session.execute(
                select(child.c.id, column).where(column.in_(fresh))
            ).all()
            if not pointing:
                continue
            if ondelete == "CASCADE":
                queue.append((child.name, [r[0] for r in pointing]))
            else:
                removal.patches += [(child.name, r[0], column.name, r[1]) for r in pointing]
    # A link from a row that goes too needs no mending.
    removal.patches = [p for p in removal.patches if not removal.has(p[0], p[1])]
    return removal


def _purge_old(uow: UnitOfWork, now: datetime) -> None:
    uow.session.execute(
        delete(TrashEntry).where(
            TrashEntry.workspace_id == uow.workspace_id,
            TrashEntry.deleted_at < now - timedelta(days=KEEP_DAYS),
        )
    )


def throw_away(
    uow: UnitOfWork,
    kind: str,
    table: str,
    record_id: int,
    label: str,
    now: datetime,
    removal: Removal,
    extra: list[tuple[str, int, str, Any]] | None = None,
) -> TrashEntry:
    """Keep ``removal`` in the trash and delete it (inside the caller's unit of work).
    ``extra``: other values the caller changed first, as (table, id, column, old value)."""
    _purge_old(uow, now)
    rows = {
        name: encode_rows(_table(name), list(found.values()))
        for name, found in removal.rows.items()
        if found
    }
    entry = TrashEntry(
        workspace_id=uow.workspace_id,
        kind=kind,
        record_id=record_id,
        label=label[:500],
        rows=json.dumps(rows, ensure_ascii=False),
        patches=json.dumps(
            [[t, i, c, v] for t, i, c, v in [*removal.patches, *(extra or [])]], default=str
        ),
        deleted_at=now,
    )
    uow.session.add(entry)
    source = _table(table)
    uow.session.execute(delete(source).where(source.c.id == record_id))
    # Rows reached by a cascade are deleted by the database; delete them here too so an
    # engine without enforced foreign keys ends in the same state.
    for name in reversed([t.name for t in Base.metadata.sorted_tables]):
        found = removal.rows.get(name)
        if found and name != table:
            gone = _table(name)
            uow.session.execute(delete(gone).where(gone.c.id.in_(list(found))))
    uow.session.flush()
    return entry


def _exists(uow: UnitOfWork, table: str, row_id: Any) -> bool:
    source = _table(table)
    return uow.session.scalar(select(source.c.id).where(source.c.id == row_id)) is not None


def bring_back(uow: UnitOfWork, entry: TrashEntry) -> dict[str, list[dict[str, Any]]]:
    """Insert the entry's rows again (parents first) and mend the links it broke; refused,
    changing nothing, when a row it needs is gone for good or its place is taken."""
    stored = json.loads(entry.rows)
    rows = {name: decode_rows(data) for name, data in stored.items()}
    ours = {(name, r["id"]) for name, found in rows.items() for r in found}
    for name, found in rows.items():
        for fk in _table(name).foreign_keys:
            target = fk.column.table.name
            if target in ("workspaces", "users") or fk.column.name != "id":
                continue
            for row in found:
                value = row.get(fk.parent.name)
                if value is None or (target, value) in ours or _exists(uow, target, value):
                    continue
                if fk.ondelete == "SET NULL":
                    row[fk.parent.name] = None  # what it pointed at is gone: keep it unlinked
                else:
                    raise Conflict(
                        f"'{entry.label}' cannot come back: a {target.rstrip('s')} it belongs "
                        f"to (#{value}) is gone; restore that first (goodword trash list)"
                    )
    try:
        for table in Base.metadata.sorted_tables:
            if rows.get(table.name):
                for row in rows[table.name]:
                    row["workspace_id"] = uow.workspace_id
                uow.session.execute(insert(table), rows[table.name])
        for name, row_id, column, value in json.loads(entry.patches):
            source = _table(name)
            if (
                value is not None
                and source.c[column].foreign_keys
                and not _exists_any(uow, source.c[column], value)
            ):
                continue
            uow.session.execute(
                update(source)
                .where(source.c.id == row_id)
                .values({column: _typed(source, column, value)})
            )
        uow.session.flush()
    except IntegrityError:
        raise Conflict(
            f"'{entry.label}' cannot come back: something recorded since takes its place "
            "(the same name or link); change that first"
        ) from None
    return rows


def _exists_any(uow: UnitOfWork, column: Any, value: Any) -> bool:
    target = next(iter(column.foreign_keys)).column.table
    return uow.session.scalar(select(target.c.id).where(target.c.id == value)) is not None


def _typed(source: Table, column: str, value: Any) -> Any:
    """Patches are stored as JSON: dates come back as text, read them as dates again."""
    if isinstance(value, str) and source.c[column].type.python_type is datetime:
        return datetime.fromisoformat(value)
    return value
