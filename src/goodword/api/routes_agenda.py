"""The agenda, drafted messages, the reciprocity ledger, imports, and who is calling."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from sqlalchemy import Engine

from goodword.api.deps import Now, Uow, User, engine, person_query
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, page
from goodword.domain.limits import MAX_ID
from goodword.drafts.kinds import DRAFT_KINDS
from goodword.interop.uploads import read_upload
from goodword.schemas.accounts import UserPublic, WorkspacePublic
from goodword.schemas.practice import LedgerRow
from goodword.services import agenda, drafting, importing, ledger
from goodword.services.accounts import user_workspaces
from goodword.services.agenda import AgendaPublic
from goodword.services.collector_pause import collector_paused
from goodword.services.drafting import DraftPublic
from goodword.services.importing import ImportReport

router = APIRouter(responses=COMMON_ERRORS)
DraftKind = Annotated[str, Path(pattern="^(" + "|".join(DRAFT_KINDS) + ")$")]
RecordId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


@router.get("/agenda", tags=["agenda"])
def get_agenda(
    uow: Uow,
    now: Now,
    on: Annotated[
        str | None, Query(max_length=40, description="The day to plan: 2026-11-22 (ISO-8601)")
    ] = None,
    kind: Annotated[list[str] | None, Query(max_length=20)] = None,
    limit: Annotated[int | None, Query(ge=1, le=500)] = None,
) -> AgendaPublic:
    """What you owe to whom today, and why, most important first."""
    return agenda.today(uow, now, on, kind, limit)


@router.get("/drafts/{kind}", tags=["drafts"])
def get_draft(
    uow: Uow,
    now: Now,
    kind: DraftKind,
    referral: RecordId = None,
    recommendation: RecordId = None,
    ask: RecordId = None,
    reference: RecordId = None,
    person: RecordId = None,
    ask_for: Annotated[str, Query(max_length=40)] = "referral",
) -> DraftPublic:
    """A message drafted from the real facts (names, dates, what came of it)."""
    targets: dict[str, str | int | None] = {
        "referral": referral,
        "recommendation": recommendation,
        "ask": ask,
        "reference": reference,
        "person": f"#{person}" if person else None,
    }
    return drafting.draft(uow, kind, now, targets=targets, ask_for=ask_for)


@router.get("/ledger", tags=["ledger"])
def get_ledger(
    uow: Uow, limit: Limit = 50, cursor: Cursor = None, person_id: RecordId = None
) -> Page[LedgerRow]:
    """The reciprocity balance with each person: who gave what, in points."""
    return page(ledger.balance(uow, person_query(person_id)), limit, cursor)


@router.post("/imports/{source}", tags=["imports"])
def create_import(
    uow: Uow,
    now: Now,
    source: Literal["linkedin", "vcard", "google", "csv"],
    file: Annotated[UploadFile, File(description="The export: LinkedIn zip, .vcf or .csv")],
    map: Annotated[list[str] | None, Form(description="For csv: 'Column=field'")] = None,
) -> ImportReport:
    """Import a LinkedIn export, a vCard file, a Google Contacts CSV or any mapped CSV."""
    data = file.file.read()
    with collector_paused():  # reading builds as many objects as importing
        batch = read_upload(source, file.filename, data, map)
        return importing.import_batch(uow, batch, now)


@router.get("/me", tags=["account"])
def me(user: User) -> UserPublic:
    return user


@router.get("/workspaces", tags=["account"])
def workspaces(user: User, store: Annotated[Engine, Depends(engine)]) -> list[WorkspacePublic]:
    """The workspaces you belong to; pass ``?workspace=ID`` to any route to work in one."""
    return user_workspaces(store, user.id)
