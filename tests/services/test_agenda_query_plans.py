"""How the agenda's heaviest questions are answered, read from SQLite's query plans.

Query counts cannot see a query that reads every referral (issue 16: `today` on 100,000
people took 20 s after a count of each referrer's earlier referrals was added). SQLite plans
without statistics, so the demo network shows the plan a large network gets."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import event

from goodword.services import agenda, demo
from goodword.storage.engine import make_engine
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def _plans(tmp_path: Path, sqlite_template: Path) -> dict[str, list[str]]:
    """Each statement the agenda sends, with the lines of its query plan."""
    shutil.copy(sqlite_template, tmp_path / "plans.db")
    engine = make_engine(f"sqlite:///{tmp_path / 'plans.db'}")
    ws = demo.build_demo(engine, NOW, force=True, where="test")
    sent: list[tuple[str, Any]] = []
    listener = lambda *args: sent.append((str(args[2]), args[3]))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    agenda.agenda_items(UnitOfWork(engine, ws), NOW)
    event.remove(engine, "before_cursor_execute", listener)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        plans = {
            sql: [row[3] for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            for sql, params in sent
            if sql.lstrip().upper().startswith("SELECT")
        }
    finally:
        raw.close()
        engine.dispose()
    return plans


def test_the_heavy_referral_questions_are_answered_from_their_indexes(
    tmp_path: Path, sqlite_template: Path
) -> None:
    plans = _plans(tmp_path, sqlite_template)
    repeat = [lines for sql, lines in plans.items() if "referrals_1" in sql and "LIMIT" in sql]
    assert repeat, "the open referrals' query counts each referrer's earlier referrals"
    assert any("ix_referrals_referrer_at" in line for line in repeat[0])

    wins = [lines for sql, lines in plans.items() if "'won'" in sql or ("outcome = ?" in sql)]
    assert any("ix_referral_milestones_won" in line for lines in wins for line in lines)

    for sql, lines in plans.items():
        for line in lines:
            assert not line.startswith("SCAN referrals"), f"a full scan of referrals:\n{sql}"
            assert not line.startswith("SCAN referral_milestones"), f"a full scan:\n{sql}"
