"""Identity on a real network: a different link, email or phone is a different person,
whatever the name; a re-import finds everyone again by their keys."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.cli.conftest import Cli
from tests.fixtures.real_world import NAMESAKES, linkedin_export


def test_a_decade_of_connections_keeps_namesakes_apart(cli: Cli, tmp_path: Path) -> None:
    export = linkedin_export(connections=2000)
    archive = export.zip(tmp_path / "export.zip")
    report = cli.json("import", "linkedin", str(archive))
    urls = {c.url for c in export.connections}
    # Every connection has its own link, so every one is its own person — the random names
    # collide at the same companies hundreds of times, and none of them is joined.
    assert report["created"] >= len(urls)
    assert report["repeated"] == 0 and report["matched"] == 0
    people = cli.json("people", "list", "--all")
    links = Counter(u for p in people for u in p["urls"] if "/in/" in u)
    assert max(links.values()) == 1
    assert max(len([u for u in p["urls"] if "/in/" in u]) for p in people) == 1
    for first, last, company, count in NAMESAKES:
        same = [
            p
            for p in people
            if p["name"] == f"{first} {last}" and (p["company"] or {}).get("name") == company
        ]
        assert len(same) == count

    again = cli.json("import", "linkedin", str(archive))
    assert again["created"] == 0 and again["updated"] == 0
    assert again["matched"] == len(people)
    assert set(again["matched_by"]) <= {"email", "url", "name"}
    assert again["matched_by"]["url"] >= len(urls) * 0.8
    assert again["recommendations"] == 0 and again["interactions"] == 0
    assert len(cli.json("people", "list", "--all")) == len(people)


def test_namesakes_are_a_suggestion_with_a_reason(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "namesakes"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Priya,Sharma,https://www.linkedin.com/in/priya-1,,Infosys,Engineer,01 Jan 2020\n"
        "Priya,Sharma,https://www.linkedin.com/in/priya-2,,Infosys,Architect,01 Jan 2021\n"
        "John,Smith,,john@deloitte.example,Deloitte,Partner,01 Jan 2019\n"
        "John,Smith,,jsmith@deloitte.example,Deloitte,Analyst,01 Jan 2022\n"
    )
    report = cli.json("import", "linkedin", str(folder))
    assert (report["created"], report["repeated"]) == (4, 0)
    proposals = cli.json("duplicates")
    reasons = {(p["keep"]["name"], p["evidence"]) for p in proposals}
    assert len(proposals) == 2
    assert all("Infosys" in why or "Deloitte" in why for _, why in reasons)
    assert cli.json("import", "linkedin", str(folder))["matched_by"] == {"email": 2, "url": 2}


def test_keyless_rows_are_found_again_and_an_older_keyless_record_gains_a_link(
    cli: Cli, tmp_path: Path
) -> None:
    old = tmp_path / "old"
    old.mkdir()
    # A 2016-era export: no links, no emails; two different people of one name at one firm.
    (old / "Connections.csv").write_text(
        "First Name,Last Name,Company,Position,Connected On\n"
        "Jonas,Berg,Stark,Driver,01 Jan 2016\n"
        "Mia,Wong,Globex,CFO,02 Jan 2016\n"
        "Mia,Wong,Globex,Intern,03 Jan 2016\n"
    )
    assert cli.json("import", "linkedin", str(old))["created"] == 3
    again = cli.json("import", "linkedin", str(old))
    assert (again["created"], again["matched_by"]) == (0, {"import": 3})
    new = tmp_path / "new"
    new.mkdir()
    (new / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jonas,Berg,https://www.linkedin.com/in/jonas-berg,,Stark,Driver,01 Jan 2016\n"
    )
    later = cli.json("import", "linkedin", str(new))
    assert (later["created"], later["updated"], later["matched_by"]) == (0, 1, {"import": 1})
    assert cli.json("people", "show", "Jonas Berg")["urls"] == [
        "https://linkedin.com/in/jonas-berg"
    ]
