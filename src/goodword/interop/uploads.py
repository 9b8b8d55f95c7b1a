"""Files that arrive over HTTP (the import page, the API) read by the same readers as the CLI.

Readers take a path, so an upload is written to a private temporary folder under its own
(sanitised) name, read, and removed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path, PurePath

from goodword.domain.errors import InvalidValue
from goodword.interop import google_contacts, linkedin, mapped_csv, vcard
from goodword.interop.incoming import ImportBatch

#: Large enough for a decade of LinkedIn data; anything bigger is probably the wrong file.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SOURCES = ("linkedin", "vcard", "google", "csv")


def _safe_name(filename: str | None, default: str) -> str:
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    cleaned = "".join(c for c in name if c.isalnum() or c in "._- ")[:120].strip(" .")
    return cleaned or default


def read_upload(
    source: str, filename: str | None, data: bytes, mapping: list[str] | None = None
) -> ImportBatch:
    if source not in SOURCES:
        raise InvalidValue(
            f"source: '{source}' is not an import source; use one of {', '.join(SOURCES)}"
        )
    if not data:
        raise InvalidValue("file: the uploaded file is empty; choose the export file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidValue(
            f"file: larger than {MAX_UPLOAD_BYTES // 2**20} MB; is it the right file?"
        )
    readers: dict[str, tuple[str, Callable[[Path], ImportBatch]]] = {
        "linkedin": ("export.zip", linkedin.read_export),
        "vcard": ("contacts.vcf", vcard.read_vcards),
        "google": ("contacts.csv", google_contacts.read_google),
        "csv": ("contacts.csv", lambda p: mapped_csv.read_mapped(p, fields)),
    }
    fields = mapped_csv.parse_mapping(mapping or []) if source == "csv" else {}
    if source == "csv" and not fields:
        raise InvalidValue("map: say which column holds what, e.g. 'Full name=name'")
    default, read = readers[source]
    with tempfile.TemporaryDirectory(prefix="goodword-upload-") as folder:
        path = Path(folder) / _safe_name(filename, default)
        path.write_bytes(data)
        return read(path)
