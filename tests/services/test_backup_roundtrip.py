"""Backup → restore gives back exactly the same data: the demo, and random networks."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from goodword.domain.errors import Conflict, InvalidValue
from goodword.schemas.network import InteractionCreate, PersonCreate, PersonFilter
from goodword.schemas.practice import ReferenceCreate, ReferralReceive
from goodword.services import (
    backups,
    demo,
    interactions,
    people,
    people_listing,
    references,
    referrals,
)
from goodword.services import referral_milestones as ms
from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.engine import make_engine
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def tables_of(document: str) -> dict[str, object]:
    return json.loads(document)["tables"]


def fresh_engine(template: Path, folder: Path, name: str) -> Engine:
    path = folder / f"{name}.db"
    shutil.copy(template, path)
    return make_engine(f"sqlite:///{path}")


def round_trip(source: UnitOfWork, target_engine: Engine) -> tuple[str, str]:
    written = backups.backup(source, NOW)
    target = UnitOfWork(target_engine, ensure_workspace(target_engine, LOCAL_WORKSPACE, NOW))
    backups.restore(target, written, merge=False)
    return written, backups.backup(target, NOW)


def test_demo_round_trips_exactly(
    engine: Engine, db_url: str, tmp_path: Path, sqlite_template: Path
) -> None:
    ws = demo.build_demo(engine, NOW, force=False, where="test")
    target = fresh_engine(sqlite_template, tmp_path, "target")
    written, again = round_trip(UnitOfWork(engine, ws), target)
    assert tables_of(again) == tables_of(written)
    assert len(tables_of(written)["people"]["rows"]) == 48  # type: ignore[index]
    confidential = [
        r
        for r in tables_of(written)["reference_requests"]["rows"]  # type: ignore[index]
        if True in r
    ]
    assert confidential  # the full backup keeps confidential names: it is everything
    target.dispose()


def test_restore_refuses_non_empty_and_foreign_files(uow: UnitOfWork) -> None:
    people.add_person(uow, PersonCreate(name="Ana"), NOW)
    written = backups.backup(uow, NOW)
    with pytest.raises(Conflict, match="--merge"):
        backups.restore(uow, written, merge=False)
    with pytest.raises(InvalidValue, match="not a goodword backup"):
        backups.restore(uow, '{"tables": {}}', merge=False)
    with pytest.raises(InvalidValue, match="not valid JSON"):
        backups.restore(uow, "{oops", merge=False)
    newer = json.loads(written) | {"version": 99}
    with pytest.raises(InvalidValue, match="version 99"):
        backups.restore(uow, json.dumps(newer), merge=True)
    merged = backups.restore(uow, written, merge=True)
    assert (
        merged.tables["people"] == 1 and len(people_listing.list_people(uow, PersonFilter())) == 2
    )


names = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)
person = st.fixed_dictionaries(
    {
        "name": names,
        "company": st.none() | names,
        "title": st.none() | names,
        "emails": st.lists(
            st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.example", fullmatch=True),
            max_size=2,
            unique=True,
        ),
        "tags": st.lists(st.from_regex(r"[a-z]{1,10}", fullmatch=True), max_size=3),
        "tier": st.sampled_from(["inner", "close", "network", "acquaintance"]),
    }
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(person, min_size=1, max_size=6), st.data())
def test_random_networks_round_trip(
    sqlite_template: Path, folks: list[dict[str, object]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source_engine = fresh_engine(sqlite_template, Path(folder), "source")
        uow = UnitOfWork(source_engine, ensure_workspace(source_engine, "local", NOW))
        ids = [people.add_person(uow, PersonCreate(**f), NOW).id for f in folks]  # type: ignore[arg-type]
        for pid in ids:
            for _ in range(data.draw(st.integers(0, 3))):
                interactions.log_interaction(
                    uow,
                    InteractionCreate(
                        person=f"#{pid}",
                        kind=data.draw(st.sampled_from(["call", "meeting"])),
                        sentiment=data.draw(st.sampled_from(["positive", "neutral", "negative"])),
                        when=f"{data.draw(st.integers(0, 400))}d",
                    ),
                    NOW,
                )
        if data.draw(st.booleans()):
            rid = referrals.receive_referral(
                uow,
                ReferralReceive(referrer=f"#{ids[0]}", prospect=data.draw(names), when="5d"),
                NOW,
            ).id
            ms.thank_referrer(uow, rid, "lunch", NOW)
        references.add_reference_request(
            uow,
            ReferenceCreate(
                vendor=data.draw(names), company="Globex", confidential=data.draw(st.booleans())
            ),
            NOW,
        )
        target = fresh_engine(sqlite_template, Path(folder), "target")
        written, again = round_trip(uow, target)
        assert tables_of(again) == tables_of(written)
        source_engine.dispose()
        target.dispose()
