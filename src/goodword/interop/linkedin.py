"""LinkedIn's "Get a copy of your data" export: the zip, or the folder it unzips to.

Each file is optional; files of other names are listed, not read. Column names and date
formats differ between eras and after a spreadsheet re-saved a file, so headers are found
by their columns and dates are read in each known shape.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from goodword.domain.errors import InvalidValue
from goodword.domain.limits import digits
from goodword.interop.file_limits import read_file, read_members
from goodword.interop.incoming import (
    ImportBatch,
    IncomingInteraction,
    IncomingPerson,
    IncomingRecommendation,
    Problem,
)
from goodword.interop.text_files import decode, rows_after_header

MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
KNOWN = {
    "connections.csv",
    "recommendations_received.csv",
    "recommendations_given.csv",
    "endorsement_received_info.csv",
    "endorsement_given_info.csv",
    "invitations.csv",
    "skills.csv",
    "positions.csv",
    "profile.csv",
}


def parse_date(text: str) -> datetime:
    """``05 Jun 2023``, ``5-Jun-23``, ``03/14/21, 10:05 AM``, ``2021/03/14 10:05:00 UTC``."""
    raw = text.strip()
    try:
        if "/" in raw and digits(raw[:4]):
            day, _, clock = raw.partition(" ")
            y, m, d = (int(x) for x in day.split("/"))
            hh, mm, *_ = (clock.replace("UTC", "").strip() or "00:00").split(":")
            return datetime(y, m, d, int(hh), int(mm), tzinfo=UTC)
        if "/" in raw:
            day, _, clock = raw.partition(",")
            m, d, y = (int(x) for x in day.split("/"))
            year = y + 2000 if y < 100 else y
            hour, minute = 12, 0
            if clock.strip():
                hm, _, half = clock.strip().partition(" ")
                hour, minute = (int(x) for x in hm.split(":"))
                hour = hour % 12 + (12 if half.upper() == "PM" else 0)
            return datetime(year, m, d, hour, minute, tzinfo=UTC)
        parts = raw.replace("-", " ").split()
        d, month, y = int(parts[0]), MONTHS[parts[1][:3].lower()], int(parts[2])
        return datetime(y + 2000 if y < 100 else y, month, d, 12, tzinfo=UTC)
    except (ValueError, KeyError, IndexError):
        raise ValueError(f"cannot read the date '{text}'") from None


def _date_or_report(batch: ImportBatch, name: str, line: int, text: str) -> datetime | None:
    """The row's date, or None once the row is reported as an error (it is then skipped)."""
    try:
        return parse_date(text)
    except ValueError as error:
        batch.errors.append(Problem(name, line, str(error)))
        return None


def _size(batch: ImportBatch) -> int:
    """Rows read so far, whatever they became (people, traces, skipped, profile entries)."""
    profile = sum(len(v) if isinstance(v, list) else 1 for v in batch.profile.values())
    return (
        len(batch.people)
        + len(batch.recommendations)
        + len(batch.interactions)
        + len(batch.skipped)
        + len(batch.errors)
        + profile
    )


def _name(first: str, last: str) -> str:
    return f"{first.strip()} {last.strip()}".strip()


class _Files:
    """The export's files by lower-case name, from a zip or a folder."""

    def __init__(self, path: Path) -> None:
        """Only the files goodword reads are read (within the caps); the others are listed."""
        self.data: dict[str, tuple[str, bytes]] = {}
        self.others: list[str] = []
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if not file.is_file():
                    continue
                if file.name.lower() in KNOWN:
                    self.data[file.name.lower()] = (file.name, read_file(file))
                else:
                    self.others.append(file.name)
        elif path.is_file():
            self.data, self.others = read_members(path, KNOWN)
        else:
            raise InvalidValue(f"{path} does not exist: give the LinkedIn export zip or folder")

    def text(self, key: str) -> tuple[str, str] | None:
        if key not in self.data:
            return None
        name, data = self.data[key]
        return name, decode(data, name)


def read_export(path: Path) -> ImportBatch:
    files = _Files(path)
    batch = ImportBatch(source="linkedin")
    batch.unknown_files = sorted(files.others)
    readers: list[tuple[str, Callable[[ImportBatch, str, str], None]]] = [
        ("connections.csv", _connections),
        ("recommendations_received.csv", _recommendations("received")),
        ("recommendations_given.csv", _recommendations("given")),
        ("endorsement_received_info.csv", _endorsements("received")),
        ("endorsement_given_info.csv", _endorsements("given")),
        ("invitations.csv", _invitations),
        ("skills.csv", _skills),
        ("positions.csv", _positions),
        ("profile.csv", _profile),
    ]
    for key, reader in readers:
        found = files.text(key)
        if found is not None:
            before = _size(batch)
            reader(batch, *found)
            batch.files[found[0]] = _size(batch) - before
    if not batch.files:
        raise InvalidValue(
            f"{path.name} holds no LinkedIn files (Connections.csv, …); is it "
            "the export from 'Get a copy of your data'?"
        )
    return batch


def _connections(batch: ImportBatch, name: str, text: str) -> None:
    _, rows = rows_after_header(text, name, ["First Name", "Last Name", "Connected On"])
    for line, row in rows:
        person_name = _name(row.get("First Name", ""), row.get("Last Name", ""))
        if not person_name:
            batch.skipped.append(Problem(name, line, "hidden profile (only a date)"))
            continue
        connected = None
        if row.get("Connected On"):
            connected = _date_or_report(batch, name, line, row["Connected On"])
            if connected is None:
                continue
        batch.people.append(
            IncomingPerson(
                name=person_name,
                line=line,
                source="linkedin",
                given_name=row.get("First Name", "").strip() or None,
                family_name=row.get("Last Name", "").strip() or None,
                emails=[row["Email Address"]] if row.get("Email Address") else [],
                urls=[row["URL"]] if row.get("URL") else [],
                company=row.get("Company") or None,
                title=row.get("Position") or None,
                connected_on=connected,
                file=name,
            )
        )


def _recommendations(direction: str) -> Callable[[ImportBatch, str, str], None]:
    def read(batch: ImportBatch, name: str, text: str) -> None:
        _, rows = rows_after_header(text, name, ["First Name", "Last Name", "Creation Date"])
        for line, row in rows:
            person_name = _name(row.get("First Name", ""), row.get("Last Name", ""))
            written = _date_or_report(batch, name, line, row["Creation Date"])
            if written is None:
                continue
            if not person_name:
                batch.skipped.append(Problem(name, line, "no name"))
                continue
            person = IncomingPerson(
                name=person_name,
                line=line,
                source="linkedin",
                company=row.get("Company") or None,
                title=row.get("Job Title") or None,
            )
            status = row.get("Status", "").upper()
            batch.recommendations.append(
                IncomingRecommendation(
                    person=person,
                    direction=direction,
                    kind="recommendation",
                    written_at=written,
                    text=row.get("Text") or None,
                    published=status in ("", "VISIBLE", "ACCEPTED"),
                )
            )

    return read


def _endorsements(direction: str) -> Callable[[ImportBatch, str, str], None]:
    role = "Endorser" if direction == "received" else "Endorsee"

    def read(batch: ImportBatch, name: str, text: str) -> None:
        _, rows = rows_after_header(text, name, ["Endorsement Date", "Skill Name"])
        for line, row in rows:
            person_name = _name(row.get(f"{role} First Name", ""), row.get(f"{role} Last Name", ""))
            skill = row.get("Skill Name", "")
            if not person_name or not skill:
                batch.skipped.append(Problem(name, line, "no name or no skill"))
                continue
            at = _date_or_report(batch, name, line, row["Endorsement Date"])
            if at is None:
                continue
            url = row.get(f"{role} Public Url", "")
            person = IncomingPerson(
                name=person_name,
                line=line,
                source="linkedin",
                urls=[url] if url else [],
                skills=[skill] if direction == "given" else [],
            )
            batch.recommendations.append(
                IncomingRecommendation(
                    person=person,
                    direction=direction,
                    kind="endorsement",
                    written_at=at,
                    skill=skill,
                    published=row.get("Endorsement Status", "ACCEPTED").upper() != "REJECTED",
                )
            )

    return read


def _invitations(batch: ImportBatch, name: str, text: str) -> None:
    _, rows = rows_after_header(text, name, ["From", "To", "Sent At"])
    for line, row in rows:
        outgoing = row.get("Direction", "").upper() == "OUTGOING"
        other = row.get("To" if outgoing else "From", "").strip()
        url = row.get("inviteeProfileUrl" if outgoing else "inviterProfileUrl", "")
        if not other:
            batch.skipped.append(Problem(name, line, "no name"))
            continue
        sent = _date_or_report(batch, name, line, row["Sent At"])
        if sent is None:
            continue
        message = row.get("Message") or ""
        note = "You invited them on LinkedIn" if outgoing else "They invited you on LinkedIn"
        batch.interactions.append(
            IncomingInteraction(
                person=IncomingPerson(
                    name=other, line=line, source="linkedin", urls=[url] if url else []
                ),
                kind="message",
                at=sent,
                note=f"{note}: {message}" if message else note,
            )
        )


def _skills(batch: ImportBatch, name: str, text: str) -> None:
    _, rows = rows_after_header(text, name, ["Name"])
    batch.profile["skills"] = [row["Name"] for _, row in rows if row.get("Name")]


def _positions(batch: ImportBatch, name: str, text: str) -> None:
    _, rows = rows_after_header(text, name, ["Company Name", "Title"])
    batch.profile["positions"] = [
        {
            "company": row.get("Company Name", ""),
            "title": row.get("Title", ""),
            "started": row.get("Started On", ""),
            "finished": row.get("Finished On", ""),
        }
        for _, row in rows
    ]


def _profile(batch: ImportBatch, name: str, text: str) -> None:
    _, rows = rows_after_header(text, name, ["First Name", "Last Name"])
    for _, row in rows:
        batch.profile["name"] = _name(row.get("First Name", ""), row.get("Last Name", ""))
        batch.profile["headline"] = row.get("Headline", "")
        batch.profile["summary"] = row.get("Summary", "")
        break
