"""Taking things back: the imports you ran, each one a batch that can be undone."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.api.deps import Id, Now, Uow
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, fetched_page, offset_of
from goodword.services import import_batches, import_undo
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
