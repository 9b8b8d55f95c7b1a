"""``goodword orgs …``: organizations."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json
from goodword.cli.render import day, done, emit, fields, table
from goodword.cli.trash_cmd import remove
from goodword.schemas.network import (
    OrganizationCreate,
    OrganizationDetail,
    OrganizationPublic,
    OrganizationUpdate,
)
from goodword.services import organizations as orgs

app = typer.Typer(
    help="Organizations: add, edit, show, list, tag, note, merge, delete.", no_args_is_help=True
)
Org = Annotated[str, typer.Argument(help="Name or #id.")]


def show_org(o: OrganizationPublic) -> None:
    fields(
        [
            ("id", o.id),
            ("name", o.name),
            ("website", o.website),
            ("industry", o.industry),
            ("tags", o.tags),
            ("people", o.people_count),
            ("added", o.created_at),
        ]
    )
    if isinstance(o, OrganizationDetail):
        table("People", ["id", "name"], [[p.id, p.name] for p in o.people], empty="none")
        table(
            "Notes", ["date", "note"], [[day(n.created_at), n.body] for n in o.notes], empty="none"
        )


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Organization name.")],
    website: Annotated[str | None, typer.Option(help="Website.")] = None,
    industry: Annotated[str | None, typer.Option(help="Industry.")] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Tag (repeatable).")] = None,
    note: Annotated[str | None, typer.Option(help="A first note.")] = None,
    as_json: Json = False,
) -> None:
    """Add an organization.

    Example: goodword orgs add "Acme Corp" --industry Manufacturing --tag client
    """
    data = OrganizationCreate(
        name=name, website=website, industry=industry, tags=tag or [], note=note
    )
    emit(
        as_json,
        orgs.add_org(deps.uow(ctx), data, deps.clock()),
        lambda o: done(f"added {o.name} (#{o.id})"),
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    org: Org,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    website: Annotated[str | None, typer.Option(help="Website ('' to clear).")] = None,
    industry: Annotated[str | None, typer.Option(help="Industry ('' to clear).")] = None,
    as_json: Json = False,
) -> None:
    """Change an organization.

    Example: goodword orgs edit "Acme Corp" --website https://acme.example
    """
    changes = OrganizationUpdate(name=name, website=website, industry=industry)
    emit(as_json, orgs.edit_org(deps.uow(ctx), org, changes, deps.clock()), show_org)


@app.command("show")
def show(ctx: typer.Context, org: Org, as_json: Json = False) -> None:
    """Show an organization with its people and notes.

    Example: goodword orgs show "Acme Corp"
    """
    emit(as_json, orgs.show_org(deps.uow(ctx), org), show_org)


@app.command("list")
def list_(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="Name contains.")] = None,
    tag: Annotated[str | None, typer.Option(help="Has this tag.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List organizations, a page at a time.

    Example: goodword orgs list --tag client
    """
    p = paging(limit, every, as_json, as_jsonl)
    emit_page(ORGS, orgs.list_orgs(deps.uow(ctx), text, tag), p)


ORGS: Columns[OrganizationPublic] = Columns(
    "Organizations",
    ["id", "name", "industry", "people", "tags"],
    lambda o: [o.id, o.name, o.industry, o.people_count, ", ".join(o.tags)],
    empty="no organizations match",
)


@app.command("tag")
def tag(
    ctx: typer.Context,
    org: Org,
    tags: Annotated[list[str], typer.Argument(help="One or more tags.")],
    remove: Annotated[bool, typer.Option("--remove", help="Remove these tags.")] = False,
    as_json: Json = False,
) -> None:
    """Add (or --remove) tags on an organization.

    Example: goodword orgs tag "Acme Corp" client
    """
    result = orgs.tag_org(deps.uow(ctx), org, tags, remove=remove, now=deps.clock())
    emit(as_json, result, lambda o: done(f"{o.name}: tags {', '.join(o.tags) or 'none'}"))


@app.command("note")
def note(
    ctx: typer.Context,
    org: Org,
    text: Annotated[str, typer.Argument(help="The note.")],
    as_json: Json = False,
) -> None:
    """Keep a note on an organization.

    Example: goodword orgs note "Acme Corp" "Budget cycle starts in March"
    """
    emit(
        as_json,
        orgs.note_org(deps.uow(ctx), org, text, deps.clock()),
        lambda n: done(f"note #{n.id} saved"),
    )


@app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="Record to keep.")],
    other: Annotated[str, typer.Argument(help="Duplicate to fold in.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
    as_json: Json = False,
) -> None:
    """Merge a duplicate organization into another; people and referrals move over.

    Example: goodword orgs merge "Acme Corp" "ACME Inc." --yes
    """
    if not yes:
        a, b = orgs.show_org(deps.uow(ctx), keep), orgs.show_org(deps.uow(ctx), other)
        typer.confirm(f"Merge {b.name} (#{b.id}) into {a.name} (#{a.id})?", abort=True)
    result = orgs.merge_orgs(deps.uow(ctx), keep, other, deps.clock())
    emit(as_json, result, lambda r: done(f"merged #{r.merged_id} into {r.kept.name}"))


@app.command("delete")
def delete(
    ctx: typer.Context,
    org: Org,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
    as_json: Json = False,
) -> None:
    """Move an organization to the trash for 30 days (its people and referrals stay,
    unlinked; goodword trash restore brings it back).

    Example: goodword orgs delete "ACME Inc." --yes
    """
    impact = orgs.org_deletion_impact(deps.uow(ctx), org)
    remove(ctx, "organization", impact.id, yes, as_json)
