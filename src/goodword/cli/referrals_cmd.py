"""``goodword referrals …``: receive and give referrals, and record each milestone."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_list, paging
from goodword.cli.options import Json, Note, When
from goodword.cli.render import day, done, emit, fields, table
from goodword.domain.errors import InvalidValue
from goodword.domain.limits import MAX_ID
from goodword.domain.vocabulary import GratitudeKind, Outcome, ReferralKind
from goodword.schemas.practice import (
    QualifyingAnswers,
    ReferralFilter,
    ReferralGive,
    ReferralPublic,
    ReferralReceive,
)
from goodword.services import referral_milestones as milestones
from goodword.services import referrals

app = typer.Typer(
    help="Referrals received and given, through every milestone.", no_args_is_help=True
)
Id = Annotated[
    int, typer.Argument(min=1, max=MAX_ID, help="Referral id (see `goodword referrals list`).")
]
KINDS = ", ".join(k.value for k in ReferralKind)
GRATITUDE = ", ".join(k.value for k in GratitudeKind)


def money(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise InvalidValue(f"--value '{text}' is not a number (e.g. 12000 or 12000.50)") from None


def show_referral(r: ReferralPublic) -> None:
    q = r.qualifying
    fields(
        [
            ("referral", f"#{r.id} — {r.direction} {r.kind}, stage: {r.stage}"),
            ("referrer", r.referrer.name if r.referrer else "you"),
            ("referred", r.referred),
            ("to", r.recipient if r.direction == "given" else "you"),
            ("on", r.referred_at),
            ("about", r.description),
            ("value", r.value),
            (
                "outcome",
                f"{r.outcome}" + (f" ({r.outcome_value})" if r.outcome_value else "")
                if r.outcome
                else None,
            ),
            ("reason", r.outcome_reason),
            ("how they know them", q.how_known),
            ("special situations", q.special_situations),
            ("helps their relationship", q.help_relationship),
            ("why a fit", q.why_fit),
        ]
    )
    table(
        "Milestones",
        ["date", "milestone", "details"],
        [
            [day(m.at), m.kind, " ".join(x for x in (m.outcome, m.gratitude, m.note) if x)]
            for m in r.milestones
        ],
        empty="none yet",
    )


REFERRALS: Columns[ReferralPublic] = Columns(
    "Referrals",
    ["id", "date", "from", "referred", "to", "kind", "stage"],
    lambda r: [
        r.id,
        day(r.referred_at),
        r.referrer.name if r.referrer else "you",
        r.referred,
        r.recipient if r.direction == "given" else "you",
        r.kind,
        r.stage,
    ],
    empty="no referrals match",
)


def _done(verb: str) -> Callable[[ReferralPublic], None]:
    return lambda r: done(f"referral #{r.id} {verb}; stage: {r.stage}")


@app.command("receive")
def receive(
    ctx: typer.Context,
    referrer: Annotated[str, typer.Option("--from", help="Who referred (name, email or #id).")],
    person: Annotated[
        str | None, typer.Option(help="The referred person, if in your network.")
    ] = None,
    org: Annotated[str | None, typer.Option(help="The referred organization.")] = None,
    prospect: Annotated[str | None, typer.Option(help="A free-text prospect.")] = None,
    kind: Annotated[str, typer.Option(help=f"One of: {KINDS}.")] = "client",
    about: Annotated[str | None, typer.Option(help="What it is about.")] = None,
    value: Annotated[str | None, typer.Option(help="Estimated value.")] = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Record a referral someone gave you — a gift to thank them for.

    Example: goodword referrals receive --from "Ana Silva" --prospect "Bo Chen, CTO at Initech" --kind client
    """
    data = ReferralReceive(
        referrer=referrer,
        referred_person=person,
        referred_organization=org,
        prospect=prospect,
        kind=kind,
        description=about,
        value=money(value),
        when=when,
    )
    emit(
        as_json,
        referrals.receive_referral(deps.uow(ctx), data, deps.clock()),
        lambda r: done(
            f"referral #{r.id} from {r.referrer.name if r.referrer else '?'} recorded — "
            "a referral is a gift: thank them first"
        ),
    )


@app.command("give")
def give(
    ctx: typer.Context,
    referred: Annotated[str, typer.Argument(help="Whom you referred (name, email or #id).")],
    to: Annotated[str | None, typer.Option("--to", help="The person you referred them to.")] = None,
    to_org: Annotated[str | None, typer.Option(help="The organization.")] = None,
    opportunity: Annotated[int | None, typer.Option(help="For this opportunity id.")] = None,
    kind: Annotated[str, typer.Option(help=f"One of: {KINDS}.")] = "client",
    about: Annotated[str | None, typer.Option(help="What it is about.")] = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Record a referral you gave: you referred A to B (seed 000: give referrals).

    Example: goodword referrals give "Bo Chen" --to "Ana Silva" --kind job --about "Staff engineer role"
    """
    data = ReferralGive(
        referred=referred,
        to_person=to,
        to_organization=to_org,
        opportunity_id=opportunity,
        kind=kind,
        description=about,
        when=when,
    )
    emit(as_json, referrals.give_referral(deps.uow(ctx), data, deps.clock()), _done("recorded"))


@app.command("thank")
def thank(
    ctx: typer.Context,
    referral: Id,
    via: Annotated[str, typer.Option("--via", help=f"One of: {GRATITUDE}.")] = "email",
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record that you thanked the referrer (today suggests a gesture beyond an email).

    Example: goodword referrals thank 12 --via lunch --note "Took Ana to Nopa"
    """
    result = milestones.thank_referrer(deps.uow(ctx), referral, via, deps.clock(), when, note)
    emit(as_json, result, _done("thanked"))


@app.command("qualify")
def qualify(
    ctx: typer.Context,
    referral: Id,
    how_known: Annotated[
        str | None, typer.Option(help="How and in what context they know them.")
    ] = None,
    special: Annotated[
        str | None, typer.Option(help="Special personal or business situations.")
    ] = None,
    help_relationship: Annotated[
        str | None, typer.Option(help="What would help the referrer's relationship.")
    ] = None,
    why_fit: Annotated[str | None, typer.Option(help="What made them think it fits.")] = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Record the referrer's answers to the qualifying questions (seed 003).

    Example: goodword referrals qualify 12 --how-known "Former manager" --special "Budget frozen until Q2"
    """
    answers = QualifyingAnswers(
        how_known=how_known,
        special_situations=special,
        help_relationship=help_relationship,
        why_fit=why_fit,
    )
    result = milestones.qualify_referral(deps.uow(ctx), referral, answers, deps.clock(), when)
    emit(as_json, result, _done("qualified"))


@app.command("contacted")
def contacted(
    ctx: typer.Context, referral: Id, when: When = None, note: Note = None, as_json: Json = False
) -> None:
    """Record that you made contact with the referred person.

    Example: goodword referrals contacted 12 --note "Call booked for Tuesday"
    """
    result = milestones.record_contact(
        deps.uow(ctx), referral, succeeded=True, now=deps.clock(), when=when, note=note
    )
    emit(as_json, result, _done("contacted — tell the referrer"))


@app.command("contact-failed")
def contact_failed(
    ctx: typer.Context, referral: Id, when: When = None, note: Note = None, as_json: Json = False
) -> None:
    """Record a contact attempt that failed (the referrer should hear this too).

    Example: goodword referrals contact-failed 12 --note "Two emails, no answer"
    """
    result = milestones.record_contact(
        deps.uow(ctx), referral, succeeded=False, now=deps.clock(), when=when, note=note
    )
    emit(as_json, result, _done("contact failed — tell the referrer"))


@app.command("outcome")
def outcome(
    ctx: typer.Context,
    referral: Id,
    result: Annotated[str, typer.Argument(help=", ".join(o.value for o in Outcome))],
    value: Annotated[str | None, typer.Option(help="Value won.")] = None,
    reason: Annotated[str | None, typer.Option(help="Why (required for not-a-fit).")] = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Record how the referral turned out.

    Example: goodword referrals outcome 12 won --value 18000
    """
    recorded = milestones.record_outcome(
        deps.uow(ctx), referral, result, deps.clock(), value=money(value), reason=reason, when=when
    )
    emit(as_json, recorded, _done(f"{result} — close the loop with the referrer"))


@app.command("referrer-updated")
def referrer_updated(
    ctx: typer.Context, referral: Id, when: When = None, note: Note = None, as_json: Json = False
) -> None:
    """Record that you told the referrer how it went (closing the loop).

    Example: goodword referrals referrer-updated 12 --note "Told Ana we signed"
    """
    result = milestones.record_referrer_updated(deps.uow(ctx), referral, deps.clock(), when, note)
    emit(as_json, result, _done("referrer updated"))


@app.command("list")
def list_(
    ctx: typer.Context,
    direction: Annotated[str | None, typer.Option(help="received or given.")] = None,
    stage: Annotated[
        str | None,
        typer.Option(help="received, thanked, qualified, contacted, made, outcome, loop-closed."),
    ] = None,
    person: Annotated[str | None, typer.Option(help="Involving this person.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List referrals with their derived stage, newest first, a page at a time.

    Example: goodword referrals list --direction received --stage contacted
    """
    p = paging(limit, every, as_json, as_jsonl)
    filters = ReferralFilter(direction=direction, stage=stage, person=person)
    uow = deps.uow(ctx)
    total = referrals.count_referrals(uow, filters)
    found = referrals.stream_referrals(uow, filters)
    emit_list(REFERRALS, islice(found, p.take) if p.take else found, total, p)


@app.command("show")
def show(ctx: typer.Context, referral: Id, as_json: Json = False) -> None:
    """Show a referral with its milestones and qualifying answers.

    Example: goodword referrals show 12
    """
    emit(as_json, referrals.show_referral(deps.uow(ctx), referral), show_referral)
