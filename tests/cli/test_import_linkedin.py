"""LinkedIn exports of every era, zipped or not, and the broken ones."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from tests.cli.conftest import Cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "linkedin"


def zipped(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in folder.iterdir():
            archive.write(file, f"Basic_LinkedInDataExport/{file.name}")
    return target


def test_current_export_zip_and_reimport_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    archive = zipped(FIXTURES / "current", tmp_path / "export.zip")
    report = cli.json("import", "linkedin", str(archive))
    assert report["created"] == 6 and report["recommendations"] == 6
    assert report["unknown_files"] == ["Ad_Targeting.csv"]
    assert [(s["line"], s["reason"]) for s in report["skipped"]] == [
        (8, "hidden profile (only a date)")
    ]
    assert [e["line"] for e in report["errors"]] == [10]  # Elif's unreadable date
    before = cli.counts()
    again = cli.json("import", "linkedin", str(archive))
    assert (
        again["created"],
        again["updated"],
        again["recommendations"],
        again["interactions"],
    ) == (0, 0, 0, 0)
    assert cli.counts() == before
    bo = cli.json("people", "show", "Bo Chen")
    assert bo["title"] == "Staff Engineer, Platform" and bo["company"]["name"] == "Initech"
    assert bo["urls"] == ["https://linkedin.com/in/bochen-example"]
    assert bo["skills"] == ["Kubernetes"]  # endorsed by you
    assert bo["last_interaction_at"].startswith("2021-03-14")
    recs = cli.json("recs", "list", "--direction", "received")
    texts = [r["text"] for r in recs if r["kind"] == "recommendation"]
    assert any("Calm, precise" in (t or "") for t in texts)  # multi-line quoted text
    chiara = cli.json("interactions", "list", "Chiara Rossi")
    assert any("data meetup" in (i["note"] or "") for i in chiara)


def test_older_eras_merge_with_what_is_there(cli: Cli) -> None:
    cli.json("import", "linkedin", str(FIXTURES / "current"))
    old = cli.json("import", "linkedin", str(FIXTURES / "old"))
    assert (old["created"], old["unchanged"]) == (2, 1)  # Ana matched by email
    resaved = cli.json("import", "linkedin", str(FIXTURES / "resaved"))
    assert (resaved["created"], resaved["unchanged"]) == (1, 1)  # CRLF, 5-Jun-23 dates
    jonas = cli.json("people", "show", "Jonas Berg")
    assert jonas["last_interaction_at"].startswith("2021-09-17")
    assert cli.json("import", "linkedin", str(FIXTURES / "old"))["created"] == 0


def test_broken_exports_are_refused_and_write_nothing(cli: Cli, tmp_path: Path) -> None:
    archive = zipped(FIXTURES / "current", tmp_path / "export.zip")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "not a readable zip" in cli.fails("import", "linkedin", str(truncated))
    missing = tmp_path / "missing"
    missing.mkdir()
    (missing / "Connections.csv").write_text("First Name,Company\nAna,Acme\n")
    assert "no header with the columns" in cli.fails("import", "linkedin", str(missing))
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("hello")
    assert "holds no LinkedIn files" in cli.fails("import", "linkedin", str(empty))
    assert "does not exist" in cli.fails("import", "linkedin", str(tmp_path / "nope.zip"))


def test_a_huge_field_is_read_not_fatal(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "huge"
    shutil.copytree(FIXTURES / "old", folder)
    with (folder / "Connections.csv").open("a") as handle:
        handle.write(f'Kai,Long,,Big Co,"{"x" * 10_000}",01 Jan 2020\n')
    report = cli.json("import", "linkedin", str(folder))
    assert report["created"] == 3  # the rest of the file is imported
    assert [(e["line"], e["reason"]) for e in report["errors"]] == [
        (5, "title is 10,000 characters long; at most 300 fit")
    ]


def test_the_same_person_twice_in_one_file_is_joined(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "twins"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana,Silva,https://www.linkedin.com/in/ana-x,,Acme,CTO,01 Jan 2020\n"
        "Ana,Silva,linkedin.com/in/ana-x/,ana@x.example,Acme,CTO,01 Jan 2020\n"
    )
    report = cli.json("import", "linkedin", str(folder))
    assert (report["created"], report["repeated"]) == (1, 1)
    [ana] = cli.json("people", "list")
    assert ana["emails"] == ["ana@x.example"] and ana["urls"] == ["https://linkedin.com/in/ana-x"]
