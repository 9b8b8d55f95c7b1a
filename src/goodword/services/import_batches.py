"""Every import is a batch: a row that says when it ran and what it brought, and a journal
of what it changed on rows it did not create (so ``goodword import undo`` can put them back
exactly as they were)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select

from goodword.interop.backup import decode_value, encode_value
from goodword.storage.tables import ImportBatch, Person, Setting
from goodword.storage.unit_of_work import UnitOfWork

#: The summary columns an import recomputes on people it did not create.
SUMMARY = ("last_interaction_at", "reciprocity_balance", "strength", "strength_at")


class ImportBatchPublic(BaseModel):
    id: int
    source: str
    files: dict[str, int]
    created_at: datetime
    created: int
    matched: int
    updated: int
    recommendations: int
    interactions: int


def open_batch(uow: UnitOfWork, source: str, files: dict[str, int], now: datetime) -> ImportBatch:
    record = ImportBatch(
        workspace_id=uow.workspace_id,
        source=source,
        files=json.dumps(files, ensure_ascii=False),
        report="{}",
        journal="{}",
        created_at=now,
    )
    uow.session.add(record)
    uow.session.flush()
    return record


def _summaries(uow: UnitOfWork, ids: list[int]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in uow.session.execute(
            select(Person.id, *(getattr(Person, c) for c in SUMMARY)).where(Person.id.in_(chunk))
        ):
            found[row[0]] = [encode_value(v) for v in row[1:]]
    return found


@dataclass
class Journal:
    """What an import changed on rows it did not create, before and after."""

    before: dict[int, list[Any]] = field(default_factory=dict)
    after: dict[int, list[Any]] = field(default_factory=dict)
    settings: dict[str, str | None] = field(default_factory=dict)

    def people_before(self, uow: UnitOfWork, ids: list[int]) -> None:
        self.before = _summaries(uow, ids)

    def people_after(self, uow: UnitOfWork) -> None:
        self.after = _summaries(uow, sorted(self.before))

    def setting_before(self, uow: UnitOfWork, key: str) -> None:
        stored = uow.session.get(Setting, (uow.workspace_id, key))
        self.settings[key] = stored.value if stored is not None else None

    def text(self) -> str:
        return json.dumps(
            {
                "people": {str(k): [v, self.after.get(k)] for k, v in self.before.items()},
                "settings": self.settings,
            },
            ensure_ascii=False,
        )


def read_journal(text: str) -> tuple[dict[int, tuple[list[Any], list[Any]]], dict[str, Any]]:
    data = json.loads(text or "{}")
    people = {
        int(k): ([decode_value(v) for v in before], [decode_value(v) for v in after or []])
        for k, (before, after) in data.get("people", {}).items()
    }
    return people, data.get("settings", {})


def close_batch(record: ImportBatch, report: BaseModel, journal: Journal) -> None:
    record.report = report.model_dump_json(exclude={"skipped", "errors", "unknown_files"})
    record.journal = journal.text()


def _public(record: ImportBatch) -> ImportBatchPublic:
    report = json.loads(record.report or "{}")
    return ImportBatchPublic(
        id=record.id,
        source=record.source,
        files=json.loads(record.files or "{}"),
        created_at=record.created_at,
        created=report.get("created", 0),
        matched=report.get("matched", 0),
        updated=report.get("updated", 0),
        recommendations=report.get("recommendations", 0),
        interactions=report.get("interactions", 0),
    )


def list_imports(uow: UnitOfWork, limit: int | None = None) -> list[ImportBatchPublic]:
    """The imports that can still be undone, newest first."""
    with uow:
        query = (
            select(ImportBatch)
            .where(ImportBatch.workspace_id == uow.workspace_id)
            .order_by(ImportBatch.created_at.desc(), ImportBatch.id.desc())
        )
        if limit:
            query = query.limit(limit)
        return [_public(r) for r in uow.session.scalars(query)]


def count_imports(uow: UnitOfWork) -> int:
    with uow:
        return len(
            uow.session.scalars(
                select(ImportBatch.id).where(ImportBatch.workspace_id == uow.workspace_id)
            ).all()
        )
