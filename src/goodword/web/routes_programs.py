"""A business's programs: rules, advocates and links, leads and rewards with reasons, the
review queue, paying out by hand."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import ValidationError
from starlette.responses import Response

from goodword.domain.errors import DomainError, InvalidValue
from goodword.domain.limits import MAX_ID, digits
from goodword.programs.outbox import webhooks
from goodword.programs.outbox.messages import EVENTS
from goodword.programs.use_cases import advocates as program_advocates
from goodword.programs.use_cases import clawbacks as program_clawbacks
from goodword.programs.use_cases import community as program_community
from goodword.programs.use_cases import leads as program_leads
from goodword.programs.use_cases import programs
from goodword.programs.use_cases import rewards as program_rewards
from goodword.programs.use_cases import stats as program_statistics
from goodword.schemas.messages import WebhookCreate
from goodword.schemas.programs import (
    AdvocateCreate,
    ProgramCreate,
    ProgramUpdate,
    ReviewDecision,
    RewardIssue,
    StoryCreate,
)
from goodword.web import charts
from goodword.web.deps import Form, PageDep
from goodword.web.forms import checked, present, text
from goodword.web.validation import invalid

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
FLAGS = ("auto_approve_flagged", "self_signup", "leaderboard")
RULES = (
    "name",
    "kind",
    "description",
    "window_days",
    "eligibility",
    "advocate_reward",
    "friend_reward",
    "milestones",
    "hold_days",
    "cap_per_advocate",
    "tenure_days",
    "burst_per_hour",
)


def _seen_at(page: PageDep) -> str:
    return str(page.request.base_url)


@router.get("/programs")
def programs_page(page: PageDep) -> Response:
    return page.render("programs.html", programs=programs.list_programs(page.uow()))


@router.post("/programs")
def create_program(page: PageDep, form: Form) -> Response:
    try:
        data = ProgramCreate(**present(form, *RULES), **{f: checked(form, f) for f in FLAGS})
        made = programs.create_program(page.uow(), data, page.now)
    except (DomainError, ValidationError) as error:
        return page.failed("/programs", invalid(error))
    return page.done(f"/programs/{made.id}", f"Program created: {made.rewards_in_words}.")


@router.get("/programs/{program_id}")
def program_page(page: PageDep, program_id: Id) -> Response:
    uow = page.uow()
    stats = program_statistics.program_stats(uow, program_id, page.now)
    figures = {
        "per_month": charts.grouped_bars(
            stats.months,
            [
                ("referrals", charts.GREEN, stats.leads_per_month),
                ("conversions", charts.AMBER, stats.conversions_per_month),
            ],
            "Referrals and conversions per month",
        ),
        "per_advocate": charts.horizontal_bars(stats.per_advocate, "Conversions per advocate"),
    }
    return page.render(
        "program.html",
        stats=stats,
        figures=figures,
        p=programs.show_program(uow, program_id),
        advocates=program_advocates.list_advocates(uow, program_id, _seen_at(page)),
        leads=program_leads.list_leads(uow, program_id),
        rewards=program_rewards.list_rewards(uow, program_id),
        board=program_community.leaderboard(uow, program_id),
        stories=program_community.list_stories(uow, program_id),
        base=_seen_at(page).rstrip("/"),
    )


@router.post("/programs/{program_id}")
def edit_program(page: PageDep, program_id: Id, form: Form) -> Response:
    url = f"/programs/{program_id}"
    # An empty field is None: the service keeps a required rule and removes an optional one.
    editable = [key for key in (*RULES, "status") if key in form and key != "kind"]
    changes: dict[str, Any] = {key: text(form, key) for key in editable}
    for flag in FLAGS:
        changes[flag] = checked(form, flag)
    return page.act(
        url,
        lambda: programs.edit_program(page.uow(), program_id, ProgramUpdate(**changes)),
        "Program updated.",
    )


@router.post("/programs/{program_id}/advocates")
def enrol(page: PageDep, program_id: Id, form: Form) -> Response:
    return page.act(
        f"/programs/{program_id}",
        lambda: program_advocates.enrol_advocate(
            page.uow(),
            program_id,
            AdvocateCreate(**present(form, "person", "name", "email", "customer_id")),
            page.now,
            _seen_at(page),
        ),
        "Advocate enrolled — share their link with them.",
    )


@router.post("/programs/{program_id}/conversions/{conversion_id}/reverse")
def reverse(page: PageDep, program_id: Id, conversion_id: Id, form: Form) -> Response:
    return page.act(
        f"/programs/{program_id}",
        lambda: program_clawbacks.reverse_conversion(
            page.uow(),
            program_id,
            conversion_id,
            text(form, "reason") or "",
            page.now,
            page.user.name,
        ),
        "Conversion reversed; its rewards are clawed back.",
    )


@router.post("/rewards/{reward_id}/issue")
def issue(page: PageDep, reward_id: Id, form: Form) -> Response:
    back = (
        f"/programs/{int(form.get('program_id') or 0)}" if form.get("program_id") else "/programs"
    )
    return page.act(
        back,
        lambda: program_rewards.issue_reward(
            page.uow(),
            reward_id,
            RewardIssue(reference=text(form, "reference"), by=page.user.name),
            page.now,
        ),
        "Reward marked paid.",
    )


@router.get("/review")
def review_page(page: PageDep) -> Response:
    return page.render("review.html", items=program_rewards.review_queue(page.uow()))


@router.post("/review/{kind}/{item_id}")
def decide(page: PageDep, kind: str, item_id: Id, form: Form) -> Response:
    approve = text(form, "decision") == "approve"
    return page.act(
        "/review",
        lambda: program_rewards.decide_review(
            page.uow(),
            "lead" if kind == "lead" else "conversion",
            item_id,
            ReviewDecision(approve=approve, by=page.user.name, note=text(form, "note")),
            page.now,
        ),
        "Approved; its rewards continue."
        if approve
        else "Denied; the advocate will see your note.",
    )


@router.get("/outbox")
def outbox_page(page: PageDep) -> Response:
    uow = page.uow()
    return page.render(
        "outbox.html",
        deliveries=webhooks.delivery_log(uow, None, 200),
        endpoints=webhooks.list_webhooks(uow),
        events=EVENTS,
    )


@router.post("/webhooks")
def add_webhook(page: PageDep, form: Form) -> Response:
    try:
        chosen = [e for e in EVENTS if checked(form, f"event:{e}")]
        made = webhooks.add_webhook(
            page.uow(), WebhookCreate(url=text(form, "url") or "", events=chosen), page.now
        )
    except (DomainError, ValidationError) as error:
        return page.failed("/outbox", invalid(error))
    return page.done(
        "/outbox",
        f"Webhook added. Its signing secret, shown only now: {made.secret}",
    )


@router.post("/webhooks/{webhook_id}/remove")
def remove_webhook(page: PageDep, webhook_id: Id, form: Form) -> Response:
    return page.act(
        "/outbox", lambda: webhooks.remove_webhook(page.uow(), webhook_id), "Webhook turned off."
    )


@router.post("/programs/{program_id}/stories")
def add_story(page: PageDep, program_id: Id, form: Form) -> Response:
    if not checked(form, "consented"):
        return page.failed(
            f"/programs/{program_id}", InvalidValue("tick that the advocate agreed, and say how")
        )
    advocate = text(form, "advocate_id")
    return page.act(
        f"/programs/{program_id}",
        lambda: program_community.add_story(
            page.uow(),
            program_id,
            StoryCreate(
                **present(form, "title", "body", "consent"),
                advocate_id=int(advocate) if advocate and digits(advocate) else None,
            ),
            page.now,
        ),
        "Story added — it shows on the program's pages.",
    )
