"""One unit of work per use case: everything it writes commits together or not at all."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """A workspace-scoped transaction. Re-entrant: a use case that calls another use case
    (the demo builder, an importer) shares the outer transaction, and only the outermost
    ``commit`` commits."""

    def __init__(self, engine: Engine, workspace_id: int) -> None:
        self.engine = engine
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self.workspace_id = workspace_id
        self._depth = 0
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        if self._depth == 0:
            self._session = self._factory()
        self._depth += 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._depth -= 1
        if self._depth == 0 and self._session is not None:
            self._session.rollback()
            self._session.close()
            self._session = None

    def commit(self) -> None:
        if self._depth == 1:
            self.session.commit()
        else:
            self.session.flush()
