"""The life of a referral as milestones, the order rules between them, and the derived stage.

A received referral moves: received → thanked → qualified → contacted (or contact failed)
→ outcome → referrer updated (the loop closed). Thanks and referrer updates may repeat; the
outcome is recorded once. A given referral records only its outcome. The stage shown on a
board is *derived* from the milestones, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from goodword.domain.errors import RuleViolation
from goodword.domain.vocabulary import Direction, Outcome


class MilestoneKind(StrEnum):
    THANKED = "thanked"
    QUALIFIED = "qualified"
    CONTACTED = "contacted"
    CONTACT_FAILED = "contact-failed"
    OUTCOME = "outcome"
    REFERRER_UPDATED = "referrer-updated"
    WHY_FIT = "why-fit"
    """The referrer said what made them think it fitted (seed 003's lesson, most of all
    from a referral that was not a fit); its note: what you say or do that gave that
    impression."""


class Stage(StrEnum):
    RECEIVED = "received"
    THANKED = "thanked"
    QUALIFIED = "qualified"
    CONTACTED = "contacted"
    MADE = "made"
    OUTCOME = "outcome"
    LOOP_CLOSED = "loop-closed"


RECEIVED_STAGES = (
    Stage.RECEIVED,
    Stage.THANKED,
    Stage.QUALIFIED,
    Stage.CONTACTED,
    Stage.OUTCOME,
    Stage.LOOP_CLOSED,
)
GIVEN_STAGES = (Stage.MADE, Stage.OUTCOME)
CONTACT_ATTEMPTS = (MilestoneKind.CONTACTED, MilestoneKind.CONTACT_FAILED)


@dataclass(frozen=True)
class Milestone:
    kind: MilestoneKind
    at: datetime
    outcome: Outcome | None = None


def _day(at: datetime) -> str:
    return at.date().isoformat()


def _first(history: Sequence[Milestone], *kinds: MilestoneKind) -> Milestone | None:
    matches = [m for m in history if m.kind in kinds]
    return min(matches, key=lambda m: m.at) if matches else None


def _last(history: Sequence[Milestone], *kinds: MilestoneKind) -> Milestone | None:
    matches = [m for m in history if m.kind in kinds]
    return max(matches, key=lambda m: m.at) if matches else None


def check_milestone(
    direction: Direction,
    referred_at: datetime,
    history: Sequence[Milestone],
    new: Milestone,
    now: datetime,
) -> None:
    """Refuse ``new`` with a reason if it makes no sense after ``history``; else return."""
    label = new.kind.value
    if new.at > now:
        raise RuleViolation(f"{label} on {_day(new.at)} is in the future (today is {_day(now)})")
    if new.at < referred_at:
        raise RuleViolation(
            f"{label} on {_day(new.at)} is before the referral itself ({_day(referred_at)})"
        )
    if new.kind is MilestoneKind.OUTCOME and new.outcome is None:
        raise RuleViolation("an outcome milestone needs an outcome value")
    outcome = _first(history, MilestoneKind.OUTCOME)
    if direction is Direction.GIVEN:
        if new.kind is not MilestoneKind.OUTCOME:
            raise RuleViolation(
                f"a given referral records only its outcome, not '{label}' "
                "(the thanks, contact and loop belong to the person you referred to)"
            )
        if outcome is not None:
            raise RuleViolation(_outcome_recorded(outcome))
        return
    if new.kind in CONTACT_ATTEMPTS:
        _check_contact(history, new, outcome)
    elif new.kind is MilestoneKind.OUTCOME:
        _check_outcome(history, new, outcome)
    elif new.kind is MilestoneKind.REFERRER_UPDATED:
        news = [m for m in history if m.kind in (*CONTACT_ATTEMPTS, MilestoneKind.OUTCOME)]
        if not any(m.at <= new.at for m in news):
            raise RuleViolation(
                "nothing to tell the referrer yet on "
                f"{_day(new.at)}: record a contact attempt or an outcome first"
            )


def _outcome_recorded(outcome: Milestone) -> str:
    value = outcome.outcome.value if outcome.outcome else "?"
    return f"the outcome is already recorded ({value} on {_day(outcome.at)})"


def _check_contact(history: Sequence[Milestone], new: Milestone, outcome: Milestone | None) -> None:
    if outcome is not None:
        raise RuleViolation(f"cannot record {new.kind.value}: {_outcome_recorded(outcome)}")
    contacted = _first(history, MilestoneKind.CONTACTED)
    if contacted is not None:
        raise RuleViolation(f"contact was already made on {_day(contacted.at)}")
    last_attempt = _last(history, *CONTACT_ATTEMPTS)
    if last_attempt is not None and new.at < last_attempt.at:
        raise RuleViolation(
            f"{new.kind.value} on {_day(new.at)} is before the previous contact attempt "
            f"({_day(last_attempt.at)})"
        )


def _check_outcome(history: Sequence[Milestone], new: Milestone, outcome: Milestone | None) -> None:
    if outcome is not None:
        raise RuleViolation(_outcome_recorded(outcome))
    first_attempt = _first(history, *CONTACT_ATTEMPTS)
    if new.outcome is Outcome.NOT_A_FIT and first_attempt is None:
        # Seed 003's "ugly sweater": a referral can be judged not a fit while qualifying it,
        # before anyone is contacted.
        return
    if first_attempt is None:
        raise RuleViolation(
            "an outcome needs a contact attempt first: record 'contacted' or 'contact-failed' "
            "(or 'not-a-fit' with the reason)"
        )
    if new.at < first_attempt.at:
        raise RuleViolation(
            f"outcome on {_day(new.at)} is before the first contact attempt "
            f"({_day(first_attempt.at)})"
        )


def check_sequence(
    direction: Direction, referred_at: datetime, milestones: Sequence[Milestone], now: datetime
) -> None:
    """Check milestones as if recorded one after another in the given order."""
    for index, milestone in enumerate(milestones):
        check_milestone(direction, referred_at, milestones[:index], milestone, now)


def _sequence(history: Sequence[Milestone]) -> list[Milestone]:
    """Milestones in the order they happened; ties keep the order they were recorded in."""
    return sorted(history, key=lambda m: m.at)


def updated_after(history: Sequence[Milestone], news: Milestone) -> bool:
    """Whether the referrer heard about ``news``: an update later in the sequence."""
    ordered = _sequence(history)
    position = max(i for i, m in enumerate(ordered) if m is news)
    return any(m.kind is MilestoneKind.REFERRER_UPDATED for m in ordered[position + 1 :])


def derive_stage(direction: Direction, history: Sequence[Milestone]) -> Stage:
    """The furthest point the referral has reached, for boards and summaries."""
    outcome = _first(history, MilestoneKind.OUTCOME)
    if direction is Direction.GIVEN:
        return Stage.OUTCOME if outcome else Stage.MADE
    if outcome is not None:
        return Stage.LOOP_CLOSED if updated_after(history, outcome) else Stage.OUTCOME
    if _first(history, *CONTACT_ATTEMPTS):
        return Stage.CONTACTED
    if _first(history, MilestoneKind.QUALIFIED):
        return Stage.QUALIFIED
    if _first(history, MilestoneKind.THANKED):
        return Stage.THANKED
    return Stage.RECEIVED


def settled_at(direction: Direction, history: Sequence[Milestone]) -> datetime | None:
    """When a received referral stopped owing anything, or None while something is owed.

    Owed until: the referrer was thanked, an outcome is known and the referrer heard it
    afterwards (the loop closed), and — when it was won — thanked again after the win
    (seed 003: a note or a gift when the referral became valuable); when it was not a fit,
    the referrer said what made them think it fitted (seed 003's ugly sweater). Once
    settled a referral stays settled, so "settled as of D" is exactly ``settled_at <= D``.
    """
    if direction is Direction.GIVEN:
        return None
    thanked = _first(history, MilestoneKind.THANKED)
    outcome = _first(history, MilestoneKind.OUTCOME)
    if thanked is None or outcome is None:
        return None
    ordered = _sequence(history)
    after = ordered[max(i for i, m in enumerate(ordered) if m is outcome) + 1 :]
    update = min((m.at for m in after if m.kind is MilestoneKind.REFERRER_UPDATED), default=None)
    if update is None:
        return None
    moments = [thanked.at, update]
    if outcome.outcome is Outcome.NOT_A_FIT:
        # The ugly sweater's lesson: owed until the referrer said why it seemed to fit.
        lesson = _first(history, MilestoneKind.WHY_FIT)
        if lesson is None:
            return None
        moments.append(lesson.at)
    if outcome.outcome is Outcome.WON:
        celebration = min((m.at for m in after if m.kind is MilestoneKind.THANKED), default=None)
        if celebration is None:
            return None
        moments.append(celebration)
    return max(moments)
