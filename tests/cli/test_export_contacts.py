"""CSV and vCard exports: read back by other tools, and by goodword itself."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goodword.cli.app import app
from tests.cli.conftest import Cli
from tests.conftest import NOW


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_export_opens_in_a_spreadsheet_reader(cli: Cli, tmp_path: Path) -> None:
    assert cli("demo").exit_code == 0
    written = cli.json("export", "csv", "--out", str(tmp_path))
    assert written["files"] == ["asks.csv", "interactions.csv", "people.csv", "referrals.csv"]
    people = read_csv(tmp_path / "people.csv")
    assert len(people) == 48 and people[0]["name"] and "@" in people[0]["emails"]
    referrals = read_csv(tmp_path / "referrals.csv")
    assert {r["stage"] for r in referrals} >= {"received", "loop-closed", "made"}
    interactions = read_csv(tmp_path / "interactions.csv")
    assert len(interactions) > 250


def test_vcard_export_reads_in_vobject_and_back_into_goodword(cli: Cli, tmp_path: Path) -> None:
    assert cli("demo").exit_code == 0
    target = tmp_path / "contacts.vcf"
    assert cli.json("export", "vcard", "--out", str(target))["cards"] == 48
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert len(cards) == 48 and all(c.fn.value for c in cards)
    other = Cli(f"sqlite:///{tmp_path / 'other.db'}", tmp_path / "data")
    report = other.json("import", "vcard", str(target))
    assert report["created"] == 48 and report["errors"] == []


names = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
people = st.lists(
    st.fixed_dictionaries(
        {
            "name": names,
            "company": st.none() | names,
            "email": st.none() | st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.example", fullmatch=True),
            "tag": st.none() | st.from_regex(r"[a-z]{1,10}", fullmatch=True),
        }
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people)
def test_random_people_survive_export_and_import(folks: list[dict[str, str | None]]) -> None:
    env = {"GOODWORD_NOW": NOW.isoformat(), "GOODWORD_DATABASE_URL": ""}
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        env["GOODWORD_DATA_DIR"] = str(here / "data")
        runner = CliRunner()

        def run(db: str, *args: str) -> None:
            result = runner.invoke(app, ["--db", str(here / db), *args], env=env)
            assert result.exit_code == 0, result.stderr

        for f in folks:
            args = ["people", "add"]
            for option, key in (("--company", "company"), ("--email", "email"), ("--tag", "tag")):
                if f[key]:
                    args.append(f"{option}={f[key]}")
            run("a.db", *args, "--", f["name"] or "x")  # a name may start with "-"
        run("a.db", "export", "vcard", "--out", str(here / "out.vcf"))
        run("b.db", "import", "vcard", str(here / "out.vcf"))
        for _ in range(2):  # importing twice changes nothing
            run("b.db", "import", "vcard", str(here / "out.vcf"))

        def listed(db: str) -> list[tuple[object, ...]]:
            result = runner.invoke(
                app, ["--db", str(here / db), "people", "list", "--json"], env=env
            )
            import json

            return sorted(
                (
                    p["name"],
                    p["company"] and p["company"]["name"],
                    tuple(p["emails"]),
                    tuple(p["tags"]),
                )
                for p in json.loads(result.stdout)
            )

        assert listed("b.db") == listed("a.db")
