"""Seed 003's ugly sweater: a referral that was not a fit still teaches something.

The referrer is asked what made them think it fitted and what the user says or does that
gave that impression; the answer is kept with the referral, and the brief is offered an
edit from what did not fit — so the next referral is a better one.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.milestones import Milestone, MilestoneKind
from goodword.domain.vocabulary import Direction, Outcome
from goodword.schemas.practice import ReferralPublic
from goodword.services.draft_words import clause, names_in
from goodword.services.lookup import get_owned
from goodword.services.referral_milestones import record_milestone
from goodword.services.referrals import to_public
from goodword.services.time_zones import moment
from goodword.services.timeline import referred_label
from goodword.storage.tables import Brief, Referral
from goodword.storage.unit_of_work import UnitOfWork

#: The brief's not-a-fit line grows from lessons, but stays something a person reads.
MAX_NOT_A_FIT = 2000


class LessonPublic(BaseModel):
    referral: ReferralPublic
    not_a_fit_now: str | None
    """The brief's not-a-fit line before this lesson."""
    suggested_not_a_fit: str | None
    """The line with what did not fit this time added (None: nothing to add)."""
    brief_updated: bool


def suggested_not_a_fit(
    current: str | None, reason: str | None, names: frozenset[str] = frozenset()
) -> str | None:
    """``current`` with ``reason`` added, unless it already says so (or would grow too long).
    A name opening the reason keeps its capital ("…; Initech needs a full-time hire")."""
    if not reason or not reason.strip():
        return None
    reason = reason.strip().rstrip(".")
    if current and reason.lower() in current.lower():
        return None
    joined = f"{current.strip().rstrip('.')}; {clause(reason, names)}" if current else reason
    return joined if len(joined) <= MAX_NOT_A_FIT else None


def record_lesson(
    uow: UnitOfWork,
    referral_id: int,
    why_fit: str,
    now: datetime,
    *,
    impression: str | None = None,
    update_brief: bool = False,
    when: str | None = None,
) -> LessonPublic:
    """Keep the referrer's answer; with ``update_brief``, add what did not fit to the brief
    in the same unit of work."""
    with uow:
        if not why_fit.strip():
            raise InvalidValue("--why-fit: say what made the referrer think it was a fit")
        referral = get_owned(uow, Referral, referral_id, "referral")
        if referral.direction != Direction.RECEIVED.value:
            raise RuleViolation(f"referral #{referral_id} is one you gave; the lesson is theirs")
        at = moment(uow, when, now)
        record_milestone(uow, referral, Milestone(MilestoneKind.WHY_FIT, at), now, impression)
        referral.qualify_why_fit = why_fit.strip()
        brief = uow.session.get(Brief, uow.workspace_id)
        current = brief.not_a_fit if brief else None
        suggestion = (
            suggested_not_a_fit(
                current,
                referral.outcome_reason,
                names_in(uow, [referral.outcome_reason], [referred_label(referral)]),
            )
            if referral.outcome == Outcome.NOT_A_FIT.value
            else None
        )
        if update_brief and suggestion is None:
            raise RuleViolation(
                "nothing to add to the brief: the referral was not recorded as not-a-fit "
                "with a reason, or the brief already says it"
            )
        if update_brief and suggestion is not None:
            if brief is None:
                brief = Brief(workspace_id=uow.workspace_id, updated_at=now)
                uow.session.add(brief)
            brief.not_a_fit, brief.updated_at = suggestion, now
        result = LessonPublic(
            referral=to_public(uow, referral),
            not_a_fit_now=current,
            suggested_not_a_fit=suggestion,
            brief_updated=update_brief,
        )
        uow.commit()
        return result
