"""Sign in, sign out, the first account, and switching workspace."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from goodword.api.deps import Server, server
from goodword.domain.errors import DomainError, NotAuthenticated
from goodword.schemas.accounts import UserCreate
from goodword.services.accounts import authenticate, count_users, create_user
from goodword.services.throttles import SIGN_IN, admit, succeeded
from goodword.services.web_sessions import end_session, start_session
from goodword.services.workspaces import LOCAL_WORKSPACE
from goodword.storage.tables import Workspace
from goodword.web.deps import Form, PageDep, flash, render
from goodword.web.security import known_device, remember_device

router = APIRouter(include_in_schema=False)
Srv = Annotated[Server, Depends(server)]


def _safe_next(target: object) -> str:
    """Only a path on this site: never an absolute URL (an open redirect)."""
    text = str(target or "/")
    return text if text.startswith("/") and not text.startswith("//") and "\\" not in text else "/"


def _sign_in(request: Request, srv: Server, user_id: int, workspace_id: int) -> None:
    end_session(srv.engine, request.session.get("sid"))
    request.session.clear()  # a fresh session (and CSRF token) on every sign-in
    request.session["sid"] = start_session(srv.engine, user_id, srv.clock())
    request.session["workspace_id"] = workspace_id


def _may_set_up(request: Request, srv: Server) -> bool:
    return bool(request.app.state.loopback) and count_users(srv.engine) == 0


@router.get("/login")
def login_page(request: Request, srv: Srv, next: str = "/") -> Response:
    if _may_set_up(request, srv):
        return RedirectResponse("/setup", 303)
    return render(request, "login.html", page=None, next=_safe_next(next), email=None)


@router.post("/login")
def login(request: Request, srv: Srv, form: Form) -> Response:
    email = str(form.get("email", "")).strip().lower()[:320]
    address = request.client.host if request.client else "unknown"
    known = known_device(request, email)
    # The account's own limit does not apply on a browser it signed in from before: an
    # attacker guessing elsewhere cannot lock its owner out (the address limit still holds).
    keys = {f"ip:{address}": SIGN_IN, **({} if known else {f"account:{email}": SIGN_IN})}
    try:
        attempt = admit(srv.engine, "sign-in", keys, srv.clock(), "too many failed sign-ins")
        user = authenticate(srv.engine, email, str(form.get("password", "")))
    except NotAuthenticated as error:
        flash(request, str(error), "error")
        return render(
            request, "login.html", 401, page=None, next=_safe_next(form.get("next")), email=email
        )
    except DomainError as error:
        flash(request, str(error), "error")
        return render(
            request, "login.html", 429, page=None, next=_safe_next(form.get("next")), email=email
        )
    succeeded(srv.engine, attempt, "sign-in", [f"account:{email}"])
    _sign_in(request, srv, user.id, user.personal_workspace_id)
    response = RedirectResponse(_safe_next(form.get("next")), 303)
    remember_device(request, response, email)
    return response


@router.post("/logout")
def logout(request: Request, srv: Srv, form: Form) -> Response:
    end_session(srv.engine, request.session.get("sid"))
    request.session.clear()
    return RedirectResponse("/login", 303)


def _has_local(srv: Server) -> bool:
    with Session(srv.engine) as session:
        return (
            session.scalar(select(Workspace.id).where(Workspace.name == LOCAL_WORKSPACE))
            is not None
        )


@router.get("/setup")
def setup_page(request: Request, srv: Srv) -> Response:
    if not _may_set_up(request, srv):
        return RedirectResponse("/login", 303)
    return render(request, "setup.html", page=None, has_local=_has_local(srv))


@router.post("/setup")
def setup(request: Request, srv: Srv, form: Form) -> Response:
    if not _may_set_up(request, srv):
        return RedirectResponse("/login", 303)
    values = {k: str(form.get(k, "")) for k in ("name", "email", "password")}
    try:
        user = create_user(srv.engine, UserCreate(**values), srv.clock())
    except (DomainError, ValidationError) as error:
        message = str(error) if isinstance(error, DomainError) else _first(error)
        flash(request, message, "error")
        context = {"name": values["name"], "email": values["email"]}
        return render(request, "setup.html", 422, page=None, has_local=_has_local(srv), **context)
    _sign_in(request, srv, user.id, user.personal_workspace_id)
    flash(request, f"Welcome, {user.name}. This is what you owe to whom today.")
    return RedirectResponse("/", 303)


def _first(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first["loc"])
    return f"{field}: {first['msg'].lower()}"


@router.post("/workspace")
def switch_workspace(page: PageDep, form: Form) -> Response:
    wanted = str(form.get("workspace_id", ""))
    chosen = next((w for w in page.workspaces if str(w.id) == wanted), None)
    if chosen is None:
        return page.done("/", "no such workspace among yours")
    page.request.session["workspace_id"] = chosen.id
    return page.done("/", f"Now in {chosen.name}.")
