"""``goodword program lead|leads|stage|convert|reverse|rewards|review|decide|issue|deny``:
the pipeline from a referred lead to a reward paid (or clawed back), with the reason for each."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import typer

from goodword.cli import deps
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit, table, warn
from goodword.domain.errors import InvalidValue
from goodword.schemas.programmes import (
    ConversionCreate,
    ConversionPublic,
    HiringStageChange,
    LeadCreate,
    LeadPublic,
    ReviewDecision,
    RewardIssue,
    RewardPublic,
)
from goodword.services import (
    programme_clawbacks,
    programme_conversions,
    programme_leads,
    programme_rewards,
    programmes,
)

ProgramArg = Annotated[
    str, typer.Argument(help="Programme name or id (see `goodword program list`).")
]
Opt = typer.Option
By = Annotated[str, Opt("--by", help="Who decided (shown to the advocate).")]


def _program(ctx: typer.Context, program: str) -> tuple[Any, int]:
    uow = deps.uow(ctx)
    return uow, programmes.resolve_program(uow, program)


def show_lead(lead: LeadPublic) -> None:
    (warn if lead.review == "open" or lead.status == "duplicate" else done)(
        f"lead #{lead.id} {lead.email} (via {lead.advocate}) — {lead.reason}"
    )


def lead(
    ctx: typer.Context,
    program: ProgramArg,
    email: Annotated[str, typer.Argument(help="The referred person's email.")],
    code: Annotated[str, Opt(help="The advocate's code.")],
    name: Annotated[str, Opt(help="Their name.")] = "",
    customer_id: Annotated[str | None, Opt(help="Their id in your system.")] = None,
    consent: Annotated[bool, Opt("--consent", help="They agreed to be contacted.")] = False,
    existing_customer: Annotated[
        bool, Opt("--existing-customer", help="Already a customer.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Record a lead an advocate referred (the link's form does this by itself).

    Example: goodword program lead "Friends of Acme" bo@example.com --code ana-7kx29qpmht --consent
    """
    uow, program_id = _program(ctx, program)
    data = LeadCreate(
        email=email,
        name=name,
        code=code,
        customer_id=customer_id,
        consent=consent,
        existing_customer=existing_customer,
    )
    emit(as_json, programme_leads.create_lead(uow, program_id, data, deps.clock()), show_lead)


def leads(
    ctx: typer.Context,
    program: ProgramArg,
    status: Annotated[
        str | None, Opt(help="Only this status (new, duplicate, converted, …).")
    ] = None,
    as_json: Json = False,
) -> None:
    """List a programme's leads, each with its status and the reason for it.

    Example: goodword program leads "Friends of Acme" --status duplicate
    """
    uow, program_id = _program(ctx, program)
    emit(
        as_json,
        programme_leads.list_leads(uow, program_id, status),
        lambda found: table(
            "Leads",
            ["#", "email", "advocate", "status", "why", "since"],
            [(x.id, x.email, x.advocate, x.status, x.reason, day(x.created_at)) for x in found],
        ),
    )


def stage(
    ctx: typer.Context,
    program: ProgramArg,
    lead_id: Annotated[int, typer.Argument(min=1, help="The candidate's lead id.")],
    to: Annotated[
        str, typer.Argument(help="interviewing or not-hired (hired: `program convert`).")
    ],
    as_json: Json = False,
) -> None:
    """Move a hiring programme's candidate along.

    Example: goodword program stage "Engineering referrals" 4 interviewing
    """
    if to not in ("interviewing", "not-hired"):
        raise typer.BadParameter("use interviewing or not-hired (hired is `program convert`)")
    uow, program_id = _program(ctx, program)
    change = HiringStageChange(stage=to)
    emit(
        as_json,
        programme_leads.move_candidate(uow, program_id, lead_id, change, deps.clock()),
        show_lead,
    )


def show_conversion(c: ConversionPublic, created: bool = True) -> None:
    head = f"conversion #{c.id} (order {c.external_id})" + (
        "" if created else " — already recorded, nothing new"
    )
    done(head) if c.review != "open" else warn(head + " — waiting for review")
    show_rewards(c.rewards)


def show_rewards(found: list[RewardPublic]) -> None:
    table(
        "Rewards",
        ["#", "to", "reward", "status", "why", "due"],
        [
            (
                r.id,
                f"{r.advocate}" if r.beneficiary == "advocate" else "the friend",
                r.reward,
                r.status,
                r.reason,
                day(r.due_at),
            )
            for r in found
        ],
        "no rewards",
    )


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise InvalidValue(f"--amount '{text}' is not an amount (e.g. 120 or 120.50)") from None


def convert(
    ctx: typer.Context,
    program: ProgramArg,
    order: Annotated[str, Opt(help="Your order (or hire) id: recorded once.")],
    email: Annotated[str | None, Opt(help="The lead's email.")] = None,
    lead_id: Annotated[int | None, Opt("--lead", min=1, help="The lead's id.")] = None,
    amount: Annotated[str | None, Opt(help="The order's amount.")] = None,
    currency: Annotated[str | None, Opt(help="Its currency code.")] = None,
    customer_id: Annotated[str | None, Opt(help="The buyer's id in your system.")] = None,
    idempotency_key: Annotated[
        str | None, Opt(help="Replaying with the same key changes nothing.")
    ] = None,
    as_json: Json = False,
) -> None:
    """Record a conversion (a purchase, or a hire); it creates the rewards the rules say.

    Example: goodword program convert "Friends of Acme" --email bo@example.com --order A-1001
    --amount 120 --currency USD
    """
    uow, program_id = _program(ctx, program)
    data = ConversionCreate(
        lead_id=lead_id,
        email=email,
        external_id=order,
        amount=_amount(amount),
        currency=currency,
        customer_id=customer_id,
    )
    result, created = programme_conversions.record_conversion(
        uow, program_id, data, deps.clock(), idempotency_key
    )
    emit(as_json, result, lambda c: show_conversion(c, created))


def reverse(
    ctx: typer.Context,
    program: ProgramArg,
    conversion_id: Annotated[int, typer.Argument(min=1, help="The conversion's id.")],
    reason: Annotated[str, Opt(help="Why: refund, the hire left, …")],
    as_json: Json = False,
) -> None:
    """Record a refund or a reversed hire: its rewards are clawed back (recovered if paid).

    Example: goodword program reverse "Friends of Acme" 7 --reason "refunded on 2026-12-02"
    """
    uow, program_id = _program(ctx, program)
    result = programme_clawbacks.reverse_conversion(
        uow, program_id, conversion_id, reason, deps.clock(), "owner"
    )
    emit(as_json, result, lambda c: show_conversion(c))


def rewards(
    ctx: typer.Context,
    program: ProgramArg,
    status: Annotated[
        str | None, Opt(help="pending, approved, issued, denied or clawed-back.")
    ] = None,
    advocate: Annotated[int | None, Opt(min=1, help="Only this advocate's (id).")] = None,
    as_json: Json = False,
) -> None:
    """List rewards with their status and why (what an advocate would ask).

    Example: goodword program rewards "Friends of Acme" --status pending
    """
    uow, program_id = _program(ctx, program)
    emit(as_json, programme_rewards.list_rewards(uow, program_id, status, advocate), show_rewards)


def review(
    ctx: typer.Context,
    program: Annotated[str | None, typer.Argument(help="Only this programme.")] = None,
    as_json: Json = False,
) -> None:
    """The review queue: flagged leads and conversions with their evidence.

    Example: goodword program review
    """
    uow = deps.uow(ctx)
    program_id = programmes.resolve_program(uow, program) if program else None
    emit(
        as_json,
        programme_rewards.review_queue(uow, program_id),
        lambda found: table(
            "Waiting for review",
            ["kind", "#", "who", "advocate", "flags", "signals"],
            [
                (
                    i.kind,
                    i.id,
                    i.who,
                    i.advocate,
                    "; ".join(f.detail for f in i.flags),
                    "; ".join(s.detail for s in i.signals),
                )
                for i in found
            ],
            "nothing waits for review",
        ),
    )


def decide(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="lead or conversion.")],
    item_id: Annotated[int, typer.Argument(min=1, help="Its id (see `goodword program review`).")],
    by: By,
    approve: Annotated[bool, Opt("--approve/--deny", help="Approve, or deny.")] = True,
    note: Annotated[str | None, Opt(help="Why (the advocate sees it when denied).")] = None,
    as_json: Json = False,
) -> None:
    """Decide a flagged lead or conversion; its rewards continue or are denied with the note.

    Example: goodword program decide lead 12 --deny --by Dana --note "same household"
    """
    if kind not in ("lead", "conversion"):
        raise typer.BadParameter("use lead or conversion")
    decision = ReviewDecision(approve=approve, by=by, note=note)
    result = programme_rewards.decide_review(deps.uow(ctx), kind, item_id, decision, deps.clock())
    emit(as_json, result, lambda i: done(f"{i.kind} #{i.id} {'approved' if approve else 'denied'}"))


def issue(
    ctx: typer.Context,
    reward_id: Annotated[int, typer.Argument(min=1, help="An approved reward's id.")],
    ref: Annotated[str | None, Opt("--ref", help="Payment or gift-card reference.")] = None,
    by: Annotated[str, Opt("--by", help="Who paid.")] = "owner",
    as_json: Json = False,
) -> None:
    """Mark an approved reward paid (cash, gift card, donation); never twice.

    Example: goodword program issue 9 --ref "bank transfer 2026-12-01"
    """
    result = programme_rewards.issue_reward(
        deps.uow(ctx), reward_id, RewardIssue(reference=ref, by=by), deps.clock()
    )
    emit(as_json, result, lambda r: done(f"reward #{r.id} issued — {r.reward} to {r.advocate}"))


def deny(
    ctx: typer.Context,
    reward_id: Annotated[int, typer.Argument(min=1, help="A pending or approved reward's id.")],
    reason: Annotated[str, Opt(help="Why (the advocate sees it).")],
    by: By = "owner",
    as_json: Json = False,
) -> None:
    """Deny a reward with a reason the advocate will see.

    Example: goodword program deny 9 --reason "order cancelled" --by Dana
    """
    result = programme_rewards.deny_reward(deps.uow(ctx), reward_id, reason, by, deps.clock())
    emit(as_json, result, lambda r: done(f"reward #{r.id} denied"))


COMMANDS: dict[str, Callable[..., None]] = {
    "lead": lead,
    "leads": leads,
    "stage": stage,
    "convert": convert,
    "reverse": reverse,
    "rewards": rewards,
    "review": review,
    "decide": decide,
    "issue": issue,
    "deny": deny,
}
