from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.ledger import POINTS, LedgerEvent, LedgerItem, build_ledgers

T0 = datetime(2026, 1, 1, tzinfo=UTC)

events = st.lists(
    st.builds(
        LedgerEvent,
        person_id=st.integers(1, 6),
        item=st.sampled_from(list(LedgerItem)),
        to_user=st.booleans(),
        at=st.integers(0, 500).map(lambda d: T0 + timedelta(days=d)),
    ),
    max_size=60,
)


@given(events)
def test_balance_is_the_sum_of_its_events(evs: list[LedgerEvent]) -> None:
    for ledger in build_ledgers(evs):
        mine = [e for e in evs if e.person_id == ledger.person_id]
        expected = sum(POINTS[e.item] * (1 if e.to_user else -1) for e in mine)
        assert ledger.balance == expected
        assert sum(ledger.received.values()) == sum(1 for e in mine if e.to_user)
        assert sum(ledger.given.values()) == sum(1 for e in mine if not e.to_user)


@given(events)
def test_most_unbalanced_first(evs: list[LedgerEvent]) -> None:
    magnitudes = [abs(ledger.balance) for ledger in build_ledgers(evs)]
    assert magnitudes == sorted(magnitudes, reverse=True)


@given(events)
def test_every_person_with_events_has_exactly_one_ledger(evs: list[LedgerEvent]) -> None:
    people = [ledger.person_id for ledger in build_ledgers(evs)]
    assert sorted(people) == sorted({e.person_id for e in evs})


def test_referral_outweighs_a_thank_you() -> None:
    ledgers = build_ledgers(
        [
            LedgerEvent(1, LedgerItem.REFERRAL, True, T0),
            LedgerEvent(1, LedgerItem.GRATITUDE, False, T0),
        ]
    )
    assert ledgers[0].balance == POINTS[LedgerItem.REFERRAL] - POINTS[LedgerItem.GRATITUDE] > 0
