"""Duplicates are proposed with evidence, never merged silently; merges are listed."""

from __future__ import annotations

from tests.cli.conftest import Cli


def test_proposals_merge_and_log(cli: Cli) -> None:
    ana = cli.json("people", "add", "Ana Silva", "--company", "Acme", "--email", "ana@acme.example")
    twin = cli.json("people", "add", "Ana  Silva", "--company", "ACME")
    other = cli.json("people", "add", "A. Silva", "--email", " Ana@Acme.example ")
    cli.json("people", "add", "Bo Chen", "--company", "Acme")
    cli.json("people", "add", "Ana Silva", "--company", "Initech")  # a namesake elsewhere
    cli.json("log", f"#{twin['id']}", "--kind", "call")
    proposals = cli.json("duplicates")
    pairs = {(p["keep"]["id"], p["merge"]["id"]): p["evidence"] for p in proposals}
    assert set(pairs) == {(ana["id"], twin["id"]), (ana["id"], other["id"])}
    assert "both have the email ana@acme.example" in pairs[(ana["id"], other["id"])]
    assert "alike, both at Acme" in pairs[(ana["id"], twin["id"])]
    assert len(cli.json("people", "list")) == 5  # nothing merged by looking
    merged = cli.json("merge", f"#{ana['id']}", f"#{twin['id']}", "--yes")
    assert merged["moved"]["interactions"] == 1
    log = cli.json("merges")
    assert [(m["kept_name"], m["merged_name"], m["moved"]) for m in log] == [
        ("Ana Silva", "Ana  Silva", {"interactions": 1})
    ]
    assert [p["merge"]["id"] for p in cli.json("duplicates")] == [other["id"]]
