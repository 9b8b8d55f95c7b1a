"""``goodword people …``: add, edit, show, list/search, tag, note, merge, delete."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_list, paging
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit, fields, table, warn
from goodword.cli.trash_cmd import remove
from goodword.schemas.network import (
    PersonCreate,
    PersonDetail,
    PersonFilter,
    PersonPublic,
    PersonUpdate,
)
from goodword.services import people, people_listing, people_merge

app = typer.Typer(
    help="People in your network: add, edit, show, search, tag, note, merge, delete.",
    no_args_is_help=True,
)


def _row(p: PersonPublic) -> list[object]:
    return [
        p.id,
        p.name,
        p.company.name if p.company else None,
        p.title,
        ", ".join(p.tags),
        ", ".join(p.skills[:4]),
        day(p.last_interaction_at),
    ]


Birthday = Annotated[
    str | None, typer.Option(help="Their birthday: 1985-04-12, or 04-12 without the year.")
]
Anniversary = Annotated[str | None, typer.Option(help="An anniversary, the same way.")]

PEOPLE = Columns(
    "People",
    ["id", "name", "company", "title", "tags", "skills", "last contact"],
    _row,
    empty="no people match",
)


def show_person(p: PersonPublic) -> None:
    fields(
        [
            ("id", p.id),
            ("name", p.name),
            ("company", p.company.name if p.company else None),
            ("title", p.title),
            ("emails", p.emails),
            ("phones", p.phones),
            ("links", p.urls),
            ("skills", p.skills),
            ("tags", p.tags),
            ("how met", p.how_met),
            ("looking for", p.looking_for),
            ("matching", "yes" if p.matching else "no (opted out)"),
            ("tier", f"{p.tier} (keep in touch every {p.cadence_days} days)"),
            ("last contact", p.last_interaction_at),
            ("birthday", p.birthday),
            ("anniversary", p.anniversaries),
            ("source", p.source),
        ]
    )
    if isinstance(p, PersonDetail):
        table(
            "Notes", ["date", "note"], [[day(n.created_at), n.body] for n in p.notes], empty="none"
        )
        table(
            "Timeline",
            ["date", "what", "details"],
            [[day(e.at), e.kind, e.summary] for e in p.timeline],
            empty="nothing yet",
        )


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.")],
    company: Annotated[str | None, typer.Option(help="Organization (created if new).")] = None,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    email: Annotated[list[str] | None, typer.Option(help="Email (repeatable).")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Phone (repeatable).")] = None,
    url: Annotated[list[str] | None, typer.Option(help="Profile link (repeatable).")] = None,
    skill: Annotated[list[str] | None, typer.Option(help="Expertise (repeatable).")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Tag (repeatable).")] = None,
    how_met: Annotated[str | None, typer.Option(help="How you met.")] = None,
    looking_for: Annotated[
        str | None, typer.Option(help="What they look for: clients, a role, a provider.")
    ] = None,
    matching: Annotated[
        bool, typer.Option("--matching/--no-matching", help="Suggest them in match and offer.")
    ] = True,
    tier: Annotated[str, typer.Option(help="inner, close, network or acquaintance.")] = "network",
    cadence_days: Annotated[
        int | None, typer.Option(help="Keep-in-touch cadence override.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A first note.")] = None,
    birthday: Birthday = None,
    anniversary: Anniversary = None,
    as_json: Json = False,
) -> None:
    """Add a person.

    Example: goodword people add "Ana Silva" --company Acme --email ana@acme.example --skill Python --tag client
    """
    data = PersonCreate(
        name=name,
        company=company,
        title=title,
        emails=email or [],
        phones=phone or [],
        urls=url or [],
        skills=skill or [],
        tags=tag or [],
        how_met=how_met,
        looking_for=looking_for,
        matching=matching,
        tier=tier,
        cadence_days=cadence_days,
        note=note,
        birthday=birthday,
        anniversary=anniversary,
    )
    result = people.add_person(deps.uow(ctx), data, deps.clock())
    emit(as_json, result, lambda p: done(f"added {p.name} (#{p.id})"))
    for warning in result.warnings:
        warn(warning)


@app.command("edit")
def edit(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    company: Annotated[str | None, typer.Option(help="Organization ('' to clear).")] = None,
    title: Annotated[str | None, typer.Option(help="Job title ('' to clear).")] = None,
    how_met: Annotated[str | None, typer.Option(help="How you met.")] = None,
    looking_for: Annotated[
        str | None, typer.Option(help="What they look for: clients, a role, a provider.")
    ] = None,
    matching: Annotated[
        bool | None,
        typer.Option("--matching/--no-matching", help="Opt them in or out of match and offer."),
    ] = None,
    tier: Annotated[str | None, typer.Option(help="inner, close, network or acquaintance.")] = None,
    cadence_days: Annotated[int | None, typer.Option(help="Keep-in-touch cadence.")] = None,
    add_email: Annotated[list[str] | None, typer.Option(help="Add an email.")] = None,
    add_phone: Annotated[list[str] | None, typer.Option(help="Add a phone.")] = None,
    add_url: Annotated[list[str] | None, typer.Option(help="Add a link.")] = None,
    add_skill: Annotated[list[str] | None, typer.Option(help="Add a skill.")] = None,
    remove_skill: Annotated[list[str] | None, typer.Option(help="Remove a skill.")] = None,
    birthday: Birthday = None,
    anniversary: Anniversary = None,
    as_json: Json = False,
) -> None:
    """Change a person's details ('' forgets a birthday or anniversary).

    Example: goodword people edit "Ana Silva" --title "VP Engineering" --add-skill Rust
    """
    changes = PersonUpdate(
        name=name,
        company=company,
        title=title,
        how_met=how_met,
        looking_for=looking_for,
        matching=matching,
        tier=tier,
        cadence_days=cadence_days,
        add_emails=add_email or [],
        add_phones=add_phone or [],
        add_urls=add_url or [],
        add_skills=add_skill or [],
        remove_skills=remove_skill or [],
        birthday=birthday,
        anniversary=anniversary,
    )
    result = people.edit_person(deps.uow(ctx), person, changes, deps.clock())
    emit(as_json, result, show_person)


@app.command("show")
def show(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    as_json: Json = False,
) -> None:
    """Show a person with notes and a timeline of everything about them.

    Example: goodword people show "Ana Silva"
    """
    emit(as_json, people.show_person(deps.uow(ctx), person), show_person)


@app.command("list")
def list_(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="Match name, email or title.")] = None,
    company: Annotated[str | None, typer.Option(help="Company name contains.")] = None,
    tag: Annotated[str | None, typer.Option(help="Has this tag.")] = None,
    skill: Annotated[str | None, typer.Option(help="Has this skill.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List or search people by name, company, tag or skill, a page at a time.

    Example: goodword people list --company Acme --skill Python
    """
    p = paging(limit, every, as_json, as_jsonl)
    filters = PersonFilter(text=text, company=company, tag=tag, skill=skill, limit=p.take)
    uow = deps.uow(ctx)
    total = people_listing.count_people(uow, filters)
    emit_list(PEOPLE, people_listing.stream_people(uow, filters), total, p)


app.command(
    "search",
    help="Search people (same as list).\n\nExample: goodword people search ana --tag client",
)(list_)


@app.command("tag")
def tag(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    tags: Annotated[list[str], typer.Argument(help="One or more tags.")],
    remove: Annotated[bool, typer.Option("--remove", help="Remove these tags.")] = False,
    as_json: Json = False,
) -> None:
    """Add (or --remove) tags on a person.

    Example: goodword people tag "Ana Silva" client speaker
    """
    result = people.tag_person(deps.uow(ctx), person, tags, remove=remove, now=deps.clock())
    emit(as_json, result, lambda p: done(f"{p.name}: tags {', '.join(p.tags) or 'none'}"))


@app.command("note")
def note(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    text: Annotated[str, typer.Argument(help="The note.")],
    as_json: Json = False,
) -> None:
    """Keep a note on a person (seed 001: keep good notes).

    Example: goodword people note "Ana Silva" "Prefers calls before 10am"
    """
    result = people.note_person(deps.uow(ctx), person, text, deps.clock())
    emit(as_json, result, lambda n: done(f"note #{n.id} saved"))


@app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The record to keep.")],
    other: Annotated[str, typer.Argument(help="The duplicate to fold into it.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: Json = False,
) -> None:
    """Merge a duplicate into another record; its history moves over.

    Example: goodword people merge "#3" "#17" --yes
    """
    if not yes:
        a, b = people.show_person(deps.uow(ctx), keep), people.show_person(deps.uow(ctx), other)
        typer.confirm(f"Merge {b.name} (#{b.id}) into {a.name} (#{a.id})?", abort=True)
    result = people_merge.merge_people(deps.uow(ctx), keep, other, deps.clock())
    moved = ", ".join(f"{n} {k}" for k, n in result.moved.items() if n) or "nothing"
    emit(
        as_json,
        result,
        lambda r: done(f"merged #{r.merged_id} into {r.kept.name} (#{r.kept.id}); moved {moved}"),
    )


@app.command("delete")
def delete(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Name, email or #id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: Json = False,
) -> None:
    """Move a person to the trash for 30 days, with their interactions, asks, thanks and
    notes (goodword trash restore brings them all back).

    Example: goodword people delete "#17" --yes
    """
    impact = people_merge.person_deletion_impact(deps.uow(ctx), person)
    remove(ctx, "person", impact.id, yes, as_json)
