"""An import that fails half-way leaves the database exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from goodword.interop import linkedin
from goodword.services import import_matching, importing
from goodword.storage.tables import ContactPoint, Interaction, Organization, Person
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

FIXTURES = Path(__file__).parent.parent / "fixtures" / "linkedin"


def counts(uow: UnitOfWork) -> list[int]:
    with uow:
        return [
            uow.session.scalar(select(func.count()).select_from(m)) or 0
            for m in (Person, Organization, ContactPoint, Interaction)
        ]


def test_interrupted_import_writes_nothing(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    importing.import_batch(uow, linkedin.read_export(FIXTURES / "old"), NOW)
    before = counts(uow)

    def interrupted(self: import_matching.Importer) -> None:
        raise KeyboardInterrupt  # Ctrl-C after people and organizations went in

    monkeypatch.setattr(import_matching.Importer, "flush", interrupted)
    with pytest.raises(KeyboardInterrupt):
        importing.import_batch(uow, linkedin.read_export(FIXTURES / "current"), NOW)
    assert counts(uow) == before
