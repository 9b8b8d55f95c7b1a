"""Relationship strength is stored and recomputed when a person's data changes; warm
introductions start from it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from goodword.schemas.network import InteractionCreate, PersonCreate
from goodword.schemas.practice import ReferralReceive
from goodword.services import interactions, people, referral_milestones, referrals
from goodword.services.intros import intro_paths
from goodword.services.knows import record_knows
from goodword.services.strength import person_strength
from goodword.storage.tables import Person
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def stored(uow: UnitOfWork, name: str) -> tuple[int, object]:
    with uow:
        person = uow.session.scalars(select(Person).where(Person.name == name)).one()
        return person.strength, person.strength_at


def test_strength_is_recomputed_when_their_data_changes(uow: UnitOfWork) -> None:
    people.add_person(uow, PersonCreate(name="Ana Silva"), NOW)
    assert stored(uow, "Ana Silva") == (0, None)
    earlier = NOW - timedelta(days=3)
    interactions.log_interaction(
        uow,
        InteractionCreate(person="Ana", kind="call", sentiment="positive", when="2026-11-19"),
        earlier,
    )
    after_call, at = stored(uow, "Ana Silva")
    assert after_call == person_strength(uow, "Ana", earlier).score > 0 and at == earlier
    referral = referrals.receive_referral(uow, ReferralReceive(referrer="Ana", prospect="Bo"), NOW)
    referral_milestones.thank_referrer(uow, referral.id, "email", NOW)
    after_thanks, _ = stored(uow, "Ana Silva")
    assert after_thanks == person_strength(uow, "Ana", NOW).score > after_call


def test_introductions_start_from_the_stored_strength(uow: UnitOfWork) -> None:
    people.add_person(uow, PersonCreate(name="Ana Silva"), NOW)
    people.add_person(uow, PersonCreate(name="Dee Park"), NOW)
    interactions.log_interaction(
        uow, InteractionCreate(person="Ana", kind="meeting", sentiment="positive"), NOW
    )
    record_knows(uow, "Ana", "Dee", 0.5, NOW)
    score, _ = stored(uow, "Ana Silva")
    path = intro_paths(uow, "Dee Park", NOW)[0]
    assert path.chain[0].person.name == "Ana Silva"
    assert path.chain[0].strength == round(score / 100, 3)
    later = intro_paths(uow, "Dee Park", NOW + timedelta(days=180))[0]
    assert later.chain[0].strength == round(score / 200, 3)  # faded by one half-life


def test_imported_people_get_the_strength_of_their_connection(uow: UnitOfWork) -> None:
    from pathlib import Path

    from goodword.interop.linkedin import read_export
    from goodword.services.importing import import_batch

    folder = Path(__file__).parent.parent / "fixtures" / "linkedin" / "current"
    import_batch(uow, read_export(folder), NOW)
    with uow:
        scored = uow.session.execute(
            select(Person.name, Person.strength, Person.strength_at, Person.last_interaction_at)
        ).all()
    assert scored and all(at == NOW for _, _, at, _ in scored)
    for name, score, _, _ in scored:
        assert score == person_strength(uow, name, NOW).score, name
    assert any(score > 0 for _, score, _, last in scored if last is not None)
