"""The REST API through the test client: each endpoint's success and its errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.server.conftest import Account

FIXTURES = Path(__file__).parent.parent / "fixtures"


def error_of(response: object, status: int, code: str | None = None) -> dict[str, str]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()["error"]  # type: ignore[attr-defined]
    assert set(body) == {"code", "message", "field"}
    assert body["message"]
    if code:
        assert body["code"] == code
    return body  # type: ignore[no-any-return]


def test_without_a_token_every_route_says_401(ana: Account) -> None:
    from fastapi.testclient import TestClient

    anonymous = TestClient(ana.api.app)
    error_of(anonymous.get("/api/v1/people"), 401, "not_authenticated")
    bad = TestClient(ana.api.app, headers={"Authorization": "Bearer gw_nope"})
    assert bad.get("/api/v1/people").status_code == 401
    assert anonymous.get("/api/v1/people").headers["www-authenticate"] == "Bearer"


def test_people_create_read_update_delete(ana: Account) -> None:
    api = ana.api
    created = api.post(
        "/api/v1/people",
        json={
            "name": "Carla Diaz",
            "company": "Acme",
            "emails": ["carla@acme.example"],
            "skills": ["tax law"],
        },
    )
    assert created.status_code == 201
    person = created.json()
    assert person["company"]["name"] == "Acme" and person["emails"] == ["carla@acme.example"]
    pid = person["id"]
    assert api.get(f"/api/v1/people/{pid}").json()["timeline"] == []
    changed = api.patch(f"/api/v1/people/{pid}", json={"title": "Partner"})
    assert changed.json()["title"] == "Partner"
    tagged = api.post(f"/api/v1/people/{pid}/tags", json={"add": ["lawyer"]}).json()
    assert tagged["tags"] == ["lawyer"]
    assert (
        api.post(f"/api/v1/people/{pid}/notes", json={"body": "met at the summit"}).status_code
        == 201
    )
    found = api.get("/api/v1/people", params={"skill": "tax law"}).json()
    assert [p["id"] for p in found["items"]] == [pid]
    assert api.delete(f"/api/v1/people/{pid}").json()["label"] == "Carla Diaz"
    error_of(api.get(f"/api/v1/people/{pid}"), 404, "not_found")


def test_bad_input_is_a_4xx_with_the_field_named(ana: Account) -> None:
    api = ana.api
    body = error_of(api.post("/api/v1/people", json={"name": ""}), 422, "validation")
    assert body["field"] == "name"
    body = error_of(
        api.post(
            "/api/v1/people", content=b"{not json", headers={"content-type": "application/json"}
        ),
        400,
    )
    assert body["code"] == "malformed"
    error_of(api.get("/api/v1/people/0"), 422)
    error_of(api.get(f"/api/v1/people/{2**64}"), 422)
    error_of(api.get("/api/v1/people", params={"limit": 0}), 422)
    body = error_of(api.get("/api/v1/people", params={"cursor": "garbage"}), 422)
    assert body["field"] == "cursor"
    error_of(api.patch("/api/v1/people/1", json={"nonsense": 1}), 422)


def test_pagination_walks_every_item_once(ana: Account) -> None:
    for i in range(7):
        ana.api.post("/api/v1/people", json={"name": f"Person {i}"})
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = ana.api.get("/api/v1/people", params=params).json()
        seen += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 7


def test_a_referral_through_every_milestone(ana: Account) -> None:
    api = ana.api
    api.post("/api/v1/people", json={"name": "Dev Iyer"})
    r = api.post(
        "/api/v1/referrals/received",
        json={
            "referrer": "Dev Iyer",
            "prospect": "Rina Sato",
            "value": "3000",
            "when": "2026-11-20",
        },
    )
    assert r.status_code == 201 and r.json()["stage"] == "received"
    rid = r.json()["id"]
    # order matters: the outcome cannot come before contact (the practice's rules: 409)
    error_of(api.post(f"/api/v1/referrals/{rid}/referrer-updated", json={}), 409, "rule_violation")
    assert (
        api.post(f"/api/v1/referrals/{rid}/thanked", json={"via": "email"}).json()["stage"]
        == "thanked"
    )
    assert (
        api.post(f"/api/v1/referrals/{rid}/qualified", json={"why_fit": "needs data"}).json()[
            "stage"
        ]
        == "qualified"
    )
    assert (
        api.post(f"/api/v1/referrals/{rid}/contacted", json={"succeeded": True}).json()["stage"]
        == "contacted"
    )
    error_of(api.post(f"/api/v1/referrals/{rid}/outcome", json={"outcome": "maybe"}), 422)
    won = api.post(f"/api/v1/referrals/{rid}/outcome", json={"outcome": "won", "value": "5000"})
    assert won.json()["stage"] == "outcome"
    closed = api.post(f"/api/v1/referrals/{rid}/referrer-updated", json={"note": "told Dev"})
    assert closed.json()["stage"] == "loop-closed"
    listed = api.get("/api/v1/referrals", params={"stage": "loop-closed"}).json()["items"]
    assert [x["id"] for x in listed] == [rid]
    gratitude = api.get("/api/v1/gratitude").json()["items"]
    assert gratitude[0]["referral_id"] == rid and gratitude[0]["kind"] == "email"
    ledger = api.get("/api/v1/ledger").json()["items"]
    assert ledger[0]["person"]["name"] == "Dev Iyer" and ledger[0]["they_gave_points"] > 0


def test_asks_recommendations_references_opportunities_brief(ana: Account) -> None:
    api = ana.api
    api.post("/api/v1/people", json={"name": "Maya Rao"})
    ask = api.post("/api/v1/asks", json={"person": "Maya Rao", "purpose": "an intro"})
    assert ask.status_code == 201
    ask_id = ask.json()["ask"]["id"]
    error_of(api.post("/api/v1/asks", json={"person": "Maya Rao"}), 409)  # too soon after the last
    assert (
        api.post(f"/api/v1/asks/{ask_id}/answer", json={"answer": "accepted"}).json()["status"]
        == "accepted"
    )
    rec = api.post(
        "/api/v1/recommendations",
        json={"person": "Maya Rao", "direction": "received", "text": "Great"},
    )
    assert rec.status_code == 201
    thanks = api.post(f"/api/v1/recommendations/{rec.json()['id']}/thanked", json={"via": "email"})
    assert thanks.status_code == 201 and thanks.json()["recommendation_id"] == rec.json()["id"]
    ref = api.post(
        "/api/v1/references", json={"vendor": "Globex", "company": "Initech", "confidential": True}
    )
    ref_id = ref.json()["id"]
    error_of(api.post(f"/api/v1/references/{ref_id}/given", json={}), 409)  # not approved yet
    decided = api.post(
        f"/api/v1/references/{ref_id}/decision", json={"approve": True, "approver": "Legal"}
    )
    assert decided.json()["status"] == "approved"
    assert api.post(f"/api/v1/references/{ref_id}/given", json={}).json()["status"] == "given"
    opp = api.post(
        "/api/v1/opportunities",
        json={"title": "Berlin employment lawyer", "skills": ["employment law"]},
    )
    assert api.post(f"/api/v1/opportunities/{opp.json()['id']}/close").json()["status"] == "closed"
    assert api.patch("/api/v1/brief", json={"looking_for": "CFOs"}).json()["looking_for"] == "CFOs"
    assert api.get("/api/v1/brief").json()["looking_for"] == "CFOs"


def test_agenda_and_drafts(ana: Account) -> None:
    api = ana.api
    api.post("/api/v1/people", json={"name": "Elif Patel", "emails": ["elif@example.com"]})
    api.post(
        "/api/v1/referrals/received",
        json={"referrer": "Elif Patel", "prospect": "Pete Ruiz", "when": "2026-11-15"},
    )
    agenda = api.get("/api/v1/agenda").json()
    thank = [i for i in agenda["items"] if i["kind"] == "thank"]
    assert thank and "Elif Patel" in thank[0]["reason"]
    rid = int(thank[0]["about"].split(":")[1])
    draft = api.get("/api/v1/drafts/thank-you", params={"referral": rid}).json()
    assert draft["email"] == "elif@example.com" and "Pete Ruiz" in draft["body"]
    error_of(api.get("/api/v1/drafts/poem", params={"referral": rid}), 422)
    error_of(api.get("/api/v1/drafts/thank-you"), 422)
    error_of(api.get("/api/v1/agenda", params={"kind": "dance"}), 422)


def test_imports_a_linkedin_zip_and_a_vcard(ana: Account) -> None:
    folder = FIXTURES / "linkedin" / "current"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in folder.iterdir():
            archive.write(file, file.name)
    report = ana.api.post(
        "/api/v1/imports/linkedin",
        files={"file": ("export.zip", buffer.getvalue(), "application/zip")},
    )
    assert report.status_code == 200, report.text
    assert report.json()["created"] > 0
    again = ana.api.post(
        "/api/v1/imports/linkedin",
        files={"file": ("export.zip", buffer.getvalue(), "application/zip")},
    ).json()
    assert again["created"] == 0
    body = error_of(
        ana.api.post(
            "/api/v1/imports/linkedin", files={"file": ("x.zip", b"not a zip", "application/zip")}
        ),
        422,
    )
    assert "zip" in body["message"]
    error_of(
        ana.api.post("/api/v1/imports/csv", files={"file": ("a.csv", b"Name\nX\n", "text/csv")}),
        422,
    )
    [listed] = ana.api.get("/api/v1/imports").json()["items"]
    assert listed["id"] == report.json()["batch"] and listed["created"] == report.json()["created"]
    bo = ana.api.get("/api/v1/people", params={"q": "Bo Chen"}).json()["items"][0]
    ana.api.post("/api/v1/interactions", json={"person": f"#{bo['id']}", "kind": "call"})
    refused = error_of(ana.api.post(f"/api/v1/imports/{listed['id']}/undo"), 409)
    assert "1 interaction" in refused["message"]
    ana.api.delete(f"/api/v1/people/{bo['id']}")
    undone = ana.api.post(f"/api/v1/imports/{listed['id']}/undo")
    assert undone.status_code == 200, undone.text
    assert ana.api.get("/api/v1/people").json()["items"] == []
    assert ana.api.get("/api/v1/imports").json()["items"] == []
    error_of(ana.api.post(f"/api/v1/imports/{listed['id']}/undo"), 404)


def test_me_and_workspaces(ana: Account) -> None:
    assert ana.api.get("/api/v1/me").json()["email"] == "ana@example.com"
    spaces = ana.api.get("/api/v1/workspaces").json()
    assert [w["kind"] for w in spaces] == ["personal"]
    error_of(ana.api.get("/api/v1/people", params={"workspace": 999_999}), 404)


def test_organizations_and_interactions(ana: Account) -> None:
    api = ana.api
    org = api.post(
        "/api/v1/organizations", json={"name": "Globex", "industry": "energy", "tags": ["client"]}
    )
    assert org.status_code == 201
    oid = org.json()["id"]
    error_of(api.post("/api/v1/organizations", json={"name": "Globex"}), 409)
    assert api.patch(f"/api/v1/organizations/{oid}", json={"website": "globex.example"}).json()[
        "website"
    ]
    api.post("/api/v1/people", json={"name": "Kai Berger", "company": "Globex"})
    detail = api.get(f"/api/v1/organizations/{oid}").json()
    assert [p["name"] for p in detail["people"]] == ["Kai Berger"]
    assert (
        api.get("/api/v1/organizations", params={"tag": "client"}).json()["items"][0]["id"] == oid
    )
    logged = api.post(
        "/api/v1/interactions",
        json={
            "person": "Kai Berger",
            "kind": "meeting",
            "sentiment": "positive",
            "when": "2026-11-20",
        },
    )
    assert logged.status_code == 201 and logged.json()["occurred_at"].startswith("2026-11-20")
    error_of(api.post("/api/v1/interactions", json={"person": "Kai Berger", "kind": "dance"}), 422)
    error_of(api.post("/api/v1/interactions", json={"person": "Nobody Here", "kind": "call"}), 404)
    person_id = logged.json()["person"]["id"]
    listed = api.get("/api/v1/interactions", params={"person_id": person_id}).json()["items"]
    assert [i["kind"] for i in listed] == ["meeting"]
    assert api.delete(f"/api/v1/organizations/{oid}").status_code == 200
    error_of(api.get(f"/api/v1/organizations/{oid}"), 404)


def test_given_referrals_follow_ups_and_single_records(ana: Account) -> None:
    api = ana.api
    api.post("/api/v1/people", json={"name": "Lars Lind"})
    error_of(
        api.post(
            "/api/v1/referrals/given", json={"referred": "Lars Lind", "to_organization": "Initech"}
        ),
        404,
    )
    api.post("/api/v1/organizations", json={"name": "Initech"})
    given = api.post(
        "/api/v1/referrals/given", json={"referred": "Lars Lind", "to_organization": "Initech"}
    )
    assert given.status_code == 201 and given.json()["stage"] == "made"
    assert api.get(f"/api/v1/referrals/{given.json()['id']}").json()["recipient"] == "Initech"
    error_of(api.post(f"/api/v1/referrals/{given.json()['id']}/thanked", json={}), 409)
    ask = api.post("/api/v1/asks", json={"person": "Lars Lind", "when": "2026-11-01"}).json()["ask"]
    followed = api.post(f"/api/v1/asks/{ask['id']}/follow-up", json={})
    assert followed.json()["followed_up_at"] is not None
    error_of(api.post(f"/api/v1/asks/{ask['id']}/follow-up", json={}), 409)  # only one
    assert api.get(f"/api/v1/asks/{ask['id']}").json()["id"] == ask["id"]
    rec = api.post(
        "/api/v1/recommendations", json={"person": "Lars Lind", "text": "Reliable"}
    ).json()
    assert (
        api.post(f"/api/v1/recommendations/{rec['id']}/status", json={"status": "sent"}).json()[
            "status"
        ]
        == "sent"
    )
    assert api.get(f"/api/v1/recommendations/{rec['id']}").json()["status"] == "sent"
    error_of(api.post(f"/api/v1/recommendations/{rec['id']}/thanked", json={}), 409)  # you wrote it
    opp = api.post("/api/v1/opportunities", json={"title": "Data lead"}).json()
    assert api.get(f"/api/v1/opportunities/{opp['id']}").json()["title"] == "Data lead"
    assert [
        o["id"] for o in api.get("/api/v1/opportunities", params={"status": "open"}).json()["items"]
    ] == [opp["id"]]
    ref = api.post("/api/v1/references", json={"vendor": "Hooli"}).json()
    assert api.get(f"/api/v1/references/{ref['id']}").json()["vendor"] == "Hooli"
    error_of(api.post("/api/v1/references", json={"vendor": "Hooli", "confidential": 0}), 422)


def test_history_is_caught_up_through_the_api(ana: Account) -> None:
    person = ana.api.post("/api/v1/people", json={"name": "Old Friend"}).json()
    for year in (2014, 2016):
        made = ana.api.post(
            "/api/v1/recommendations",
            json={"person": f"#{person['id']}", "direction": "received", "when": f"{year}-05-01"},
        )
        assert made.status_code == 201, made.text
    agenda = ana.api.get("/api/v1/agenda").json()
    kinds = [i["kind"] for i in agenda["items"]]
    assert "catch-up" in kinds and "thank" not in kinds  # old thanks are history
    found = ana.api.get("/api/v1/catch-up").json()
    assert found["counts"][0]["count"] == 2 and found["recent"][0]["draft"]["body"]
    error_of(ana.api.post("/api/v1/catch-up/file", json={"keep_recent": -1}), 422)
    filed = ana.api.post("/api/v1/catch-up/file", json={"keep_recent": 1}).json()
    assert filed == {"filed": {"recommendation": 1}, "kept": 1}
    assert ana.api.post("/api/v1/catch-up/file").json()["filed"] == {"recommendation": 1}
    assert "catch-up" not in [i["kind"] for i in ana.api.get("/api/v1/agenda").json()["items"]]


def test_every_record_is_edited_deleted_and_restored(ana: Account) -> None:
    api = ana.api
    carla = api.post("/api/v1/people", json={"name": "Carla Diaz", "company": "Acme"}).json()
    who = f"#{carla['id']}"
    moment = api.post("/api/v1/interactions", json={"person": who, "kind": "call"}).json()
    changed = api.patch(f"/api/v1/interactions/{moment['id']}", json={"sentiment": "positive"})
    assert changed.status_code == 200 and changed.json()["sentiment"] == "positive"
    error_of(api.patch(f"/api/v1/interactions/{moment['id']}", json={"mood": "x"}), 422)
    error_of(api.patch(f"/api/v1/interactions/{moment['id']}", json={"when": "2031-01-01"}), 409)
    referral = api.post("/api/v1/referrals/received", json={"referrer": who, "prospect": "Rina"})
    rid = referral.json()["id"]
    assert api.patch(f"/api/v1/referrals/{rid}", json={"value": 900}).json()["value"] == "900"
    gone = api.delete(f"/api/v1/referrals/{rid}")
    assert gone.status_code == 200 and gone.json()["removed"] == {"referrals": 1}
    error_of(api.get(f"/api/v1/referrals/{rid}"), 404)
    [entry] = api.get("/api/v1/trash").json()["items"]
    assert entry["label"] == "referral from Carla Diaz"
    back = api.post(f"/api/v1/trash/{entry['id']}/restore")
    assert back.status_code == 200 and api.get(f"/api/v1/referrals/{rid}").status_code == 200
    error_of(api.post(f"/api/v1/trash/{entry['id']}/restore"), 404)
    twin = api.post("/api/v1/people", json={"name": "Carla Diaz", "company": "Acme"}).json()
    [proposal] = api.get("/api/v1/duplicates").json()["items"]
    assert proposal["keep"]["id"] == carla["id"] and "Acme" in proposal["evidence"]
    merged = api.post(f"/api/v1/people/{carla['id']}/merge", json={"other": twin["id"]})
    assert merged.status_code == 200 and merged.json()["merged_id"] == twin["id"]
    error_of(api.post(f"/api/v1/people/{carla['id']}/merge", json={"other": "x"}), 422)
    api.delete(f"/api/v1/people/{carla['id']}")
    assert api.delete("/api/v1/trash").json() == {"emptied": 1}
    assert api.get("/api/v1/people").json()["items"] == []
