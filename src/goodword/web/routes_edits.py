"""Editing and deleting any record from the browser, and the trash: one edit page and one
confirmation page for every kind, each calling the same services as the CLI and the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import ValidationError
from starlette.responses import Response

from goodword.domain.errors import DomainError, NotFound
from goodword.domain.limits import MAX_ID
from goodword.services import deletions, duplicates, people, people_merge
from goodword.services.import_undo import counted
from goodword.web.deps import Form, PageDep
from goodword.web.record_forms import EDITORS, Editor
from goodword.web.validation import invalid

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Kind = Annotated[str, Path(max_length=30)]
#: Where a list of each kind lives, to go back to after a deletion.
LISTS = {
    "person": "/people",
    "organization": "/people",
    "interaction": "/people",
    "referral": "/referrals",
    "ask": "/asks",
    "gratitude": "/people",
    "recommendation": "/recommendations",
    "reference": "/references",
    "opportunity": "/opportunities",
}


def _editor(kind: str) -> Editor:
    if kind not in EDITORS:
        raise NotFound(f"no such kind of record: {kind}")
    return EDITORS[kind]


@router.get("/edit/{record_kind}/{record_id}")
def edit_page(page: PageDep, record_kind: Kind, record_id: Id) -> Response:
    editor = _editor(record_kind)
    record = editor.load(page.uow(), record_id)
    return page.render(
        "edit.html",
        editor=editor,
        kind=record_kind,
        record_id=record_id,
        values=editor.values(record),
        back=editor.back(record_id, record),
    )


@router.post("/edit/{record_kind}/{record_id}")
def save(page: PageDep, record_kind: Kind, record_id: Id, form: Form) -> Response:
    editor = _editor(record_kind)
    url = f"/edit/{record_kind}/{record_id}"
    try:
        saved: Any = editor.save(page.uow(), record_id, form, page.now)
    except (DomainError, ValidationError) as error:
        return page.failed(url, invalid(error))
    return page.done(editor.back(record_id, saved), f"{editor.noun.capitalize()} saved.")


@router.get("/delete/{record_kind}/{record_id}")
def delete_page(page: PageDep, record_kind: Kind, record_id: Id) -> Response:
    if record_kind not in LISTS:
        raise NotFound(f"no such kind of record: {record_kind}")
    impact = deletions.deletion_impact(page.uow(), record_kind, record_id)
    return page.render(
        "confirm.html",
        title=f"Delete {impact.label}",
        question=f"Move {impact.label} to the trash? It stays there 30 days and can be "
        "brought back with everything that goes with it:",
        details=[counted(table, n) for table, n in impact.removed.items()],
        note="Your ledger, strengths and Today change at once.",
        action=f"/delete/{record_kind}/{record_id}",
        button="Move to the trash",
        back=LISTS[record_kind],
    )


@router.post("/delete/{record_kind}/{record_id}")
def delete(page: PageDep, record_kind: Kind, record_id: Id, form: Form) -> Response:
    if record_kind not in LISTS:
        raise NotFound(f"no such kind of record: {record_kind}")
    try:
        gone = deletions.delete_record(page.uow(), record_kind, record_id, page.now)
    except DomainError as error:
        return page.failed(LISTS[record_kind], error)
    return page.done(LISTS[record_kind], f"{gone.label} moved to the trash (30 days).")


@router.get("/trash")
def trash_page(page: PageDep) -> Response:
    return page.render("trash.html", entries=deletions.list_trash(page.uow()), counted=counted)


@router.post("/trash/{entry_id}/restore")
def restore(page: PageDep, entry_id: Id, form: Form) -> Response:
    return page.act(
        "/trash",
        lambda: deletions.restore(page.uow(), entry_id, page.now),
        "Brought back, with everything that went with it.",
    )


@router.post("/trash/empty")
def empty(page: PageDep, form: Form) -> Response:
    return page.act("/trash", lambda: deletions.empty_trash(page.uow()), "The trash is empty.")


@router.get("/duplicates")
def duplicates_page(page: PageDep) -> Response:
    return page.render("duplicates.html", proposals=duplicates.find_duplicates(page.uow()))


@router.get("/merge/{keep_id}/{other_id}")
def merge_page(page: PageDep, keep_id: Id, other_id: Id) -> Response:
    uow = page.uow()
    keep, other = people.show_person(uow, f"#{keep_id}"), people.show_person(uow, f"#{other_id}")
    return page.render(
        "confirm.html",
        title=f"Merge {other.name} into {keep.name}",
        question=f"Fold {other.name} (#{other.id}) into {keep.name} (#{keep.id})? Their "
        "history, emails, links, phones, skills and tags move over; the merge is logged.",
        details=[
            f"{keep.name}: {', '.join(keep.emails + keep.urls) or 'no email or link'}",
            f"{other.name}: {', '.join(other.emails + other.urls) or 'no email or link'}",
        ],
        action=f"/merge/{keep_id}/{other_id}",
        button="Merge them",
        back="/duplicates",
    )


@router.post("/merge/{keep_id}/{other_id}")
def merge(page: PageDep, keep_id: Id, other_id: Id, form: Form) -> Response:
    try:
        result = people_merge.merge_people(page.uow(), f"#{keep_id}", f"#{other_id}", page.now)
    except DomainError as error:
        return page.failed("/duplicates", error)
    return page.done(f"/people/{result.kept.id}", f"Merged into {result.kept.name}.")
