"""The columns that point at a person or organization, moved or counted as one (merges,
deletes), and notes, which hang off either."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute

from goodword.domain.errors import InvalidValue
from goodword.schemas.network import NotePublic
from goodword.storage.tables import Note
from goodword.storage.unit_of_work import UnitOfWork

Links = Mapping[str, InstrumentedAttribute[Any]]


def move_links(uow: UnitOfWork, links: Links, old_id: int, new_id: int) -> dict[str, int]:
    """Point every link at ``old_id`` to ``new_id``; how many rows moved, per link."""
    moved: dict[str, int] = {}
    for label, column in links.items():
        result = uow.session.execute(
            update(column.class_)
            .where(column == old_id)
            .values({column.key: new_id})
            .execution_options(synchronize_session=False)
        )
        moved[label] = result.rowcount  # type: ignore[attr-defined]
    return moved


def count_links(uow: UnitOfWork, links: Links, record_id: int) -> dict[str, int]:
    return {
        label: uow.session.scalar(
            select(func.count()).select_from(column.class_).where(column == record_id)
        )
        or 0
        for label, column in links.items()
    }


def add_note(
    uow: UnitOfWork,
    body: str,
    now: datetime,
    *,
    person_id: int | None = None,
    organization_id: int | None = None,
) -> NotePublic:
    if not body.strip():
        raise InvalidValue("a note cannot be empty")
    note = Note(
        workspace_id=uow.workspace_id,
        person_id=person_id,
        organization_id=organization_id,
        body=body.strip(),
        created_at=now,
    )
    uow.session.add(note)
    uow.session.flush()
    return NotePublic(id=note.id, body=note.body, created_at=note.created_at)
