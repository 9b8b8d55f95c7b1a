"""A link's landing is kept for a few seconds: an edit here shows at once, a change made by
another server process within ``LANDING_SECONDS``; every visit is recorded either way."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, func, select, update

from goodword.programs.store.kept_landings import LANDING_SECONDS
from goodword.programs.use_cases.advocates import enrol_advocate
from goodword.programs.use_cases.programs import create_program, edit_program
from goodword.programs.use_cases.visits import record_visit
from goodword.schemas.network import PersonCreate
from goodword.schemas.programs import AdvocateCreate, ProgramCreate, ProgramUpdate
from goodword.services import people
from goodword.storage.tables import Program, Visit
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def _link(uow: UnitOfWork) -> tuple[int, str]:
    people.add_person(uow, PersonCreate(name="Ana Lee"), NOW)
    program = create_program(uow, ProgramCreate(name="Friends", advocate_reward="cash:5:EUR"), NOW)
    return program.id, enrol_advocate(uow, program.id, AdvocateCreate(person="Ana"), NOW).code


def _visits(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Visit)).scalar_one())


def test_another_process_change_shows_after_the_kept_seconds(
    uow: UnitOfWork, engine: Engine
) -> None:
    program, code = _link(uow)
    assert record_visit(engine, code, "10.0.0.1", "d1", NOW).active
    with engine.begin() as connection:  # the other server process pauses the program
        connection.execute(update(Program).where(Program.id == program).values(status="paused"))
    soon = NOW + timedelta(seconds=LANDING_SECONDS - 1)
    assert record_visit(engine, code, "10.0.0.1", "d1", soon).active, "kept"
    later = NOW + timedelta(seconds=LANDING_SECONDS)
    assert not record_visit(engine, code, "10.0.0.1", "d1", later).active, "read afresh"
    assert _visits(engine) == 3


def test_an_edit_in_this_process_shows_at_once(uow: UnitOfWork, engine: Engine) -> None:
    program, code = _link(uow)
    assert record_visit(engine, code, None, None, NOW).program == "Friends"
    edit_program(uow, program, ProgramUpdate(name="Neighbours"))
    assert record_visit(engine, code, None, None, NOW).program == "Neighbours"


def test_a_visit_stores_its_moment_as_every_other_write_does(
    uow: UnitOfWork, engine: Engine
) -> None:
    _, code = _link(uow)
    at = NOW + timedelta(hours=3, microseconds=250)
    record_visit(engine, code, "192.0.2.7", "device-1", at)
    with UnitOfWork(engine, uow.workspace_id) as work:
        visit = work.session.scalars(select(Visit)).one()
        assert (visit.at, visit.ip, visit.device_id) == (at, "192.0.2.7", "device-1")
