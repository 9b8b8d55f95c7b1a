"""Taking things back and catching up: the imports you ran, each one a batch that can be
undone, and what history left unsettled."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field, StrictInt

from goodword.api.deps import Id, Now, Uow
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, fetched_page, offset_of
from goodword.services import catch_up, deletions, import_batches, import_undo
from goodword.services.catch_up import CatchUpPublic, FiledPublic
from goodword.services.deletions import TrashedPublic
from goodword.services.import_batches import ImportBatchPublic
from goodword.services.import_undo import UndoReport

router = APIRouter(responses=COMMON_ERRORS)


@router.get("/imports", tags=["imports"])
def list_imports(uow: Uow, limit: Limit = 50, cursor: Cursor = None) -> Page[ImportBatchPublic]:
    """The imports that can still be undone, newest first."""
    found = import_batches.list_imports(uow, offset_of(cursor) + limit + 1)
    return fetched_page(found[offset_of(cursor) :], limit, cursor)


@router.post("/imports/{batch_id}/undo", tags=["imports"])
def undo_import(uow: Uow, now: Now, batch_id: Id) -> UndoReport:
    """Takes the import back: what it brought is removed and what it changed is put back as
    it was. A 409 (and nothing changed) when something recorded since depends on it."""
    return import_undo.undo_import(uow, batch_id, now)


class FileRequest(BaseModel):
    keep_recent: StrictInt = Field(default=0, ge=0, le=100)
    """Leave this many of the most recent thanks still to do."""


@router.get("/catch-up", tags=["history"])
def get_catch_up(uow: Uow, now: Now) -> CatchUpPublic:
    """What history left unsettled (kindness never thanked, asks never answered): how many
    of each kind and over which years, and drafts for the most recent."""
    return catch_up.show_catch_up(uow, now)


@router.post("/catch-up/file", tags=["history"])
def file_history(uow: Uow, now: Now, body: FileRequest | None = None) -> FiledPublic:
    """Files it all as history (but the ``keep_recent`` most recent thanks): no duty is
    owed for it any more; it keeps counting in the ledger and in strength."""
    return catch_up.file_history(uow, now, body.keep_recent if body else 0)


@router.get("/trash", tags=["history"])
def list_trash(uow: Uow, limit: Limit = 50, cursor: Cursor = None) -> Page[TrashedPublic]:
    """What was deleted in the last 30 days, newest first."""
    found = deletions.list_trash(uow)
    return fetched_page(found[offset_of(cursor) : offset_of(cursor) + limit + 1], limit, cursor)


@router.post("/trash/{entry_id}/restore", tags=["history"])
def restore(uow: Uow, now: Now, entry_id: Id) -> TrashedPublic:
    """Brings the record back with everything that went with it; a 409 (nothing changed)
    when something it belongs to is gone for good or its place is taken."""
    return deletions.restore(uow, entry_id, now)


@router.delete("/trash", tags=["history"])
def empty_trash(uow: Uow) -> dict[str, int]:
    """Deletes everything in the trash for good."""
    return {"emptied": deletions.empty_trash(uow)}
