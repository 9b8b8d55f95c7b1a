"""The Insights numbers on the demo network, and the SVG they are drawn as."""

from __future__ import annotations

from sqlalchemy import Engine

from goodword.schemas.practice import ReferralFilter
from goodword.services import demo, referrals
from goodword.services.insights import insights
from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.unit_of_work import UnitOfWork
from goodword.web import charts
from tests.conftest import NOW


def test_insights_add_up_on_the_demo_network(engine: Engine) -> None:
    demo.build_demo(engine, NOW, force=True, where="test")
    uow = UnitOfWork(engine, ensure_workspace(engine, LOCAL_WORKSPACE, NOW))
    data = insights(uow, NOW)
    received = referrals.list_referrals(uow, ReferralFilter(direction="received"))
    assert data.totals["received"] == len(received)
    assert data.funnel[0] == ("received", len(received))
    counts = [n for _, n in data.funnel]
    assert counts == sorted(counts, reverse=True)  # a funnel only narrows
    assert data.funnel[-1] == ("loop-closed", sum(r.stage == "loop-closed" for r in received))
    assert len(data.months) == 12 and data.months[-1] == "2026-11"
    assert sum(data.received) <= len(received)
    assert all(v is None or 0 <= v <= 100 for v in data.loop_closure)
    assert all(v is None or v >= 0 for v in data.days_to_thank)
    top = data.referrers[0]
    assert top.referrals == max(r.referrals for r in data.referrers)
    assert top.won + top.lost + top.open == top.referrals


def test_charts_are_plain_svg_with_a_title_on_every_mark() -> None:
    svg = str(
        charts.grouped_bars(["2026-10", "2026-11"], [("received", charts.GREEN, [1, 3])], "x")
    )
    assert svg.startswith("<svg") and " style=" not in svg
    assert svg.count("<rect") == svg.count("<title>") == 2
    assert "received in 2026-11: 3" in svg
    empty = str(charts.line(["2026-11"], [None], "%", "rate"))
    assert "no data yet" in empty
    escaped = str(charts.horizontal_bars([("<b>", 1)], "x"))
    assert "<b>" not in escaped and "&lt;b&gt;" in escaped
