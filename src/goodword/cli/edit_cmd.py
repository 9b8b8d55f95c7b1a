"""``edit`` and ``delete`` for every record of the practice: interactions, referrals, asks,
thank-yous, recommendations, vendor references and opportunities (people and organizations
have theirs in their own groups). A deletion goes to the trash for 30 days."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from goodword.cli import deps
from goodword.cli.options import Json, When
from goodword.cli.referrals_cmd import money
from goodword.cli.render import done, emit
from goodword.cli.trash_cmd import Yes, remove
from goodword.domain.limits import MAX_ID
from goodword.schemas.edits import (
    AskUpdate,
    GratitudeUpdate,
    InteractionUpdate,
    OpportunityUpdate,
    RecommendationUpdate,
    ReferenceUpdate,
    ReferralUpdate,
)
from goodword.services import record_edits as edits

Opt = typer.Option
Text = Annotated[str | None, Opt(help="New text ('' clears it).")]
Kind = Annotated[str | None, Opt("--kind", help="A new kind.")]
Note = Annotated[str | None, Opt(help="A new note ('' clears it).")]


def _id(noun: str, group: str) -> Any:
    return Annotated[
        int, typer.Argument(min=1, max=MAX_ID, help=f"The {noun}'s id (goodword {group} list).")
    ]


InteractionId = Annotated[
    int,
    typer.Argument(min=1, max=MAX_ID, help="The interaction's id (goodword interactions list)."),
]
ReferralId = Annotated[
    int, typer.Argument(min=1, max=MAX_ID, help="The referral's id (goodword referrals list).")
]
AskId = Annotated[int, typer.Argument(min=1, max=MAX_ID, help="The ask's id (goodword asks list).")]
ThanksId = Annotated[
    int, typer.Argument(min=1, max=MAX_ID, help="The thank-you's id (goodword thanks list).")
]
RecId = Annotated[
    int, typer.Argument(min=1, max=MAX_ID, help="The recommendation's id (goodword recs list).")
]
ReferenceId = Annotated[
    int,
    typer.Argument(
        min=1, max=MAX_ID, help="The reference request's id (goodword references list)."
    ),
]
OpportunityId = Annotated[
    int,
    typer.Argument(min=1, max=MAX_ID, help="The opportunity's id (goodword opportunities list)."),
]


def _saved(what: str) -> Callable[[Any], None]:
    return lambda r: done(f"{what} #{r.id} updated")


def delete_command(kind: str, noun: str, group: str) -> Callable[..., None]:
    """A ``delete`` command for one kind of record."""

    def delete(ctx: typer.Context, record: int, yes: Yes = False, as_json: Json = False) -> None:
        remove(ctx, kind, record, yes, as_json)

    delete.__annotations__["record"] = _id(noun, group)
    delete.__doc__ = (
        f"Move a {noun} to the trash (30 days; goodword trash restore brings it back).\n\n"
        f"Example: goodword {group} delete 3 --yes"
    )
    return delete


def edit_interaction(
    ctx: typer.Context,
    record: InteractionId,
    kind: Kind = None,
    sentiment: Annotated[str | None, Opt(help="positive, neutral or negative.")] = None,
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Change an interaction: its kind, how it felt, when, the note.

    Example: goodword interactions edit 12 --sentiment positive --note "Loved the demo"
    """
    changes = InteractionUpdate(kind=kind, sentiment=sentiment, when=when, note=note)
    result = edits.edit_interaction(deps.uow(ctx), record, changes, deps.clock())
    emit(as_json, result, _saved("interaction"))


def edit_referral(
    ctx: typer.Context,
    record: ReferralId,
    kind: Kind = None,
    value: Annotated[str | None, Opt(help="What it could be worth.")] = None,
    description: Text = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Change a referral: its kind, value, description or date.

    Example: goodword referrals edit 7 --value 20000 --description "Two-site rollout"
    """
    changes = ReferralUpdate(kind=kind, value=money(value), description=description, when=when)
    result = edits.edit_referral(deps.uow(ctx), record, changes, deps.clock())
    emit(as_json, result, _saved("referral"))


def edit_ask(
    ctx: typer.Context,
    record: AskId,
    kind: Annotated[str | None, Opt("--for", help="referral, recommendation, …")] = None,
    about: Annotated[str | None, Opt(help="What it was for ('' clears it).")] = None,
    channel: Annotated[str | None, Opt(help="email, in-person, social, event, phone.")] = None,
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Change an ask: what for, about what, the channel, when, the note.

    Example: goodword asks edit 4 --about "the Lisbon data team" --channel phone
    """
    changes = AskUpdate(kind=kind, purpose=about, channel=channel, when=when, note=note)
    result = edits.edit_ask(deps.uow(ctx), record, changes, deps.clock())
    emit(as_json, result, _saved("ask"))


def edit_gratitude(
    ctx: typer.Context,
    record: ThanksId,
    via: Annotated[str | None, Opt(help="email, handwritten-note, call, gift, lunch, …")] = None,
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Change a thank-you: how you thanked, when, the note.

    Example: goodword thanks edit 5 --via lunch --on 2026-11-20
    """
    changes = GratitudeUpdate(kind=via, when=when, note=note)
    result = edits.edit_gratitude(deps.uow(ctx), record, changes, deps.clock())
    emit(as_json, result, _saved("thank-you"))


def edit_recommendation(
    ctx: typer.Context,
    record: RecId,
    kind: Kind = None,
    text: Text = None,
    skill: Annotated[str | None, Opt(help="The endorsed skill ('' clears it).")] = None,
    platform: Annotated[str | None, Opt(help="linkedin, letter, reference-call, …")] = None,
    when: When = None,
    as_json: Json = False,
) -> None:
    """Change a recommendation or endorsement: its kind, text, skill, platform, date.

    Example: goodword recs edit 3 --text "Ana rebuilt our data platform in six weeks."
    """
    changes = RecommendationUpdate(kind=kind, text=text, skill=skill, platform=platform, when=when)
    result = edits.edit_recommendation(deps.uow(ctx), record, changes, deps.clock())
    emit(as_json, result, _saved("recommendation"))


def edit_reference(
    ctx: typer.Context,
    record: ReferenceId,
    vendor: Annotated[str | None, Opt(help="The vendor's name.")] = None,
    company: Annotated[str | None, Opt(help="Your company ('' clears it).")] = None,
    confidential: Annotated[
        bool | None, Opt("--confidential/--not-confidential", help="Keep the company's name out.")
    ] = None,
    prospect: Annotated[str | None, Opt(help="Who will call you ('' clears it).")] = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Change a vendor's reference request.

    Example: goodword references edit 2 --confidential
    """
    changes = ReferenceUpdate(
        vendor=vendor, company=company, confidential=confidential, prospect=prospect, note=note
    )
    result = edits.edit_reference(deps.uow(ctx), record, changes, deps.clock())
    emit(as_json, result, _saved("reference request"))


def edit_opportunity(
    ctx: typer.Context,
    record: OpportunityId,
    title: Annotated[str | None, Opt(help="A new title.")] = None,
    description: Text = None,
    organization: Annotated[str | None, Opt(help="Its organization ('' clears it).")] = None,
    contact: Annotated[str | None, Opt(help="Who to talk to ('' clears it).")] = None,
    add_skill: Annotated[list[str] | None, Opt(help="A skill it wants (repeatable).")] = None,
    remove_skill: Annotated[list[str] | None, Opt(help="A skill to drop (repeatable).")] = None,
    as_json: Json = False,
) -> None:
    """Change an opportunity.

    Example: goodword opportunities edit 1 --add-skill Rust --contact "Ana Silva"
    """
    changes = OpportunityUpdate(
        title=title,
        description=description,
        organization=organization,
        contact=contact,
        add_skills=add_skill or [],
        remove_skills=remove_skill or [],
    )
    result = edits.edit_opportunity(deps.uow(ctx), record, changes, deps.clock())
    emit(as_json, result, _saved("opportunity"))
