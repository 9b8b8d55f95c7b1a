"""What every page needs, in one place: the signed-in account, its workspace, CSRF, flashes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

from goodword.api.deps import Server, server
from goodword.domain.errors import DomainError, NotAuthenticated, NotFound
from goodword.schemas.accounts import UserPublic, WorkspacePublic
from goodword.services.accounts import get_user, user_workspaces
from goodword.services.time_zones import workspace_zone
from goodword.services.web_sessions import session_user
from goodword.storage.unit_of_work import UnitOfWork
from goodword.web.dates import install as install_dates
from goodword.web.security import csrf_ok, csrf_token
from goodword.web.validation import invalid

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


class LoginRequired(Exception):
    """No session: the page answers with a redirect to the sign-in page."""


class CsrfFailed(Exception):
    """A form came back without this session's token (another site, or an old tab)."""


@dataclass
class Page:
    """The request's account and workspace, and the unit of work on that workspace."""

    request: Request
    server: Server
    user: UserPublic
    workspace: WorkspacePublic
    workspaces: list[WorkspacePublic]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.server.engine, self.workspace.id)

    @property
    def now(self) -> datetime:
        return self.server.clock()

    def render(self, template: str, status_code: int = 200, **context: Any) -> Response:
        context.setdefault("zone", workspace_zone(self.uow()))
        return render(self.request, template, status_code, page=self, **context)

    def done(self, url: str, message: str) -> Response:
        flash(self.request, message)
        return RedirectResponse(url, status_code=303)

    def act(self, url: str, action: Callable[[], object], message: str) -> Response:
        """Run one service call from a form: on success back to ``url`` with ``message``,
        refused (a domain rule or a bad field) back to ``url`` with the reason."""
        try:
            action()
        except (DomainError, ValidationError) as error:
            return self.failed(url, invalid(error))
        return self.done(url, message)

    def failed(self, url: str, error: DomainError) -> Response:
        """Back to the form with the reason; a record that is not in this workspace stays a
        404, exactly as if it did not exist."""
        if isinstance(error, NotFound):
            raise error
        flash(self.request, str(error), "error")
        return RedirectResponse(url, status_code=303)


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.session.setdefault("flash", []).append([kind, message])


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    messages = request.session.pop("flash", [])
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {"csrf": csrf_token(request), "messages": messages, **context},
        status_code=status_code,
    )


def page(request: Request, srv: Annotated[Server, Depends(server)]) -> Page:
    user_id = session_user(srv.engine, request.session.get("sid"), srv.clock())
    if user_id is None:
        request.session.pop("sid", None)
        raise LoginRequired
    try:
        user = get_user(srv.engine, user_id)
    except NotAuthenticated:
        request.session.clear()
        raise LoginRequired from None
    spaces = user_workspaces(srv.engine, user.id)
    chosen = request.session.get("workspace_id")
    workspace = next((w for w in spaces if w.id == chosen), None) or next(
        w for w in spaces if w.kind == "personal"
    )
    return Page(request, srv, user, workspace, spaces)


async def checked_form(request: Request) -> dict[str, Any]:
    """The submitted form, once its CSRF token matches the session's."""
    form = await request.form()
    if not csrf_ok(request, form.get("csrf_token")):
        raise CsrfFailed
    return {key: value for key, value in form.multi_items() if key != "csrf_token"}


def require(found: bool, what: str) -> None:
    if not found:
        raise NotFound(f"no {what} here")


PageDep = Annotated[Page, Depends(page)]
Form = Annotated[dict[str, Any], Depends(checked_form)]


def _choices() -> dict[str, list[str]]:
    """Every select box's options, from the domain's own vocabulary."""
    from goodword.domain import vocabulary as v

    kinds = {
        "interaction": v.InteractionKind,
        "sentiment": v.Sentiment,
        "referral": v.ReferralKind,
        "gratitude": v.GratitudeKind,
        "outcome": v.Outcome,
        "ask": v.AskKind,
        "channel": v.Channel,
        "recommendation": v.RecommendationKind,
        "platform": v.Platform,
        "rec_status": v.RecommendationStatus,
        "tier": v.Tier,
    }
    return {name: [member.value for member in enum] for name, enum in kinds.items()}


TEMPLATES.env.globals["choices"] = _choices()
install_dates(TEMPLATES.env)
TEMPLATES.env.globals["brief_parts"] = [
    ("looking_for", "What I am looking for"),
    ("ideal_clients", "Ideal clients"),
    ("roles", "Roles"),
    ("partners", "Partners"),
    ("not_a_fit", "Not a fit"),
]
