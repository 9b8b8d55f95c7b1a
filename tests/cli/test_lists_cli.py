"""Lists that hold a network: a page by default with a line saying how many more, every
row with --all, one JSON object per line with --jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli
from tests.fixtures.real_world import linkedin_export


def test_people_list_pages_streams_and_says_how_many_more(cli: Cli, tmp_path: Path) -> None:
    export = linkedin_export(connections=180)
    cli.json("import", "linkedin", str(export.zip(tmp_path / "export.zip")))
    everyone = cli.json("people", "list", "--all")
    total = len(everyone)
    assert total > 180
    first = cli("people", "list", "--json")
    page = json.loads(first.stdout)
    assert len(page) == 50 and page == everyone[:50]
    assert f"and {total - 50:,} more" in first.stderr
    table = cli.ok("people", "list", "--limit", "20")
    assert f"(20 of {total:,})" in table and f"and {total - 20:,} more" in table
    lines = cli.ok("people", "list", "--all", "--jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [p["id"] for p in everyone]
    names = [p["name"].lower() for p in everyone]
    assert names == sorted(names)
    shown = cli.ok("people", "list", "--all")
    assert "more" not in shown and shown.count("│ Ana") >= 1
    assert "choose one" in cli.fails("people", "list", "--json", "--jsonl")
    assert cli.json("people", "list", "--skill", "no-such-skill") == []
    assert "no people match" in cli.ok("people", "list", "--tag", "nobody")


def test_every_list_pages_and_says_how_many_more(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Name,Firm\n" + "".join(f"Client {n},Org {n:02d}\n" for n in range(56)))
    cli.json("import", "csv", str(path), "--map", "Name=name", "--map", "Firm=company")
    cli.ok("people", "add", "Ana Silva")
    for n in range(3):
        cli.json("log", "Ana Silva", "--kind", "call", "--on", f"{n + 1}d")
    shown = cli("interactions", "list", "--json", "--limit", "2")
    assert len(json.loads(shown.stdout)) == 2 and "and 1 more" in shown.stderr
    assert len(cli.json("interactions", "list", "--all")) == 3
    lines = cli.ok("interactions", "list", "--limit", "1", "--jsonl").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["person"]["name"] == "Ana Silva"
    table = cli.ok("orgs", "list")
    assert "(50 of 56)" in table and "and 6 more" in table
    assert len(cli.json("orgs", "list", "--all")) == 56
    for args in (
        ["referrals", "list"],
        ["asks", "list"],
        ["recs", "list"],
        ["references", "list"],
        ["opportunities", "list"],
        ["thanks", "list"],
        ["trash", "list"],
        ["duplicates"],
        ["merges"],
    ):
        assert cli.json(*args, "--all") == [], args
        assert cli.ok(*args, "--jsonl") == "", args
    [batch] = cli.json("imports", "list")
    assert batch["created"] == 56 and batch["files"] == {"clients.csv": 56}
