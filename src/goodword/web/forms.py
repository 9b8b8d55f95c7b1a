"""Reading HTML form values: empty fields are absent, lists are comma-separated."""

from __future__ import annotations

from typing import Any


def text(form: dict[str, Any], key: str) -> str | None:
    value = form.get(key)
    if value is None:
        return None
    cleaned = str(value).strip()
    return cleaned or None


def words(form: dict[str, Any], key: str) -> list[str]:
    return [w.strip() for w in str(form.get(key) or "").split(",") if w.strip()]


def present(form: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The named fields that were filled in, ready for a ``…Create`` schema."""
    return {key: value for key in keys if (value := text(form, key)) is not None}


def checked(form: dict[str, Any], key: str) -> bool:
    return str(form.get(key, "")).lower() in ("on", "true", "1", "yes")


#: Pages a form may send the user back to instead of its own (never an outside address).
BACK_TO = ("/catch-up", "/")


def back_to(form: dict[str, Any], default: str) -> str:
    """Where to go after a form: its ``back`` field when it names one of our pages."""
    wanted = text(form, "back")
    return wanted if wanted in BACK_TO else default
