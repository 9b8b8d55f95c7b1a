"""A workspace's own wording for its drafts, edited in the browser and kept in its settings
(``template:KIND``), so it works on a server where a folder of files is not the user's."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import select

from goodword.domain.errors import InvalidValue
from goodword.drafts.kinds import TEMPLATE_KINDS as DRAFT_KINDS
from goodword.services.workspaces import drop_setting, store_setting
from goodword.storage.tables import Setting
from goodword.storage.unit_of_work import UnitOfWork

PREFIX = "template:"
MAX_CHARS = 20_000


class TemplatePublic(BaseModel):
    kind: str
    description: str
    text: str
    customised: bool


def _known(kind: str) -> None:
    if kind not in DRAFT_KINDS:
        raise InvalidValue(f"unknown draft '{kind}': use one of {', '.join(DRAFT_KINDS)}")


def stored_templates(uow: UnitOfWork) -> dict[str, str]:
    rows = uow.session.scalars(
        select(Setting).where(
            Setting.workspace_id == uow.workspace_id, Setting.key.startswith(PREFIX)
        )
    )
    return {row.key.removeprefix(PREFIX): row.value for row in rows}


def list_templates(uow: UnitOfWork) -> list[TemplatePublic]:
    from goodword.drafts import rendering  # the template engine, when needed

    with uow:
        own = stored_templates(uow)
    return [
        TemplatePublic(
            kind=kind,
            description=description,
            text=own.get(kind, rendering.shipped_source(kind)),
            customised=kind in own,
        )
        for kind, description in DRAFT_KINDS.items()
    ]


def save_template(uow: UnitOfWork, kind: str, text: str) -> TemplatePublic:
    from goodword.drafts import rendering  # the template engine, when needed

    _known(kind)
    cleaned = text.replace("\r\n", "\n").strip() + "\n"
    if len(cleaned) > MAX_CHARS:
        raise InvalidValue(f"text: keep a template under {MAX_CHARS:,} characters")
    rendering.check_source(kind, cleaned)
    rendering.try_template(kind, cleaned)
    with uow:
        store_setting(uow, PREFIX + kind, cleaned)
        uow.commit()
    return TemplatePublic(kind=kind, description=DRAFT_KINDS[kind], text=cleaned, customised=True)


def reset_template(uow: UnitOfWork, kind: str) -> TemplatePublic:
    from goodword.drafts import rendering  # the template engine, when needed

    _known(kind)
    with uow:
        drop_setting(uow, PREFIX + kind)
        uow.commit()
    return TemplatePublic(
        kind=kind,
        description=DRAFT_KINDS[kind],
        text=rendering.shipped_source(kind),
        customised=False,
    )
