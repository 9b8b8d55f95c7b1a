"""How an incoming row is keyed: its strong keys (an email, a LinkedIn URL, a phone, a
card's UID — each names one person) and, for a row with none, the key an import of the
same source gives it (name, company and its place among same-named rows of the file)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from goodword.interop.identity import import_key, normalise_email, normalise_phone, normalise_url
from goodword.interop.incoming import IncomingPerson


def stored_form(kind: str, value: str) -> str:
    """How a recognised key is kept: links readable (https://…), the rest as matched."""
    return f"https://{value}" if kind == "url" else value


def key_of(kind: str, value: str) -> tuple[str, str] | None:
    normal = {"email": normalise_email, "url": normalise_url, "phone": normalise_phone}
    if kind in normal:
        found = normal[kind](value)
        return (kind, found) if found else None
    return (kind, value)


#: Keys that name one person: a different one of these means a different person.
STRONG = ("email", "url", "phone", "uid")


def strong_keys(p: IncomingPerson) -> list[tuple[str, str]]:
    cached: list[tuple[str, str]] | None = getattr(p, "strong_keys", None)
    if cached is None:
        cached = [("email", e) for e in map(normalise_email, p.emails) if e]
        cached += [("url", u) for u in map(normalise_url, p.urls) if u]
        cached += [("phone", n) for n in map(normalise_phone, p.phones) if n]
        cached += [("uid", u.strip()) for u in p.uids if u.strip()]
        p.strong_keys = cached  # type: ignore[attr-defined]
    return cached


def import_key_of(p: IncomingPerson) -> tuple[str, str]:
    key = import_key(p.source, p.name, p.company)
    return ("import", key if p.occurrence <= 1 else f"{key}#{p.occurrence}")


def all_keys(p: IncomingPerson) -> list[tuple[str, str]]:
    return [*strong_keys(p), import_key_of(p)]


def number_namesakes(incoming: Iterable[IncomingPerson]) -> None:
    """Give each keyless row its place among the keyless rows of the same name and company
    in the file: two "Ana Silva, Acme" with nothing else are two people, found again as the
    first and the second on the next import."""
    seen: dict[str, int] = defaultdict(int)
    for p in incoming:
        if not strong_keys(p):
            key = import_key(p.source, p.name, p.company)
            seen[key] += 1
            p.occurrence = seen[key]


def folded(name: str) -> str:
    return " ".join(name.lower().split())
