"""What the server takes in: an import's file up to the upload cap, other bodies up to a
megabyte, with or without a Content-Length; a zip bomb uploaded is refused like on the CLI."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from goodword.interop.file_limits import MAX_FILE_BYTES
from goodword.interop.uploads import MAX_UPLOAD_BYTES
from goodword.storage.tables import Person
from tests.server.conftest import Account, WebClient
from tests.server.test_api import error_of


def _people(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_zip_bomb_upload_is_refused_by_name(ana: Account, engine: Engine) -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        for _ in range(MAX_FILE_BYTES // 2**20 + 1):
            member.write(b"\0" * 2**20)
    assert len(buffer.getvalue()) < 2**20
    refused = ana.api.post(
        "/api/v1/imports/linkedin",
        files={"file": ("export.zip", buffer.getvalue(), "application/zip")},
    )
    body = error_of(refused, 422)
    assert "Connections.csv unpacks to" in body["message"]
    assert _people(engine) == 0


def test_an_upload_past_the_cap_is_a_413_before_it_is_read(ana: Account) -> None:
    big = b"x" * (MAX_UPLOAD_BYTES + 2**20)
    refused = ana.api.post(
        "/api/v1/imports/vcard", files={"file": ("contacts.vcf", big, "text/vcard")}
    )
    body = error_of(refused, 413, "too_large")
    assert "larger than the 50 MB this server takes" in body["message"]


def test_other_bodies_stop_at_a_megabyte_even_without_a_length(app: FastAPI, ana: Account) -> None:
    too_big = ana.api.post("/api/v1/people", content=b"{" + b" " * 2**20 + b"}")
    assert error_of(too_big, 413, "too_large")

    def chunks() -> Iterator[bytes]:
        for _ in range(3):
            yield b" " * 600_000

    streamed = ana.api.post(
        "/api/v1/people", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert error_of(streamed, 413, "too_large")
    page = WebClient(app)
    answer = page.client.post("/login", content=b"email=" + b"a" * 2 * 2**20)
    assert answer.status_code == 413 and "larger than the 1 MB" in answer.text
    assert TestClient(app).get("/healthz").status_code == 200
