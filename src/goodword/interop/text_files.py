"""Reading the text of an export and finding its CSV header, whatever era and tool it is
from: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode Text"), or a legacy
code page (a European Excel's Windows-1252), separated by commas, semicolons or tabs."""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections.abc import Iterator, Sequence

from goodword.domain.errors import InvalidValue

MAX_FIELD = 1_000_000
DELIMITERS = (",", ";", "\t", "|")
#: How much of a file the detectors read (the whole file is then decoded).
SNIFF_BYTES = 1_000_000
STRAY = {n: None for n in range(32) if chr(n) not in "\t\r\n\f"}
STRAY_FOUND = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
HEADER_LINES = 50
"""How far down a file its header may be (after an export's preamble)."""
UNREADABLE = "save it as CSV UTF-8 (or UTF-16, or Windows-1252) and try again"


def decode(data: bytes, name: str) -> str:
    """The file's text in whatever encoding it was saved; a truly unreadable file (binary,
    a spreadsheet, an archive) is refused by name."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise InvalidValue(
            f"{name} is a spreadsheet or an archive, not text: in Excel, Save As → CSV UTF-8"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_decoded(data, "utf-16", name), name)
    try:
        return _checked(data.decode("utf-8-sig"), name)
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # loaded when used: every command imports this module, few need it

    matches = charset_normalizer.from_bytes(data[:SNIFF_BYTES])
    if not len(matches):
        raise InvalidValue(f"{name} is not text goodword can read: {UNREADABLE}")
    calmest = min(m.chaos for m in matches)
    calm = [m for m in matches if m.chaos <= calmest]
    # The byte values of Western European code pages overlap; Windows-1252 (what Excel
    # saves in Western Europe and the Americas) wins whenever it reads the file as cleanly.
    chosen = next((m for m in calm if m.encoding == "cp1252"), None) or matches.best()
    assert chosen is not None
    return _checked(_decoded(data, chosen.encoding, name), name)


def _decoded(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InvalidValue(f"{name} is not text goodword can read: {UNREADABLE}") from None


def _checked(text: str, name: str) -> str:
    """Text, not bytes that happened to decode: control characters are rare in any export."""
    sample = text[:SNIFF_BYTES]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if sample and control / len(sample) > 0.01:
        raise InvalidValue(f"{name} is not text goodword can read: {UNREADABLE}")
    # The rare stray control character of an old export is dropped (PostgreSQL cannot even
    # store a NUL); tabs, line breaks and form feeds are the file's own layout.
    if STRAY_FOUND.search(text):
        text = text.translate(STRAY)
    return text.removeprefix("\ufeff")


def rows_after_header(
    text: str, name: str, required: Sequence[str]
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Find the header line holding ``required`` columns (preambles vary by era) and yield
    (line number, row) after it, one row at a time (the text is never copied whole)."""
    csv.field_size_limit(MAX_FIELD)
    head = list(itertools.islice(physical_lines(text), HEADER_LINES))
    if head and head[0].strip().lower().startswith("sep=") and len(head[0].strip()) == 5:
        head[0] = ""  # Excel's "sep=;" line names the delimiter; it is not data
    found = _header(head, required)
    if found is None:
        raise InvalidValue(
            f"{name} has no header with the columns {', '.join(required)}; is it the right file?"
        )
    index, delimiter = found
    header = _cells(head[index], delimiter)
    body = (line + "\n" for line in itertools.islice(physical_lines(text), index + 1, None))
    reader = csv.reader(body, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for cells in reader:
            line_number = index + 1 + reader.line_num
            if not "".join(cells).strip():
                continue
            values = [cell.strip() for cell in cells]
            values += [""] * (len(header) - len(values))
            yield line_number, dict(zip(header, values, strict=False))

    return header, rows()


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def physical_lines(text: str) -> Iterator[str]:
    """The text's lines without their endings (\\n, \\r\\n or an old Mac's \\r), made one
    at a time."""
    for match in _LINE.finditer(text):
        yield match.group().rstrip("\r\n")


def _cells(line: str, delimiter: str) -> list[str]:
    return [c.strip() for c in next(csv.reader([line], delimiter=delimiter), [])]


def _sniffed(lines: list[str]) -> str | None:
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return None


def _header(lines: list[str], required: Sequence[str]) -> tuple[int, str] | None:
    """The line holding the required columns (preambles vary by era) and its delimiter:
    the one ``csv.Sniffer`` finds first, then the others."""
    first = _sniffed(lines)
    for delimiter in ([first] if first else []) + [d for d in DELIMITERS if d != first]:
        for n, line in enumerate(lines[:HEADER_LINES]):
            if delimiter in line or len(required) == 1:
                cells = _cells(line, delimiter)
                if all(c in cells for c in required):
                    return n, delimiter
    return None
