"""``goodword program lead|leads|stage|convert|reverse|rewards|review|decide|issue|deny``:
the pipeline from a referred lead to a reward paid (or clawed back), with the reason for each."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit, table, warn
from goodword.domain.errors import InvalidValue
from goodword.domain.limits import MAX_ID
from goodword.programs.use_cases import clawbacks as program_clawbacks
from goodword.programs.use_cases import conversions as program_conversions
from goodword.programs.use_cases import leads as program_leads
from goodword.programs.use_cases import programs
from goodword.schemas.programs import (
    ConversionCreate,
    ConversionPublic,
    HiringStageChange,
    LeadCreate,
    LeadPublic,
    RewardPublic,
)

ProgramArg = Annotated[
    str, typer.Argument(help="Program name or id (see `goodword program list`).")
]
Opt = typer.Option
By = Annotated[str, Opt("--by", help="Who decided (shown to the advocate).")]


def _program(ctx: typer.Context, program: str) -> tuple[Any, int]:
    uow = deps.uow(ctx)
    return uow, programs.resolve_program(uow, program)


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
    emit(as_json, program_leads.create_lead(uow, program_id, data, deps.clock()), show_lead)


def leads(
    ctx: typer.Context,
    program: ProgramArg,
    status: Annotated[
        str | None, Opt(help="Only this status (new, duplicate, converted, …).")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List a program's leads, each with its status and the reason for it.

    Example: goodword program leads "Friends of Acme" --status duplicate
    """
    p = paging(limit, every, as_json, as_jsonl)
    uow, program_id = _program(ctx, program)
    emit_page(LEADS, program_leads.list_leads(uow, program_id, status), p)


LEADS: Columns[Any] = Columns(
    "Leads",
    ["#", "email", "advocate", "status", "why", "since"],
    lambda x: (x.id, x.email, x.advocate, x.status, x.reason, day(x.created_at)),
)


def stage(
    ctx: typer.Context,
    program: ProgramArg,
    lead_id: Annotated[int, typer.Argument(min=1, max=MAX_ID, help="The candidate's lead id.")],
    to: Annotated[
        str, typer.Argument(help="interviewing or not-hired (hired: `program convert`).")
    ],
    as_json: Json = False,
) -> None:
    """Move a hiring program's candidate along.

    Example: goodword program stage "Engineering referrals" 4 interviewing
    """
    if to not in ("interviewing", "not-hired"):
        raise typer.BadParameter("use interviewing or not-hired (hired is `program convert`)")
    uow, program_id = _program(ctx, program)
    change = HiringStageChange(stage=to)
    emit(
        as_json,
        program_leads.move_candidate(uow, program_id, lead_id, change, deps.clock()),
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
    result, created = program_conversions.record_conversion(
        uow, program_id, data, deps.clock(), idempotency_key
    )
    emit(as_json, result, lambda c: show_conversion(c, created))


def reverse(
    ctx: typer.Context,
    program: ProgramArg,
    conversion_id: Annotated[int, typer.Argument(min=1, max=MAX_ID, help="The conversion's id.")],
    reason: Annotated[str, Opt(help="Why: refund, the hire left, …")],
    as_json: Json = False,
) -> None:
    """Record a refund or a reversed hire: its rewards are clawed back (recovered if paid).

    Example: goodword program reverse "Friends of Acme" 7 --reason "refunded on 2026-12-02"
    """
    uow, program_id = _program(ctx, program)
    result = program_clawbacks.reverse_conversion(
        uow, program_id, conversion_id, reason, deps.clock(), "owner"
    )
    emit(as_json, result, lambda c: show_conversion(c))


COMMANDS: dict[str, Callable[..., None]] = {
    "lead": lead,
    "leads": leads,
    "stage": stage,
    "convert": convert,
    "reverse": reverse,
}
