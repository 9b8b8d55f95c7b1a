"""A phone's address book, both ways: labels and birthdays come in; goodword's own vCard
export (UID, REV, N, TYPE labels, BDAY) goes out, and coming back — as is, or re-exported by
a phone — creates nobody new."""

from __future__ import annotations

from pathlib import Path

import vobject

from tests.cli.conftest import Cli
from tests.fixtures.real_world import linkedin_export, phone_book


def write_book(tmp_path: Path, cards: int = 120) -> tuple[Path, list]:
    text, made = phone_book(cards)
    path = tmp_path / "phone.vcf"
    path.write_text(text, encoding="utf-8")
    return path, made


def test_labels_birthdays_and_anniversaries_come_in(cli: Cli, tmp_path: Path) -> None:
    path, made = write_book(tmp_path)
    report = cli.json("import", "vcard", str(path))
    assert report["created"] == len(made) and report["errors"] == []
    everyone = {p["emails"][0]: p for p in cli.json("people", "list", "--all")}
    with_birthday = [c for c in made if c.birthday]
    found = [everyone[c.email]["birthday"] for c in with_birthday]
    assert all(found) and len(found) == len(with_birthday)
    assert any(b.startswith("--") for b in found)  # no year: "--05-17" and Apple's 1604
    assert not any(b.startswith("1604") for b in found)
    assert any(p["anniversaries"] == ["2010-06-20"] for p in everyone.values())
    shown = cli.ok("people", "show", made[0].email)
    assert "birthday" in shown
    assert everyone[made[0].email]["phones"][0] == "+14155550000"  # card 0 has two numbers


def test_own_export_and_a_phones_reexport_come_back_as_the_same_people(
    cli: Cli, tmp_path: Path
) -> None:
    export = linkedin_export(connections=60)
    cli.json("import", "linkedin", str(export.zip(tmp_path / "export.zip")))
    path, _ = write_book(tmp_path, 60)
    cli.json("import", "vcard", str(path))
    cli.ok("people", "add", "Nobody Keyless", "--birthday", "02-29")
    out = tmp_path / "goodword.vcf"
    total = cli.json("export", "vcard", "--out", str(out))["cards"]
    cards = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert len(cards) == total == len(cli.json("people", "list", "--all"))
    uids = {c.uid.value for c in cards}
    assert len(uids) == total and all(c.rev.value.endswith("Z") for c in cards)
    keyless = next(c for c in cards if c.fn.value == "Nobody Keyless")
    assert keyless.bday.value == "--02-29"
    assert (keyless.n.value.family, keyless.n.value.given) == ("Keyless", "Nobody")
    labelled = [c for c in cards if "tel" in c.contents]
    assert any("CELL" in t.params.get("TYPE", []) for c in labelled for t in c.contents["tel"])
    spanish = next((c for c in cards if c.n.value.family == "García López"), None)
    if spanish is not None:  # a family name of two words survives, from LinkedIn's columns
        assert spanish.fn.value.endswith("García López")

    again = cli.json("import", "vcard", str(out))
    assert (again["created"], again["updated"]) == (0, 0)
    assert again["matched"] == total
    # A phone imports the file, then exports its own: other order, no REV, new PRODID.
    phone = tmp_path / "phone-again.vcf"
    resaved = []
    for card in reversed(cards):
        card.contents.pop("rev", None)
        card.add("prodid").value = "-//Apple Inc.//iPhone OS 18.1//EN"
        resaved.append(card.serialize())
    phone.write_text("".join(resaved), encoding="utf-8")
    assert cli.json("import", "vcard", str(phone))["created"] == 0

    other = Cli(f"sqlite:///{tmp_path / 'other.db'}", tmp_path / "other")
    assert other.json("import", "vcard", str(out))["created"] == total
    copy = tmp_path / "copy.vcf"
    other.json("export", "vcard", "--out", str(copy))
    assert {c.uid.value for c in vobject.readComponents(copy.read_text())} == uids


def test_a_birthday_is_a_moment_to_check_in_never_to_ask(cli: Cli) -> None:
    cli.ok("people", "add", "Ana Silva", "--birthday", "1985-11-24")
    cli.ok("people", "add", "Bo Chen", "--birthday", "11-30")
    cli.ok(
        "log", "Ana Silva", "--kind", "project-completed", "--sentiment", "positive", "--on", "20d"
    )
    items = cli.json("today")["items"]
    [check_in] = [i for i in items if i["kind"] == "keep-in-touch"]
    assert check_in["person"]["name"] == "Ana Silva"
    assert "birthday on Tuesday 24 November (they turn 41)" in check_in["reason"]
    assert "no ask" in check_in["reason"]
    assert all("birthday" not in i["reason"] for i in items if i["kind"] == "ask")
    cli.ok("log", "Ana Silva", "--kind", "message", "--note", "Happy birthday!")
    assert [i for i in cli.json("today")["items"] if i["kind"] == "keep-in-touch"] == []
    edited = cli.json("people", "edit", "Bo Chen", "--birthday", "")
    assert edited["birthday"] is None
    assert "cannot read the day" in cli.fails("people", "add", "Cy", "--birthday", "1990-02-30")
    assert "cannot read the day" in cli.fails("people", "edit", "Bo Chen", "--birthday", "soon")


def test_google_contacts_bring_birthdays_events_and_labels(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Middle Name,Last Name,Birthday,Event 1 - Label,Event 1 - Value,"
        "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
        "Ana,,García López,1985-04-12,Anniversary,2012-09-01,* Work,ana@work.example,"
        "Mobile,+1 415 555 0100\n"
        "Bo,,Chen, --11-30,,,Home,bo@home.example,,\n",
        encoding="utf-8",
    )
    assert cli.json("import", "google", str(path))["created"] == 2
    ana = cli.json("people", "show", "Ana García López")
    assert (ana["birthday"], ana["anniversaries"]) == ("1985-04-12", ["2012-09-01"])
    assert cli.json("people", "show", "Bo Chen")["birthday"] == "--11-30"
    out = tmp_path / "out.vcf"
    cli.json("export", "vcard", "--out", str(out))
    card = next(c for c in vobject.readComponents(out.read_text()) if c.fn.value.startswith("Ana"))
    assert (card.n.value.family, card.n.value.given) == ("García López", "Ana")
    assert card.email.params["TYPE"] == ["INTERNET", "WORK"]
    assert card.tel.params["TYPE"] == ["CELL"] and card.bday.value == "1985-04-12"
