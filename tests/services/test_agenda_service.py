"""The agenda on a real database: scenarios from the seeds, days in the past, query counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import Engine, event, select

from goodword.domain.errors import InvalidValue
from goodword.domain.ledger import build_ledgers
from goodword.schemas.network import InteractionCreate, PersonCreate
from goodword.schemas.practice import AskCreate, ReferralReceive
from goodword.services import agenda, asks, demo, interactions, ledger, people, referrals
from goodword.services import referral_milestones as ms
from goodword.storage.tables import Person
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def kinds_for(uow: UnitOfWork, person: str | None = None, on_days_ago: int = 0) -> list[str]:
    on = NOW - timedelta(days=on_days_ago) if on_days_ago else None
    result = agenda.today(uow, NOW, on)
    return [
        i.kind for i in result.items if person is None or (i.person and i.person.name == person)
    ]


@pytest.fixture
def net(uow: UnitOfWork) -> UnitOfWork:
    for name in ("Ana Silva", "Bo Chen"):
        people.add_person(uow, PersonCreate(name=name), NOW)
    return uow


def test_referral_thank_then_contact_then_update_then_loop_closed(net: UnitOfWork) -> None:
    rid = referrals.receive_referral(
        net, ReferralReceive(referrer="Ana", prospect="Dee", when="5d"), NOW
    ).id
    thank = next(i for i in agenda.today(net, NOW).items if i.kind == "thank")
    assert thank.overdue_days == 3 and "5 days ago" in thank.reason
    ms.thank_referrer(net, rid, "email", NOW)
    assert "thank" not in kinds_for(net)
    ms.record_contact(net, rid, succeeded=False, now=NOW)
    assert "update-referrer" in kinds_for(net) and "contact" not in kinds_for(net)
    ms.record_referrer_updated(net, rid, NOW)
    assert "update-referrer" not in kinds_for(net)
    ms.record_contact(net, rid, succeeded=True, now=NOW)
    assert "update-referrer" in kinds_for(net)
    ms.record_outcome(net, rid, "lost", NOW)
    ms.record_referrer_updated(net, rid, NOW)
    assert kinds_for(net, "Ana Silva") == []  # the loop closed; one referral does not lean
    second = referrals.receive_referral(
        net, ReferralReceive(referrer="Ana", prospect="Eve", when="2d"), NOW
    ).id
    assert "reciprocate" not in kinds_for(net, "Ana Silva")  # thanks first
    ms.thank_referrer(net, second, "handwritten-note", NOW)
    assert "reciprocate" in kinds_for(net, "Ana Silva")  # two referrals, both thanked


def test_asks_follow_up_once_and_timing_suggestions(net: UnitOfWork) -> None:
    ask = asks.create_ask(net, AskCreate(person="Bo", when="12d", force=True), NOW).ask
    assert kinds_for(net, "Bo Chen") == ["follow-up-ask"]
    asks.follow_up_ask(net, ask.id, NOW)
    assert kinds_for(net, "Bo Chen") == []
    interactions.log_interaction(
        net,
        InteractionCreate(person="Bo", kind="project-completed", sentiment="positive", when="3d"),
        NOW,
    )
    assert "ask" not in kinds_for(net, "Bo Chen")  # asked 12 days ago
    interactions.log_interaction(
        net,
        InteractionCreate(person="Ana", kind="project-completed", sentiment="positive", when="7d"),
        NOW,
    )
    assert "ask" in kinds_for(net, "Ana Silva")
    interactions.log_interaction(
        net, InteractionCreate(person="Ana", kind="call", sentiment="negative", when="1d"), NOW
    )
    assert "ask" not in kinds_for(net, "Ana Silva")


def test_a_past_day_ignores_later_events(net: UnitOfWork) -> None:
    rid = referrals.receive_referral(
        net, ReferralReceive(referrer="Ana", prospect="Dee", when="10d"), NOW
    ).id
    before = agenda.today(net, NOW, NOW - timedelta(days=4)).model_dump()
    ms.thank_referrer(net, rid, "email", NOW, "2d")
    interactions.log_interaction(net, InteractionCreate(person="Bo", kind="call", when="1d"), NOW)
    after = agenda.today(net, NOW, NOW - timedelta(days=4)).model_dump()
    assert after == before
    assert "thank" in [i["kind"] for i in before["items"]]


def test_kind_filter_and_limit(net: UnitOfWork) -> None:
    referrals.receive_referral(net, ReferralReceive(referrer="Ana", prospect="Dee"), NOW)
    result = agenda.today(net, NOW, kinds=["contact"], limit=5)
    assert [i.kind for i in result.items] == ["contact"]
    with pytest.raises(InvalidValue, match="unknown agenda kind 'hug'"):
        agenda.today(net, NOW, kinds=["hug"])


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_query_count_does_not_grow_with_the_network(engine: Engine) -> None:
    counts = []
    for step, size in enumerate((1, 4)):
        ws = demo.build_demo(engine, NOW + timedelta(days=step), force=True, where="test")
        uow = UnitOfWork(engine, ws)
        for copy in range(size - 1):  # grow the open part of the network
            with uow:
                for n in range(40):
                    people.add_person(uow, PersonCreate(name=f"Extra {copy}-{n}"), NOW)
                    referrals.receive_referral(
                        uow,
                        ReferralReceive(referrer=f"Extra {copy}-{n}", prospect="X", when="3d"),
                        NOW,
                    )
                uow.commit()
        with counting(engine) as statements:
            result = agenda.today(uow, NOW + timedelta(days=step))
        counts.append(len(statements))
        assert result.items
    assert counts[0] == counts[1]


def test_stored_balances_agree_with_the_ledger(engine: Engine) -> None:
    ws = demo.build_demo(engine, NOW, force=False, where="test")
    uow = UnitOfWork(engine, ws)
    with uow:
        stored = {
            row[0]: row[1]
            for row in uow.session.execute(select(Person.id, Person.reciprocity_balance))
        }
        computed = {lg.person_id: lg.balance for lg in build_ledgers(ledger.ledger_events(uow))}
    assert {pid: b for pid, b in stored.items() if b} == {p: b for p, b in computed.items() if b}


def test_demo_agenda_holds_every_kind(engine: Engine) -> None:
    ws = demo.build_demo(engine, NOW, force=False, where="test")
    found = {i.kind for i in agenda.today(UnitOfWork(engine, ws), NOW).items}
    assert found == {
        "thank",
        "qualify",
        "contact",
        "update-referrer",
        "ask-why-fit",
        "follow-up-ask",
        "close-ask",
        "acknowledge-decline",
        "ask",
        "reciprocate",
        "keep-in-touch",
        "approve-reference",
        "ask-confidential",
        "recommend",
    }
