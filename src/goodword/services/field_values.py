"""What people type for an email, a phone or a tag, checked and put in one shape."""

from __future__ import annotations

from goodword.domain.errors import InvalidValue
from goodword.interop.identity import normalise_phone, normalise_url


def clean_email(value: str) -> str:
    email = value.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        raise InvalidValue(f"'{value}' is not an email address (expected name@example.com)")
    return email


def clean_phone(value: str) -> str:
    """Kept in the shape imports keep it (E.164 when the number is valid), so a number typed
    by hand and the same number from a phone's export are one key."""
    phone = " ".join(value.split())
    if sum(ch.isdigit() for ch in phone) < 3:
        raise InvalidValue(f"'{value}' is not a phone number (expected digits, e.g. +1 555 0100)")
    return normalise_phone(phone) or phone


def clean_url(value: str) -> str | None:
    """A profile link in the shape imports keep it (``https://linkedin.com/in/ana``)."""
    found = normalise_url(value)
    return f"https://{found}" if found else None


def clean_tag(value: str) -> str:
    tag = value.strip().lower()
    if not tag:
        raise InvalidValue("a tag cannot be empty")
    return tag
