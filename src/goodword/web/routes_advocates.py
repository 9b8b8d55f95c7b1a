"""The advocate's side, public: the program's sign-up page (double opt-in), the
confirmation link, and the private portal reached by a magic link. No account needed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

from goodword.api.deps import Server, server
from goodword.api.errors import status_of
from goodword.domain.errors import DomainError
from goodword.programs.use_cases import community as program_community
from goodword.programs.use_cases import portal as advocate_portal
from goodword.programs.use_cases import signup as advocate_signup
from goodword.web.deps import checked_form, render
from goodword.web.forms import checked, text
from goodword.web.validation import invalid

router = APIRouter(include_in_schema=False)
Token = Annotated[str, Path(max_length=80)]
Srv = Annotated[Server, Depends(server)]


def _seen_at(request: Request) -> str:
    return str(request.base_url)


@router.get("/j/{token}")
def join(request: Request, token: Token, srv: Srv) -> Response:
    found = advocate_signup.join_page(srv.engine, token)
    return render(
        request, "join.html", join=found, program=found.program, token=token, page=None, form={}
    )


@router.post("/j/{token}")
async def join_request(request: Request, token: Token, srv: Srv) -> Response:
    form = await checked_form(request)
    found = advocate_signup.join_page(srv.engine, token)
    problem = None if checked(form, "consent") else "please tick the box to agree to the rules"
    status = 422
    if problem is None:
        try:
            advocate_signup.request_signup(
                srv.engine,
                token,
                text(form, "name") or "",
                text(form, "email") or "",
                srv.clock(),
                request.client.host if request.client else "unknown",
            )
        except (DomainError, ValidationError) as error:
            problem = str(invalid(error))
            status = status_of(error) if isinstance(error, DomainError) else 422
    if problem:
        return render(
            request,
            "join.html",
            status,
            join=found,
            program=found.program,
            token=token,
            page=None,
            form=form,
            problem=problem,
        )
    return render(request, "join_sent.html", program=found.program, page=None)


@router.get("/confirm/{token}")
def confirm(request: Request, token: Token, srv: Srv) -> Response:
    portal = advocate_signup.confirm_signup(srv.engine, token, srv.clock(), _seen_at(request))
    return RedirectResponse(f"/a/{portal}?welcome=1", status_code=303)


@router.get("/a/{token}")
def portal(request: Request, token: Token, srv: Srv) -> Response:
    view = advocate_portal.portal_view(srv.engine, token, _seen_at(request))
    welcome = request.query_params.get("welcome") == "1"
    return render(request, "portal.html", view=view, welcome=welcome, page=None)


@router.post("/a/{token}/leaderboard")
async def leaderboard_choice(request: Request, token: Token, srv: Srv) -> Response:
    form = await checked_form(request)
    program_community.choose_leaderboard(srv.engine, token, checked(form, "show"))
    return RedirectResponse(f"/a/{token}", status_code=303)
