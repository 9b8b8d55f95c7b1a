"""One-click steps on the Today page: each settles its item through the same use case as the
CLI's ``done`` command, and every item of the demo network has a draft."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from goodword.domain.errors import InvalidValue
from goodword.schemas.practice import GratitudePublic
from goodword.services import agenda, demo, gratitude
from goodword.services.agenda_actions import ONE_CLICK, agenda_with_drafts, complete_item, thank_via
from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


@pytest.fixture
def demo_uow(engine: Engine) -> UnitOfWork:
    demo.build_demo(engine, NOW, force=True, where="test")
    return UnitOfWork(engine, ensure_workspace(engine, LOCAL_WORKSPACE, NOW))


def test_every_demo_item_has_a_draft_and_one_click_items_go_away(demo_uow: UnitOfWork) -> None:
    rows = agenda_with_drafts(demo_uow, NOW)
    assert rows and all(draft is not None and draft.body for _, draft, _ in rows)
    clickable = [(item, label) for item, _, label in rows if label]
    kinds = {item.kind for item, _ in clickable}
    assert {"thank", "update-referrer", "follow-up-ask"} <= kinds
    for item, _ in clickable:
        if item.key not in {i.key for i in agenda.today(demo_uow, NOW).items}:
            continue  # settled as a side effect of an earlier step (same referral)
        complete_item(demo_uow, item.kind, item.about, NOW, thank_via(item))
        assert item.key not in {i.key for i in agenda.today(demo_uow, NOW).items}, item.key


def test_a_thank_you_goes_beyond_email_when_the_item_says_so(demo_uow: UnitOfWork) -> None:
    items = agenda.today(demo_uow, NOW, kinds=["thank"]).items
    lunch = next(i for i in items if thank_via(i) == "lunch")
    complete_item(demo_uow, lunch.kind, lunch.about, NOW, thank_via(lunch))
    given: list[GratitudePublic] = gratitude.list_gratitude(demo_uow)
    assert given[0].kind == "lunch" and f"referral:{given[0].referral_id}" == lunch.about


def test_items_that_need_words_have_no_one_click_step(demo_uow: UnitOfWork) -> None:
    assert ("qualify", "referral") not in ONE_CLICK
    with pytest.raises(InvalidValue, match="from its page"):
        complete_item(demo_uow, "qualify", "referral:1", NOW)
    with pytest.raises(InvalidValue, match="does not name a record"):
        complete_item(demo_uow, "thank", "referral:x", NOW)
