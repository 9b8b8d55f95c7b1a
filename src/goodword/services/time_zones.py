"""Which time zone a workspace lives in: its ``timezone`` setting, else this machine's.

The machine's zone is read from ``TZ`` or the system's ``/etc/localtime`` (an IANA name
either way); where neither names one, UTC.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from goodword.domain.dates import parse_as_of, parse_when, zone_named
from goodword.domain.errors import InvalidValue
from goodword.storage.tables import Setting
from goodword.storage.unit_of_work import UnitOfWork

ZONE_SETTING = "timezone"
LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


def _valid(name: str) -> str | None:
    try:
        zone_named(name)
    except InvalidValue:
        return None
    return name


def machine_zone_name() -> str:
    """The IANA name of this machine's zone (``TZ``, then the system's), else ``UTC``."""
    found = os.environ.get("TZ", "").strip().removeprefix(":")
    if found and _valid(found):
        return found
    try:
        target = str(LOCALTIME.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if _valid(name):
            return name
    try:
        name = TIMEZONE_FILE.read_text().strip()
    except OSError:
        name = ""
    return name if name and _valid(name) else "UTC"


def zone_name(uow: UnitOfWork) -> str:
    """Inside the caller's unit of work."""
    stored = uow.session.get(Setting, (uow.workspace_id, ZONE_SETTING))
    if stored is not None and stored.value and _valid(stored.value):
        return stored.value
    return machine_zone_name()


def zone_of(uow: UnitOfWork) -> ZoneInfo:
    return ZoneInfo(zone_name(uow))


def workspace_zone(uow: UnitOfWork) -> ZoneInfo:
    """The zone, in a unit of work of its own (for what renders dates)."""
    with uow:
        return zone_of(uow)


def moment(uow: UnitOfWork, text: str | None, now: datetime) -> datetime:
    """What a person typed as a date, read in their workspace's zone, as a UTC instant."""
    return parse_when(text, now, zone_of(uow)).astimezone(UTC)


def as_of(uow: UnitOfWork, text: str | datetime | None, now: datetime) -> datetime:
    """The agenda's day as an instant in the workspace's zone (typed text, or a moment)."""
    zone = zone_of(uow)
    when = parse_as_of(text, now, zone) if isinstance(text, str) or text is None else text
    return (when or now).astimezone(zone)
