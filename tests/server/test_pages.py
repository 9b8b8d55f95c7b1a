"""The web app through a cookie-keeping client: accounts, security, and the main flows."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace, store_setting
from goodword.storage.tables import Interaction, User
from goodword.storage.unit_of_work import UnitOfWork
from goodword.web.app import create_app
from tests.conftest import NOW
from tests.server.conftest import HOSTS, PASSWORD, Account, WebClient


def users(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


def test_the_first_visit_creates_the_first_account_on_the_local_network(
    engine: Engine, web: WebClient
) -> None:
    local = ensure_workspace(engine, LOCAL_WORKSPACE, NOW)  # the CLI's data
    page = web.get("/")
    assert page.url.path == "/setup"
    done = web.post("/setup", {"name": "Ana", "email": "Ana@Example.com", "password": PASSWORD})
    assert done.status_code == 200 and done.url.path == "/"
    assert "Welcome, Ana" in done.text
    with Session(engine) as session:
        user = session.scalars(select(User)).one()
        assert user.email == "ana@example.com" and user.personal_workspace_id == local
        assert user.password_hash.startswith("$argon2id$")
    web.client.cookies.clear()
    assert web.get("/setup").url.path == "/login"  # only while no account exists


def test_setup_refuses_a_short_password_and_writes_nothing(engine: Engine, web: WebClient) -> None:
    web.get("/setup")
    page = web.post("/setup", {"name": "Ana", "email": "ana@example.com", "password": "short"})
    assert page.status_code == 422 and "password" in page.text
    assert users(engine) == 0


def test_no_setup_page_on_a_public_address(engine: Engine) -> None:
    public = TestClient(create_app(engine, lambda: NOW, loopback=False, hosts=HOSTS))
    assert public.get("/setup", follow_redirects=False).headers["location"] == "/login"
    assert public.get("/login").status_code == 200


def test_sign_in_sign_out_and_the_rate_limit(ana: Account, web: WebClient) -> None:
    assert web.get("/people").url.path == "/login"
    wrong = web.login("ana@example.com", "not the password")
    assert wrong.status_code == 401 and "wrong email or password" in wrong.text
    for _ in range(4):
        web.login("ana@example.com", "still wrong")
    blocked = web.login("ana@example.com")  # right password, but too many failures
    assert blocked.status_code == 429 and "too many failed sign-ins" in blocked.text


def test_a_good_sign_in_and_out(ana: Account, web: WebClient) -> None:
    page = web.login("ana@example.com")
    assert page.url.path == "/" and "Ana Silva" in page.text
    out = web.post("/logout")
    assert out.url.path == "/login"
    assert web.get("/people").url.path == "/login"


def test_next_never_leaves_the_site(ana: Account, web: WebClient) -> None:
    web.get("/login")
    page = web.client.post(
        "/login",
        data={
            "csrf_token": web.token,
            "email": "ana@example.com",
            "password": PASSWORD,
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert page.headers["location"] == "/"


def test_forms_without_the_csrf_token_are_refused(
    engine: Engine, ana: Account, web: WebClient
) -> None:
    web.login("ana@example.com")
    person = ana.api.post("/api/v1/people", json={"name": "Carla"}).json()
    refused = web.client.post(f"/people/{person['id']}/interactions", data={"kind": "call"})
    assert refused.status_code == 403
    forged = web.client.post(
        f"/people/{person['id']}/interactions", data={"kind": "call", "csrf_token": "forged"}
    )
    assert forged.status_code == 403
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Interaction)) == 0


def test_security_headers_and_cookie_flags(ana: Account, web: WebClient) -> None:
    page = web.login("ana@example.com")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    cookie = web.client.get("/login").headers.get("set-cookie") or ""
    login = web.client.post(
        "/login", data={"csrf_token": web.token, "email": "x@y.z", "password": "x"}
    )
    cookie = login.headers.get("set-cookie") or cookie
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert not re.search(r"<script>[^<]", page.text), "no inline script"
    assert " style=" not in page.text


def test_today_marks_a_thank_you_done_and_the_item_disappears(ana: Account, web: WebClient) -> None:
    ana.api.post("/api/v1/people", json={"name": "Elif Patel"})
    ana.api.post(
        "/api/v1/referrals/received", json={"referrer": "Elif Patel", "prospect": "Pete Ruiz"}
    )
    today = web.login("ana@example.com")
    assert "Mark thanked" in today.text and "Pete Ruiz" in today.text
    about = re.search(r'name="about" value="(referral:\d+)"', today.text)
    assert about
    after = web.post("/today/done", {"kind": "thank", "about": about.group(1)})
    assert "Thank-you recorded." in after.text
    assert f'value="{about.group(1)}"' not in after.text or "Mark thanked" not in after.text
    referral = ana.api.get("/api/v1/referrals").json()["items"][0]
    assert referral["stage"] == "thanked"


def test_a_persons_page_logs_an_interaction(ana: Account, web: WebClient) -> None:
    person = ana.api.post("/api/v1/people", json={"name": "Carla Diaz"}).json()
    web.login("ana@example.com")
    web.get(f"/people/{person['id']}")
    page = web.post(
        f"/people/{person['id']}/interactions",
        {"kind": "meeting", "sentiment": "positive", "note": "coffee"},
    )
    assert "Interaction logged." in page.text and "coffee" in page.text
    bad = web.post(f"/people/{person['id']}/interactions", {"kind": "dance"})
    assert "dance" in bad.text and bad.url.path == f"/people/{person['id']}"


def test_the_brief_is_shared_by_a_secret_link_and_can_be_stopped(
    ana: Account, web: WebClient
) -> None:
    web.login("ana@example.com")
    web.post("/brief", {"looking_for": "Retail CFOs in Lisbon"})
    page = web.post("/brief/share")
    link = re.search(r'value="https?://[^/]+(/b/[^"]+)"', page.text)
    assert link
    outsider = TestClient(ana.api.app)
    shared = outsider.get(link.group(1))
    assert shared.status_code == 200 and "Retail CFOs in Lisbon" in shared.text
    assert "Sign out" not in shared.text
    web.post("/brief/share", {"stop": "on"})
    assert outsider.get(link.group(1)).status_code == 404
    assert outsider.get("/b/guess").status_code == 404


def test_api_tokens_are_shown_once_and_can_be_revoked(ana: Account, web: WebClient) -> None:
    web.login("ana@example.com")
    page = web.post("/settings/tokens", {"name": "laptop"})
    secret = re.search(r'id="token-secret" class="secret" value="(gw_[^"]+)"', page.text)
    assert secret
    api = TestClient(ana.api.app, headers={"Authorization": f"Bearer {secret.group(1)}"})
    assert api.get("/api/v1/me").status_code == 200
    assert secret.group(1) not in web.get("/settings").text
    token_id = re.findall(r"/settings/tokens/(\d+)/revoke", web.get("/settings").text)[-1]
    web.post(f"/settings/tokens/{token_id}/revoke")
    assert api.get("/api/v1/me").status_code == 401


def test_a_team_is_shared_by_its_members_only(ana: Account, bo: Account, web: WebClient) -> None:
    web.login("ana@example.com")
    made = web.post("/settings/teams", {"name": "Acme consulting"})
    assert "Team &#39;Acme consulting&#39; created" in made.text or "Acme consulting" in made.text
    web.post("/people", {"name": "Team Client"})
    ana.api.post("/api/v1/people", json={"name": "Ana Private"})
    web.post("/settings/members", {"email": "bo@example.com", "role": "member"})
    spaces = bo.api.get("/api/v1/workspaces").json()
    team = next(w for w in spaces if w["kind"] == "team")
    assert team["role"] == "member"
    names = [
        p["name"]
        for p in bo.api.get("/api/v1/people", params={"workspace": team["id"]}).json()["items"]
    ]
    assert names == ["Team Client"]
    bo_own = [p["name"] for p in bo.api.get("/api/v1/people").json()["items"]]
    assert "Ana Private" not in bo_own
    # a member cannot add members; only an owner can
    other = WebClient(ana.api.app)
    other.login("bo@example.com")
    other.post("/workspace", {"workspace_id": str(team["id"])})
    refused = other.post("/settings/members", {"email": "ana@example.com"})
    assert "only an owner" in refused.text


def test_the_first_account_and_the_cli_share_one_network(engine: Engine) -> None:
    from goodword.schemas.accounts import UserCreate
    from goodword.services.accounts import create_user

    first = create_user(engine, UserCreate(email="a@example.com", name="A", password=PASSWORD), NOW)
    second = create_user(
        engine, UserCreate(email="b@example.com", name="B", password=PASSWORD), NOW
    )
    assert first.personal_workspace_id == ensure_workspace(engine, LOCAL_WORKSPACE, NOW)
    assert second.personal_workspace_id != first.personal_workspace_id


def test_a_draft_template_edited_in_settings_changes_the_drafts(
    ana: Account, web: WebClient
) -> None:
    ana.api.post("/api/v1/people", json={"name": "Elif Patel"})
    referral = ana.api.post(
        "/api/v1/referrals/received", json={"referrer": "Elif Patel", "prospect": "Pete"}
    )
    rid = referral.json()["id"]
    web.login("ana@example.com")
    page = web.get("/settings/templates/thank-you")
    assert "Subject: Thank you" in page.text
    saved = web.post(
        "/settings/templates/thank-you", {"text": "Subject: Cheers, {{ first_name }}\n\nMerci!"}
    )
    assert "Template saved" in saved.text
    draft = ana.api.get("/api/v1/drafts/thank-you", params={"referral": rid}).json()
    assert draft["subject"] == "Cheers, Elif" and draft["body"] == "Merci!\n"
    bad = web.post("/settings/templates/thank-you", {"text": "Subject: {% if %}"})
    assert "line 1" in bad.text
    sneaky = web.post(
        "/settings/templates/thank-you",
        {"text": "Subject: {{ ''.__class__.__mro__[1].__subclasses__() }}"},
    )
    assert "may not do" in sneaky.text  # its author is told
    for costly, why in [
        ("{% for i in range(10**9) %}{{ i }}{% endfor %}", "a range of 1,000,000,000"),
        ("{{ 'x' * 10**9 }}", "longer than 50,000"),
        ("{{ ('x' * 20000)|replace('x', 'x' * 20000) }}", "longer than 50,000"),
        ("{{ '{:>999999999}'.format(1) }}", "width too large"),
        (
            "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            "{% endfor %}{% endfor %}{% endfor %}",
            "longer than 0.5 seconds",
        ),
    ]:
        page = web.post("/settings/templates/thank-you", {"text": f"Subject: Hi\n\n{costly}"})
        assert "too costly to run" in page.text and why in page.text, costly
    needs = web.post("/settings/templates/thank-you", {"text": "Subject: Hi {{ nickname }}"})
    assert "Template saved" in needs.text
    fallback = ana.api.get("/api/v1/drafts/thank-you", params={"referral": rid}).json()
    assert fallback["subject"].startswith("Thank you")  # everywhere else: the shipped words
    with UnitOfWork(ana.api.app.state.server.engine, ana.user.personal_workspace_id) as uow:
        # saved by an older goodword, before templates were checked on saving
        store_setting(uow, "template:thank-you", "Subject: Hi\n\n{{ 'x' * 10**9 }}")
        uow.commit()
    today = web.get("/")
    assert today.status_code == 200 and "Thank you" in today.text
    web.post("/settings/templates/thank-you", {"reset": "on"})
    assert (
        ana.api.get("/api/v1/drafts/thank-you", params={"referral": rid})
        .json()["subject"]
        .startswith("Thank you")
    )


def test_a_persons_page_records_whom_they_know(ana: Account, web: WebClient) -> None:
    carla = ana.api.post("/api/v1/people", json={"name": "Carla Diaz"}).json()
    ana.api.post("/api/v1/people", json={"name": "Dev Iyer"})
    web.login("ana@example.com")
    web.get(f"/people/{carla['id']}")
    page = web.post(
        f"/people/{carla['id']}/knows",
        {"other": "Dev Iyer", "strength": "0.8", "note": "ex-colleagues"},
    )
    flashes = re.findall(r"class=\"flash[^>]*>([^<]*)<", page.text)
    assert flashes == ["Recorded who they know: introductions can use it."], flashes
    assert "0.80" in page.text
    bad = web.post(f"/people/{carla['id']}/knows", {"other": "Dev Iyer", "strength": "lots"})
    assert "strength: a number" in bad.text


def test_who_fits_a_need_and_what_to_offer_someone(ana: Account, web: WebClient) -> None:
    ana.api.post(
        "/api/v1/people",
        json={"name": "Hanna Berger", "title": "Employment lawyer", "skills": ["Employment law"]},
    )
    lena = ana.api.post(
        "/api/v1/people", json={"name": "Lena Park", "looking_for": "an employment lawyer"}
    ).json()
    opp = ana.api.post(
        "/api/v1/opportunities", json={"title": "Counsel", "skills": ["Employment law"]}
    ).json()
    web.login("ana@example.com")
    found = web.get("/match", params={"q": "employment lawyer in Berlin"})
    assert "Hanna Berger" in found.text and "skills: Employment law" in found.text
    by_opportunity = web.get("/match", params={"opportunity": opp["id"]})
    assert "Hanna Berger" in by_opportunity.text
    assert f'href="/match?opportunity={opp["id"]}"' in web.get("/opportunities").text
    page = web.get(f"/people/{lena['id']}")
    assert (
        "What you could refer to them" in page.text
        and "introduce them to Hanna Berger" in page.text
    )
    api = ana.api.get("/api/v1/match", params={"q": "employment law"}).json()
    assert api["matches"][0]["person"]["name"] == "Hanna Berger"
    offers = ana.api.get(f"/api/v1/people/{lena['id']}/offers").json()["offers"]
    assert offers[0]["kind"] == "provider"


def test_a_team_reaches_people_through_each_members_own_network(
    engine: Engine, ana: Account, bo: Account, web: WebClient
) -> None:
    from goodword.services.teams import add_member, create_team

    # Ana's personal network: she was in touch with Carla last week
    ana.api.post("/api/v1/people", json={"name": "Carla Diaz", "emails": ["carla@x.example"]})
    ana.api.post(
        "/api/v1/interactions", json={"person": "Carla", "kind": "call", "when": "2026-11-15"}
    )
    ana.api.post("/api/v1/people", json={"name": "Ana's Secret", "emails": ["secret@x.example"]})
    team = create_team(engine, ana.user.id, "Acme", NOW)
    add_member(engine, ana.user.id, team.id, "bo@example.com", "member", NOW)
    # the team knows Carla (same email) and that Carla knows Dee
    in_team = {"workspace": team.id}
    bo.api.post(
        "/api/v1/people", params=in_team, json={"name": "Carla D.", "emails": ["CARLA@x.example"]}
    )
    bo.api.post("/api/v1/people", params=in_team, json={"name": "Dee Park"})
    # Bo asks: the way to Dee goes through his teammate Ana, who knows Carla
    paths = bo.api.get("/api/v1/intro", params={**in_team, "target": "Dee Park"}).json()
    assert paths == []  # nobody in the team knows Dee yet
    web.login("bo@example.com")
    web.post("/workspace", {"workspace_id": str(team.id)})
    carla_in_team = bo.api.get("/api/v1/people", params={**in_team, "q": "Carla"}).json()["items"][
        0
    ]
    web.post(f"/people/{carla_in_team['id']}/knows", {"other": "Dee Park", "strength": "0.7"})
    paths = bo.api.get("/api/v1/intro", params={**in_team, "target": "Dee Park"}).json()
    chain = [link["person"]["name"] for link in paths[0]["chain"]]
    assert chain == ["Ana Silva (teammate)", "Carla D.", "Dee Park"]
    assert paths[0]["chain"][0]["strength"] == 0.8
    page = web.get("/intro", params={"target": "Dee Park"})
    assert "Ana Silva (teammate)" in page.text
    assert "Secret" not in page.text and "Secret" not in str(paths)
    # outside the team, Ana's network is Ana's alone
    assert bo.api.get("/api/v1/intro", params={"target": "Dee Park"}).status_code == 404


def test_the_intro_page_shows_the_chain_and_the_drafted_request(
    ana: Account, web: WebClient
) -> None:
    ana.api.post("/api/v1/people", json={"name": "Ana Contact", "emails": ["c@x.example"]})
    ana.api.post(
        "/api/v1/interactions", json={"person": "Ana Contact", "kind": "call", "when": "2026-11-20"}
    )
    dee = ana.api.post("/api/v1/people", json={"name": "Dee Park", "title": "CTO"}).json()
    web.login("ana@example.com")
    contact = ana.api.get("/api/v1/people", params={"q": "Ana Contact"}).json()["items"][0]
    web.post(f"/people/{contact['id']}/knows", {"other": "Dee Park", "strength": "0.9"})
    assert f'href="/intro?target=%23{dee["id"]}"' in web.get(f"/people/{dee['id']}").text
    page = web.get("/intro", params={"target": f"#{dee['id']}"})
    assert "Ana Contact" in page.text and "Would you introduce me to Dee?" in page.text
    nothing = web.get("/intro", params={"target": "Ana Contact", "hops": "1"})
    assert "you already know Ana Contact" in nothing.text


def test_an_import_is_undone_from_the_import_page(ana: Account, web: WebClient) -> None:
    web.login("ana@example.com")
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Ina Imported\nEMAIL:ina@example.com\nEND:VCARD\n"
    page = web.post("/import", {"source": "vcard"}, files={"file": ("c.vcf", card)})
    assert "Your imports" in page.text and "Undo…" in page.text
    batch = ana.api.get("/api/v1/imports").json()["items"][0]["id"]
    confirm = web.get(f"/import/{batch}/undo")
    assert "1 person" in confirm.text and "Undo the import" in confirm.text
    assert ana.api.get("/api/v1/people").json()["items"] != []
    done = web.post(f"/import/{batch}/undo")
    assert f"Import #{batch} undone." in done.text
    assert ana.api.get("/api/v1/people").json()["items"] == []


def test_history_is_filed_from_the_catch_up_page(ana: Account, web: WebClient) -> None:
    person = ana.api.post("/api/v1/people", json={"name": "Old Friend"}).json()
    ana.api.post(
        "/api/v1/recommendations",
        json={"person": f"#{person['id']}", "direction": "received", "when": "2015-03-01"},
    )
    web.login("ana@example.com")
    today = web.get("/")
    assert "From your history: 1 recommendation (2015)" in today.text
    assert 'href="/catch-up"' in today.text
    page = web.get("/catch-up")
    assert "Old Friend" in page.text and "File as history" in page.text
    done = web.post("/catch-up/file", {"keep": "none"})
    assert "Filed as history" in done.text and "You are all caught up" in done.text


def test_people_are_edited_deleted_and_restored_in_the_browser(
    ana: Account, web: WebClient
) -> None:
    carla = ana.api.post("/api/v1/people", json={"name": "Carla Diaz", "company": "Acme"}).json()
    web.login("ana@example.com")
    form = web.get(f"/edit/person/{carla['id']}")
    assert 'value="Carla Diaz"' in form.text and 'value="Acme"' in form.text
    saved = web.post(
        f"/edit/person/{carla['id']}",
        {
            "name": "Carla Díaz",
            "company": "Acme",
            "title": "CTO",
            "tier": "close",
            "matching": "on",
        },
    )
    assert "Person saved." in saved.text and "Carla Díaz" in saved.text
    refused = web.post(f"/edit/person/{carla['id']}", {"name": "", "tier": "close"})
    assert "cannot be empty" in refused.text
    assert ana.api.get(f"/api/v1/people/{carla['id']}").json()["title"] == "CTO"
    confirm = web.get(f"/delete/person/{carla['id']}")
    assert "Move Carla Díaz to the trash?" in confirm.text
    done = web.post(f"/delete/person/{carla['id']}")
    assert "moved to the trash" in done.text
    trash = web.get("/trash")
    assert "Carla Díaz" in trash.text and "Restore" in trash.text
    entry = ana.api.get("/api/v1/trash").json()["items"][0]["id"]
    back = web.post(f"/trash/{entry}/restore")
    assert "Brought back" in back.text
    assert ana.api.get(f"/api/v1/people/{carla['id']}").status_code == 200
    assert web.get("/edit/nonsense/1").status_code == 404


def test_duplicates_are_merged_from_their_page(ana: Account, web: WebClient) -> None:
    a = ana.api.post("/api/v1/people", json={"name": "Priya Sharma", "company": "Infosys"}).json()
    b = ana.api.post("/api/v1/people", json={"name": "Priya Sharma", "company": "Infosys"}).json()
    web.login("ana@example.com")
    page = web.get("/duplicates")
    assert "the same name, both at Infosys" in page.text
    assert "Merge them" in web.get(f"/merge/{a['id']}/{b['id']}").text
    done = web.post(f"/merge/{a['id']}/{b['id']}")
    assert "Merged into Priya Sharma" in done.text
    assert len(ana.api.get("/api/v1/people").json()["items"]) == 1


def test_the_served_app_accepts_this_machine_the_named_hosts_and_public_urls(
    engine: Engine, ana: Account, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    from goodword.services.workspaces import set_settings
    from goodword.storage.unit_of_work import UnitOfWork
    from goodword.web import server

    set_settings(
        UnitOfWork(engine, ana.user.personal_workspace_id),
        {"public_url": "https://refer.acme.example/"},
    )
    monkeypatch.setenv(server.ENV_URL, db_url)
    monkeypatch.setenv(server.ENV_HOSTS, "crm.acme.example")
    served = server.app_from_env()
    for host, status in [
        ("127.0.0.1:8000", 200),
        ("localhost", 200),
        ("[::1]:8000", 200),
        ("crm.acme.example", 200),
        ("refer.acme.example", 200),
        ("evil.example", 400),
        ("testserver", 400),
    ]:
        answer = TestClient(served).get("/healthz", headers={"Host": host})
        assert answer.status_code == status, host
    served.state.server.engine.dispose()
