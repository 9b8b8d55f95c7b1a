"""Files from real tools: whatever encoding and delimiter a spreadsheet saved, the contacts
come in; only a file that is not text is refused, in one line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli
from tests.fixtures.real_world import excel_european_csv

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"
EXCEL_MAP = [
    "--map",
    "Prénom=first_name",
    "--map",
    "Nom=last_name",
    "--map",
    "Société=company",
    "--map",
    "E-mail=email",
    "--map",
    "Téléphone=phone",
]


def test_a_european_excel_csv_comes_in(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(excel_european_csv(300))
    report = cli.json("import", "csv", str(path), *EXCEL_MAP)
    assert report["created"] == 300 and report["errors"] == []
    names = {p["name"] for p in cli.json("people", "list", "--all")}
    companies = {p["company"]["name"] for p in cli.json("people", "list", "--all") if p["company"]}
    assert "Société Générale" in companies and "Müller & Söhne GmbH" in companies
    assert any("ö" in n or "é" in n or "ü" in n for n in names)
    assert cli.json("import", "csv", str(path), *EXCEL_MAP)["created"] == 0


def test_danish_letters_in_windows_1252_are_not_read_as_czech(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "kontakter.csv"
    path.write_bytes(
        "Navn;Firma\r\nSøren Jørgensen;Ærø Øl\r\nÅse Dahl;Østerbro\r\n".encode("cp1252")
    )
    cli.json("import", "csv", str(path), "--map", "Navn=name", "--map", "Firma=company")
    assert {p["name"] for p in cli.json("people", "list")} == {"Søren Jørgensen", "Åse Dahl"}


def test_utf16_with_tabs_utf8_with_bom_and_excels_sep_line(cli: Cli, tmp_path: Path) -> None:
    google = (FIXTURES / "google_current.csv").read_text()
    tabs = tmp_path / "unicode.txt"
    tabs.write_bytes(google.replace(",", "\t").encode("utf-16"))
    assert cli.json("import", "google", str(tabs))["created"] == 2
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffsep=;\r\nFull name;Mail\r\nZoë Ørsted;zoe@example.dk\r\n".encode())
    cli.json("import", "csv", str(bom), "--map", "Full name=name", "--map", "Mail=email")
    assert cli.json("people", "show", "Zoë Ørsted")["emails"] == ["zoe@example.dk"]
    latin = tmp_path / "latin.vcf"
    latin.write_bytes("BEGIN:VCARD\nVERSION:3.0\nFN:João Gonçalves\nEND:VCARD\n".encode("cp1252"))
    assert cli.json("import", "vcard", str(latin))["created"] == 1
    assert cli.json("people", "show", "João")["name"] == "João Gonçalves"
