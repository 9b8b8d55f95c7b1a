"""Files made to hurt: zip bombs, members that lie about themselves, files far too big.
Each is refused by name with nothing written; members goodword does not read are never
unpacked. (How fast and in how little memory: benchmarks/bench_hostile_files.py.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from goodword.interop import file_limits
from goodword.interop.file_limits import MAX_FILE_BYTES
from tests.cli.conftest import Cli

FIXTURE = Path(__file__).parent.parent / "fixtures" / "linkedin" / "current"
CHUNK = b"0" * 2**20


def bomb(path: Path, member: str, megabytes: int, *, with_export: bool = False) -> Path:
    """A small zip holding ``megabytes`` of zeros as ``member`` (written a chunk at a time)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if with_export:
            for file in FIXTURE.iterdir():
                archive.write(file, f"Basic_LinkedInDataExport/{file.name}")
        with archive.open(member, "w", force_zip64=True) as stream:
            for _ in range(megabytes):
                stream.write(CHUNK)
    return path


def test_a_member_that_unpacks_past_the_cap_is_refused(cli: Cli, tmp_path: Path) -> None:
    size = MAX_FILE_BYTES // 2**20 + 1
    path = bomb(tmp_path / "export.zip", "Connections.csv", size)
    assert path.stat().st_size < 2**20  # a small download
    error = cli.fails("import", "linkedin", str(path))
    assert "export.zip: Connections.csv unpacks to" in error and "not an export" in error


def test_a_member_compressed_far_beyond_any_csv_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bomb(tmp_path / "export.zip", "Connections.csv", 8)
    error = cli.fails("import", "linkedin", str(path))
    assert "is compressed" in error and "to 1" in error


def test_members_goodword_does_not_read_are_never_unpacked(cli: Cli, tmp_path: Path) -> None:
    path = bomb(tmp_path / "export.zip", "messages.csv", 300, with_export=True)
    report = cli.json("import", "linkedin", str(path))
    assert report["created"] > 0 and "messages.csv" in report["unknown_files"]


def test_an_archive_past_the_total_cap_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_limits, "MAX_ARCHIVE_BYTES", 3 * 2**20)
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name in ("Connections.csv", "Invitations.csv"):
            archive.writestr(name, b"First Name,Last Name,Connected On\n" + b"x" * 2 * 2**20)
    error = cli.fails("import", "linkedin", str(path))
    assert "takes the archive past 3 MB" in error


def test_a_plain_file_past_the_cap_is_refused_without_reading_it(cli: Cli, tmp_path: Path) -> None:
    huge = tmp_path / "contacts.vcf"
    with huge.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 5 * 2**20)  # sparse: big on paper, nothing on disk
    error = cli.fails("import", "vcard", str(huge))
    assert "contacts.vcf is 69 MB, more than the 64 MB goodword reads" in error


def test_a_zip_that_is_not_one_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert "is not a readable zip" in cli.fails("import", "linkedin", str(broken))
