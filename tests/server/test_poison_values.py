"""Values that would poison a workspace: numbers past what the columns hold, ids past
32 bits, NUL and other control characters, digits that are not ASCII. Each is a 4xx with
the stable error body on both engines, and nothing is stored; what was stored still reads."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.server.conftest import Account, WebClient
from tests.server.test_api import error_of


def _people(ana: Account) -> int:
    return len(ana.api.get("/api/v1/people", params={"limit": 200}).json()["items"])


@pytest.mark.parametrize("value", ["1e400", "1e30", "1000000000000", "NaN", "Infinity", "-1"])
def test_values_past_the_columns_are_refused(ana: Account, value: str) -> None:
    made = ana.api.post("/api/v1/people", json={"name": "Pete Ruiz"})
    assert made.status_code == 201, made.text
    body = {"referrer": "Pete Ruiz", "prospect": "Bo Chen", "value": value}
    refused = ana.api.post("/api/v1/referrals/received", json=body)
    assert error_of(refused, 422)["field"] == "value"
    assert ana.api.get("/api/v1/referrals").status_code == 200
    ok = ana.api.post("/api/v1/referrals/received", json={**body, "value": "999999999999.99"})
    assert ok.status_code == 201, ok.text
    assert ana.api.get("/api/v1/referrals").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/people/2147483648",
        "/api/v1/people/9223372036854775806",
        "/api/v1/referrals/99999999999999999999",
        "/api/v1/people/%C2%B2",
        "/api/v1/people/%D9%A1%D9%A2",
    ],
)
def test_ids_past_32_bits_or_not_ascii_digits_are_refused(ana: Account, path: str) -> None:
    assert ana.api.get(path).status_code == 422
    assert ana.api.delete(path.replace("/people/", "/webhooks/")).status_code in (404, 405, 422)
    assert ana.api.delete("/api/v1/webhooks/9223372036854775806").status_code == 422


def test_control_characters_are_refused_wherever_they_come(app: FastAPI, ana: Account) -> None:
    before = _people(ana)
    for body in ('{"name": "Bad\\u0000Name"}', '{"name": "Bell\\u0007"}', '{"name": "C1\\u0085"}'):
        refused = ana.api.post(
            "/api/v1/people", content=body, headers={"Content-Type": "application/json"}
        )
        assert "control character" in error_of(refused, 422)["message"]
    assert ana.api.get("/api/v1/people", params={"q": "a\x00b"}).status_code == 422
    fine = ana.api.post("/api/v1/people", json={"name": "Zoë\\u0000 literally", "how_met": "a\nb"})
    assert fine.status_code == 201, fine.text  # an escaped backslash is text, a line break too
    web = WebClient(app)
    web.login("ana@example.com")
    web.get("/people")
    page = web.post("/people", {"name": "Bad\x00Name"})
    assert page.status_code == 422 and "control character" in page.text
    assert _people(ana) == before + 1
