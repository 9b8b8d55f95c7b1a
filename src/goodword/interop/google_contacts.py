"""Google Contacts' CSV export, current header and the older one; several values in one
cell are joined by ``:::``."""

from __future__ import annotations

from pathlib import Path

from goodword.domain.errors import InvalidValue
from goodword.domain.person_dates import parse_day
from goodword.interop.file_limits import read_file
from goodword.interop.identity import normalise_phone
from goodword.interop.incoming import ImportBatch, IncomingDate, IncomingPerson, Problem
from goodword.interop.text_files import decode, rows_after_header

SYSTEM_GROUPS = {
    "* mycontacts",
    "* my contacts",
    "* starred",
    "* other contacts",
    "mycontacts",
    "starred",
}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(":::") if part.strip()]


def _numbered(row: dict[str, str], prefix: str, suffix: str) -> list[str]:
    found: list[str] = []
    n = 1
    while f"{prefix} {n} - {suffix}" in row:
        found += _split(row[f"{prefix} {n} - {suffix}"])
        n += 1
    return found


#: Google's own words for a value's kind, as goodword keeps them.
LABELS = {"work": "work", "home": "home", "mobile": "cell", "main": "main", "other": "other"}


def _labelled(row: dict[str, str], prefix: str) -> tuple[list[str], dict[str, str]]:
    """The values of ``E-mail 1 - Value``, ``E-mail 2 - Value``… with their labels."""
    values: list[str] = []
    labels: dict[str, str] = {}
    n = 1
    while f"{prefix} {n} - Value" in row:
        label = row.get(f"{prefix} {n} - Label") or row.get(f"{prefix} {n} - Type") or ""
        label = label.strip().removeprefix("* ").lower()
        for value in _split(row[f"{prefix} {n} - Value"]):
            values.append(value)
            if label:
                labels[value] = LABELS.get(label, label)[:100]
        n += 1
    return values, labels


def _dates(row: dict[str, str]) -> list[IncomingDate]:
    found: list[IncomingDate] = []
    texts: list[tuple[str, str, str | None]] = [("birthday", row.get("Birthday", ""), None)]
    n = 1
    while f"Event {n} - Value" in row:
        event = (row.get(f"Event {n} - Label") or row.get(f"Event {n} - Type") or "").strip()
        texts.append(("anniversary", row[f"Event {n} - Value"], event.lower() or None))
        n += 1
    for kind, text, label in texts:
        if text.strip():
            try:
                day = parse_day(text)
            except InvalidValue:
                continue
            found.append(
                IncomingDate(kind, day.month, day.day, day.year, None if label == kind else label)
            )
    return found


def read_google(path: Path) -> ImportBatch:
    if not path.is_file():
        raise InvalidValue(f"{path} does not exist: give the contacts.csv Google exported")
    text = decode(read_file(path), path.name)
    first = text.splitlines()[0] if text else ""
    modern = "First Name" in first
    required = ["First Name", "Last Name"] if modern else ["Name", "Given Name"]
    _, rows = rows_after_header(text, path.name, required)
    batch = ImportBatch(source="google")
    for line, row in rows:
        if modern:
            parts = [
                row.get("First Name", ""),
                row.get("Middle Name", ""),
                row.get("Last Name", ""),
            ]
            name = " ".join(p for p in parts if p)
            org, title = row.get("Organization Name", ""), row.get("Organization Title", "")
            groups = row.get("Labels", "")
        else:
            name = row.get("Name", "") or " ".join(
                p for p in (row.get("Given Name", ""), row.get("Family Name", "")) if p
            )
            org = row.get("Organization 1 - Name", "")
            title = row.get("Organization 1 - Title", "")
            groups = row.get("Group Membership", "")
        if not name.strip():
            batch.skipped.append(Problem(path.name, line, "no name"))
            continue
        emails, labels = _labelled(row, "E-mail")
        raw_phones, phone_labels = _labelled(row, "Phone")
        phones = [normalise_phone(p) or p for p in raw_phones]
        labels |= {normalise_phone(raw) or raw: label for raw, label in phone_labels.items()}
        given = row.get("First Name") if modern else row.get("Given Name")
        family = row.get("Last Name") if modern else row.get("Family Name")
        batch.people.append(
            IncomingPerson(
                name=name.strip(),
                line=line,
                source="google",
                file=path.name,
                given_name=(given or "").strip() or None,
                family_name=(family or "").strip() or None,
                labels=labels,
                dates=_dates(row),
                emails=emails,
                phones=phones,
                urls=_numbered(row, "Website", "Value"),
                company=org or None,
                title=title or None,
                note=row.get("Notes") or None,
                tags=[g for g in _split(groups) if g.lower() not in SYSTEM_GROUPS],
            )
        )
    batch.files[path.name] = len(batch.people) + len(batch.skipped)
    return batch
