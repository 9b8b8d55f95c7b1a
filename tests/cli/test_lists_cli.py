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
