"""People housekeeping, recommendations, references, opportunities, brief, settings, db."""

from __future__ import annotations

from tests.cli.conftest import Cli


def test_tag_note_edit_merge_delete(cli: Cli) -> None:
    ana = cli.json("people", "add", "Ana Silva", "--email", "ana@acme.example")
    dup = cli.json("people", "add", "Ana S.", "--email", "ana@home.example", "--title", "CTO")
    cli.json("people", "tag", "Ana Silva", "client", "mentor")
    assert cli.json("people", "tag", "Ana Silva", "mentor", "--remove")["tags"] == ["client"]
    cli.json("people", "note", "Ana Silva", "Prefers mornings")
    edited = cli.json("people", "edit", "Ana Silva", "--company", "Acme", "--add-skill", "Go")
    assert edited["company"]["name"] == "Acme" and edited["skills"] == ["Go"]
    cli.fails("people", "merge", f"#{ana['id']}", f"#{dup['id']}", input="n\n")
    merged = cli.json("people", "merge", f"#{ana['id']}", f"#{dup['id']}", "--yes")
    assert merged["kept"]["title"] == "CTO"
    assert merged["kept"]["emails"] == ["ana@acme.example", "ana@home.example"]
    assert "aborted" in cli.fails("people", "delete", "Ana Silva", input="n\n")
    confirmed = cli("people", "delete", "Ana Silva", input="y\n")
    assert confirmed.exit_code == 0 and "Ana Silva moved to the trash" in confirmed.stdout
    assert cli.json("people", "list") == []


def test_orgs(cli: Cli) -> None:
    cli.json("orgs", "add", "Acme", "--industry", "Manufacturing", "--tag", "client")
    assert "already exists" in cli.fails("orgs", "add", "acme")
    cli.json("people", "add", "Ana", "--company", "ACME Inc")
    merged = cli.json("orgs", "merge", "Acme", "ACME Inc", "--yes")
    assert merged["kept"]["people_count"] == 1
    shown = cli.json("orgs", "show", "Acme")
    assert [p["name"] for p in shown["people"]] == ["Ana"]
    cli.json("orgs", "note", "Acme", "Budget in March")
    assert cli.json("orgs", "list", "--tag", "client")[0]["name"] == "Acme"
    cli.json("orgs", "delete", "Acme", "--yes")
    assert cli.json("orgs", "list") == []


def test_recommendations(cli: Cli) -> None:
    cli.json("people", "add", "Bo Chen")
    rec = cli.json("recs", "add", "Bo", "--text", "Bo is great")
    assert rec["status"] == "draft" and rec["direction"] == "given"
    assert cli.json("recs", "status", str(rec["id"]), "published")["status"] == "published"
    assert "forward only" in cli.fails("recs", "status", str(rec["id"]), "draft")
    got = cli.json(
        "recs",
        "add",
        "Bo",
        "--received",
        "--endorsement",
        "--skill",
        "SQL",
        "--status",
        "published",
    )
    assert cli.json("recs", "thank", str(got["id"]), "--via", "gift")["kind"] == "gift"
    assert len(cli.json("recs", "list", "--direction", "received")) == 1
    assert "unknown platform" in cli.fails("recs", "add", "Bo", "--platform", "myspace")


def test_references_need_approval_and_hide_confidential_names(cli: Cli) -> None:
    ref = cli.json("references", "add", "DataCo", "--company", "Globex", "--confidential")
    rid = str(ref["id"])
    assert ref["company"] == "Globex"  # its own record
    assert "after approval" in cli.fails("references", "give", rid)
    cli.json("references", "approve", rid, "--by", "Dana")
    assert cli.json("references", "give", rid)["status"] == "given"
    listed = cli("references", "list")
    assert "Globex" not in listed.stdout and "(confidential)" in listed.stdout
    assert "Globex" not in cli("references", "list", "--json").stdout
    assert "Globex" in cli.ok("references", "show", rid)


def test_opportunities_brief_settings_db(cli: Cli) -> None:
    cli.json("people", "add", "Bo Chen")
    opp = cli.json(
        "opportunities", "add", "Staff engineer", "--org", "Initech", "--skill", "Python,Spark"
    )
    assert opp["skills"] == ["Python", "Spark"]
    given = cli.json("referrals", "give", "Bo", "--opportunity", str(opp["id"]))
    assert given["recipient"] == "Initech"
    assert cli.json("opportunities", "close", str(opp["id"]))["status"] == "closed"
    assert "already closed" in cli.fails("opportunities", "close", str(opp["id"]))
    brief = cli.json("brief", "set", "--looking-for", "Data audits for startups")
    assert brief["looking_for"] == "Data audits for startups"
    assert cli.json("brief", "show")["looking_for"] == "Data audits for startups"
    rows = {s["key"]: s["value"] for s in cli.json("settings", "set", "ask_spacing_days", "120")}
    assert rows["ask_spacing_days"] == 120
    assert "unknown setting" in cli.fails("settings", "set", "nagging", "3")
    assert "whole number" in cli.fails("settings", "set", "thank_within_days", "two")
    assert {s["key"]: s["value"] for s in cli.json("settings")}["ask_spacing_days"] == 120
    current = cli.json("db", "current")
    assert current["up_to_date"] is True and current["current"] == current["head"]
    assert cli.json("db", "upgrade")["to"] == current["head"]


def test_strength_explains_its_score(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva")
    assert cli.json("strength", "Ana")["score"] == 0
    cli.json(
        "log", "Ana", "--kind", "project-completed", "--sentiment", "positive", "--on", "2026-11-15"
    )
    rid = cli.json("referrals", "receive", "--from", "Ana", "--prospect", "Dee")["id"]
    cli.json("referrals", "thank", str(rid), "--via", "lunch")
    result = cli.json("strength", "Ana")
    assert 30 < result["score"] <= 100
    reasons = " | ".join(p["why"] for p in result["parts"])
    assert "last good interaction 7 days ago" in reasons and "you thanked them" in reasons
    assert "Ana Silva: strength" in cli.ok("strength", "Ana")


def test_intro_finds_the_warm_chain(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva")
    cli.json("people", "add", "Dee Park", "--company", "Hooli")
    cli.json("people", "add", "Eve Stone", "--company", "Hooli")
    cli.json("log", "Ana", "--kind", "call", "--on", "2026-11-20")
    cli.json("referrals", "receive", "--from", "Ana", "--person", "Dee")
    paths = cli.json("intro", "Eve Stone")
    assert [[link["person"]["name"] for link in p["chain"]] for p in paths] == [
        ["Ana Silva", "Dee Park", "Eve Stone"]
    ]
    assert paths[0]["ask_first"]["name"] == "Ana Silva"
    by_org = cli.json("intro", "Hooli")
    assert by_org[0]["chain"][-1]["person"]["name"] == "Dee Park"  # the shorter, warmer way
    assert cli.json("intro", "Eve Stone", "--hops", "2") == []
    assert "no person or organization matches 'Zed'" in cli.fails("intro", "Zed")


def test_knows_links_people_for_introductions(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva")
    cli.json("people", "add", "Bo Chen")
    cli.json("log", "Ana", "--kind", "call", "--on", "2026-11-20")
    assert cli.json("intro", "Bo Chen") == []
    recorded = cli.json("knows", "Ana", "Bo", "--strength", "0.8", "--note", "Acme days")
    assert (recorded["other"]["name"], recorded["strength"]) == ("Bo Chen", 0.8)
    cli.json("knows", "Bo", "Ana", "--strength", "0.6")  # the same pair, updated
    assert [(k["other"]["name"], k["strength"], k["note"]) for k in cli.json("knows", "Bo")] == [
        ("Ana Silva", 0.6, "Acme days")
    ]
    path = cli.json("intro", "Bo Chen")[0]
    assert [link["person"]["name"] for link in path["chain"]] == ["Ana Silva", "Bo Chen"]
    assert "--strength" in cli.fails("knows", "Ana", "Bo", "--strength", "1.5")
    assert "two different people" in cli.fails("knows", "Ana", "Ana")


def test_merging_keeps_who_knows_whom(cli: Cli) -> None:
    for name in ("Ana Silva", "A. Silva", "Bo Chen", "Cy Park"):
        cli.json("people", "add", name)
    cli.json("knows", "A. Silva", "Bo", "--strength", "0.7")
    cli.json("knows", "Ana Silva", "Cy", "--strength", "0.4")
    cli.json("knows", "A. Silva", "Ana Silva", "--strength", "0.9")  # the duplicates themselves
    merged = cli.json("merge", "Ana Silva", "A. Silva", "--yes")
    assert merged["moved"]["knows"] == 1
    assert [(k["other"]["name"], k["strength"]) for k in cli.json("knows", "Ana Silva")] == [
        ("Bo Chen", 0.7),
        ("Cy Park", 0.4),
    ]


def test_add_with_a_first_note_and_matching_options(cli: Cli) -> None:
    added = cli.json(
        "people",
        "add",
        "Zoe Ng",
        "--note",
        "Met at the Lisbon meetup",
        "--looking-for",
        "a CFO",
        "--no-matching",
    )
    assert added["looking_for"] == "a CFO" and added["matching"] is False
    shown = cli.json("people", "show", "Zoe Ng")
    assert [n["body"] for n in shown["notes"]] == ["Met at the Lisbon meetup"]
    assert cli.json("people", "edit", "Zoe Ng", "--matching")["matching"] is True


def test_match_and_offer(cli: Cli) -> None:
    cli.json(
        "people", "add", "Hanna Berger", "--title", "Employment lawyer", "--skill", "Employment law"
    )
    cli.json("people", "add", "Tomas Keller", "--title", "Tax lawyer", "--skill", "Tax law")
    found = cli.json("match", "we need an employment lawyer in Berlin")
    assert [m["person"]["name"] for m in found["matches"]] == ["Hanna Berger", "Tomas Keller"]
    assert "Employment law" in found["matches"][0]["why"]
    assert "say what is needed" in cli.fails("match")
    assert "no opportunity #9" in cli.fails("match", "--opportunity", "9")
    cli.json("opportunities", "add", "Tax advisor", "--skill", "Tax law")
    offers = cli.json("offer", "Tomas Keller")["offers"]
    assert offers[0]["about"] == "refer them to Tax advisor"
    assert "no person matches" in cli.fails("offer", "Nobody")


def test_the_introduction_request_speaks_well_of_the_next_person(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva", "--email", "ana@example.com")
    cli.json(
        "people", "add", "Dee Park", "--company", "Hooli", "--title", "CTO", "--skill", "Payments"
    )
    cli.json("people", "add", "Eve Stone", "--company", "Hooli")
    cli.json("log", "Ana", "--kind", "call", "--on", "2026-11-20")
    assert "no chain of people reaches Eve Stone" in cli.fails(
        "draft", "intro-request", "--person", "Eve"
    )
    cli.json("knows", "Ana", "Dee", "--strength", "0.9")
    assert "draft intro-request --person" in cli.ok("intro", "Eve Stone")
    draft = cli.json("draft", "intro-request", "--person", "Eve Stone")
    assert draft["to"]["name"] == "Ana Silva" and draft["email"] == "ana@example.com"
    assert draft["subject"] == "Would you introduce me to Dee?"
    assert "Eve Stone" in draft["body"] and "Dee Park (CTO at Hooli)" in draft["body"]
    assert "their work in Payments" in draft["body"]
    assert "you know Ana Silva yourself" in cli.fails("draft", "intro-request", "--person", "Ana")


def test_past_colleagues_are_a_weak_way_in(cli: Cli) -> None:
    cli.json("people", "add", "Ana Silva", "--company", "Initech")
    cli.json("people", "add", "Eve Stone", "--company", "Initech")
    cli.json("log", "Ana", "--kind", "call", "--on", "2026-11-20")
    now = cli.json("intro", "Eve Stone")
    assert [link["strength"] for link in now[0]["chain"]][1] == 0.2  # colleagues today
    cli.json("people", "edit", "Ana Silva", "--company", "Hooli")  # Ana moved on
    before = cli.json("intro", "Eve Stone")
    assert [link["person"]["name"] for link in before[0]["chain"]] == ["Ana Silva", "Eve Stone"]
    assert before[0]["chain"][1]["strength"] == 0.1  # they used to work together
    cli.json("orgs", "add", "Acme")
    cli.json("people", "edit", "Eve Stone", "--company", "Acme")
    assert cli.json("intro", "Eve Stone")[0]["chain"][1]["strength"] == 0.1


def test_recs_add_received_is_published_by_default(cli: Cli) -> None:
    cli.ok("people", "add", "Ana Silva")
    got = cli.json("recs", "add", "Ana Silva", "--received", "--text", "Alex rebuilt our platform")
    assert got["status"] == "published" and got["direction"] == "received"
    refused = cli.fails("recs", "add", "Ana Silva", "--received", "--status", "draft")
    assert "not a draft" in refused
