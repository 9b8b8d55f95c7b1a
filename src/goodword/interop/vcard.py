"""vCard 2.1 (Android: quoted-printable, soft line breaks), 3.0 (iOS/macOS ``itemN.`` labels,
Google CATEGORIES) and 4.0, several cards to a file, read line by line so a bad line is
reported with its number and the rest of the file still comes in."""

from __future__ import annotations

import quopri
from dataclasses import dataclass, field
from pathlib import Path

from goodword.domain.errors import InvalidValue
from goodword.interop.identity import normalise_phone
from goodword.interop.incoming import ImportBatch, IncomingPerson, Problem
from goodword.interop.text_files import decode


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Card:
    start: int
    props: list[tuple[str, dict[str, str], str, int]] = field(default_factory=list)


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


def _split(value: str, separator: str) -> list[str]:
    """Split on separators that are not escaped with a backslash."""
    parts, current, escaped = [], "", False
    for char in value:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current + ("\\" if escaped else ""))
    return parts


def _unescape(value: str) -> str:
    return (
        value.replace("\\n", "\n")
        .replace("\\N", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
    )


def _parse(line: _Line) -> tuple[str, dict[str, str], str, str]:
    head, sep, value = line.text.partition(":")
    if not sep or not head.strip():
        raise ValueError(f"not a vCard property: '{line.text[:40]}'")
    parts = head.split(";")
    name = parts[0]
    group, _, name = name.rpartition(".")
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        if eq:
            params[key.upper()] = (params.get(key.upper(), "") + "," + val).strip(",")
        else:  # vCard 2.1 bare type: TEL;CELL:…
            params["TYPE"] = (params.get("TYPE", "") + "," + key).strip(",")
    if params.get("ENCODING", "").upper() in ("QUOTED-PRINTABLE", "QP"):
        charset = params.get("CHARSET", "utf-8")
        value = quopri.decodestring(value.encode("ascii", "replace")).decode(charset, "replace")
    return group.lower(), params, name.upper(), value


def read_vcards(path: Path) -> ImportBatch:
    if not path.is_file():
        raise InvalidValue(f"{path} does not exist: give a .vcf file")
    text = decode(path.read_bytes(), path.name)
    if "BEGIN:VCARD" not in text.upper():
        raise InvalidValue(f"{path.name} holds no vCard (no BEGIN:VCARD); is it a .vcf file?")
    batch = ImportBatch(source="vcard")
    card: _Card | None = None
    for line in _unfold(text):
        if not line.text.strip():
            continue
        upper = line.text.strip().upper()
        if upper == "BEGIN:VCARD":
            card = _Card(line.number)
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
            group, params, name, value = _parse(line)
        except ValueError as error:
            batch.errors.append(Problem(path.name, line.number, str(error)))
            continue
        if name != "X-ABLABEL":  # a label names a value's kind (Work, Home); values are kept
            card.props.append((name, params | {"GROUP": group}, value, line.number))
    if card is not None:
        batch.errors.append(Problem(path.name, card.start, "card without END:VCARD"))
    batch.files[path.name] = len(batch.people)
    return batch


def _finish(batch: ImportBatch, file: str, card: _Card) -> None:
    values: dict[str, list[str]] = {}
    for name, _params, value, _ in card.props:
        values.setdefault(name, []).append(value)
    full = values.get("FN", [""])[0].strip()
    if not full and "N" in values:
        parts = [_unescape(p).strip() for p in _split(values["N"][0], ";")]
        full = " ".join(p for p in (parts[1:2] + parts[2:3] + parts[:1]) if p)
    if not full:
        batch.skipped.append(Problem(file, card.start, "card without a name"))
        return
    org = _unescape(_split(values.get("ORG", [""])[0], ";")[0]).strip() or None
    tags = [_unescape(t).strip() for v in values.get("CATEGORIES", []) for t in _split(v, ",")]
    phones = []
    for raw in values.get("TEL", []):
        number = raw.removeprefix("tel:")
        phones.append(normalise_phone(number) or number)
    batch.people.append(
        IncomingPerson(
            name=_unescape(full),
            line=card.start,
            source="vcard",
            file=file,
            emails=[v.strip() for v in values.get("EMAIL", [])],
            phones=[p for p in phones if p],
            urls=[v.strip() for v in values.get("URL", [])],
            company=org,
            title=_unescape(values.get("TITLE", [""])[0]).strip() or None,
            note=_unescape("\n".join(values.get("NOTE", []))).strip() or None,
            tags=[t for t in tags if t and t.lower() not in ("mycontacts", "starred")],
        )
    )
