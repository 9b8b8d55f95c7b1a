from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.domain.errors import RuleViolation
from goodword.domain.milestones import (
    Milestone,
    MilestoneKind,
    Stage,
    check_milestone,
    check_sequence,
    derive_stage,
)
from goodword.domain.vocabulary import Direction, Outcome

T0 = datetime(2026, 1, 1, 12, tzinfo=UTC)
NOW = T0 + timedelta(days=400)
R = Direction.RECEIVED
K = MilestoneKind


def at(days: int) -> datetime:
    return T0 + timedelta(days=days)


def m(kind: MilestoneKind, days: int, outcome: Outcome | None = None) -> Milestone:
    return Milestone(kind, at(days), outcome)


def test_full_life_is_accepted_and_ends_loop_closed() -> None:
    life = [
        m(K.THANKED, 1),
        m(K.QUALIFIED, 2),
        m(K.CONTACT_FAILED, 3),
        m(K.CONTACTED, 5),
        m(K.REFERRER_UPDATED, 5),
        m(K.OUTCOME, 20, Outcome.WON),
        m(K.REFERRER_UPDATED, 21),
        m(K.THANKED, 22),
    ]
    check_sequence(R, T0, life, NOW)
    assert derive_stage(R, life) is Stage.LOOP_CLOSED


def test_outcome_before_any_contact_is_refused_with_reason() -> None:
    with pytest.raises(RuleViolation, match="needs a contact attempt"):
        check_milestone(R, T0, [m(K.THANKED, 1)], m(K.OUTCOME, 2, Outcome.WON), NOW)


def test_not_a_fit_may_be_judged_before_contact() -> None:
    check_milestone(R, T0, [m(K.QUALIFIED, 1)], m(K.OUTCOME, 2, Outcome.NOT_A_FIT), NOW)


def test_outcome_dated_before_first_contact_is_refused() -> None:
    with pytest.raises(RuleViolation, match="before the first contact attempt"):
        check_milestone(R, T0, [m(K.CONTACTED, 10)], m(K.OUTCOME, 5, Outcome.LOST), NOW)


def test_second_outcome_is_refused() -> None:
    history = [m(K.CONTACTED, 1), m(K.OUTCOME, 2, Outcome.WON)]
    with pytest.raises(RuleViolation, match="already recorded"):
        check_milestone(R, T0, history, m(K.OUTCOME, 3, Outcome.LOST), NOW)


def test_milestone_before_the_referral_or_in_the_future_is_refused() -> None:
    with pytest.raises(RuleViolation, match="before the referral"):
        check_milestone(R, T0, [], m(K.THANKED, -1), NOW)
    with pytest.raises(RuleViolation, match="in the future"):
        check_milestone(R, T0, [], Milestone(K.THANKED, NOW + timedelta(hours=1)), NOW)


def test_referrer_update_needs_news() -> None:
    with pytest.raises(RuleViolation, match="nothing to tell the referrer"):
        check_milestone(R, T0, [m(K.THANKED, 1)], m(K.REFERRER_UPDATED, 2), NOW)


def test_contact_after_outcome_or_after_success_is_refused() -> None:
    with pytest.raises(RuleViolation, match="already made"):
        check_milestone(R, T0, [m(K.CONTACTED, 1)], m(K.CONTACT_FAILED, 2), NOW)


def test_given_referral_records_only_its_outcome() -> None:
    with pytest.raises(RuleViolation, match="only its outcome"):
        check_milestone(Direction.GIVEN, T0, [], m(K.THANKED, 1), NOW)
    check_milestone(Direction.GIVEN, T0, [], m(K.OUTCOME, 1, Outcome.WON), NOW)
    assert derive_stage(Direction.GIVEN, [m(K.OUTCOME, 1, Outcome.WON)]) is Stage.OUTCOME
    assert derive_stage(Direction.GIVEN, []) is Stage.MADE


@pytest.mark.parametrize(
    ("history", "stage"),
    [
        ([], Stage.RECEIVED),
        ([m(K.THANKED, 1)], Stage.THANKED),
        ([m(K.THANKED, 1), m(K.QUALIFIED, 2)], Stage.QUALIFIED),
        ([m(K.CONTACT_FAILED, 2)], Stage.CONTACTED),
        ([m(K.CONTACTED, 2), m(K.OUTCOME, 3, Outcome.LOST)], Stage.OUTCOME),
        (
            [m(K.CONTACTED, 2), m(K.REFERRER_UPDATED, 2), m(K.OUTCOME, 3, Outcome.LOST)],
            Stage.OUTCOME,
        ),
    ],
)
def test_stage_is_derived_from_milestones(history: list[Milestone], stage: Stage) -> None:
    assert derive_stage(R, history) is stage


# --- laws ---------------------------------------------------------------------------------

contact_kinds = st.sampled_from([K.CONTACTED, K.CONTACT_FAILED])
ordinary_outcomes = st.sampled_from([Outcome.WON, Outcome.LOST, Outcome.NO_RESPONSE])


@st.composite
def valid_lives(draw: st.DrawFn) -> list[Milestone]:
    """Lives built in a legal order: thanks/qualify, failed attempts, maybe a contact, maybe
    an outcome, referrer updates after news — days never go backwards."""
    day = draw(st.integers(0, 5))
    life: list[Milestone] = []
    for kind in draw(st.lists(st.sampled_from([K.THANKED, K.QUALIFIED]), max_size=3)):
        life.append(m(kind, day))
        day += draw(st.integers(0, 3))
    for _ in range(draw(st.integers(0, 2))):
        life.append(m(K.CONTACT_FAILED, day))
        day += draw(st.integers(0, 3))
    if draw(st.booleans()):
        life.append(m(K.CONTACTED, day))
        day += draw(st.integers(0, 3))
    if any(x.kind in (K.CONTACTED, K.CONTACT_FAILED) for x in life):
        if draw(st.booleans()):
            life.append(m(K.REFERRER_UPDATED, day))
        if draw(st.booleans()):
            day += draw(st.integers(0, 30))
            life.append(m(K.OUTCOME, day, draw(ordinary_outcomes)))
            if draw(st.booleans()):
                life.append(m(K.REFERRER_UPDATED, day + draw(st.integers(0, 5))))
    return life


@given(valid_lives())
def test_every_legally_ordered_life_is_accepted(life: list[Milestone]) -> None:
    check_sequence(R, T0, life, NOW)


@given(valid_lives(), ordinary_outcomes, st.integers(1, 50))
def test_an_outcome_dated_before_every_contact_attempt_is_always_refused(
    life: list[Milestone], outcome: Outcome, gap: int
) -> None:
    attempts = [x for x in life if x.kind in (K.CONTACTED, K.CONTACT_FAILED)]
    without_outcome = [
        x for x in life if x.kind is not K.OUTCOME and x.kind is not K.REFERRER_UPDATED
    ]
    first_attempt_day = (min(x.at for x in attempts) - T0).days if attempts else 10**6
    early = Milestone(K.OUTCOME, T0 + timedelta(days=max(0, first_attempt_day - gap)), outcome)
    if attempts and early.at >= min(x.at for x in attempts):
        return  # the gap could not put it before the first attempt (attempt on day 0)
    with pytest.raises(RuleViolation):
        check_milestone(R, T0, without_outcome, early, NOW)


@given(valid_lives(), st.integers(1, 400))
def test_any_milestone_dated_before_the_referral_is_refused(
    life: list[Milestone], days_before: int
) -> None:
    for kind in K:
        early = Milestone(kind, T0 - timedelta(days=days_before), Outcome.WON)
        with pytest.raises(RuleViolation):
            check_milestone(R, T0, life, early, NOW)


@given(valid_lives())
def test_stage_never_goes_backwards_as_milestones_are_added(life: list[Milestone]) -> None:
    order = list(Stage)
    stages = [derive_stage(R, life[:i]) for i in range(len(life) + 1)]
    ranks = [order.index(s) for s in stages]
    assert ranks == sorted(ranks)
