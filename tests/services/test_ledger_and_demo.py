from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from goodword.domain.errors import Conflict
from goodword.schemas.network import PersonCreate, PersonFilter
from goodword.schemas.practice import RecommendationCreate, ReferralGive, ReferralReceive
from goodword.services import demo, ledger, people, recommendations, referrals, summary
from goodword.services import referral_milestones as ms
from goodword.services.people_listing import list_people
from goodword.storage.tables import Ask, Interaction, Person, Workspace
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def test_ledger_counts_both_ways_most_unbalanced_first(uow: UnitOfWork) -> None:
    for name in ("Ana", "Bo", "Cy"):
        people.add_person(uow, PersonCreate(name=name), NOW)
    for _ in range(2):
        rid = referrals.receive_referral(uow, ReferralReceive(referrer="Ana", prospect="X"), NOW).id
        ms.thank_referrer(uow, rid, "email", NOW)
    referrals.receive_referral(
        uow, ReferralReceive(referrer="Bo", prospect="Y", kind="introduction"), NOW
    )
    referrals.give_referral(uow, ReferralGive(referred="Cy", to_person="Bo"), NOW)
    recommendations.add_recommendation(uow, RecommendationCreate(person="Cy", text="draft"), NOW)
    rows = ledger.balance(uow)
    by_name = {r.person.name: r for r in rows}
    assert by_name["Ana"].they_gave == {"referral": 2}
    assert by_name["Ana"].you_gave == {"gratitude": 2}
    assert by_name["Ana"].balance == 2 * 3 - 2 * 1
    assert by_name["Bo"].balance == 2 - 3  # introduction in, referral sent to them
    assert by_name["Cy"].you_gave == {"referral": 1}  # the draft recommendation is not given
    assert [abs(r.balance) for r in rows] == sorted((abs(r.balance) for r in rows), reverse=True)
    assert rows[0].person.name == "Ana" and "return the favour" in rows[0].verdict
    assert ledger.balance(uow, "Bo")[0].balance == -1


def strip_ids(data: object) -> object:
    if isinstance(data, dict):
        return {k: strip_ids(v) for k, v in data.items() if k not in ("id", "referral_id")}
    if isinstance(data, list):
        return [strip_ids(v) for v in data]
    return data


def test_demo_is_deterministic_and_complete(engine: Engine) -> None:
    def snapshot() -> tuple[object, ...]:
        ws = demo.build_demo(engine, NOW, force=False, where="test")
        s = summary.summarize(UnitOfWork(engine, ws))
        listed = list_people(UnitOfWork(engine, ws), PersonFilter())
        # Ids depend on the engine's sequences (PostgreSQL never reuses them); content must not.
        return strip_ids(s.model_dump(mode="json")), strip_ids(
            [p.model_dump(mode="json") for p in listed]
        )

    first = snapshot()
    assert snapshot() == first  # rebuilding the demo gives the same network
    ws = demo.build_demo(engine, NOW, force=False, where="test")
    s = summary.summarize(UnitOfWork(engine, ws))
    assert s.people >= 40 and s.organizations >= 10 and s.interactions >= 250
    assert all(count > 0 for count in s.received_by_stage.values())
    assert all(count > 0 for count in s.given_by_stage.values())
    assert s.open_asks and s.reciprocity_leaders
    with UnitOfWork(engine, ws) as uow:
        statuses = set(uow.session.scalars(select(func.distinct(Ask.status))))
        assert statuses == {"pending", "accepted", "declined", "no-response"}
        latest = uow.session.scalar(select(func.max(Interaction.occurred_at)))
        assert latest is not None and latest <= NOW
    shifted = demo.build_demo(engine, NOW + timedelta(days=30), force=False, where="test")
    with UnitOfWork(engine, shifted) as uow:
        assert uow.session.scalar(select(func.max(Interaction.occurred_at))) > NOW


def test_demo_refuses_a_database_with_the_users_own_data(uow: UnitOfWork, engine: Engine) -> None:
    people.add_person(uow, PersonCreate(name="My real contact"), NOW)
    with pytest.raises(Conflict, match="holds your own data"):
        demo.build_demo(engine, NOW, force=False, where="mydb")
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(Person)) == 1
    ws = demo.build_demo(engine, NOW, force=True, where="mydb")
    with UnitOfWork(engine, ws) as fresh:
        assert (
            fresh.session.scalar(select(Person.id).where(Person.name == "My real contact")) is None
        )
        assert fresh.session.get(Workspace, ws).is_demo  # type: ignore[union-attr]


def test_a_failed_unit_of_work_leaves_nothing(uow: UnitOfWork) -> None:
    """Nested use cases share one transaction: an error rolls back the earlier writes too."""
    with pytest.raises(RuntimeError), uow:
        people.add_person(uow, PersonCreate(name="Ana"), NOW)
        people.add_person(uow, PersonCreate(name="Bo"), NOW)
        raise RuntimeError("boom")
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(Person)) == 0
