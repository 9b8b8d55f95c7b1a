"""``goodword references …``: being a vendor's reference, only with approval (seed 002)."""

from __future__ import annotations

from typing import Annotated

import typer

from goodword.cli import deps
from goodword.cli.listing import DEFAULT_LIMIT, All, Columns, Jsonl, Limit, emit_page, paging
from goodword.cli.options import Json, Note, When
from goodword.cli.render import day, done, emit, fields
from goodword.domain.limits import MAX_ID
from goodword.schemas.practice import ReferenceCreate, ReferencePublic
from goodword.services import references

app = typer.Typer(
    help="Vendor reference requests: approve first, keep confidential names hidden.",
    no_args_is_help=True,
)
Id = Annotated[
    int, typer.Argument(min=1, max=MAX_ID, help="Request id (see `goodword references list`).")
]
By = Annotated[str, typer.Option("--by", help="Who decided (your manager, legal…).")]


def show_reference(r: ReferencePublic) -> None:
    fields(
        [
            ("request", f"#{r.id} — reference for {r.vendor}"),
            ("status", r.status),
            ("as company", r.company),
            ("confidential", "yes" if r.confidential else "no"),
            ("asked by", r.requested_by.name if r.requested_by else None),
            ("prospect", r.prospect),
            ("requested", r.requested_at),
            ("decided by", r.approver),
            ("decided", r.decided_at),
            ("given", r.given_at),
            ("note", r.note),
        ]
    )


@app.command("add")
def add(
    ctx: typer.Context,
    vendor: Annotated[str, typer.Argument(help="The vendor asking you to be a reference.")],
    company: Annotated[str | None, typer.Option(help="Your company, as it would be named.")] = None,
    confidential: Annotated[
        bool, typer.Option("--confidential", help="Keep the company name confidential.")
    ] = False,
    requested_by: Annotated[str | None, typer.Option(help="Who at the vendor asked.")] = None,
    prospect: Annotated[str | None, typer.Option(help="Who would call you.")] = None,
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record a vendor's request that you be their reference; it needs approval first.

    Example: goodword references add "DataCo" --company "Globex" --confidential
    """
    data = ReferenceCreate(
        vendor=vendor,
        company=company,
        confidential=confidential,
        requested_by=requested_by,
        prospect=prospect,
        note=note,
        when=when,
    )
    emit(
        as_json,
        references.add_reference_request(deps.uow(ctx), data, deps.clock()),
        lambda r: done(f"reference request #{r.id} recorded — get approval before giving it"),
    )


@app.command("approve")
def approve(
    ctx: typer.Context,
    request: Id,
    by: By,
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record management's approval.

    Example: goodword references approve 2 --by "Dana (VP Eng)"
    """
    result = references.decide_reference(
        deps.uow(ctx), request, approve=True, approver=by, now=deps.clock(), when=when, note=note
    )
    emit(as_json, result, lambda r: done(f"request #{r.id} approved by {r.approver}"))


@app.command("deny")
def deny(
    ctx: typer.Context,
    request: Id,
    by: By,
    when: When = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record that management declined.

    Example: goodword references deny 2 --by "Legal"
    """
    result = references.decide_reference(
        deps.uow(ctx), request, approve=False, approver=by, now=deps.clock(), when=when, note=note
    )
    emit(as_json, result, lambda r: done(f"request #{r.id} denied by {r.approver}"))


@app.command("confidentiality-asked")
def confidentiality_asked(
    ctx: typer.Context, request: Id, when: When = None, as_json: Json = False
) -> None:
    """After management said no: record that you asked the vendor to keep the company's
    name confidential.

    Example: goodword references confidentiality-asked 4
    """
    emit(
        as_json,
        references.ask_confidentiality(deps.uow(ctx), request, deps.clock(), when),
        lambda r: done(f"request #{r.id}: asked {r.vendor} to keep the company confidential"),
    )


@app.command("confidential")
def confidential(ctx: typer.Context, request: Id, note: Note = None, as_json: Json = False) -> None:
    """The vendor keeps the company's name confidential. A denied request opens again, to
    be approved afresh.

    Example: goodword references confidential 4
    """

    def said(r: ReferencePublic) -> None:
        again = "; ask your management again" if r.status == "requested" else ""
        done(f"request #{r.id} is confidential{again}")

    emit(as_json, references.make_confidential(deps.uow(ctx), request, deps.clock(), note), said)


@app.command("give")
def give(ctx: typer.Context, request: Id, when: When = None, as_json: Json = False) -> None:
    """Record that you gave the reference (only after approval).

    Example: goodword references give 2
    """
    emit(
        as_json,
        references.give_reference(deps.uow(ctx), request, deps.clock(), when),
        lambda r: done(f"reference #{r.id} given"),
    )


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="requested, approved, denied or given.")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    every: All = False,
    as_json: Json = False,
    as_jsonl: Jsonl = False,
) -> None:
    """List reference requests (confidential company names stay hidden).

    Example: goodword references list --status requested
    """
    p = paging(limit, every, as_json, as_jsonl)
    emit_page(REFERENCES, references.list_references(deps.uow(ctx), status), p)


REFERENCES: Columns[ReferencePublic] = Columns(
    "Reference requests",
    ["id", "requested", "vendor", "as company", "status", "approver"],
    lambda r: [r.id, day(r.requested_at), r.vendor, r.company, r.status, r.approver],
    empty="no reference requests",
)


@app.command("show")
def show(ctx: typer.Context, request: Id, as_json: Json = False) -> None:
    """Show one request in full (the only place a confidential company name appears).

    Example: goodword references show 2
    """
    emit(as_json, references.show_reference(deps.uow(ctx), request), show_reference)
