"""``goodword asks …``: ask for a referral, recommendation, introduction or reference."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json, Note, When
from goodword.cli.render import day, done, emit, fields, warn
from goodword.domain.limits import MAX_ID
from goodword.domain.vocabulary import AskKind, AskStatus, Channel
from goodword.schemas.practice import AskCreate, AskCreated, AskPublic
from goodword.services import asks

app = typer.Typer(
    help="Asks: well timed, answered, followed up once at most.", no_args_is_help=True
)
Id = Annotated[int, typer.Argument(min=1, max=MAX_ID, help="Ask id (see `goodword asks list`).")]
KINDS = ", ".join(k.value for k in AskKind)
CHANNELS = ", ".join(c.value for c in Channel)


def show_ask(a: AskPublic) -> None:
    fields(
        [
            ("ask", f"#{a.id} — {a.kind} from {a.person.name}"),
            ("for", a.purpose),
            ("channel", a.channel),
            ("asked", a.asked_at),
            ("status", a.status),
            ("answered", a.answered_at),
            ("followed up", a.followed_up_at),
            ("referral", f"#{a.referral_id}" if a.referral_id else None),
            ("asked despite timing", "yes" if a.forced else None),
            ("note", a.note),
        ]
    )


ASKS: Columns[AskPublic] = Columns(
    "Asks",
    ["id", "asked", "person", "kind", "for", "status", "follow-up"],
    lambda a: [
        a.id,
        day(a.asked_at),
        a.person.name,
        a.kind,
        a.purpose,
        a.status,
        day(a.followed_up_at) if a.followed_up_at else None,
    ],
    empty="no asks match",
)


def _created(result: AskCreated) -> None:
    for reason in result.overridden:
        warn(f"asked anyway (--force): {reason}")
    for warning in result.warnings:
        warn(warning)
    done(f"ask #{result.ask.id} recorded: {result.ask.kind} from {result.ask.person.name}")


def record_ask(ctx: typer.Context, data: AskCreate, as_json: bool) -> None:
    emit(as_json, asks.create_ask(deps.uow(ctx), data, deps.clock()), _created)


@app.command("add")
def add(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Whom you ask (name, email or #id).")],
    kind: Annotated[str, typer.Option("--for", help=f"One of: {KINDS}.")] = "referral",
    about: Annotated[str | None, typer.Option(help="What it is for (from your brief).")] = None,
    channel: Annotated[str, typer.Option(help=f"One of: {CHANNELS}.")] = "email",
    when: When = None,
    note: Note = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ask even if the timing is wrong.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Record an ask. Too soon after the last ask, or right after a negative interaction,
    is refused unless --force.

    Example: goodword asks add "Ana Silva" --for introduction --about "Head of Data at Initech"
    """
    record_ask(
        ctx,
        AskCreate(
            person=person,
            kind=kind,
            purpose=about,
            channel=channel,
            when=when,
            note=note,
            force=force,
        ),
        as_json,
    )


@app.command("answer")
def answer(
    ctx: typer.Context,
    ask: Id,
    status: Annotated[str, typer.Argument(help="accepted, declined or no-response.")],
    referral: Annotated[int | None, typer.Option(help="The referral it produced.")] = None,
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record the answer to an ask — a decline or silence is met graciously.

    Example: goodword asks answer 4 accepted --referral 12
    """
    result = asks.answer_ask(
        deps.uow(ctx), ask, status, deps.clock(), when=when, referral_id=referral, note=note
    )
    emit(as_json, result, lambda a: done(f"ask #{a.id}: {a.status}"))


@app.command("follow-up")
def follow_up(ctx: typer.Context, ask: Id, when: When = None, as_json: Json = False) -> None:
    """Record the one gentle follow-up an unanswered ask may get.

    Example: goodword asks follow-up 4
    """
    result = asks.follow_up_ask(deps.uow(ctx), ask, deps.clock(), when)
    emit(as_json, result, lambda a: done(f"ask #{a.id}: follow-up sent {day(a.followed_up_at)}"))


@app.command("acknowledged")
def acknowledged(ctx: typer.Context, ask: Id, when: When = None, as_json: Json = False) -> None:
    """Record that you acknowledged a decline (say you understand; keep in touch).

    Example: goodword asks acknowledged 5
    """
    result = asks.acknowledge_ask(deps.uow(ctx), ask, deps.clock(), when)
    emit(as_json, result, lambda a: done(f"ask #{a.id}: decline acknowledged"))


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help=", ".join(s.value for s in AskStatus) + ".")
    ] = None,
    person: Annotated[str | None, typer.Option(help="Only to this person.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List asks, newest first, a page at a time.

    Example: goodword asks list --status pending
    """
    p = paging(limit, every, as_json, as_jsonl)
    emit_page(ASKS, asks.list_asks(deps.uow(ctx), status, person), p)


@app.command("show")
def show(ctx: typer.Context, ask: Id, as_json: Json = False) -> None:
    """Show one ask.

    Example: goodword asks show 4
    """
    emit(as_json, asks.show_ask(deps.uow(ctx), ask), show_ask)
