"""The workspace a command works in, and its settings: the etiquette numbers, and a few
words (your name for signing drafts, a folder of your own draft templates)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine, Select, bindparam, select
from sqlalchemy.orm import Session

from goodword.domain.dates import zone_named
from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.etiquette import DESCRIPTIONS, Etiquette, etiquette_from
from goodword.domain.limits import digits
from goodword.schemas.settings import SettingPublic
from goodword.services.outbound import check_host
from goodword.services.time_zones import machine_zone_name
from goodword.storage.tables import Setting, Workspace
from goodword.storage.unit_of_work import UnitOfWork

LOCAL_WORKSPACE = "local"

TEXT_SETTINGS: dict[str, str] = {
    "your_name": "your name, used to sign drafted messages",
    "templates_dir": "a folder of your own draft templates that override the shipped ones",
    "public_url": "the address people reach `goodword serve` at, for advocates' /r/CODE links",
    "smtp_host": "mail server for program emails (advocates' links, thanks, rewards)",
    "smtp_port": "its port (587 with starttls, 465 with ssl, 25 plain)",
    "smtp_user": "the mail server's user name, if it asks for one",
    "smtp_password": "its password (stored in this database; shown as ********)",
    "smtp_tls": "starttls, ssl or none",
    "mail_from": "the sender of program emails, e.g. Acme Referrals <hello@acme.example>",
    "timezone": "your time zone (an IANA name like Europe/Berlin): what 'today' and every "
    "due day mean; this machine's zone when unset",
}
SECRET_SETTINGS = frozenset({"smtp_password"})
MASK = "********"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


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


@cache
def _settings_statement() -> Select[str, str]:
    return select(Setting.key, Setting.value).where(
        Setting.workspace_id == bindparam("workspace_id")
    )


def settings_of(session: Session, workspace_id: int) -> dict[str, str]:
    """A workspace's stored settings, for work that spans workspaces (the worker). Read as
    plain rows with a statement built once: every conversion and outbox batch asks."""
    rows = session.execute(_settings_statement(), {"workspace_id": workspace_id})
    return dict(rows.all())


def _stored(uow: UnitOfWork) -> dict[str, str]:
    return settings_of(uow.session, uow.workspace_id)


def load_etiquette(uow: UnitOfWork) -> Etiquette:
    return etiquette_from(_stored(uow))


def text_setting(uow: UnitOfWork, key: str) -> str | None:
    stored = uow.session.get(Setting, (uow.workspace_id, key))
    return stored.value if stored is not None else None


def public_url(uow: UnitOfWork, seen_at: str | None = None) -> str:
    """Where advocates' links point: the ``public_url`` setting, else the address the
    server was reached at (``seen_at``), else ``goodword serve``'s default."""
    return links_base(text_setting(uow, "public_url"), seen_at)


def emailed_url(uow: UnitOfWork) -> str:
    """Where links *sent by email* point: the ``public_url`` setting, required. Never the
    address a request came to: a visitor chooses its Host header, and a confirmation link
    pointing at their host would hand them the secret in it."""
    configured = text_setting(uow, "public_url")
    if not configured:
        raise RuleViolation(
            "this program cannot send sign-up emails yet: its owner has to set the "
            "address people reach it at (the public_url setting, e.g. https://refer.acme.example)"
        )
    return configured.rstrip("/")


def public_hosts(engine: Engine) -> list[str]:
    """The host names of every workspace's ``public_url``: the server accepts requests
    addressed to them."""
    with Session(engine) as session:
        urls = session.scalars(select(Setting.value).where(Setting.key == "public_url"))
        found = {urlsplit(url).hostname for url in urls}
    return sorted(host for host in found if host)


def links_base(setting: str | None, seen_at: str | None = None) -> str:
    return (setting or seen_at or DEFAULT_PUBLIC_URL).rstrip("/")


def list_settings(uow: UnitOfWork) -> list[SettingPublic]:
    with uow:
        stored = _stored(uow)
        current = etiquette_from(stored).as_dict()
    defaults = Etiquette().as_dict()
    return [
        SettingPublic(key=key, value=current[key], default=defaults[key], description=text)
        for key, text in DESCRIPTIONS.items()
    ] + [
        SettingPublic(
            key=key,
            value=MASK if key in SECRET_SETTINGS and stored.get(key) else stored.get(key),
            default=_text_default(key),
            description=text,
        )
        for key, text in TEXT_SETTINGS.items()
    ]


def _text_default(key: str) -> str | None:
    if key == "timezone":
        return machine_zone_name()
    return None


def store_setting(uow: UnitOfWork, key: str, value: str) -> None:
    """Write one stored value of this workspace (inside the caller's unit of work)."""
    stored = uow.session.get(Setting, (uow.workspace_id, key))
    if stored is None:
        uow.session.add(Setting(workspace_id=uow.workspace_id, key=key, value=value))
    else:
        stored.value = value


def drop_setting(uow: UnitOfWork, key: str) -> None:
    stored = uow.session.get(Setting, (uow.workspace_id, key))
    if stored is not None:
        uow.session.delete(stored)


def _check_text(key: str, value: str) -> str:
    value = value.strip()
    if key == "templates_dir" and value and not Path(value).expanduser().is_dir():
        raise InvalidValue(f"templates_dir '{value}' is not a folder; create it first")
    if key == "public_url" and value and not value.startswith(("http://", "https://")):
        raise InvalidValue(f"public_url '{value}' must start with http:// or https://")
    if key == "smtp_host" and value:
        check_host(value, "smtp_host")
    if key == "smtp_port" and value and not (digits(value) and 0 < int(value) < 65536):
        raise InvalidValue(f"smtp_port '{value}' must be a port number like 587")
    if key == "smtp_tls" and value and value not in ("starttls", "ssl", "none"):
        raise InvalidValue(f"smtp_tls '{value}': use starttls, ssl or none")
    if key == "timezone" and value:
        value = zone_named(value).key
    if key == "mail_from" and value and "@" not in value:
        raise InvalidValue(f"mail_from '{value}' needs an email address")
    return value


def _known(key: str) -> None:
    if key not in DESCRIPTIONS and key not in TEXT_SETTINGS:
        names = ", ".join([*DESCRIPTIONS, *TEXT_SETTINGS])
        raise InvalidValue(f"unknown setting '{key}': use one of {names}")


def set_setting(uow: UnitOfWork, key: str, value: str) -> list[SettingPublic]:
    """Change one setting; the etiquette numbers are re-validated as a whole first."""
    _known(key)
    with uow:
        if key in TEXT_SETTINGS:
            new_value = _check_text(key, value)
        else:
            updated = etiquette_from(_stored(uow)).with_value(key, value)
            new_value = str(updated.as_dict()[key])
        store_setting(uow, key, new_value)
        uow.commit()
    return list_settings(uow)


def reset_setting(uow: UnitOfWork, key: str) -> list[SettingPublic]:
    _known(key)
    with uow:
        if key not in TEXT_SETTINGS:
            etiquette_from({k: v for k, v in _stored(uow).items() if k != key})
        drop_setting(uow, key)
        uow.commit()
    return list_settings(uow)


def set_settings(uow: UnitOfWork, values: dict[str, str]) -> list[SettingPublic]:
    """Several settings in one unit of work: all change, or (one refused) none do."""
    with uow:
        for key, value in values.items():
            set_setting(uow, key, value)
        uow.commit()
    return list_settings(uow)
