"""Matching over a stored network: profiles from skills, titles, notes and recommendations;
opted-out people never appear; offers in both directions."""

from __future__ import annotations

import pytest

from goodword.domain.errors import InvalidValue, NotFound
from goodword.schemas.network import PersonCreate, PersonUpdate
from goodword.schemas.practice import OpportunityCreate, RecommendationCreate
from goodword.services import opportunities, people, recommendations
from goodword.services.matching import match_people, offers_for_person
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


@pytest.fixture
def net(uow: UnitOfWork) -> UnitOfWork:
    add = lambda **kw: people.add_person(uow, PersonCreate(**kw), NOW)  # noqa: E731
    add(
        name="Hanna Berger",
        title="Employment lawyer",
        skills=["Employment law"],
        note="Berlin office",
    )
    add(name="Tomas Keller", title="Tax lawyer", skills=["Tax law"])
    add(name="Rita Quiet", title="Employment lawyer", skills=["Employment law"], matching=False)
    add(name="Omar Haddad", title="Engineer", company="Initech")
    add(name="Lena Park", title="Founder", looking_for="an employment lawyer for her startup")
    recommendations.add_recommendation(
        uow, RecommendationCreate(person="Omar Haddad", text="Rebuilt our Kubernetes platform"), NOW
    )
    return uow


def test_match_reads_skills_titles_notes_and_recommendations(net: UnitOfWork) -> None:
    found = match_people(net, "employment lawyer in Berlin", now=NOW, semantic=False)
    assert [m.person.name for m in found.matches][:2] == ["Hanna Berger", "Tomas Keller"]
    assert "berlin" in found.matches[0].why
    assert (
        match_people(net, "kubernetes", now=NOW, semantic=False).matches[0].person.name
        == "Omar Haddad"
    )
    assert (
        "skill:employment law"
        in match_people(net, "employment law advice", now=NOW, semantic=False).terms
    )


def test_opted_out_people_never_appear(net: UnitOfWork) -> None:
    names = {
        m.person.name
        for m in match_people(net, "employment lawyer", limit=50, now=NOW, semantic=False).matches
    }
    assert "Rita Quiet" not in names
    assert offers_for_person(net, "Rita Quiet").offers == []
    people.edit_person(net, "Hanna Berger", PersonUpdate(matching=False), NOW)
    names = {
        m.person.name
        for m in match_people(net, "employment lawyer", limit=50, now=NOW, semantic=False).matches
    }
    assert "Hanna Berger" not in names
    assert "Hanna Berger" not in {o.about for o in offers_for_person(net, "Lena Park").offers}


def test_matching_an_opportunity_leaves_out_its_contact(net: UnitOfWork) -> None:
    opp = opportunities.add_opportunity(
        net,
        OpportunityCreate(
            title="Employment law counsel", skills=["Employment law"], contact="Hanna Berger"
        ),
        NOW,
    )
    found = match_people(net, opportunity_id=opp.id, now=NOW, semantic=False)
    assert "Hanna Berger" not in {m.person.name for m in found.matches}
    assert "Employment law counsel" in found.query
    with pytest.raises(NotFound):
        match_people(net, opportunity_id=999, now=NOW, semantic=False)
    with pytest.raises(InvalidValue, match="say what is needed"):
        match_people(net, "  ", now=NOW, semantic=False)


def test_offers_go_both_ways(net: UnitOfWork) -> None:
    opportunities.add_opportunity(
        net, OpportunityCreate(title="Tax advisor", skills=["Tax law"]), NOW
    )
    for_tomas = offers_for_person(net, "Tomas Keller").offers
    assert for_tomas[0].kind == "opportunity"
    assert for_tomas[0].about == "refer them to Tax advisor"
    for_hanna = offers_for_person(net, "Hanna Berger").offers
    assert any(o.kind == "client" and o.person and o.person.name == "Lena Park" for o in for_hanna)
    for_lena = offers_for_person(net, "Lena Park").offers
    providers = [o.person.name for o in for_lena if o.kind == "provider" and o.person]
    assert providers[0] == "Hanna Berger" and "Rita Quiet" not in providers


def test_the_reciprocal_offer_draft_offers_what_goodword_offer_finds(net: UnitOfWork) -> None:
    from goodword.services.drafting import draft

    opportunities.add_opportunity(
        net, OpportunityCreate(title="Tax advisor", skills=["Tax law"]), NOW
    )
    for_lena = draft(net, "reciprocal-offer", NOW, targets={"person": "Lena Park"})
    assert "- Introduce you to Hanna Berger, for what you are looking for" in for_lena.body
    assert "Rita Quiet" not in for_lena.body  # opted out
    for_tomas = draft(net, "reciprocal-offer", NOW, targets={"person": "Tomas Keller"})
    assert "- Put you forward for Tax advisor" in for_tomas.body
