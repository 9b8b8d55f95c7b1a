"""Import: upload a LinkedIn export, a vCard or a CSV; the same readers and report as the CLI."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from goodword.domain.errors import DomainError
from goodword.domain.limits import MAX_ID
from goodword.interop.mapped_csv import FIELDS
from goodword.interop.uploads import read_upload
from goodword.services import import_batches, import_undo, importing
from goodword.web.deps import Form, Page, PageDep, checked_form

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("/import")
def import_page(page: PageDep) -> Response:
    return _page(page, None)


def _page(page: Page, report: importing.ImportReport | None) -> Response:
    return page.render(
        "import.html",
        report=report,
        fields=FIELDS,
        matched_words=importing.matched_words(report) if report else "",
        imports=import_batches.list_imports(page.uow(), 20),
    )


@router.get("/import/{batch_id}/undo")
def undo_page(page: PageDep, batch_id: Id) -> Response:
    try:
        removes = import_undo.undo_impact(page.uow(), batch_id)
    except DomainError as error:
        return page.failed("/import", error)
    return page.render(
        "confirm.html",
        title=f"Undo import #{batch_id}",
        question="Take this import back? Everything it brought is removed, and what it "
        "changed on people already here is put back as it was.",
        details=[import_undo.counted(table, n) for table, n in removes.items()],
        action=f"/import/{batch_id}/undo",
        button="Undo the import",
        back="/import",
    )


@router.post("/import/{batch_id}/undo")
def undo(page: PageDep, form: Form, batch_id: Id) -> Response:
    return page.act(
        "/import",
        lambda: import_undo.undo_import(page.uow(), batch_id, page.now),
        f"Import #{batch_id} undone.",
    )


@router.post("/import")
async def import_upload(page: PageDep) -> Response:
    await checked_form(page.request)
    form = await page.request.form()
    upload = form.get("file")
    source = str(form.get("source", ""))
    mapping = [str(m) for m in form.getlist("map") if str(m).strip()]
    if mapping and len(mapping) == 1 and "\n" in mapping[0]:
        mapping = [line.strip() for line in mapping[0].splitlines() if line.strip()]
    try:
        if upload is None or isinstance(upload, str):
            data, name = b"", None
        else:
            data, name = await upload.read(), upload.filename
        await form.close()  # the spooled upload file is released now, not at collection
        batch = await run_in_threadpool(read_upload, source, name, data, mapping)
        report = await run_in_threadpool(importing.import_batch, page.uow(), batch, page.now)
    except DomainError as error:
        return page.failed("/import", error)
    return _page(page, report)
