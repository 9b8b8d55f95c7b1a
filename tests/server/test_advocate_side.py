"""The advocate's side: the private portal by magic link, and self sign-up with double
opt-in (the link is issued only after the emailed confirmation, within 14 days)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from goodword.services.workspaces import set_settings
from goodword.storage.tables import OutboxMessage
from goodword.storage.unit_of_work import UnitOfWork
from goodword.web.app import create_app
from tests.conftest import NOW
from tests.server.conftest import HOSTS, Account, WebClient

PUBLIC = "https://refer.acme.example"


def new_program(ana: Account, **rules: Any) -> tuple[str, dict[str, Any]]:
    if rules.get("self_signup"):
        public_address(ana, PUBLIC)
    body = {"name": "Friends", "advocate_reward": "cash:50:USD", "milestones": "2=gift-card:25:USD"}
    made = ana.api.post("/api/v1/programs", json={**body, **rules})
    assert made.status_code == 201, made.text
    return f"/api/v1/programs/{made.json()['id']}", made.json()


def public_address(ana: Account, url: str) -> None:
    set_settings(
        UnitOfWork(ana.api.app.state.server.engine, ana.user.personal_workspace_id),
        {"public_url": url},
    )


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_the_portal_shows_link_referrals_rewards_and_why(app: FastAPI, ana: Account) -> None:
    base, _ = new_program(ana)
    advocate = ana.api.post(
        f"{base}/advocates", json={"name": "Cy Ng", "email": "cy@example.com"}
    ).json()
    portal = path_of(advocate["portal_link"])
    assert "portal_link" not in ana.api.get(f"{base}/advocates").json()["items"][0] or (
        ana.api.get(f"{base}/advocates").json()["items"][0]["portal_link"] is None
    )
    ana.api.post(
        f"{base}/leads", json={"email": "bo@example.com", "name": "Bo", "code": advocate["code"]}
    )
    ana.api.post(f"{base}/conversions", json={"email": "bo@example.com", "external_id": "A-1"})
    visitor = TestClient(app)
    page = visitor.get(portal)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.text
    assert f"/r/{advocate['code']}" in text and 'data-copy="share-email"' in text
    assert "converted — thank you" in text and "the 30-day refund window runs until" in text
    assert "1 of 2 referrals toward a bonus of <strong>25 USD gift card</strong>" in text
    fresh = ana.api.post(f"/api/v1/advocates/{advocate['id']}/portal-link").json()["portal_link"]
    assert visitor.get(portal).status_code == 404  # the old link stopped working
    assert visitor.get(path_of(fresh)).status_code == 200
    assert visitor.get("/a/not-a-token").status_code == 404


def confirm_links(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        bodies = connection.scalars(
            select(OutboxMessage.body).where(OutboxMessage.event == "advocate-confirm")
        ).all()
    return [path_of(re.search(r"(http\S+/confirm/\S+)", b).group(1)) for b in bodies]  # type: ignore[union-attr]


def test_self_signup_issues_the_link_only_after_confirmation(
    app: FastAPI, engine: Engine, ana: Account
) -> None:
    base, made = new_program(ana, self_signup=True)
    join = made["join_path"]
    assert join.startswith("/j/")
    friend = WebClient(app)
    page = friend.get(join)
    assert page.status_code == 200 and "Send me my link" in page.text
    refused = friend.post(join, {"name": "Dee Park", "email": "dee@example.com"})
    assert refused.status_code == 422 and "tick the box" in refused.text
    sent = friend.post(join, {"name": "Dee Park", "email": "dee@example.com", "consent": "on"})
    assert "Check your email" in sent.text
    assert ana.api.get(f"{base}/advocates").json()["items"] == []  # nothing before confirming
    [confirm] = confirm_links(engine)
    opened = friend.get(confirm)
    assert opened.status_code == 200 and "you are in" in opened.text
    [advocate] = ana.api.get(f"{base}/advocates").json()["items"]
    assert (advocate["name"], advocate["email"]) == ("Dee Park", "dee@example.com")
    assert f"/r/{advocate['code']}" in opened.text
    again = friend.get(confirm)  # following it twice opens the page, enrols nobody new
    assert again.status_code == 200 and len(ana.api.get(f"{base}/advocates").json()["items"]) == 1
    same = friend.post(join, {"name": "Dee", "email": "dee@example.com", "consent": "on"})
    assert "Check your email" in same.text  # the same answer: it tells nobody who is enrolled


def test_confirmation_expires_after_14_days(app: FastAPI, engine: Engine, ana: Account) -> None:
    base, made = new_program(ana, self_signup=True)
    friend = WebClient(app)
    friend.get(made["join_path"])
    friend.post(made["join_path"], {"email": "late@example.com", "consent": "on"})
    [confirm] = confirm_links(engine)
    with TestClient(create_app(engine, lambda: NOW + timedelta(days=15), hosts=HOSTS)) as later:
        expired = later.get(confirm)
    assert expired.status_code == 409 and "expired after 14 days" in expired.text
    assert ana.api.get(f"{base}/advocates").json()["items"] == []


def test_no_public_page_unless_the_program_takes_signups(app: FastAPI, ana: Account) -> None:
    base, made = new_program(ana)
    assert made["join_path"] is None
    assert TestClient(app).get("/j/anything").status_code == 404
    ana.api.patch(base, json={"self_signup": True})
    token = ana.api.get(base).json()["join_path"]
    assert TestClient(app).get(token).status_code == 200


def test_opt_in_leaderboard_and_stories_with_consent(app: FastAPI, ana: Account) -> None:
    base, made = new_program(ana, leaderboard=True, self_signup=True)
    cy = ana.api.post(f"{base}/advocates", json={"name": "Cy Ng", "email": "cy@example.com"}).json()
    dee = ana.api.post(
        f"{base}/advocates", json={"name": "Dee Park", "email": "d@example.com"}
    ).json()
    for n, who in enumerate((cy, cy, dee)):
        email = f"p{n}@example.com"
        ana.api.post(f"{base}/leads", json={"email": email, "code": who["code"]})
        ana.api.post(f"{base}/conversions", json={"email": email, "external_id": f"O{n}"})
    assert ana.api.get(f"{base}/leaderboard").json() == []  # nobody opted in yet
    visitor = WebClient(app)
    portal = path_of(cy["portal_link"])
    assert "Show me on the leaderboard as Cy N." in visitor.get(portal).text
    visitor.post(f"{portal}/leaderboard", {"show": "on"})
    board = ana.api.get(f"{base}/leaderboard").json()
    assert board == [{"name": "Cy N.", "conversions": 2, "referrals": 2}]  # Dee did not opt in
    no_consent = ana.api.post(f"{base}/stories", json={"title": "T", "body": "B"})
    assert no_consent.status_code == 422 and no_consent.json()["error"]["field"] == "consent"
    story = {
        "title": "Books in order",
        "body": "Cy sent us Bo.",
        "consent": "yes by email",
        "advocate_id": cy["id"],
    }
    assert ana.api.post(f"{base}/stories", json=story).status_code == 201
    public = visitor.get(made["join_path"]).text
    assert "Books in order" in public and "thanks to Cy N." in public and "Cy N." in public
    assert "Dee" not in public
    visitor.post(f"{portal}/leaderboard", {})  # and out again
    assert ana.api.get(f"{base}/leaderboard").json() == []


def _queued(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(select(OutboxMessage.body)).all())


def test_a_made_up_host_header_is_refused_before_anything_is_written(
    app: FastAPI, engine: Engine, ana: Account
) -> None:
    _, made = new_program(ana, self_signup=True)
    before = _queued(engine)
    for host in ("evil.example", "127.0.0.1.evil.example", "evil.example:8000"):
        visitor = TestClient(app, base_url=f"http://{host}")
        page = visitor.get(made["join_path"])
        assert page.status_code == 400 and page.text == "Invalid host header"
        posted = visitor.post(made["join_path"], data={"email": "dee@example.com"})
        assert posted.status_code == 400
    assert _queued(engine) == before


def test_emailed_links_use_the_public_url_never_the_requests_host(
    app: FastAPI, engine: Engine, ana: Account
) -> None:
    base, made = new_program(ana, self_signup=True)
    friend = WebClient(app)  # reaches the server as "testserver", an accepted name
    friend.get(made["join_path"])
    friend.post(
        made["join_path"], {"name": "Dee Park", "email": "dee@example.com", "consent": "on"}
    )
    [body] = [b for b in _queued(engine) if "/confirm/" in b]
    assert f"{PUBLIC}/confirm/" in body and "testserver" not in body
    [confirm] = confirm_links(engine)
    assert friend.get(confirm).status_code == 200
    welcome = [b for b in _queued(engine) if "/a/" in b]
    assert welcome and all(f"{PUBLIC}/a/" in b and "testserver" not in b for b in welcome)
    enrolled = ana.api.post(f"{base}/advocates", json={"name": "Cy", "email": "cy@example.com"})
    assert enrolled.status_code == 201
    assert all("testserver" not in b for b in _queued(engine))


def test_self_signup_waits_for_a_public_url(app: FastAPI, engine: Engine, ana: Account) -> None:
    base, _ = new_program(ana)
    ana.api.patch(base, json={"self_signup": True})
    join = ana.api.get(base).json()["join_path"]
    friend = WebClient(app)
    page = friend.get(join)
    assert page.status_code == 200 and "not open yet" in page.text
    assert "Send me my link" not in page.text
    refused = friend.post(join, {"name": "Dee", "email": "dee@example.com", "consent": "on"})
    assert refused.status_code == 409 and "public_url" in refused.text
    assert _queued(engine) == []
    public_address(ana, PUBLIC)
    assert "Send me my link" in friend.get(join).text
