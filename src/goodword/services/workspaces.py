"""The workspace a command works in, and its etiquette settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from goodword.domain.etiquette import DESCRIPTIONS, Etiquette, etiquette_from, parse_setting
from goodword.schemas.practice import SettingPublic
from goodword.storage.tables import Setting, Workspace
from goodword.storage.unit_of_work import UnitOfWork

LOCAL_WORKSPACE = "local"


def ensure_workspace(engine: Engine, name: str, now: datetime, *, is_demo: bool = False) -> int:
    """The id of the named workspace, created on first use."""
    with Session(engine) as session:
        found = session.scalar(select(Workspace).where(Workspace.name == name))
        if found is not None:
            return found.id
        workspace = Workspace(name=name, is_demo=is_demo, created_at=now)
        session.add(workspace)
        session.commit()
        return workspace.id


def load_etiquette(uow: UnitOfWork) -> Etiquette:
    rows = uow.session.scalars(select(Setting).where(Setting.workspace_id == uow.workspace_id))
    return etiquette_from({row.key: row.value for row in rows})


def list_settings(uow: UnitOfWork) -> list[SettingPublic]:
    with uow:
        current = load_etiquette(uow).as_dict()
    defaults = Etiquette().as_dict()
    return [
        SettingPublic(key=key, value=current[key], default=defaults[key], description=text)
        for key, text in DESCRIPTIONS.items()
    ]


def set_setting(uow: UnitOfWork, key: str, value: str) -> list[SettingPublic]:
    """Change one etiquette number; the whole set is re-validated before anything is written."""
    with uow:
        updated = load_etiquette(uow).with_value(key, value)
        stored = uow.session.get(Setting, (uow.workspace_id, key))
        new_value = str(updated.as_dict()[key])
        if stored is None:
            uow.session.add(Setting(workspace_id=uow.workspace_id, key=key, value=new_value))
        else:
            stored.value = new_value
        uow.commit()
    return list_settings(uow)


def reset_setting(uow: UnitOfWork, key: str) -> list[SettingPublic]:
    with uow:
        parse_setting(key, 1)  # refuses an unknown key
        rows = uow.session.scalars(select(Setting).where(Setting.workspace_id == uow.workspace_id))
        etiquette_from({row.key: row.value for row in rows if row.key != key})
        stored = uow.session.get(Setting, (uow.workspace_id, key))
        if stored is not None:
            uow.session.delete(stored)
        uow.commit()
    return list_settings(uow)
