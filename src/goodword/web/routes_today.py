"""The Today page: the agenda, each item with its draft and its one-click step."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from goodword.domain.errors import DomainError
from goodword.services.agenda_actions import agenda_with_drafts, complete_item, thank_via
from goodword.web.deps import Form, PageDep

router = APIRouter(include_in_schema=False)


@router.get("/")
def today(page: PageDep) -> Response:
    rows = agenda_with_drafts(page.uow(), page.now)
    return page.render("today.html", rows=rows, now=page.now, thank_via=thank_via)


@router.post("/today/done")
def done(page: PageDep, form: Form) -> Response:
    try:
        message = complete_item(
            page.uow(),
            str(form.get("kind")),
            str(form.get("about")),
            page.now,
            str(form.get("via") or "email"),
        )
    except DomainError as error:
        return page.failed("/", error)
    return page.done("/", message)
