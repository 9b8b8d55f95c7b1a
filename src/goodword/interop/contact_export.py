"""Taking the network out: CSV files a spreadsheet opens safely, and vCard 3.0 (written by
vobject) that phones, and goodword itself, import again without duplicating anyone."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

#: Excel reads a UTF-8 file as UTF-8 only when it starts with a byte-order mark.
BOM = "\ufeff"
#: A cell starting with one of these is a formula to a spreadsheet (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(value: object) -> object:
    """A text cell a spreadsheet will show, never run: a leading ``'`` before a formula
    start. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unguarded(value: str) -> str:
    """What ``guarded`` wrote, read back (goodword's own export imported again)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """UTF-8 with a byte-order mark, CRLF lines, every text cell guarded."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else guarded(cell) for cell in row])
    return out.getvalue()


@dataclass
class Card:
    """One person as a card: what a phone's address book keeps of them."""

    uid: str
    name: str
    given_name: str | None = None
    family_name: str | None = None
    company: str | None = None
    title: str | None = None
    emails: list[tuple[str, str | None]] = field(default_factory=list)
    phones: list[tuple[str, str | None]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    birthday: str | None = None
    """``1985-04-12`` or ``--04-12``."""
    anniversaries: list[str] = field(default_factory=list)
    revised: datetime | None = None


def _parts(card: Card) -> tuple[str, str]:
    """Family and given names: as a source gave them, else the last word and the rest."""
    if card.family_name or card.given_name:
        return card.family_name or "", card.given_name or ""
    words = card.name.split()
    return (words[-1], " ".join(words[:-1])) if len(words) > 1 else (card.name, "")


def _typed(component: Any, name: str, value: str, *types: str) -> None:
    prop = component.add(name)
    prop.value = value
    kinds = [t for t in types if t]
    if kinds:
        prop.type_paramlist = kinds


def vcard(card: Card) -> str:
    import vobject  # loaded when used: every command imports this module, few need it

    component = vobject.vCard()
    component.add("uid").value = card.uid
    component.add("fn").value = card.name
    family, given = _parts(card)
    component.add("n").value = vobject.vcard.Name(family=family, given=given)
    if card.company:
        component.add("org").value = [card.company]
    if card.title:
        component.add("title").value = card.title
    for email, label in card.emails:
        _typed(component, "email", email, "INTERNET", (label or "").upper())
    for phone, label in card.phones:
        _typed(component, "tel", phone, (label or "voice").upper())
    for url in card.urls:
        component.add("url").value = url
    if card.tags:
        component.add("categories").value = card.tags
    if card.notes:
        component.add("note").value = "\n\n".join(card.notes)
    if card.birthday:
        component.add("bday").value = card.birthday
    for day in card.anniversaries:
        component.add("x-anniversary").value = day
    if card.revised is not None:
        revised = card.revised.astimezone(UTC)
        component.add("rev").value = revised.strftime("%Y%m%dT%H%M%SZ")
    text: str = component.serialize()
    return text


def vcard_text(cards: Iterable[Card]) -> str:
    return "".join(vcard(card) for card in cards)
