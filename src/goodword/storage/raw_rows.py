"""Plain tuples straight from the database driver, for the few reads that move a million
rows (the introduction graph): SQLAlchemy still writes the SQL, but rows skip its Row
objects, which cost more than the query itself at that size."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from goodword.storage.unit_of_work import UnitOfWork


def raw_rows(uow: UnitOfWork, statement: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    connection = uow.session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    params: Any = compiled.params
    if compiled.positiontup is not None:  # qmark / format styles want a sequence
        params = tuple(compiled.params[name] for name in compiled.positiontup)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()
