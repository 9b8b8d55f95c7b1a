"""``goodword program rewards|review|decide|issue|deny``: rewards with the reason for each
state, the review queue, and the steps a person takes on them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json
from goodword.cli.program_flow_cmd import By, Opt, ProgramArg, _program, show_rewards
from goodword.cli.render import console, done, emit, table
from goodword.domain.limits import MAX_ID
from goodword.programs.use_cases import programs
from goodword.programs.use_cases import rewards as program_rewards
from goodword.schemas.programs import ReviewDecision, RewardIssue


def rewards(
    ctx: typer.Context,
    program: ProgramArg,
    status: Annotated[
        str | None, Opt(help="pending, approved, issued, denied or clawed-back.")
    ] = None,
    advocate: Annotated[int | None, Opt(min=1, help="Only this advocate's (id).")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List rewards with their status and why (what an advocate would ask).

    Example: goodword program rewards "Friends of Acme" --status pending
    """
    p = paging(limit, every, as_json, as_jsonl)
    uow, program_id = _program(ctx, program)
    found = program_rewards.list_rewards(uow, program_id, status, advocate)
    if p.as_json or p.as_jsonl:
        emit_page(Columns("Rewards", [], lambda r: []), found, p)
    else:
        show_rewards(found[: p.take] if p.take is not None else found)
        if p.take is not None and len(found) > p.take:
            console.print(f"… and {len(found) - p.take:,} more: --all to see them", style="dim")


def review(
    ctx: typer.Context,
    program: Annotated[str | None, typer.Argument(help="Only this program.")] = None,
    as_json: Json = False,
) -> None:
    """The review queue: flagged leads and conversions with their evidence.

    Example: goodword program review
    """
    uow = deps.uow(ctx)
    program_id = programs.resolve_program(uow, program) if program else None
    emit(
        as_json,
        program_rewards.review_queue(uow, program_id),
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
    item_id: Annotated[
        int, typer.Argument(min=1, max=MAX_ID, help="Its id (see `goodword program review`).")
    ],
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
    result = program_rewards.decide_review(deps.uow(ctx), kind, item_id, decision, deps.clock())
    emit(as_json, result, lambda i: done(f"{i.kind} #{i.id} {'approved' if approve else 'denied'}"))


def issue(
    ctx: typer.Context,
    reward_id: Annotated[int, typer.Argument(min=1, max=MAX_ID, help="An approved reward's id.")],
    ref: Annotated[str | None, Opt("--ref", help="Payment or gift-card reference.")] = None,
    by: Annotated[str, Opt("--by", help="Who paid.")] = "owner",
    as_json: Json = False,
) -> None:
    """Mark an approved reward paid (cash, gift card, donation); never twice.

    Example: goodword program issue 9 --ref "bank transfer 2026-12-01"
    """
    result = program_rewards.issue_reward(
        deps.uow(ctx), reward_id, RewardIssue(reference=ref, by=by), deps.clock()
    )
    emit(as_json, result, lambda r: done(f"reward #{r.id} issued — {r.reward} to {r.advocate}"))


def deny(
    ctx: typer.Context,
    reward_id: Annotated[
        int, typer.Argument(min=1, max=MAX_ID, help="A pending or approved reward's id.")
    ],
    reason: Annotated[str, Opt(help="Why (the advocate sees it).")],
    by: By = "owner",
    as_json: Json = False,
) -> None:
    """Deny a reward with a reason the advocate will see.

    Example: goodword program deny 9 --reason "order cancelled" --by Dana
    """
    result = program_rewards.deny_reward(deps.uow(ctx), reward_id, reason, by, deps.clock())
    emit(as_json, result, lambda r: done(f"reward #{r.id} denied"))


COMMANDS: dict[str, Callable[..., None]] = {
    "rewards": rewards,
    "review": review,
    "decide": decide,
    "issue": issue,
    "deny": deny,
}
