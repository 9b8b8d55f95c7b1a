"""Any CSV, with a mapping from its columns to goodword's fields."""

from __future__ import annotations

from pathlib import Path

from goodword.domain.errors import InvalidValue
from goodword.domain.person_dates import parse_day
from goodword.interop.contact_export import unguarded
from goodword.interop.file_limits import read_file
from goodword.interop.identity import normalise_phone
from goodword.interop.incoming import ImportBatch, IncomingDate, IncomingPerson, Problem
from goodword.interop.text_files import decode, rows_after_header

FIELDS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "title",
    "url",
    "note",
    "tags",
    "skills",
    "birthday",
)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["Full Name=name", "Mail=email"]`` → field by column; unknown fields refused."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        target = target.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise InvalidValue(f"--map '{pair}' is not 'Column=field'")
        if target not in FIELDS:
            raise InvalidValue(
                f"--map '{pair}': unknown field '{target}'; use one of " + ", ".join(FIELDS)
            )
        mapping[column.strip()] = target
    if not {"name", "first_name", "last_name"} & set(mapping.values()):
        raise InvalidValue("--map needs a name: map a column to name (or first_name/last_name)")
    return mapping


def _listed(got: dict[str, list[str]], key: str) -> list[str]:
    return [
        part.strip()
        for value in got.get(key, [])
        for part in value.replace(";", ",").split(",")
        if part.strip()
    ]


def _first(got: dict[str, list[str]], key: str) -> str | None:
    values = got.get(key)
    return values[0] if values else None


def read_mapped(path: Path, mapping: dict[str, str]) -> ImportBatch:
    if not path.is_file():
        raise InvalidValue(f"{path} does not exist")
    text = decode(read_file(path), path.name)
    _, rows = rows_after_header(text, path.name, list(mapping))
    batch = ImportBatch(source=f"csv:{path.name}")
    for line, row in rows:
        got: dict[str, list[str]] = {}
        for column, target in mapping.items():
            value = unguarded(row.get(column, "").strip())
            if value:
                got.setdefault(target, []).append(value)
        name = " ".join(
            got.get("name", []) or [*got.get("first_name", []), *got.get("last_name", [])]
        )
        if not name:
            batch.skipped.append(Problem(path.name, line, "no name"))
            continue

        dates = []
        for text in got.get("birthday", [])[:1]:
            try:
                day = parse_day(text)
            except InvalidValue:
                batch.errors.append(Problem(path.name, line, f"cannot read the birthday '{text}'"))
                continue
            dates.append(IncomingDate("birthday", day.month, day.day, day.year))
        batch.people.append(
            IncomingPerson(
                name=name,
                line=line,
                source=batch.source,
                file=path.name,
                given_name=_first(got, "first_name"),
                family_name=_first(got, "last_name"),
                dates=dates,
                emails=got.get("email", []),
                phones=[normalise_phone(p) or p for p in got.get("phone", [])],
                urls=got.get("url", []),
                company=_first(got, "company"),
                title=_first(got, "title"),
                note="\n".join(got.get("note", [])) or None,
                tags=_listed(got, "tags"),
                skills=_listed(got, "skills"),
            )
        )
    batch.files[path.name] = len(batch.people) + len(batch.skipped)
    return batch
