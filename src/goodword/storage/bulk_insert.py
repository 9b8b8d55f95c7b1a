"""Many rows into one table at the driver's speed: the few writes that move tens of
thousands of rows (an import of a whole LinkedIn export).

SQLAlchemy writes the INSERT once per column set; the rows then go to the driver's
``executemany`` as plain tuples. What SQLAlchemy would do per value is done per column, and
the values an import repeats (its ``now``, the same few connection dates) are converted once:
through ``Connection.execute`` the same insert spent more time building parameters and
formatting datetimes than the database spent writing (issue 16's profile: 30 % and 21 %).

Ids are handed out before the insert, inside the transaction that holds the write: SQLite
cannot promise the order of a many-row ``RETURNING``, so there they follow the table's
largest id (the writer holds the database lock); PostgreSQL draws them from the column's
sequence, so a second process inserting at the same time never collides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Dialect, Select, Table, func, insert, select, text
from sqlalchemy import inspect as sa_inspect

from goodword.storage.base import UTCDateTime

Convert = Callable[[Any], Any]

COPY_FROM = 100
"""From this many rows, PostgreSQL takes them by ``COPY`` rather than ``executemany``."""


def _memoised(convert: Convert) -> Convert:
    """A converter that remembers: an import's datetimes are a few values many times."""
    seen: dict[Any, Any] = {}

    def once(value: Any) -> Any:
        if value is None:
            return None
        try:
            return seen[value]
        except KeyError:
            seen[value] = converted = convert(value)
            return converted

    return once


def _stored_datetime(column_type: UTCDateTime, dialect: Dialect) -> Convert:
    """An aware datetime as the column stores it (naive UTC, then the dialect's format)."""
    impl = column_type.impl_instance._cached_bind_processor(dialect)

    def to_store(value: datetime | None) -> Any:
        plain = column_type.process_bind_param(value, dialect)
        return impl(plain) if impl and plain is not None else plain

    return to_store


def _same(value: Any) -> Any:
    return value


def _default(table: Table, name: str) -> Callable[[], Any]:
    """A column the rows leave out takes its Python-side default, as SQLAlchemy would."""
    default: Any = table.c[name].default
    if default is None or not (default.is_scalar or default.is_callable):
        raise KeyError(f"bulk insert into {table.name}: no value and no default for {name}")
    if default.is_scalar:
        value = default.arg
        return lambda: value
    make = default.arg
    return lambda: make(None)


@dataclass(frozen=True)
class PreparedInsert:
    """One table's INSERT for one set of columns, written once for a dialect."""

    table: Table
    sql: str
    names: tuple[str, ...]
    """The parameters in the statement's order."""
    named: bool
    """Whether the driver takes a dict per row (psycopg) rather than a tuple (sqlite3)."""
    converts: tuple[Convert, ...]
    datetimes: frozenset[str]
    copy: str | None = None
    """PostgreSQL's ``COPY`` of the same columns, for large batches."""

    def run(self, connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        fill = [(n, _default(self.table, n)) for n in self.names if n not in rows[0]]
        if fill:
            rows = [row | {n: make() for n, make in fill} for row in rows]
        converts = self.converts
        if len(rows) > 1:  # a batch repeats its few datetimes: each is converted once
            converts = tuple(
                _memoised(c) if n in self.datetimes else c
                for n, c in zip(self.names, converts, strict=True)
            )
        if self.copy is not None and len(rows) >= COPY_FROM:
            self._copy(connection, self._tuples(rows, converts))
            return
        values = self._values(rows, converts)
        connection.exec_driver_sql(self.sql, values if len(values) > 1 else values[0])

    def _copy(self, connection: Connection, values: list[tuple[Any, ...]]) -> None:
        """PostgreSQL's ``COPY … FROM STDIN`` on the transaction's own connection: the
        server parses one stream instead of an INSERT per row (several times faster)."""
        assert self.copy is not None
        driver: Any = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(self.copy) as copy:
            for value in values:
                copy.write_row(value)

    def _values(self, rows: Sequence[dict[str, Any]], converts: tuple[Convert, ...]) -> list[Any]:
        """The driver's parameters: values taken in the statement's order by one
        ``itemgetter``, and only the columns that need it converted."""
        if self.named:
            pairs = list(zip(self.names, converts, strict=True))
            return [{n: c(row[n]) for n, c in pairs} for row in rows]
        return self._tuples(rows, converts)

    def _tuples(
        self, rows: Sequence[dict[str, Any]], converts: tuple[Convert, ...]
    ) -> list[tuple[Any, ...]]:
        take = itemgetter(*self.names)
        if len(self.names) == 1:
            return [(converts[0](take(row)),) for row in rows]
        changed = [(i, c) for i, c in enumerate(converts) if c is not _same]
        if not changed:
            return [take(row) for row in rows]
        values: list[tuple[Any, ...]] = []
        for row in rows:
            value = list(take(row))
            for i, convert in changed:
                value[i] = convert(value[i])
            values.append(tuple(value))
        return values


_prepared: dict[tuple[str, str, tuple[str, ...]], PreparedInsert] = {}
_prepared_lock = threading.Lock()


def prepared_insert(
    connection: Connection, table: Table, columns: tuple[str, ...]
) -> PreparedInsert:
    """The INSERT of ``columns`` into ``table`` (and the columns with Python defaults)."""
    dialect = connection.dialect
    key = (dialect.name, table.name, columns)
    found = _prepared.get(key)
    if found is not None:
        return found
    statement = insert(table).compile(dialect=dialect, column_keys=list(columns))
    names = tuple(statement.positiontup or statement.params)
    converts: list[Convert] = []
    datetimes: set[str] = set()
    for name in names:
        column_type = table.c[name].type
        if isinstance(column_type, UTCDateTime):
            converts.append(_stored_datetime(column_type, dialect))
            datetimes.add(name)
        else:
            converts.append(column_type._cached_bind_processor(dialect) or _same)
    quote = dialect.identifier_preparer.quote
    found = PreparedInsert(
        table=table,
        sql=str(statement),
        names=names,
        named=statement.positiontup is None,
        converts=tuple(converts),
        datetimes=frozenset(datetimes),
        copy=(
            f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
            if dialect.name == "postgresql"
            else None
        ),
    )
    with _prepared_lock:
        _prepared[key] = found
    return found


@cache
def _largest_id(table: Table) -> Select[Any]:
    return select(func.max(table.c.id))


def new_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """``count`` ids for rows about to be inserted into ``table``, in order."""
    if count == 0:
        return []
    if connection.dialect.name == "postgresql":
        drawn = connection.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                "FROM generate_series(1, :count)"
            ),
            {"table": table.name, "count": count},
        )
        return sorted(row[0] for row in drawn)
    start = (connection.execute(_largest_id(table)).scalar() or 0) + 1
    return list(range(start, start + count))


def bulk_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in one ``executemany`` (on
    PostgreSQL, from ``COPY_FROM`` rows, one ``COPY``)."""
    if rows:
        prepared_insert(connection, table, tuple(rows[0])).run(connection, rows)


def insert_new(connection: Connection, objects: Sequence[Any], ids: bool = True) -> None:
    """Write new (transient) mapped objects of one class with one INSERT, the ORM's flush
    skipped: for a hot write path whose rows the session need not track afterwards (a
    conversion and its rewards). With ``ids`` each object's id is drawn first and set."""
    if not objects:
        return
    mapper = sa_inspect(type(objects[0]))
    table = cast(Table, mapper.local_table)
    if ids:
        for item, new_id in zip(objects, new_ids(connection, table, len(objects)), strict=True):
            item.id = new_id
    names = [
        attr.key for attr in mapper.column_attrs if any(attr.key in vars(item) for item in objects)
    ]
    bulk_insert(
        connection, table, [{name: getattr(item, name) for name in names} for item in objects]
    )
