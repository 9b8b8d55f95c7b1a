"""vCard 2.1 (Android: quoted-printable, soft line breaks), 3.0 (iOS/macOS ``itemN.`` labels,
Google CATEGORIES) and 4.0, several cards to a file.

Each card is parsed by vobject. Before that, the file is read line by line so that what
vobject refuses to guess at is handled here: quoted-printable values and their soft line
breaks are decoded, and a line that is not a property is reported with its number while
the rest of its card — and of the file — still comes in.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goodword.domain.errors import InvalidValue
from goodword.domain.person_dates import parse_day
from goodword.interop.file_limits import read_file
from goodword.interop.identity import normalise_phone
from goodword.interop.incoming import ImportBatch, IncomingDate, IncomingPerson, Problem
from goodword.interop.text_files import decode

#: What a TYPE or an iOS label says, as goodword keeps it.
LABELS = {
    "work": "work",
    "home": "home",
    "cell": "cell",
    "mobile": "cell",
    "iphone": "cell",
    "main": "main",
    "fax": "fax",
    "workfax": "fax",
    "homefax": "fax",
    "pager": "pager",
    "other": "other",
}
SKIPPED_TAGS = ("mycontacts", "starred")
#: Properties whose value is a list separated by ``;`` (the parts of a name, an address).
STRUCTURED = {"N", "ADR", "ORG"}
PROPERTY = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?$")


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Card:
    start: int
    lines: list[str] = field(default_factory=list)


def _unfold(text: str) -> list[_Line]:
    """Join folded lines (a leading space or tab) and quoted-printable soft breaks (``=``)."""
    lines: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1].text += raw[1:]
        elif (
            lines
            and lines[-1].text.endswith("=")
            and "QUOTED-PRINTABLE" in (lines[-1].text.split(":", 1)[0].upper())
        ):
            lines[-1].text = lines[-1].text[:-1] + raw
        else:
            lines.append(_Line(number, raw))
    return lines


def _plain(line: str) -> str:
    """A property line with a quoted-printable value turned into plain text (vCard 2.1)."""
    head, sep, value = line.partition(":")
    if not sep or not PROPERTY.match(head.split(";", 1)[0]):
        raise ValueError(f"not a vCard property: '{line[:40]}'")
    parts = head.split(";")
    if not any(p.upper() in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in parts):
        return line
    charset = next((p.split("=", 1)[1] for p in parts if p.upper().startswith("CHARSET=")), "utf-8")
    kept = [p for p in parts if p.upper().split("=")[0] not in ("ENCODING", "CHARSET")]
    kept = [p for p in kept if p.upper() != "QUOTED-PRINTABLE"]
    try:
        text = quopri.decodestring(value.encode("ascii", "replace")).decode(charset, "replace")
    except LookupError:
        text = quopri.decodestring(value.encode("ascii", "replace")).decode("utf-8", "replace")
    name = parts[0].split(".")[-1].upper()
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")
    if name != "CATEGORIES":
        text = text.replace(",", "\\,")
    if name not in STRUCTURED:
        text = text.replace(";", "\\;")
    return ";".join(kept) + ":" + text


def read_vcards(path: Path) -> ImportBatch:
    if not path.is_file():
        raise InvalidValue(f"{path} does not exist: give a .vcf file")
    text = decode(read_file(path), path.name)
    if "BEGIN:VCARD" not in text.upper():
        raise InvalidValue(f"{path.name} holds no vCard (no BEGIN:VCARD); is it a .vcf file?")
    batch = ImportBatch(source="vcard")
    card: _Card | None = None
    for line in _unfold(text):
        if not line.text.strip():
            continue
        upper = line.text.strip().upper()
        if upper == "BEGIN:VCARD":
            card = _Card(line.number, ["BEGIN:VCARD"])
            continue
        if upper == "END:VCARD":
            if card is not None:
                _finish(batch, path.name, card)
            card = None
            continue
        if card is None:
            batch.errors.append(Problem(path.name, line.number, "text outside a card"))
            continue
        try:
            card.lines.append(_plain(line.text))
        except ValueError as error:
            batch.errors.append(Problem(path.name, line.number, str(error)))
    if card is not None:
        batch.errors.append(Problem(path.name, card.start, "card without END:VCARD"))
    batch.files[path.name] = len(batch.people)
    return batch


def _types(prop: Any) -> list[str]:
    found = [t.lower() for t in prop.params.get("TYPE", []) for t in t.split(",")]
    return found + [t.lower() for t in prop.singletonparams]


def _label(prop: Any, group_labels: dict[str, str]) -> str | None:
    """``work``, ``home``, ``cell``…: an iOS label of the property's group, else its TYPE."""
    custom = group_labels.get((prop.group or "").lower())
    if custom:
        return custom
    return next((LABELS[t] for t in _types(prop) if t in LABELS), None)


def _group_labels(component: Any) -> dict[str, str]:
    labels = {}
    for prop in component.getChildren():
        if prop.name == "X-ABLABEL" and prop.group:
            raw = str(prop.value).strip()
            if raw.startswith("_$!<") and raw.endswith(">!$_"):
                raw = raw[4:-4]
            labels[prop.group.lower()] = LABELS.get(raw.lower(), raw.lower())[:100]
    return labels


def _day(prop: Any) -> tuple[int, int, int | None] | None:
    try:
        kept = parse_day(str(prop.value))
    except InvalidValue:
        return None
    return kept.month, kept.day, kept.year


def _finish(batch: ImportBatch, file: str, card: _Card) -> None:
    import vobject  # loaded when used: every command imports this module, few need it

    try:
        component = vobject.readOne("\r\n".join([*card.lines, "END:VCARD"]) + "\r\n")
    except Exception as error:  # vobject raises many kinds; the card is reported, not fatal
        batch.errors.append(Problem(file, card.start, f"card could not be read: {error}"[:200]))
        return
    children = list(component.getChildren())
    labels = _group_labels(component)

    def all_of(name: str) -> list[Any]:
        return [c for c in children if c.name == name]

    full = str(all_of("FN")[0].value).strip() if all_of("FN") else ""
    given = family = None
    if all_of("N"):
        parts = all_of("N")[0].value
        given = " ".join(x for x in [parts.given, parts.additional] if x and str(x).strip())
        family = str(parts.family).strip() if parts.family else None
        given = given.strip() or None
        if not full:
            full = " ".join(x for x in (str(parts.prefix or ""), given, family) if x).strip()
    if not full:
        batch.skipped.append(Problem(file, card.start, "card without a name"))
        return
    person = IncomingPerson(
        name=full,
        line=card.start,
        source="vcard",
        file=file,
        given_name=given,
        family_name=family,
    )
    for prop in all_of("ORG")[:1]:
        value = prop.value
        person.company = (str(value[0]) if isinstance(value, list) else str(value)).strip() or None
    for prop in all_of("TITLE")[:1]:
        person.title = str(prop.value).strip() or None
    for prop in all_of("EMAIL"):
        email = str(prop.value).strip().removeprefix("mailto:")
        if email:
            person.emails.append(email)
            if label := _label(prop, labels):
                person.labels[email] = label
    for prop in all_of("TEL"):
        raw = str(prop.value).strip().removeprefix("tel:")
        number = normalise_phone(raw) or raw
        if number:
            person.phones.append(number)
            if label := _label(prop, labels):
                person.labels[number] = label
    person.urls = [str(p.value).strip() for p in all_of("URL") if str(p.value).strip()]
    person.note = "\n".join(str(p.value) for p in all_of("NOTE")).strip() or None
    tags = [str(t).strip() for p in all_of("CATEGORIES") for t in _listed(p.value)]
    person.tags = [t for t in tags if t and t.lower() not in SKIPPED_TAGS]
    person.uids = [str(p.value).strip() for p in all_of("UID") if str(p.value).strip()][:1]
    for name, kind in (
        ("BDAY", "birthday"),
        ("ANNIVERSARY", "anniversary"),
        ("X-ANNIVERSARY", "anniversary"),
    ):
        for prop in all_of(name):
            if found := _day(prop):
                person.dates.append(IncomingDate(kind, *found))
    for prop in all_of("X-ABDATE"):
        label = labels.get((prop.group or "").lower())
        if (found := _day(prop)) and label:
            person.dates.append(
                IncomingDate("anniversary", *found, label=None if label == "anniversary" else label)
            )
    batch.people.append(person)


def _listed(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else str(value).split(",")
