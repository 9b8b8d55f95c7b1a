"""Referrals: the board by derived stage, a referral's page and its milestone forms."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import ValidationError
from starlette.responses import Response

from goodword.domain.errors import DomainError, InvalidValue
from goodword.domain.limits import MAX_ID
from goodword.domain.milestones import GIVEN_STAGES, RECEIVED_STAGES
from goodword.domain.next_steps import next_step
from goodword.schemas.practice import QualifyingAnswers, ReferralFilter, ReferralGive
from goodword.services import referral_milestones as milestones
from goodword.services import referrals
from goodword.services.referral_lessons import record_lesson
from goodword.services.thank_you_facts import suggested_via
from goodword.web.deps import Form, PageDep
from goodword.web.forms import back_to, checked, present, text
from goodword.web.validation import invalid

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("/referrals")
def board(
    page: PageDep, direction: Annotated[str, Query(pattern="^(received|given)$")] = "received"
) -> Response:
    stages = RECEIVED_STAGES if direction == "received" else GIVEN_STAGES
    found = referrals.list_referrals(page.uow(), ReferralFilter(direction=direction))
    columns = {stage.value: [r for r in found if r.stage == stage.value] for stage in stages}
    return page.render("referrals.html", columns=columns, direction=direction)


@router.post("/referrals/given")
def give(page: PageDep, form: Form) -> Response:
    try:
        data = ReferralGive(
            **present(form, "referred", "to_person", "to_organization", "kind", "description")
        )
        made = referrals.give_referral(page.uow(), data, page.now)
    except (DomainError, ValidationError) as error:
        return page.failed("/referrals?direction=given", invalid(error))
    return page.done(
        f"/referrals/{made.id}", "Referral given — you will be reminded to ask how it went."
    )


@router.get("/referrals/{referral_id}")
def referral_page(page: PageDep, referral_id: Id) -> Response:
    found = referrals.show_referral(page.uow(), referral_id)
    stages = RECEIVED_STAGES if found.direction == "received" else GIVEN_STAGES
    return page.render(
        "referral.html",
        r=found,
        stages=[s.value for s in stages],
        next_step=next_step(
            found.direction, found.stage, found.outcome, tuple(m.kind for m in found.milestones)
        ),
        suggested_via=suggested_via(page.uow(), referral_id),
    )


def _money(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise InvalidValue(f"value: '{value}' is not an amount (e.g. 1200 or 1200.50)") from None


def _steps(
    page: PageDep, referral_id: int, form: dict[str, Any]
) -> dict[str, Callable[[], object]]:
    uow, now, when, note = page.uow(), page.now, text(form, "when"), text(form, "note")
    return {
        "thanked": lambda: milestones.thank_referrer(
            uow, referral_id, text(form, "via") or "email", now, when, note
        ),
        "qualified": lambda: milestones.qualify_referral(
            uow,
            referral_id,
            QualifyingAnswers(
                **present(form, "how_known", "special_situations", "help_relationship", "why_fit")
            ),
            now,
            when,
        ),
        "contacted": lambda: milestones.record_contact(
            uow, referral_id, succeeded=True, now=now, when=when, note=note
        ),
        "contact-failed": lambda: milestones.record_contact(
            uow, referral_id, succeeded=False, now=now, when=when, note=note
        ),
        "outcome": lambda: milestones.record_outcome(
            uow,
            referral_id,
            text(form, "outcome") or "",
            now,
            value=_money(text(form, "value")),
            reason=text(form, "reason"),
            when=when,
        ),
        "referrer-updated": lambda: milestones.record_referrer_updated(
            uow, referral_id, now, when, note
        ),
        "lesson": lambda: record_lesson(
            uow,
            referral_id,
            text(form, "why_fit") or "",
            now,
            impression=text(form, "impression"),
            update_brief=checked(form, "update_brief"),
            when=when,
        ),
    }


@router.post("/referrals/{referral_id}/{milestone}")
def record(page: PageDep, referral_id: Id, milestone: str, form: Form) -> Response:
    url = f"/referrals/{referral_id}"
    steps = _steps(page, referral_id, form)
    if milestone not in steps:
        return page.failed(url, InvalidValue(f"'{milestone}' is not a milestone"))
    try:
        steps[milestone]()
    except (DomainError, ValidationError) as error:
        return page.failed(url, invalid(error))
    return page.done(back_to(form, url), f"Recorded: {milestone.replace('-', ' ')}.")
