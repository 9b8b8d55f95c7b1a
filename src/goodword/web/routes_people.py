"""People: search and filter, a person's page, and the forms on it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import ValidationError
from starlette.responses import Response

from goodword.domain.errors import DomainError, InvalidValue
from goodword.domain.limits import MAX_ID, digits
from goodword.schemas.network import InteractionCreate, PersonCreate, PersonFilter
from goodword.schemas.practice import AskCreate, ReferralFilter, ReferralReceive
from goodword.services import (
    asks,
    drafting,
    interactions,
    intros,
    knows,
    ledger,
    matching,
    people,
    people_listing,
    referral_milestones,
    referrals,
)
from goodword.web.deps import Form, PageDep, flash
from goodword.web.forms import present, text, words
from goodword.web.validation import invalid

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Filter = Annotated[str | None, Query(max_length=300)]


PAGE_SIZE = 50


@router.get("/people")
def people_list(
    page: PageDep,
    q: Filter = None,
    company: Filter = None,
    tag: Filter = None,
    skill: Filter = None,
    start: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    filters = PersonFilter(text=q, company=company, tag=tag, skill=skill, limit=PAGE_SIZE)
    uow = page.uow()
    total = people_listing.count_people(uow, filters)
    found = people_listing.list_people(uow, filters, start)
    query = {k: v for k, v in {"q": q, "company": company, "tag": tag, "skill": skill}.items() if v}
    return page.render(
        "people.html",
        people=found,
        filters=filters,
        total=total,
        start=start,
        size=PAGE_SIZE,
        query=query,
    )


@router.post("/people")
def person_add(page: PageDep, form: Form) -> Response:
    try:
        data = PersonCreate(
            **present(form, "name", "company", "title", "how_met", "note"),
            emails=words(form, "emails"),
            phones=words(form, "phones"),
            skills=words(form, "skills"),
            tags=words(form, "tags"),
        )
        person = people.add_person(page.uow(), data, page.now)
    except (DomainError, ValidationError) as error:
        return page.failed("/people", invalid(error))
    for warning in person.warnings:
        flash(page.request, warning.split("; if they")[0] + ": see Duplicates.", "error")
    return page.done(f"/people/{person.id}", f"{person.name} added.")


@router.get("/people/{person_id}")
def person_page(page: PageDep, person_id: Id) -> Response:
    uow = page.uow()
    person = people.show_person(uow, f"#{person_id}")
    rows = ledger.balance(uow, f"#{person_id}")
    theirs = referrals.list_referrals(
        uow, ReferralFilter(direction="received", person=f"#{person_id}")
    )
    unthanked = [
        r for r in theirs if r.referrer and r.referrer.id == person_id and r.stage == "received"
    ]
    return page.render(
        "person.html",
        person=person,
        ledger=rows[0] if rows else None,
        unthanked=unthanked,
        referrals=theirs,
        offers=matching.offers_for_person(uow, f"#{person_id}", 3).offers,
        knows=knows.list_knows(uow, f"#{person_id}"),
    )


@router.get("/match")
def match_page(
    page: PageDep,
    q: Filter = None,
    opportunity: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Response:
    result = None
    if (q and q.strip()) or opportunity:
        result = matching.match_people(page.uow(), q, opportunity, 20, now=page.now)
    return page.render("match.html", result=result, q=q or "")


def _act(page: PageDep, person_id: int, action: object, message: str) -> Response:
    url = f"/people/{person_id}"
    try:
        action()  # type: ignore[operator]
    except (DomainError, ValidationError) as error:
        return page.failed(url, invalid(error))
    return page.done(url, message)


@router.post("/people/{person_id}/interactions")
def person_interaction(page: PageDep, person_id: Id, form: Form) -> Response:
    def act() -> None:
        data = InteractionCreate(
            person=f"#{person_id}", **present(form, "kind", "sentiment", "when", "note")
        )
        interactions.log_interaction(page.uow(), data, page.now)

    return _act(page, person_id, act, "Interaction logged.")


@router.post("/people/{person_id}/referrals")
def person_referral(page: PageDep, person_id: Id, form: Form) -> Response:
    def act() -> None:
        prospect = text(form, "prospect")
        if prospect is None:
            raise InvalidValue("prospect: who did they refer to you?")
        data = ReferralReceive(
            referrer=f"#{person_id}",
            prospect=prospect,
            **present(form, "kind", "description", "value", "when"),
        )
        referrals.receive_referral(page.uow(), data, page.now)

    return _act(page, person_id, act, "Referral recorded — thank them soon (it is on Today).")


@router.post("/people/{person_id}/asks")
def person_ask(page: PageDep, person_id: Id, form: Form) -> Response:
    def act() -> None:
        data = AskCreate(
            person=f"#{person_id}", **present(form, "kind", "purpose", "channel", "note")
        )
        created = asks.create_ask(page.uow(), data, page.now)
        for warning in created.warnings:
            flash(page.request, warning)

    return _act(page, person_id, act, "Ask recorded; one gentle follow-up will be suggested.")


@router.post("/people/{person_id}/thanks")
def person_thanks(page: PageDep, person_id: Id, form: Form) -> Response:
    def act() -> None:
        raw = text(form, "referral_id") or ""
        if not digits(raw):
            raise InvalidValue("referral_id: choose the referral you are thanking them for")
        referral_milestones.thank_referrer(
            page.uow(),
            int(raw),
            text(form, "via") or "email",
            page.now,
            note=text(form, "note"),
            referrer_id=person_id,
        )

    return _act(page, person_id, act, "Thank-you recorded.")


@router.post("/people/{person_id}/notes")
def person_note(page: PageDep, person_id: Id, form: Form) -> Response:
    def act() -> None:
        body = text(form, "body")
        if body is None:
            raise InvalidValue("body: write the note")
        people.note_person(page.uow(), f"#{person_id}", body, page.now)

    return _act(page, person_id, act, "Note added.")


@router.post("/people/{person_id}/knows")
def person_knows(page: PageDep, person_id: Id, form: Form) -> Response:
    def act() -> None:
        other = text(form, "other")
        if other is None:
            raise InvalidValue("other: whom do they know? (a name, an email or #id)")
        try:
            strength = float(text(form, "strength") or "")
        except ValueError:
            raise InvalidValue("strength: a number from 0.05 (barely) to 1 (very well)") from None
        knows.record_knows(
            page.uow(), f"#{person_id}", other, strength, page.now, text(form, "note")
        )

    return _act(page, person_id, act, "Recorded who they know: introductions can use it.")


@router.get("/intro")
def intro_page(
    page: PageDep,
    target: Filter = None,
    hops: Annotated[int, Query(ge=1, le=6)] = 3,
) -> Response:
    paths, request = None, None
    if target and target.strip():
        paths = intros.intro_paths(page.uow(), target, page.now, hops, 3, asking_user=page.user.id)
        last = paths[0].chain[-1].person if paths and len(paths[0].chain) > 1 else None
        if last is not None and last.id > 0 and paths[0].chain[0].person.id > 0:
            try:
                request = drafting.draft(
                    page.uow(), "intro-request", page.now, targets={"person": f"#{last.id}"}
                )
            except DomainError:
                request = None  # the chain needs words only the user has
    return page.render("intro.html", paths=paths, ask=request, target=target or "", hops=hops)
