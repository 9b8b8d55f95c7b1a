"""``goodword recs …``: recommendations and endorsements, given and received."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.asks_cmd import record_ask
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json, Note, When
from goodword.cli.render import day, done, emit, fields
from goodword.domain.limits import MAX_ID
from goodword.domain.vocabulary import Channel, Platform, RecommendationStatus
from goodword.schemas.practice import AskCreate, RecommendationCreate, RecommendationPublic
from goodword.services import recommendations as recs

app = typer.Typer(
    help="Recommendations and endorsements: write, receive, request, thank.", no_args_is_help=True
)
Id = Annotated[
    int, typer.Argument(min=1, max=MAX_ID, help="Recommendation id (see `goodword recs list`).")
]
PLATFORMS = ", ".join(p.value for p in Platform)
STATUSES = ", ".join(s.value for s in RecommendationStatus)


def show_rec(r: RecommendationPublic) -> None:
    who = "for" if r.direction == "given" else "from"
    fields(
        [
            ("recommendation", f"#{r.id} — {r.kind} {who} {r.person.name}"),
            ("skill", r.skill),
            ("platform", r.platform),
            ("status", r.status),
            ("written", r.written_at),
            ("sent", r.sent_at),
            ("published", r.published_at),
            ("text", r.text),
        ]
    )


@app.command("add")
def add(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="For or from whom (name, email or #id).")],
    received: Annotated[bool, typer.Option("--received", help="They wrote it for you.")] = False,
    endorsement: Annotated[
        bool, typer.Option("--endorsement", help="A skill endorsement.")
    ] = False,
    text: Annotated[str | None, typer.Option(help="The text.")] = None,
    skill: Annotated[str | None, typer.Option(help="Skill endorsed.")] = None,
    platform: Annotated[str, typer.Option(help=f"One of: {PLATFORMS}.")] = "linkedin",
    status: Annotated[
        str | None,
        typer.Option(
            help=f"One of: {STATUSES}. Default: draft for one you write, published for one "
            "you received."
        ),
    ] = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Record a recommendation you wrote (default) or one you --received.

    Example: goodword recs add "Bo Chen" --text "Bo led our migration…" --status published
    """
    data = RecommendationCreate(
        person=person,
        direction="received" if received else "given",
        kind="endorsement" if endorsement else "recommendation",
        text=text,
        skill=skill,
        platform=platform,
        status=status,
        when=when,
    )
    emit(
        as_json,
        recs.add_recommendation(deps.uow(ctx), data, deps.clock()),
        lambda r: done(f"recommendation #{r.id} ({r.status}) recorded"),
    )


@app.command("status")
def status(
    ctx: typer.Context,
    rec: Id,
    new: Annotated[str, typer.Argument(help="sent or published.")],
    when: When = None,
    as_json: Json = False,
) -> None:
    """Move a recommendation forward: draft → sent → published.

    Example: goodword recs status 3 published
    """
    emit(
        as_json,
        recs.set_recommendation_status(deps.uow(ctx), rec, new, deps.clock(), when),
        lambda r: done(f"recommendation #{r.id} is {r.status}"),
    )


@app.command("thank")
def thank(
    ctx: typer.Context,
    rec: Id,
    via: Annotated[
        str,
        typer.Option(
            "--via",
            help="email, handwritten-note, call, gift, gift-card, lunch, happy-hour, message.",
        ),
    ] = "email",
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record that you thanked someone for a recommendation they wrote you.

    Example: goodword recs thank 3 --via handwritten-note
    """
    emit(
        as_json,
        recs.thank_for_recommendation(deps.uow(ctx), rec, via, deps.clock(), when, note),
        lambda g: done(f"thanked {g.person.name} ({g.kind})"),
    )


@app.command("request")
def request(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Whom you ask (name, email or #id).")],
    about: Annotated[str | None, typer.Option(help="What to highlight.")] = None,
    channel: Annotated[str, typer.Option(help=", ".join(c.value for c in Channel))] = "email",
    when: When = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ask even if the timing is wrong.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Ask someone for a recommendation (recorded as an ask, with the same timing rules).

    Example: goodword recs request "Ana Silva" --about "the data platform project"
    """
    record_ask(
        ctx,
        AskCreate(
            person=person,
            kind="recommendation",
            purpose=about,
            channel=channel,
            when=when,
            force=force,
        ),
        as_json,
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    direction: Annotated[str | None, typer.Option(help="given or received.")] = None,
    status: Annotated[str | None, typer.Option(help=f"One of: {STATUSES}.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List recommendations and endorsements, a page at a time.

    Example: goodword recs list --direction given --status draft
    """
    p = paging(limit, every, as_json, as_jsonl)
    emit_page(RECS, recs.list_recommendations(deps.uow(ctx), direction, status), p)


RECS: Columns[RecommendationPublic] = Columns(
    "Recommendations",
    ["id", "date", "dir", "person", "kind", "platform", "status"],
    lambda r: [
        r.id,
        day(r.written_at),
        r.direction,
        r.person.name,
        r.kind + (f" ({r.skill})" if r.skill else ""),
        r.platform,
        r.status,
    ],
    empty="no recommendations match",
)


@app.command("show")
def show(ctx: typer.Context, rec: Id, as_json: Json = False) -> None:
    """Show one recommendation.

    Example: goodword recs show 3
    """
    emit(as_json, recs.show_recommendation(deps.uow(ctx), rec), show_rec)
