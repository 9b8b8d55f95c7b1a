"""Programs over HTTP: the API's idempotent conversions, the public /r/CODE link with its
first-touch cookie and lead form, and the owner's pages."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.server.conftest import Account, WebClient


def new_program(ana: Account, **rules: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    body = {
        "name": "Friends",
        "advocate_reward": "cash:50:USD",
        "friend_reward": "discount-code:10:%",
    }
    made = ana.api.post("/api/v1/programs", json={**body, **rules})
    assert made.status_code == 201, made.text
    base = f"/api/v1/programs/{made.json()['id']}"
    first = ana.api.post(f"{base}/advocates", json={"name": "Ana Lee", "email": "ana@example.com"})
    second = ana.api.post(f"{base}/advocates", json={"name": "Cy Ng", "email": "cy@example.com"})
    assert first.status_code == second.status_code == 201
    return base, first.json(), second.json()


def leads(ana: Account, base: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = ana.api.get(f"{base}/leads").json()["items"]
    return found


def test_conversions_replay_with_the_same_idempotency_key(ana: Account) -> None:
    base, advocate, _ = new_program(ana)
    ana.api.post(f"{base}/leads", json={"email": "bo@example.com", "code": advocate["code"]})
    body = {"email": "bo@example.com", "external_id": "A-1", "amount": "120", "currency": "USD"}
    first = ana.api.post(f"{base}/conversions", json=body, headers={"Idempotency-Key": "k-1"})
    again = ana.api.post(f"{base}/conversions", json=body, headers={"Idempotency-Key": "k-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json() == first.json()
    other = ana.api.post(
        f"{base}/conversions", json={**body, "amount": "5"}, headers={"Idempotency-Key": "k-1"}
    )
    assert other.status_code == 409 and other.json()["error"]["code"] == "conflict"
    rewards = ana.api.get(f"{base}/rewards").json()["items"]
    assert [(r["beneficiary"], r["status"]) for r in rewards] == [
        ("advocate", "pending"),
        ("friend", "pending"),
    ]
    assert all("refund window" in r["reason"] for r in rewards)


def test_bad_input_and_strangers_write_nothing(app: FastAPI, ana: Account) -> None:
    bad = ana.api.post("/api/v1/programs", json={"name": "X", "advocate_reward": "cash:lots"})
    assert bad.status_code == 422 and "not an amount" in bad.json()["error"]["message"]
    base, _, _ = new_program(ana)
    with TestClient(app) as stranger:
        body = {"email": "bo@example.com", "external_id": "A-1"}
        assert stranger.post(f"{base}/conversions", json=body).status_code == 401
        assert stranger.post(f"{base}/leads", json={"email": "x@example.com"}).status_code == 401
    assert ana.api.get("/api/v1/programs").json()["items"][0]["conversions"] == 0
    assert leads(ana, base) == []


def visit(client: WebClient, code: str) -> Any:
    page = client.get(f"/r/{code}")
    assert page.status_code == 200
    return page


def test_link_visit_sets_attribution_and_the_form_creates_a_lead(
    app: FastAPI, ana: Account
) -> None:
    base, advocate, _ = new_program(ana)
    assert advocate["link"] == f"http://testserver/r/{advocate['code']}"  # where it was reached
    friend = WebClient(app)
    page = visit(friend, advocate["code"].upper())
    assert "Ana invited you" in page.text and "10% discount code" in page.text
    assert any(c.startswith("gw_ref_") for c in friend.client.cookies)
    assert page.headers["Cache-Control"] == "no-store"
    refused = friend.post(f"/r/{advocate['code']}", {"name": "Bo", "email": "bo@example.com"})
    assert refused.status_code == 422 and "tick the box" in refused.text
    assert leads(ana, base) == []
    thanks = friend.post(
        f"/r/{advocate['code']}", {"name": "Bo", "email": "bo@example.com", "consent": "on"}
    )
    assert thanks.status_code == 200 and "Thank you, Bo" in thanks.text
    [lead] = leads(ana, base)
    assert (lead["advocate"], lead["source"], lead["consent"]) == ("Ana Lee", "link", True)
    assert ana.api.get(f"{base}/advocates").json()["items"][0]["visits"] == 1
    assert friend.get("/r/nobody-0000000000").status_code == 404


def test_first_touch_wins_and_a_forged_cookie_does_not(app: FastAPI, ana: Account) -> None:
    base, first, second = new_program(ana)
    friend = WebClient(app)
    visit(friend, first["code"])
    visit(friend, second["code"])  # a later link does not take the referral over
    friend.post(f"/r/{second['code']}", {"email": "bo@example.com", "consent": "on"})
    assert [x["advocate"] for x in leads(ana, base)] == ["Ana Lee"]

    forger = WebClient(app)
    program_id = base.rsplit("/", 1)[1]
    forger.client.cookies.set(f"gw_ref_{program_id}", second["code"])  # unsigned: ignored
    visit(forger, first["code"])
    forger.post(f"/r/{first['code']}", {"email": "eve@example.com", "consent": "on"})
    assert {x["email"]: x["advocate"] for x in leads(ana, base)}["eve@example.com"] == "Ana Lee"


def test_a_stranger_cannot_claim_another_advocates_referral(app: FastAPI, ana: Account) -> None:
    base, first, second = new_program(ana)
    ana.api.post(f"{base}/leads", json={"email": "bo@example.com", "code": first["code"]})
    claimer = WebClient(app)
    visit(claimer, second["code"])
    claimer.post(f"/r/{second['code']}", {"email": " BO@Example.com", "consent": "on"})
    found = {(x["advocate"], x["status"]) for x in leads(ana, base)}
    assert found == {("Ana Lee", "new"), ("Cy Ng", "duplicate")}
    duplicate = next(x for x in leads(ana, base) if x["status"] == "duplicate")
    assert "already referred by Ana Lee" in duplicate["reason"]


def test_owner_pages_show_links_reasons_and_the_review_queue(
    app: FastAPI, ana: Account, web: WebClient
) -> None:
    base, advocate, _ = new_program(ana)
    ana.api.post(f"{base}/leads", json={"email": "x@mailinator.com", "code": advocate["code"]})
    web.login("ana@example.com")
    program_id = base.rsplit("/", 1)[1]
    assert "Friends" in web.get("/programs").text
    page = web.get(f"/programs/{program_id}").text
    assert f"/r/{advocate['code']}" in page and "waiting for review" in page
    assert "k-factor" in page and '<svg class="chart"' in page
    stats = ana.api.get(f"{base}/stats").json()
    assert (stats["advocates"], stats["leads"], stats["counted_leads"]) == (2, 1, 0)
    review = web.get("/review").text
    assert "disposable email domain" in review
    lead_id = leads(ana, base)[0]["id"]
    web.post(f"/review/lead/{lead_id}", {"decision": "deny", "note": "throwaway address"})
    assert leads(ana, base)[0]["reason"] == "not accepted at review: throwaway address"
    assert "Nothing waits for review" in web.get("/review").text
    web.post(
        f"/programs/{program_id}",
        {
            "description": "",
            "hold_days": "7",
            "friend_reward": "",
            "advocate_reward": "cash:50:USD",
        },
    )
    edited = ana.api.get(base).json()
    assert (edited["hold_days"], edited["friend_reward"]) == (7, None)  # emptied: removed
    assert edited["window_days"] == 30 and edited["advocate_reward"] == "cash:50:USD"
    created = web.post(
        "/programs", {"name": "Hiring", "kind": "hiring", "advocate_reward": "cash:1000:EUR"}
    )
    assert "Program created" in created.text
    failed = web.post("/programs", {"name": "Bad", "advocate_reward": "cash:x:EUR"})
    assert "not an amount" in failed.text
    assert [p["name"] for p in ana.api.get("/api/v1/programs").json()["items"]] == [
        "Friends",
        "Hiring",
    ]


def test_delivery_log_and_webhooks_page(app: FastAPI, ana: Account, web: WebClient) -> None:
    base, advocate, _ = new_program(ana)
    web.login("ana@example.com")
    added = web.post("/webhooks", {"url": "https://shop.example/hooks", "event:lead.created": "on"})
    assert "Its signing secret, shown only now: whsec_" in added.text
    assert "whsec_" not in web.get("/outbox").text  # shown once
    [hook] = ana.api.get("/api/v1/webhooks").json()["items"]
    assert hook["events"] == ["lead.created"] and "secret" not in hook
    ana.api.post(f"{base}/leads", json={"email": "bo@example.com", "code": advocate["code"]})
    log = ana.api.get("/api/v1/outbox").json()["items"]
    assert {(m["channel"], m["event"]) for m in log} >= {
        ("webhook", "lead.created"),
        ("email", "advocate-welcome"),
        ("email", "referral-signed-up"),
    }
    page = web.get("/outbox").text
    assert "referral-signed-up" in page and "https://shop.example/hooks" in page
    assert ana.api.get("/api/v1/outbox", params={"status": "lost"}).status_code == 422
    bad = web.post("/webhooks", {"url": "ftp://example.com/hooks"})
    assert "must start with https://" in bad.text


def test_a_link_visit_makes_no_session_and_its_form_token_is_the_browsers_own(
    app: FastAPI, ana: Account
) -> None:
    base, advocate, _ = new_program(ana)
    friend = WebClient(app)
    page = visit(friend, advocate["code"])
    assert "goodword_session" not in page.headers.get("set-cookie", "")
    assert "goodword_session" not in friend.client.cookies
    again = visit(friend, advocate["code"])  # the page kept for the link, this browser's token
    assert friend.token and friend.token in again.text and "\x00" not in again.text

    other = WebClient(app)
    visit(other, advocate["code"])
    assert other.token != friend.token, "each browser's token is its own"
    other.token = friend.token  # a token lifted from another browser's page
    stolen = other.post(f"/r/{advocate['code']}", {"email": "eve@example.com", "consent": "on"})
    assert stolen.status_code == 403 and leads(ana, base) == []
    kept = friend.post(f"/r/{advocate['code']}", {"email": "bo@example.com", "consent": "on"})
    assert kept.status_code == 200 and [x["email"] for x in leads(ana, base)] == ["bo@example.com"]


def test_an_edited_program_shows_on_its_links_at_once(app: FastAPI, ana: Account) -> None:
    base, advocate, _ = new_program(ana)
    friend = WebClient(app)
    assert "Count me in" in visit(friend, advocate["code"]).text
    paused = ana.api.patch(base, json={"status": "paused", "description": "Back in spring"})
    assert paused.status_code == 200, paused.text
    page = visit(friend, advocate["code"]).text
    assert "not taking new referrals" in page and "Back in spring" in page
