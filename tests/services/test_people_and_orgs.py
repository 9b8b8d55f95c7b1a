from __future__ import annotations

import pytest
from sqlalchemy import func, select

from goodword.domain.errors import Ambiguous, Conflict, InvalidValue, NotFound
from goodword.schemas.network import (
    InteractionCreate,
    OrganizationCreate,
    PersonCreate,
    PersonFilter,
    PersonUpdate,
)
from goodword.schemas.practice import AskCreate, ReferralReceive
from goodword.services import (
    asks,
    interactions,
    organizations,
    people,
    people_listing,
    people_merge,
    referrals,
)
from goodword.storage.tables import Interaction, Person, Referral
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def add(uow: UnitOfWork, name: str, **extra: object) -> int:
    return people.add_person(uow, PersonCreate(name=name, **extra), NOW).id  # type: ignore[arg-type]


def count(uow: UnitOfWork, model: type) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


def test_add_person_with_company_contacts_skills_and_tags(uow: UnitOfWork) -> None:
    person = people.add_person(
        uow,
        PersonCreate(
            name="Ana Silva",
            company="Acme",
            emails=["Ana@Acme.example"],
            phones=["+1 555 0100"],
            skills=["Python", "python", "SQL"],
            tags=["Client", "client"],
            tier="inner",
        ),
        NOW,
    )
    assert person.company is not None and person.company.name == "Acme"
    assert person.emails == ["ana@acme.example"]
    assert person.skills == ["Python", "SQL"]
    assert person.tags == ["client"]
    assert person.cadence_days == 30  # the inner tier's default


def test_bad_email_or_tier_is_refused_and_nothing_is_written(uow: UnitOfWork) -> None:
    with pytest.raises(InvalidValue, match="not an email"):
        people.add_person(uow, PersonCreate(name="Ana", company="Acme", emails=["nope"]), NOW)
    with pytest.raises(InvalidValue, match="inner, close, network, acquaintance"):
        people.add_person(uow, PersonCreate(name="Ana", tier="vip"), NOW)
    assert count(uow, Person) == 0
    assert organizations.list_orgs(uow) == []


def test_search_by_name_company_tag_and_skill(uow: UnitOfWork) -> None:
    add(uow, "Ana Silva", company="Acme", tags=["client"], skills=["Python"])
    add(uow, "Bo Chen", company="Initech", skills=["Rust"])
    add(uow, "Ana Souza", company="Initech", tags=["client"])

    def names(**f: str) -> list[str]:
        return [p.name for p in people_listing.list_people(uow, PersonFilter(**f))]

    assert names(text="ana") == ["Ana Silva", "Ana Souza"]
    assert names(company="initech") == ["Ana Souza", "Bo Chen"]
    assert names(tag="client") == ["Ana Silva", "Ana Souza"]
    assert names(skill="python") == ["Ana Silva"]


def test_ambiguous_names_list_candidates_and_ids_pick_one(uow: UnitOfWork) -> None:
    first = add(uow, "Ana Silva", company="Acme")
    add(uow, "Ana Souza")
    with pytest.raises(Ambiguous) as error:
        people.show_person(uow, "ana")
    assert f"#{first} Ana Silva, Acme" in str(error.value)
    assert people.show_person(uow, f"#{first}").name == "Ana Silva"
    with pytest.raises(NotFound, match="no person matches 'Zed'"):
        people.show_person(uow, "Zed")


def test_edit_tag_note_and_timeline(uow: UnitOfWork) -> None:
    add(uow, "Ana Silva")
    people.edit_person(
        uow, "Ana Silva", PersonUpdate(title="CTO", company="Acme", add_skills=["Go"]), NOW
    )
    people.tag_person(uow, "Ana", ["mentor"], remove=False, now=NOW)
    people.note_person(uow, "Ana", "Loves hiking", NOW)
    interactions.log_interaction(
        uow,
        InteractionCreate(
            person="Ana", kind="project-completed", sentiment="positive", when="2026-11-01"
        ),
        NOW,
    )
    detail = people.show_person(uow, "Ana")
    assert (detail.title, detail.company and detail.company.name) == ("CTO", "Acme")
    assert detail.tags == ["mentor"] and detail.skills == ["Go"]
    assert [n.body for n in detail.notes] == ["Loves hiking"]
    kinds = [e.kind for e in detail.timeline]
    assert "interaction" in kinds and "note" in kinds
    assert detail.last_interaction_at is not None
    assert detail.last_interaction_at.date().isoformat() == "2026-11-01"


def test_merge_moves_history_and_unites_details(uow: UnitOfWork) -> None:
    keep = add(uow, "Ana Silva", emails=["ana@acme.example"], tags=["client"])
    dup = add(
        uow,
        "A. Silva",
        emails=["ana@home.example"],
        title="CTO",
        skills=["SQL"],
        tags=["client", "mentor"],
    )
    bo = add(uow, "Bo Chen")
    interactions.log_interaction(uow, InteractionCreate(person=f"#{dup}", kind="call"), NOW)
    referrals.receive_referral(
        uow, ReferralReceive(referrer=f"#{dup}", referred_person=f"#{bo}"), NOW
    )
    asks.create_ask(uow, AskCreate(person=f"#{dup}", force=True), NOW)
    result = people_merge.merge_people(uow, f"#{keep}", f"#{dup}", NOW)
    assert result.kept.emails == ["ana@acme.example", "ana@home.example"]
    assert result.kept.tags == ["client", "mentor"]
    assert result.kept.title == "CTO" and result.kept.skills == ["SQL"]
    assert result.moved["interactions"] == 1 and result.moved["referrals made"] == 1
    with uow:
        assert uow.session.get(Person, dup) is None
        assert uow.session.scalar(select(Referral.referrer_id)) == keep
        assert uow.session.scalar(select(Interaction.person_id)) == keep


def test_merge_with_itself_is_refused(uow: UnitOfWork) -> None:
    ana = add(uow, "Ana")
    with pytest.raises(InvalidValue, match=r"itself|themselves"):
        people_merge.merge_people(uow, f"#{ana}", "Ana", NOW)


def test_delete_shows_impact_and_keeps_referrals_about_them_readable(uow: UnitOfWork) -> None:
    ana, bo = add(uow, "Ana"), add(uow, "Bo Chen")
    interactions.log_interaction(uow, InteractionCreate(person="Bo", kind="call"), NOW)
    ref = referrals.receive_referral(
        uow, ReferralReceive(referrer=f"#{ana}", referred_person=f"#{bo}"), NOW
    )
    impact = people_merge.person_deletion_impact(uow, "Bo")
    assert impact.removes["interactions"] == 1
    people_merge.delete_person(uow, bo, NOW)
    assert count(uow, Interaction) == 0
    assert referrals.show_referral(uow, ref.id).referred == "Bo Chen"


def test_organizations_add_merge_delete(uow: UnitOfWork) -> None:
    organizations.add_org(uow, OrganizationCreate(name="Acme", tags=["client"]), NOW)
    with pytest.raises(Conflict, match="already exists"):
        organizations.add_org(uow, OrganizationCreate(name="acme"), NOW)
    add(uow, "Ana", company="ACME Inc.")
    merged = organizations.merge_orgs(uow, "Acme", "ACME Inc.", NOW)
    assert merged.kept.people_count == 1 and merged.moved["people"] == 1
    assert people.show_person(uow, "Ana").company.name == "Acme"  # type: ignore[union-attr]
    organizations.delete_org(uow, merged.kept.id, NOW)
    assert people.show_person(uow, "Ana").company is None
