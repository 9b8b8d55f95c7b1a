"""Settings: the etiquette numbers, your name, draft templates, account, API tokens, teams."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from starlette.responses import RedirectResponse, Response

from goodword.domain.errors import DomainError, InvalidValue, NotFound
from goodword.domain.limits import MAX_ID
from goodword.schemas.accounts import TokenCreated
from goodword.services import api_tokens, draft_templates, teams
from goodword.services.accounts import change_password
from goodword.services.web_sessions import end_sessions
from goodword.services.workspaces import list_settings, set_settings
from goodword.web.deps import Form, PageDep
from goodword.web.forms import checked, text

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


def _settings_page(
    page: PageDep, created: TokenCreated | None = None, status: int = 200
) -> Response:
    engine = page.server.engine
    members = (
        teams.list_members(engine, page.user.id, page.workspace.id)
        if page.workspace.kind == "team"
        else []
    )
    return page.render(
        "settings.html",
        status_code=status,
        settings=list_settings(page.uow()),
        tokens=api_tokens.list_tokens(engine, page.user.id),
        created=created,
        members=members,
        templates=draft_templates.list_templates(page.uow()),
        loopback=page.request.app.state.loopback,
    )


@router.get("/settings")
def settings_page(page: PageDep) -> Response:
    return _settings_page(page)


@router.post("/settings")
def settings_save(page: PageDep, form: Form) -> Response:
    current = {s.key: "" if s.value is None else str(s.value) for s in list_settings(page.uow())}
    editable = set(current)
    if not page.request.app.state.loopback:
        editable.discard("templates_dir")  # a folder on the server: only its own user sets it
    changed: dict[str, Any] = {
        k: str(v).strip()
        for k, v in form.items()
        if k in editable and str(v).strip() != current.get(k, "")
    }
    try:
        set_settings(page.uow(), changed)
    except DomainError as error:
        return page.failed("/settings", error)
    return page.done(
        "/settings", f"Saved {len(changed)} setting{'s' if len(changed) != 1 else ''}."
    )


@router.post("/settings/password")
def password(page: PageDep, form: Form) -> Response:
    try:
        if text(form, "new_password") != text(form, "repeat_password"):
            raise InvalidValue("repeat_password: the two new passwords differ")
        change_password(
            page.server.engine,
            page.user.id,
            str(form.get("current_password", "")),
            str(form.get("new_password", "")),
        )
    except DomainError as error:
        return page.failed("/settings", error)
    ended = end_sessions(page.server.engine, page.user.id, keep=page.request.session.get("sid"))
    return page.done(
        "/settings",
        "Password changed."
        + (f" Signed out {ended} other session{'s' if ended != 1 else ''}." if ended else ""),
    )


@router.post("/settings/sign-out-everywhere")
def sign_out_everywhere(page: PageDep, form: Form) -> Response:
    """Every browser signed in to this account, this one included, is signed out."""
    end_sessions(page.server.engine, page.user.id)
    page.request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.post("/settings/tokens")
def token_create(page: PageDep, form: Form) -> Response:
    try:
        created = api_tokens.create_token(
            page.server.engine, page.user.id, text(form, "name") or "", page.now
        )
    except DomainError as error:
        return page.failed("/settings", error)
    return _settings_page(page, created=created, status=201)  # the secret is shown here, once


@router.post("/settings/tokens/{token_id}/revoke")
def token_revoke(page: PageDep, token_id: Id, form: Form) -> Response:
    api_tokens.revoke_token(page.server.engine, page.user.id, token_id, page.now)
    return page.done("/settings", "Token revoked: scripts using it now get 401.")


@router.post("/settings/teams")
def team_create(page: PageDep, form: Form) -> Response:
    try:
        team = teams.create_team(
            page.server.engine, page.user.id, text(form, "name") or "", page.now
        )
    except DomainError as error:
        return page.failed("/settings", error)
    page.request.session["workspace_id"] = team.id
    return page.done(
        "/settings", f"Team '{team.name}' created; you are in it now. Add members below."
    )


@router.post("/settings/members")
def member_add(page: PageDep, form: Form) -> Response:
    try:
        member = teams.add_member(
            page.server.engine,
            page.user.id,
            page.workspace.id,
            text(form, "email") or "",
            text(form, "role") or "member",
            page.now,
        )
    except DomainError as error:
        return page.failed("/settings", error)
    return page.done("/settings", f"{member.name} joined the team.")


@router.post("/settings/members/{user_id}/remove")
def member_remove(page: PageDep, user_id: Id, form: Form) -> Response:
    try:
        teams.remove_member(page.server.engine, page.user.id, page.workspace.id, user_id)
    except DomainError as error:
        return page.failed("/settings", error)
    return page.done("/settings", "Member removed.")


@router.get("/settings/templates/{kind}")
def template_page(page: PageDep, kind: Annotated[str, Path(max_length=40)]) -> Response:
    found = next((t for t in draft_templates.list_templates(page.uow()) if t.kind == kind), None)
    if found is None:
        raise NotFound(f"no draft called '{kind}'")
    return page.render("template.html", draft=found)


@router.post("/settings/templates/{kind}")
def template_save(page: PageDep, kind: Annotated[str, Path(max_length=40)], form: Form) -> Response:
    url = f"/settings/templates/{kind}"
    try:
        if checked(form, "reset"):
            draft_templates.reset_template(page.uow(), kind)
            return page.done(url, "Back to the shipped wording.")
        draft_templates.save_template(page.uow(), kind, str(form.get("text", "")))
    except DomainError as error:
        return page.failed(url, error)
    return page.done(url, "Template saved: new drafts use your wording.")
