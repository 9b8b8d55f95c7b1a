"""Google Contacts' CSV export, current header and the older one; several values in one
cell are joined by ``:::``."""

from __future__ import annotations

from pathlib import Path

from goodword.domain.errors import InvalidValue
from goodword.interop.identity import normalise_phone
from goodword.interop.incoming import ImportBatch, IncomingPerson, Problem
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


def read_google(path: Path) -> ImportBatch:
    if not path.is_file():
        raise InvalidValue(f"{path} does not exist: give the contacts.csv Google exported")
    text = decode(path.read_bytes(), path.name)
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
        phones = [normalise_phone(p) or p for p in _numbered(row, "Phone", "Value")]
        batch.people.append(
            IncomingPerson(
                name=name.strip(),
                line=line,
                source="google",
                file=path.name,
                emails=_numbered(row, "E-mail", "Value"),
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
