"""Catching up with history: what it left unsettled, thank-you drafts for the most recent,
and one button that files the rest."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from goodword.services import catch_up
from goodword.web.deps import Form, PageDep

router = APIRouter(include_in_schema=False)


@router.get("/catch-up")
def catch_up_page(page: PageDep) -> Response:
    found = catch_up.show_catch_up(page.uow(), page.now)
    return page.render("catch_up.html", found=found, total=sum(c.count for c in found.counts))


@router.post("/catch-up/file")
def file_history(page: PageDep, form: Form) -> Response:
    keep = 3 if form.get("keep") == "recent" else 0
    return page.act(
        "/catch-up",
        lambda: catch_up.file_history(page.uow(), page.now, keep),
        "Filed as history: it still counts in your ledger, and nothing from it is late.",
    )
