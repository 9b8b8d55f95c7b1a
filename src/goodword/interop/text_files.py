"""Reading the text of an export and finding its CSV header, whatever era it is from."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from goodword.domain.errors import InvalidValue

MAX_FIELD = 1_000_000


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark); anything else is refused by name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidValue(f"{name} is UTF-16 text; save it as UTF-8 (CSV UTF-8) and try again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidValue(
            f"{name} is not UTF-8 text (byte {error.start}); save it as UTF-8 and try again"
        ) from None


def rows_after_header(
    text: str, name: str, required: Sequence[str]
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Find the header line holding ``required`` columns (preambles vary by era) and yield
    (line number, row) after it."""
    csv.field_size_limit(MAX_FIELD)
    lines = text.splitlines()

    def cells_of(line: str) -> list[str]:
        return [c.strip() for c in next(csv.reader([line]), [])]

    index = next(
        (n for n, line in enumerate(lines[:50]) if all(c in cells_of(line) for c in required)),
        None,
    )
    if index is None:
        raise InvalidValue(
            f"{name} has no header with the columns {', '.join(required)}; is it the right file?"
        )
    header = cells_of(lines[index])
    reader = csv.reader(io.StringIO("\n".join(lines[index + 1 :])))

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for cells in reader:
            line_number = index + 1 + reader.line_num
            if not "".join(cells).strip():
                continue
            values = [cell.strip() for cell in cells]
            values += [""] * (len(header) - len(values))
            yield line_number, dict(zip(header, values, strict=False))

    return header, rows()
