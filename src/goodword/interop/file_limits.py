"""How much of a file goodword reads: every export is bounded before it is read, so a zip
bomb (a small archive holding gigabytes) or a wrong, huge file is refused in moments with
little memory, by name, instead of filling the machine.

A decade of LinkedIn history is a few MB of CSV; the caps are far above any real export.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from goodword.domain.errors import InvalidValue

#: One file (a CSV, a .vcf, one member of a zip), uncompressed.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Everything read from one archive, uncompressed.
MAX_ARCHIVE_BYTES = 128 * 1024 * 1024
#: Uncompressed size over compressed size, for members above a megabyte (CSV packs 5-20×).
MAX_RATIO = 100
MAX_MEMBERS = 10_000
CHUNK = 1024 * 1024


def read_file(path: Path) -> bytes:
    """A plain file's bytes, refused by name when larger than :data:`MAX_FILE_BYTES`."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InvalidValue(f"cannot read {path}: {error.strerror or error}") from None
    if size > MAX_FILE_BYTES:
        raise InvalidValue(_too_big(path.name, size))
    with path.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise InvalidValue(_too_big(path.name, len(data)))
    return data


def _too_big(name: str, size: int) -> str:
    return (
        f"{name} is {size / 2**20:,.0f} MB, more than the {MAX_FILE_BYTES // 2**20} MB "
        "goodword reads from one file; is it the right file?"
    )


def read_members(
    path: Path, wanted: Iterable[str]
) -> tuple[dict[str, tuple[str, bytes]], list[str]]:
    """The zip's members whose lower-case base name is in ``wanted`` (by that name), read
    within the caps, and the names of the others (listed, never read)."""
    keys = set(wanted)
    found: dict[str, tuple[str, bytes]] = {}
    others: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise InvalidValue(
                    f"{path.name} holds {len(members):,} files, more than any export; "
                    "is it the right file?"
                )
            total = 0
            for info in members:
                name = Path(info.filename).name
                if name.lower() not in keys:
                    others.append(name)
                    continue
                _check_header(path.name, name, info, total)
                data = _read_member(archive, info, path.name, name, total)
                total += len(data)
                found[name.lower()] = (name, data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError) as error:
        raise InvalidValue(
            f"{path.name} is not a readable zip ({error}); download the export again"
        ) from None
    return found, others


def _bomb(archive: str, name: str, why: str) -> InvalidValue:
    return InvalidValue(
        f"{archive}: {name} {why}; this is not an export goodword reads (a damaged or "
        "malicious archive) — download the export again"
    )


def _check_header(archive: str, name: str, info: zipfile.ZipInfo, total: int) -> None:
    """What the archive says of itself (which a malicious one may understate: the reading
    below checks again)."""
    if info.file_size > MAX_FILE_BYTES:
        raise _bomb(archive, name, f"unpacks to {info.file_size / 2**20:,.0f} MB")
    if total + info.file_size > MAX_ARCHIVE_BYTES:
        raise _bomb(archive, name, f"takes the archive past {MAX_ARCHIVE_BYTES // 2**20} MB")
    if info.file_size > CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size / max(info.compress_size, 1)
        raise _bomb(archive, name, f"is compressed {ratio:,.0f} to 1")


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, zip_name: str, name: str, total: int
) -> bytes:
    """Read in chunks, stopping as soon as any cap is passed."""
    limit = min(MAX_FILE_BYTES, MAX_ARCHIVE_BYTES - total)
    ratio_limit = max(MAX_RATIO * max(info.compress_size, 1), CHUNK)
    parts: list[bytes] = []
    read = 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            if read > limit or read > ratio_limit:
                raise _bomb(zip_name, name, "unpacks to more than its header says")
            parts.append(chunk)
    return b"".join(parts)
