"""What an import adds to a person, new or known: contact points (with the labels the
source gave them), skills, tags, notes and the days they keep — never overwriting, each
row carrying the import's batch, all written in a few bulk inserts at the end."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from goodword.interop.identity import normalise_email, normalise_phone, normalise_url
from goodword.interop.incoming import IncomingPerson
from goodword.storage.base import table_of
from goodword.storage.bulk_insert import bulk_insert
from goodword.storage.tables import ContactPoint, Note, PersonDate, Skill, Tag
from goodword.storage.unit_of_work import UnitOfWork

NORMAL = {"email": normalise_email, "phone": normalise_phone, "url": normalise_url}


def labels_of(p: IncomingPerson) -> dict[tuple[str, str], str]:
    """The source's labels, by the key each value is matched with."""
    found: dict[tuple[str, str], str] = {}
    if not p.labels:  # most rows (LinkedIn's, most CSVs) label nothing
        return found
    for kind, values in (("email", p.emails), ("phone", p.phones), ("url", p.urls)):
        for raw in values:
            label = p.labels.get(raw)
            key = NORMAL[kind](raw)
            if label and key:
                found[(kind, key)] = label[:100]
    return found


class Additions:
    def __init__(self, uow: UnitOfWork, now: datetime, batch: int | None) -> None:
        self.uow, self.now, self.batch, self.ws = uow, now, batch, uow.workspace_id
        session = uow.session
        self.skills = {
            (pid, name.lower())
            for pid, name in session.execute(
                select(Skill.person_id, Skill.name).where(Skill.workspace_id == self.ws)
            )
        }
        self.tags = {
            (pid, name)
            for pid, name in session.execute(
                select(Tag.person_id, Tag.name).where(
                    Tag.workspace_id == self.ws, Tag.person_id.is_not(None)
                )
            )
        }
        self.days = {
            tuple(row)
            for row in session.execute(
                select(
                    PersonDate.person_id, PersonDate.kind, PersonDate.month, PersonDate.day
                ).where(PersonDate.workspace_id == self.ws)
            )
        }
        self.rows: dict[type[Any], list[dict[str, Any]]] = {
            ContactPoint: [],
            Skill: [],
            Tag: [],
            Note: [],
            PersonDate: [],
        }

    def _row(self, model: type[Any], pid: int, **values: Any) -> None:
        self.rows[model].append(
            {"workspace_id": self.ws, "person_id": pid, "import_batch_id": self.batch, **values}
        )

    def point(self, pid: int, kind: str, value: str, label: str | None) -> None:
        self._row(ContactPoint, pid, kind=kind, value=value, label=label)

    def note(self, pid: int, body: str) -> None:
        self._row(Note, pid, body=body, created_at=self.now)

    def extras(self, pid: int, p: IncomingPerson) -> bool:
        """Skills, tags and days the person lacked; whether any was added."""
        changed = False
        for skill in p.skills:
            if (pid, skill.lower()) not in self.skills:
                self.skills.add((pid, skill.lower()))
                self._row(Skill, pid, name=skill)
                changed = True
        for tag in (t.strip().lower() for t in p.tags if t.strip()):
            if (pid, tag) not in self.tags:
                self.tags.add((pid, tag))
                self._row(Tag, pid, name=tag[:100])
                changed = True
        for day in p.dates:
            key = (pid, day.kind, day.month, day.day)
            if key not in self.days:
                self.days.add(key)
                self._row(
                    PersonDate,
                    pid,
                    kind=day.kind,
                    month=day.month,
                    day=day.day,
                    year=day.year,
                    label=day.label,
                )
                changed = True
        return changed

    def flush(self) -> None:
        connection = self.uow.session.connection()
        for model, rows in self.rows.items():
            if rows:
                bulk_insert(connection, table_of(model), rows)
