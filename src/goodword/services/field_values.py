"""What people type for an email, a phone or a tag, checked and put in one shape."""

from __future__ import annotations

from goodword.domain.errors import InvalidValue


def clean_email(value: str) -> str:
    email = value.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        raise InvalidValue(f"'{value}' is not an email address (expected name@example.com)")
    return email


def clean_phone(value: str) -> str:
    phone = " ".join(value.split())
    if sum(ch.isdigit() for ch in phone) < 3:
        raise InvalidValue(f"'{value}' is not a phone number (expected digits, e.g. +1 555 0100)")
    return phone


def clean_tag(value: str) -> str:
    tag = value.strip().lower()
    if not tag:
        raise InvalidValue("a tag cannot be empty")
    return tag
