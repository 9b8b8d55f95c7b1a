"""How two records are recognised as the same person: normalised emails, LinkedIn profile
URLs and phone numbers, and a key for what an import created before."""

from __future__ import annotations

import re

import phonenumbers

_URL_PREFIX = re.compile(r"^(https?://)?(www\.|[a-z]{2}\.)?", re.IGNORECASE)


def normalise_email(value: str) -> str | None:
    email = value.strip().strip("<>").lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        return None
    return email


def normalise_url(value: str) -> str | None:
    """``https://www.linkedin.com/in/ana-silva/`` and ``linkedin.com/in/ana-silva`` match."""
    url = _URL_PREFIX.sub("", value.strip()).rstrip("/").split("?")[0]
    return url.lower() or None


def normalise_phone(value: str, region: str = "US") -> str | None:
    """E.164 when the number is valid (``+15550100``); otherwise the digits, or None."""
    raw = value.strip()
    if sum(ch.isdigit() for ch in raw) < 3:
        return None
    try:
        parsed = phonenumbers.parse(raw, None if raw.startswith("+") else region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return "".join(ch for ch in raw if ch.isdigit() or ch == "+")


def import_key(source: str, name: str, company: str | None) -> str:
    """What an import recognises a person by when no email, URL or phone came with them."""
    folded = " ".join(name.lower().split())
    return f"{source}:{folded}|{(company or '').strip().lower()}"
