"""Advocate codes: human-friendly (a name to recognise, no 0/O or 1/l to confuse) and
unguessable (50 random bits from the caller's secure source)."""

from __future__ import annotations

import re
import unicodedata

#: Crockford's base32 without i, l, o, u: easy to read aloud and to type from a flyer.
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
RANDOM_CHARS = 10  # 50 bits
CODE_PATTERN = re.compile(r"^[a-z]{0,12}-?[0-9a-z]{10}$")


def name_prefix(name: str) -> str:
    first = (name.strip().split() or ["friend"])[0]
    ascii_only = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
    letters = re.sub(r"[^a-z]", "", ascii_only.lower())[:12]
    return letters or "friend"


def make_code(name: str, random_bytes: bytes) -> str:
    """``ana-7kx29qpmht`` from a name and at least 7 random bytes."""
    if len(random_bytes) < 7:
        raise ValueError("a code needs at least 7 random bytes")
    number = int.from_bytes(random_bytes[:7], "big") >> 6  # 50 bits
    chars = []
    for _ in range(RANDOM_CHARS):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    return f"{name_prefix(name)}-{''.join(chars)}"


def canonical_code(text: str) -> str | None:
    """A code as typed or linked (any case, stray spaces) in its stored form, or None."""
    cleaned = text.strip().lower()
    return cleaned if CODE_PATTERN.match(cleaned) else None
