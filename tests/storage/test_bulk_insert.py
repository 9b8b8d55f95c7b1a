"""Bulk inserts through the driver write what the ORM would: values, datetimes, defaults
and ids, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from goodword.storage.base import table_of
from goodword.storage.bulk_insert import (
    COPY_FROM,
    bulk_insert,
    insert_new,
    new_ids,
    prepared_insert,
)
from goodword.storage.tables import Interaction, Person
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def _person(uow: UnitOfWork, n: int, connected: datetime) -> dict[str, object]:
    return {
        "workspace_id": uow.workspace_id,
        "name": f"Person {n}",
        "uid": f"uid-{n}",
        "tier": "network",
        "source": "linkedin",
        "created_at": NOW,
        "updated_at": NOW,
        "reciprocity_balance": 0,
        "last_interaction_at": connected,
    }


def test_rows_read_back_as_the_orm_would_have_written_them(uow: UnitOfWork) -> None:
    dates = [NOW - timedelta(days=400, microseconds=7), NOW.astimezone(UTC), None]
    with uow:
        connection = uow.session.connection()
        rows = [_person(uow, n, dates[n % 3]) for n in range(30)]  # type: ignore[arg-type]
        ids = new_ids(connection, table_of(Person), len(rows))
        bulk_insert(
            connection, table_of(Person), [r | {"id": i} for r, i in zip(rows, ids, strict=True)]
        )
        uow.commit()
    assert ids == sorted(set(ids)) and len(ids) == 30
    with uow:
        found = {p.id: p for p in uow.session.scalars(select(Person))}
        assert sorted(found) == ids
        for n, pid in enumerate(ids):
            person = found[pid]
            assert (person.name, person.uid, person.last_interaction_at) == (
                f"Person {n}",
                f"uid-{n}",
                dates[n % 3],
            )
            assert person.matching_opt_out is False  # the column's default, filled in
            assert person.created_at == NOW and person.created_at.tzinfo is not None


def test_a_batch_large_enough_for_copy_reads_back_the_same(uow: UnitOfWork) -> None:
    """From COPY_FROM rows PostgreSQL takes them by COPY: the values, NULLs, defaults and
    aware datetimes read back as an INSERT would have left them (SQLite: executemany)."""
    count = COPY_FROM + 50
    dates = [NOW - timedelta(days=3, microseconds=11), None, NOW.astimezone(UTC)]
    with uow:
        connection = uow.session.connection()
        ids = new_ids(connection, table_of(Person), count)
        rows = [
            _person(uow, n, dates[n % 3])
            | {"id": i, "title": "O'Brien \\ tab\there" if n % 2 else None}  # type: ignore[arg-type]
            for n, i in enumerate(ids)
        ]
        bulk_insert(connection, table_of(Person), rows)
        uow.commit()
    with uow:
        found = {p.id: p for p in uow.session.scalars(select(Person))}
        assert sorted(found) == ids
        for n, pid in enumerate(ids):
            person = found[pid]
            assert person.last_interaction_at == dates[n % 3]
            assert person.title == ("O'Brien \\ tab\there" if n % 2 else None)
            assert person.matching_opt_out is False


def test_a_later_batch_continues_after_the_earlier_ids(uow: UnitOfWork) -> None:
    with uow:
        connection = uow.session.connection()
        first = new_ids(connection, table_of(Person), 3)
        bulk_insert(
            connection,
            table_of(Person),
            [_person(uow, n, NOW) | {"id": i} for n, i in enumerate(first)],
        )
        second = new_ids(connection, table_of(Person), 2)
        uow.commit()
    assert min(second) > max(first)


def test_one_row_and_a_naive_datetime_is_refused(uow: UnitOfWork, engine: Engine) -> None:
    with uow:
        connection = uow.session.connection()
        [pid] = new_ids(connection, table_of(Person), 1)
        bulk_insert(connection, table_of(Person), [_person(uow, 1, NOW) | {"id": pid}])
        row = {
            "workspace_id": uow.workspace_id,
            "person_id": pid,
            "kind": "connected",
            "sentiment": "neutral",
            "occurred_at": datetime(2026, 1, 1),  # naive: which zone?
            "created_at": NOW,
        }
        insert = prepared_insert(connection, table_of(Interaction), tuple(row))
        with pytest.raises(ValueError, match="naive datetime"):
            insert.run(connection, [row])


def test_new_objects_are_written_with_their_ids_and_the_columns_defaults(uow: UnitOfWork) -> None:
    with uow:
        connection = uow.session.connection()
        people = [
            Person(
                workspace_id=uow.workspace_id,
                name=f"New {n}",
                uid=f"new-{n}",
                tier="network",
                source="manual",
                created_at=NOW,
                updated_at=NOW,
                reciprocity_balance=n,
            )
            for n in range(3)
        ]
        insert_new(connection, people)
        uow.commit()
    ids = [p.id for p in people]
    assert None not in ids and ids == sorted(set(ids))
    with uow:
        found = {p.id: p for p in uow.session.scalars(select(Person))}
        assert [found[i].name for i in ids] == ["New 0", "New 1", "New 2"]
        assert [found[i].reciprocity_balance for i in ids] == [0, 1, 2]
        assert all(found[i].matching_opt_out is False for i in ids)  # default filled in
        assert found[ids[0]].created_at == NOW
