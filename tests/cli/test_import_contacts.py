"""vCard, Google Contacts and mapped CSV imports, including their broken variants."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"
MAP = [
    "--map",
    "Full name=name",
    "--map",
    "Mail=email",
    "--map",
    "Firm=company",
    "--map",
    "Role=title",
    "--map",
    "Labels=tags",
]


def test_vcards_of_every_version(cli: Cli) -> None:
    android = cli.json("import", "vcard", str(FIXTURES / "android.vcf"))
    assert android["created"] == 2
    joao = cli.json("people", "show", "João Gonçalves")  # quoted-printable UTF-8
    assert joao["phones"] == ["+351912345678"] and joao["emails"] == ["joao@example.pt"]
    assert joao["notes"][0]["body"] == "Met at the Lisbon data meetup, prefers WhatsApp."
    assert cli.json("people", "show", "Lucia Ortiz")["phones"] == ["+14155550132"]
    iphone = cli.json("import", "vcard", str(FIXTURES / "iphone.vcf"))
    assert iphone["created"] == 3
    assert [(e["line"], e["reason"]) for e in iphone["errors"]] == [
        (21, "not a vCard property: 'this line is broken'")
    ]
    kenji = cli.json("people", "show", "Kenji")
    assert kenji["company"]["name"] == "Tyrell Labs" and kenji["title"] == "Principal Scientist"
    assert kenji["urls"] == ["https://linkedin.com/in/kenji-nakamura-example"]
    assert "Introduced by Ana, loves sailing.\nAsk about" in kenji["notes"][0]["body"]
    jonas = cli.json("people", "show", "Jonas Berg")
    assert jonas["tags"] == ["clients", "logistics"]
    assert jonas["company"]["name"] == "Stark Logistics"  # the card goes on after a bad line
    assert cli.json("people", "show", "Mei Lin")["phones"] == ["+442079460958"]
    again = cli.json("import", "vcard", str(FIXTURES / "iphone.vcf"))
    assert (again["created"], again["updated"]) == (0, 0)


def test_google_contacts_current_and_old(cli: Cli) -> None:
    report = cli.json("import", "google", str(FIXTURES / "google_current.csv"))
    assert report["created"] == 2 and report["skipped"] == []  # a blank row is not a person
    ana = cli.json("people", "show", "Ana Silva")
    assert ana["emails"] == ["ana.silva@acme.example", "ana@home.example"]
    assert ana["tags"] == ["clients"] and ana["phones"] == ["+14155550100"]
    old = cli.json("import", "google", str(FIXTURES / "google_old.csv"))
    assert old["created"] == 1
    sofia = cli.json("people", "show", "Sofia Marin")
    assert sofia["tags"] == ["friends"] and sofia["title"] == "CEO"


def test_sources_merge_on_email_and_url(cli: Cli) -> None:
    cli.json("import", "linkedin", str(FIXTURES.parent / "linkedin" / "current"))
    report = cli.json("import", "google", str(FIXTURES / "google_current.csv"))
    assert (report["created"], report["updated"]) == (1, 1)  # Ana is known: she gains
    ana = cli.json("people", "show", "Ana Silva")
    assert "ana@home.example" in ana["emails"] and ana["phones"] == ["+14155550100"]


def test_mapped_csv_dry_run_writes_nothing(cli: Cli) -> None:
    before = cli.counts()
    preview = cli.json("import", "csv", str(FIXTURES / "clients.csv"), *MAP, "--dry-run")
    assert [p["name"] for p in preview] == ["Tomas Horvat", "Uma Nair"]
    assert preview[0]["tags"] == ["client", "energy"]
    assert cli.counts() == before
    report = cli.json("import", "csv", str(FIXTURES / "clients.csv"), *MAP)
    assert report["created"] == 2 and report["skipped"][0]["reason"] == "no name"
    assert cli.json("people", "show", "Tomas")["company"]["name"] == "Norte Energy"


def test_bad_files_and_mappings_are_refused(cli: Cli, tmp_path: Path) -> None:
    assert "unknown field 'shoe_size'" in cli.fails(
        "import", "csv", str(FIXTURES / "clients.csv"), "--map", "Firm=shoe_size"
    )
    assert "needs a name" in cli.fails(
        "import", "csv", str(FIXTURES / "clients.csv"), "--map", "Firm=company"
    )
    assert "no header with the columns" in cli.fails(
        "import", "csv", str(FIXTURES / "clients.csv"), "--map", "Nom=name"
    )
    not_vcard = tmp_path / "notes.vcf"
    not_vcard.write_text("hello\n")
    assert "holds no vCard" in cli.fails("import", "vcard", str(not_vcard))
    binary = tmp_path / "contacts.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    assert "not text goodword can read" in cli.fails("import", "google", str(binary))
    sheet = tmp_path / "contacts.xlsx.csv"
    sheet.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert "Save As" in cli.fails("import", "csv", str(sheet), "--map", "Name=name")
