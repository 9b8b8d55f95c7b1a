"""Nothing is shared by accident: a second account tries every route and page with the first
account's ids and gets 404 each time. The routes are enumerated from the app, so a new route
without an entry here fails the test instead of going untested."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.routing import BaseRoute

from goodword.api.routes import api_router
from goodword.web.routes import web_router
from tests.server.conftest import Account, WebClient

MILESTONE = {"note": "x"}
#: A valid body for each API route with an id, so only the id can make it fail.
API_BODIES: dict[tuple[str, str], Any] = {
    ("PATCH", "/api/v1/people/{person_id}"): {"title": "x"},
    ("POST", "/api/v1/people/{person_id}/tags"): {"add": ["x"]},
    ("POST", "/api/v1/people/{person_id}/notes"): {"body": "x"},
    ("PATCH", "/api/v1/organizations/{org_id}"): {"industry": "x"},
    ("POST", "/api/v1/referrals/{referral_id}/thanked"): {"via": "email"},
    ("POST", "/api/v1/referrals/{referral_id}/qualified"): {"why_fit": "x"},
    ("POST", "/api/v1/referrals/{referral_id}/contacted"): {"succeeded": True},
    ("POST", "/api/v1/referrals/{referral_id}/lesson"): {"why_fit": "x"},
    ("POST", "/api/v1/referrals/{referral_id}/outcome"): {"outcome": "won"},
    ("POST", "/api/v1/referrals/{referral_id}/referrer-updated"): MILESTONE,
    ("POST", "/api/v1/asks/{ask_id}/answer"): {"answer": "accepted"},
    ("POST", "/api/v1/asks/{ask_id}/follow-up"): {},
    ("POST", "/api/v1/asks/{ask_id}/acknowledged"): {},
    ("POST", "/api/v1/recommendations/{rec_id}/status"): {"status": "sent"},
    ("POST", "/api/v1/recommendations/{rec_id}/thanked"): {"via": "email"},
    ("POST", "/api/v1/references/{request_id}/decision"): {"approve": True, "approver": "x"},
    ("POST", "/api/v1/references/{request_id}/given"): {},
    ("POST", "/api/v1/references/{request_id}/confidentiality-asked"): {},
    ("POST", "/api/v1/references/{request_id}/confidential"): {},
    ("POST", "/api/v1/opportunities/{opportunity_id}/close"): None,
    ("PATCH", "/api/v1/programs/{program_id}"): {"hold_days": 3},
    ("POST", "/api/v1/programs/{program_id}/advocates"): {"name": "x", "email": "x@example.com"},
    ("POST", "/api/v1/programs/{program_id}/leads"): {"email": "z@example.com", "code": "x"},
    ("POST", "/api/v1/programs/{program_id}/leads/{lead_id}/stage"): {"stage": "interviewing"},
    ("POST", "/api/v1/programs/{program_id}/conversions"): {
        "email": "carla@example.com",
        "external_id": "O-1",
    },
    ("POST", "/api/v1/programs/{program_id}/conversions/{conversion_id}/reverse"): {
        "reason": "refund"
    },
    ("POST", "/api/v1/rewards/{reward_id}/issue"): {},
    ("POST", "/api/v1/rewards/{reward_id}/deny"): {"reason": "x"},
    ("POST", "/api/v1/review/{kind}/{item_id}"): {"approve": True, "by": "x"},
    ("POST", "/api/v1/advocates/{advocate_id}/portal-link"): None,
    ("POST", "/api/v1/programs/{program_id}/stories"): {
        "title": "x",
        "body": "x",
        "consent": "yes",
    },
    ("POST", "/api/v1/imports/{batch_id}/undo"): None,
    ("PATCH", "/api/v1/interactions/{interaction_id}"): {"note": "x"},
    ("PATCH", "/api/v1/referrals/{referral_id}"): {"description": "x"},
    ("PATCH", "/api/v1/asks/{ask_id}"): {"purpose": "x"},
    ("PATCH", "/api/v1/gratitude/{gratitude_id}"): {"note": "x"},
    ("PATCH", "/api/v1/recommendations/{rec_id}"): {"text": "x"},
    ("PATCH", "/api/v1/references/{request_id}"): {"note": "x"},
    ("PATCH", "/api/v1/opportunities/{opportunity_id}"): {"title": "x"},
    ("POST", "/api/v1/people/{person_id}/merge"): {"other": 1},
    ("POST", "/api/v1/trash/{entry_id}/restore"): None,
}
#: Form fields for each page that takes an id, likewise.
WEB_FORMS: dict[tuple[str, str], dict[str, str]] = {
    ("POST", "/people/{person_id}/interactions"): {"kind": "call"},
    ("POST", "/people/{person_id}/referrals"): {"prospect": "x"},
    ("POST", "/people/{person_id}/asks"): {"kind": "referral"},
    ("POST", "/people/{person_id}/thanks"): {"referral_id": "{referral_id}"},
    ("POST", "/people/{person_id}/notes"): {"body": "x"},
    ("POST", "/people/{person_id}/knows"): {"other": "x", "strength": "0.5"},
    ("POST", "/referrals/{referral_id}/{milestone}"): {"via": "email"},
    ("POST", "/asks/{ask_id}/answer"): {"answer": "accepted"},
    ("POST", "/asks/{ask_id}/follow-up"): {},
    ("POST", "/asks/{ask_id}/acknowledged"): {},
    ("POST", "/recommendations/{rec_id}/status"): {"status": "sent"},
    ("POST", "/recommendations/{rec_id}/thanked"): {"via": "email"},
    ("POST", "/references/{request_id}/decision"): {"decision": "approve", "approver": "x"},
    ("POST", "/references/{request_id}/given"): {},
    ("POST", "/references/{request_id}/confidentiality-asked"): {},
    ("POST", "/references/{request_id}/confidential"): {},
    ("POST", "/opportunities/{opportunity_id}/close"): {},
    ("POST", "/programs/{program_id}"): {"hold_days": "3"},
    ("POST", "/programs/{program_id}/advocates"): {"name": "x", "email": "x@example.com"},
    ("POST", "/programs/{program_id}/conversions/{conversion_id}/reverse"): {"reason": "x"},
    ("POST", "/rewards/{reward_id}/issue"): {"program_id": "{program_id}"},
    ("POST", "/review/{kind}/{item_id}"): {"decision": "approve"},
    ("POST", "/webhooks/{webhook_id}/remove"): {},
    ("POST", "/import/{batch_id}/undo"): {},
    ("POST", "/edit/{record_kind}/{record_id}"): {"name": "x"},
    ("POST", "/delete/{record_kind}/{record_id}"): {},
    ("POST", "/trash/{entry_id}/restore"): {},
    ("POST", "/merge/{keep_id}/{other_id}"): {},
    ("POST", "/programs/{program_id}/stories"): {
        "title": "x",
        "body": "x",
        "consent": "yes",
        "consented": "on",
    },
}
#: Pages with an id that is not a workspace record: your own token, a team member, a link.
NOT_RECORDS = {
    ("POST", "/settings/tokens/{token_id}/revoke"),
    ("POST", "/settings/members/{user_id}/remove"),
    ("GET", "/b/{token}"),
    ("GET", "/r/{code}"),
    ("POST", "/r/{code}"),
    ("GET", "/j/{token}"),
    ("POST", "/j/{token}"),
    ("GET", "/confirm/{token}"),
    ("GET", "/a/{token}"),
    ("POST", "/a/{token}/leaderboard"),
    ("GET", "/settings/templates/{kind}"),
    ("POST", "/settings/templates/{kind}"),
}


def flat(routes: list[BaseRoute], prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            found += flat(inner.routes, prefix)
            continue
        for method in sorted(getattr(route, "methods", None) or []):
            if method != "HEAD":
                found.append((method, prefix + route.path))  # type: ignore[attr-defined]
    return found


#: API routes whose path parameter names a kind, not a record (they are checked separately).
API_NOT_RECORDS = {("POST", "/api/v1/imports/{source}"), ("GET", "/api/v1/drafts/{kind}")}


def api_routes() -> list[tuple[str, str]]:
    return [r for r in flat(api_router.routes, api_router.prefix) if r not in API_NOT_RECORDS]


def ana_records(ana: Account) -> dict[str, int]:
    api = ana.api
    person = api.post("/api/v1/people", json={"name": "Carla Diaz", "company": "Acme"}).json()
    org = api.get("/api/v1/organizations").json()["items"][0]
    interaction = api.post(
        "/api/v1/interactions", json={"person": f"#{person['id']}", "kind": "call"}
    ).json()
    received = api.post(
        "/api/v1/referrals/received", json={"referrer": f"#{person['id']}", "prospect": "Rina"}
    ).json()
    api.post(f"/api/v1/referrals/{received['id']}/thanked", json={"via": "email"})
    thanks = api.get("/api/v1/gratitude").json()["items"][0]
    other = api.post("/api/v1/people", json={"name": "Dora Twin"}).json()
    spare = api.post("/api/v1/people", json={"name": "Spare Person"}).json()
    entry = api.delete(f"/api/v1/people/{spare['id']}").json()
    api.post(
        "/api/v1/referrals/given", json={"referred": f"#{person['id']}", "to_organization": "Acme"}
    )
    ask = api.post("/api/v1/asks", json={"person": f"#{person['id']}", "force": True}).json()["ask"]
    rec = api.post(
        "/api/v1/recommendations", json={"person": f"#{person['id']}", "direction": "received"}
    ).json()
    ref = api.post("/api/v1/references", json={"vendor": "Globex"}).json()
    opp = api.post("/api/v1/opportunities", json={"title": "A job"}).json()
    program = api.post(
        "/api/v1/programs",
        json={"name": "Friends", "advocate_reward": "cash:50:USD", "hold_days": 0},
    ).json()
    base = f"/api/v1/programs/{program['id']}"
    advocate = api.post(f"{base}/advocates", json={"person": f"#{person['id']}"}).json()
    lead = api.post(
        f"{base}/leads", json={"email": "carla@example.com", "code": advocate["code"]}
    ).json()
    flagged = api.post(
        f"{base}/leads", json={"email": "c@mailinator.com", "code": advocate["code"]}
    ).json()
    conversion = api.post(
        f"{base}/conversions", json={"lead_id": lead["id"], "external_id": "O-9"}
    ).json()
    hook = api.post("/api/v1/webhooks", json={"url": "https://example.com/hook"}).json()
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Ina Imported\nEMAIL:ina@example.com\nEND:VCARD\n"
    batch = api.post("/api/v1/imports/vcard", files={"file": ("c.vcf", card)}).json()["batch"]
    return {
        "batch_id": batch,
        "interaction_id": interaction["id"],
        "gratitude_id": thanks["id"],
        "entry_id": entry["id"],
        "record_kind": "person",
        "record_id": person["id"],
        "keep_id": person["id"],
        "other_id": other["id"],
        "webhook_id": hook["id"],
        "advocate_id": advocate["id"],
        "program_id": program["id"],
        "lead_id": flagged["id"],
        "conversion_id": conversion["id"],
        "reward_id": conversion["rewards"][0]["id"],
        "kind": "lead",
        "item_id": flagged["id"],
        "code": advocate["code"],
        "person_id": person["id"],
        "org_id": org["id"],
        "referral_id": received["id"],
        "ask_id": ask["id"],
        "rec_id": rec["id"],
        "request_id": ref["id"],
        "opportunity_id": opp["id"],
        "milestone": "thanked",
    }


def fill(template: str, ids: dict[str, int]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), template)


def test_every_api_route_with_an_id_is_listed_here() -> None:
    with_ids = {(m, p) for m, p in api_routes() if "{" in p}
    bodyless = {(m, p) for m, p in with_ids if m in ("GET", "DELETE")}
    assert with_ids - bodyless == set(API_BODIES), "add the new route to API_BODIES"


def test_every_page_with_an_id_is_listed_here() -> None:
    with_ids = {(m, p) for m, p in flat(web_router.routes) if "{" in p}
    gets = {(m, p) for m, p in with_ids if m == "GET"}
    assert with_ids - gets - NOT_RECORDS == set(WEB_FORMS), "add the new page to WEB_FORMS"


def test_api_routes_answer_404_for_another_accounts_ids(ana: Account, bo: Account) -> None:
    ids = ana_records(ana)
    checked = 0
    for method, template in api_routes():
        if "{" not in template:
            continue
        path = fill(template, ids)
        body = API_BODIES.get((method, template))
        response = bo.api.request(method, path, json=body)
        assert response.status_code == 404, (
            f"{method} {path}: {response.status_code} {response.text}"
        )
        assert response.json()["error"]["code"] == "not_found", f"{method} {path}"
        assert ana.api.get(path).status_code != 404 or method != "GET"
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/v1/interactions", "person_id"),
        ("/api/v1/referrals", "person_id"),
        ("/api/v1/asks", "person_id"),
        ("/api/v1/gratitude", "person_id"),
        ("/api/v1/ledger", "person_id"),
    ],
)
def test_filters_by_another_accounts_ids_are_404(
    ana: Account, bo: Account, path: str, param: str
) -> None:
    ids = ana_records(ana)
    assert bo.api.get(path, params={param: ids["person_id"]}).status_code == 404


def test_lists_and_creates_never_reach_another_workspace(ana: Account, bo: Account) -> None:
    ids = ana_records(ana)
    for path in (
        "people",
        "organizations",
        "interactions",
        "referrals",
        "asks",
        "recommendations",
        "references",
        "opportunities",
        "gratitude",
        "ledger",
        "programs",
        "review",
        "webhooks",
        "outbox",
    ):
        assert bo.api.get(f"/api/v1/{path}").json()["items"] == [], path
    assert bo.api.get("/api/v1/agenda").json()["items"] == []
    assert bo.api.get("/api/v1/brief").json()["looking_for"] is None
    who = f"#{ids['person_id']}"
    for path, body in [
        ("/api/v1/interactions", {"person": who, "kind": "call"}),
        ("/api/v1/referrals/received", {"referrer": who, "prospect": "x"}),
        ("/api/v1/referrals/given", {"referred": who}),
        ("/api/v1/asks", {"person": who}),
        ("/api/v1/recommendations", {"person": who}),
    ]:
        assert bo.api.post(path, json=body).status_code == 404, path
    ana_space = ana.user.personal_workspace_id
    assert bo.api.get("/api/v1/people", params={"workspace": ana_space}).status_code == 404
    for kind, key in [("thank-you", "referral"), ("follow-up", "ask"), ("check-in", "person")]:
        record = ids["referral_id" if key == "referral" else f"{key}_id"]
        assert bo.api.get(f"/api/v1/drafts/{kind}", params={key: record}).status_code == 404


def test_pages_answer_404_for_another_accounts_ids(
    app: FastAPI, ana: Account, bo: Account, web: WebClient
) -> None:
    ids = ana_records(ana)
    web.login("bo@example.com")
    checked = 0
    for method, template in flat(web_router.routes):
        if "{" not in template or (method, template) in NOT_RECORDS:
            continue
        path = fill(template, ids)
        if method == "GET":
            response = web.get(path)
        else:
            form = {k: fill(v, ids) for k, v in WEB_FORMS[(method, template)].items()}
            response = web.post(path, form)
        assert response.status_code == 404, f"{method} {path}: {response.status_code}"
        assert "Carla" not in response.text
        checked += 1
    assert checked >= 15
    assert "Carla" not in web.get("/people").text
    assert "Rina" not in web.get("/referrals").text
