"""Import: upload a LinkedIn export, a vCard or a CSV; the same readers and report as the CLI."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from goodword.domain.errors import DomainError
from goodword.interop.mapped_csv import FIELDS
from goodword.interop.uploads import read_upload
from goodword.services import importing
from goodword.web.deps import PageDep, checked_form

router = APIRouter(include_in_schema=False)


@router.get("/import")
def import_page(page: PageDep) -> Response:
    return page.render("import.html", report=None, fields=FIELDS)


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
    return page.render(
        "import.html", report=report, fields=FIELDS, matched_words=importing.matched_words(report)
    )
