"""Taking the network out: CSV files a spreadsheet opens, and vCard 3.0 that phones (and
goodword) import again."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from goodword.schemas.network import PersonPublic


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """RFC 6350 folding: lines of at most 75 octets, continued with a leading space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def vcard_text(people: Iterable[PersonPublic], notes: dict[int, list[str]]) -> str:
    cards = []
    for p in people:
        words = p.name.split()
        family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (p.name, "")
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{_escape(p.name)}",
            f"N:{_escape(family)};{_escape(given)};;;",
        ]
        if p.company:
            lines.append(f"ORG:{_escape(p.company.name)}")
        if p.title:
            lines.append(f"TITLE:{_escape(p.title)}")
        lines += [f"EMAIL;TYPE=INTERNET:{e}" for e in p.emails]
        lines += [f"TEL;TYPE=VOICE:{t}" for t in p.phones]
        lines += [f"URL:{u}" for u in p.urls]
        if p.tags:
            lines.append("CATEGORIES:" + ",".join(_escape(t) for t in p.tags))
        if notes.get(p.id):
            lines.append("NOTE:" + _escape("\n\n".join(notes[p.id])))
        lines.append("END:VCARD")
        cards.append("\r\n".join(_fold(line) for line in lines))
    return "\r\n".join(cards) + ("\r\n" if cards else "")
