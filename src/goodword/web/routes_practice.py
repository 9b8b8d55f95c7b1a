"""Asks, recommendations, reference requests, opportunities, and the brief with its link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from goodword.api.deps import Server, server
from goodword.domain.limits import MAX_ID
from goodword.schemas.practice import (
    BriefUpdate,
    OpportunityCreate,
    RecommendationCreate,
    ReferenceCreate,
)
from goodword.services import asks, brief, opportunities, recommendations, references
from goodword.web.deps import Form, PageDep, render
from goodword.web.forms import back_to, checked, present, text, words

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("/asks")
def asks_page(page: PageDep) -> Response:
    return page.render("asks.html", asks=asks.list_asks(page.uow()))


@router.post("/asks/{ask_id}/answer")
def ask_answer(page: PageDep, ask_id: Id, form: Form) -> Response:
    answer = text(form, "answer") or ""
    return page.act(
        "/asks",
        lambda: asks.answer_ask(page.uow(), ask_id, answer, page.now),
        f"Answer recorded: {answer}.",
    )


@router.post("/asks/{ask_id}/follow-up")
def ask_follow_up(page: PageDep, ask_id: Id, form: Form) -> Response:
    return page.act(
        "/asks",
        lambda: asks.follow_up_ask(page.uow(), ask_id, page.now),
        "Follow-up recorded.",
    )


@router.post("/asks/{ask_id}/acknowledged")
def ask_acknowledged(page: PageDep, ask_id: Id, form: Form) -> Response:
    return page.act(
        "/asks",
        lambda: asks.acknowledge_ask(page.uow(), ask_id, page.now),
        "Decline acknowledged; keep in touch as before.",
    )


@router.get("/recommendations")
def recommendations_page(page: PageDep) -> Response:
    return page.render(
        "recommendations.html", recs=recommendations.list_recommendations(page.uow())
    )


@router.post("/recommendations")
def recommendation_add(page: PageDep, form: Form) -> Response:
    def act() -> None:
        data = RecommendationCreate(
            **present(form, "person", "direction", "kind", "text", "skill", "platform", "status")
        )
        recommendations.add_recommendation(page.uow(), data, page.now)

    return page.act("/recommendations", act, "Recommendation recorded.")


@router.post("/recommendations/{rec_id}/status")
def recommendation_status(page: PageDep, rec_id: Id, form: Form) -> Response:
    status = text(form, "status") or ""
    return page.act(
        "/recommendations",
        lambda: recommendations.set_recommendation_status(page.uow(), rec_id, status, page.now),
        f"Marked {status}.",
    )


@router.post("/recommendations/{rec_id}/thanked")
def recommendation_thanks(page: PageDep, rec_id: Id, form: Form) -> Response:
    via = text(form, "via") or "email"
    return page.act(
        back_to(form, "/recommendations"),
        lambda: recommendations.thank_for_recommendation(page.uow(), rec_id, via, page.now),
        "Thank-you recorded.",
    )


@router.get("/references")
def references_page(page: PageDep) -> Response:
    return page.render("references.html", requests=references.list_references(page.uow()))


@router.post("/references")
def reference_add(page: PageDep, form: Form) -> Response:
    def act() -> None:
        data = ReferenceCreate(
            **present(form, "vendor", "company", "requested_by", "prospect", "note"),
            confidential=checked(form, "confidential"),
        )
        references.add_reference_request(page.uow(), data, page.now)

    return page.act(
        "/references", act, "Reference request recorded: ask for approval before giving it."
    )


@router.post("/references/{request_id}/decision")
def reference_decide(page: PageDep, request_id: Id, form: Form) -> Response:
    approve = text(form, "decision") == "approve"

    def act() -> None:
        references.decide_reference(
            page.uow(),
            request_id,
            approve=approve,
            approver=text(form, "approver") or "",
            now=page.now,
            note=text(form, "note"),
        )

    return page.act("/references", act, "Approved." if approve else "Declined.")


@router.post("/references/{request_id}/given")
def reference_given(page: PageDep, request_id: Id, form: Form) -> Response:
    return page.act(
        "/references",
        lambda: references.give_reference(page.uow(), request_id, page.now),
        "Reference given.",
    )


@router.post("/references/{request_id}/confidentiality-asked")
def reference_confidentiality_asked(page: PageDep, request_id: Id, form: Form) -> Response:
    return page.act(
        "/references",
        lambda: references.ask_confidentiality(page.uow(), request_id, page.now),
        "Recorded: you asked the vendor to keep the company's name confidential.",
    )


@router.post("/references/{request_id}/confidential")
def reference_confidential(page: PageDep, request_id: Id, form: Form) -> Response:
    return page.act(
        "/references",
        lambda: references.make_confidential(page.uow(), request_id, page.now),
        "The company stays confidential; ask your management again.",
    )


@router.get("/opportunities")
def opportunities_page(page: PageDep) -> Response:
    return page.render(
        "opportunities.html", opportunities=opportunities.list_opportunities(page.uow())
    )


@router.post("/opportunities")
def opportunity_add(page: PageDep, form: Form) -> Response:
    def act() -> None:
        data = OpportunityCreate(
            **present(form, "title", "description", "organization", "contact"),
            skills=words(form, "skills"),
        )
        opportunities.add_opportunity(page.uow(), data, page.now)

    return page.act("/opportunities", act, "Opportunity added.")


@router.post("/opportunities/{opportunity_id}/close")
def opportunity_close(page: PageDep, opportunity_id: Id, form: Form) -> Response:
    return page.act(
        "/opportunities",
        lambda: opportunities.close_opportunity(page.uow(), opportunity_id),
        "Opportunity closed.",
    )


@router.get("/brief")
def brief_page(page: PageDep) -> Response:
    uow = page.uow()
    token = brief.shared_token(uow)
    link = f"{str(page.request.base_url).rstrip('/')}/b/{token}" if token else None
    return page.render("brief.html", brief=brief.show_brief(uow), link=link)


@router.post("/brief")
def brief_save(page: PageDep, form: Form) -> Response:
    fields = ("looking_for", "ideal_clients", "roles", "partners", "not_a_fit")
    changes = BriefUpdate(**{f: str(form.get(f, "")) for f in fields})
    return page.act(
        "/brief", lambda: brief.set_brief(page.uow(), changes, page.now), "Brief saved."
    )


@router.post("/brief/share")
def brief_share(page: PageDep, form: Form) -> Response:
    if checked(form, "stop"):
        return page.act(
            "/brief",
            lambda: brief.stop_sharing_brief(page.uow()),
            "The link no longer works.",
        )
    return page.act(
        "/brief",
        lambda: brief.share_brief(page.uow(), page.now),
        "Anyone with the link can read it.",
    )


@router.get("/b/{token}")
def shared_brief(
    request: Request,
    token: Annotated[str, Path(max_length=64)],
    srv: Annotated[Server, Depends(server)],
) -> Response:
    """The read-only brief behind a secret link: no account needed, nothing else shown."""
    return render(
        request, "brief_public.html", brief=brief.brief_by_token(srv.engine, token), page=None
    )
