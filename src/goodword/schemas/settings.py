"""A workspace setting as every surface shows it. Apart from the practice's schemas so that a
command reading one setting does not build every model."""

from __future__ import annotations

from pydantic import BaseModel


class SettingPublic(BaseModel):
    key: str
    value: int | str | None
    default: int | str | None
    description: str
