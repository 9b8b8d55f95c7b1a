"""Insights: the practice over the last twelve months, as charts."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from goodword.services.insights import insights
from goodword.web import charts
from goodword.web.deps import PageDep

router = APIRouter(include_in_schema=False)


@router.get("/insights")
def insights_page(page: PageDep) -> Response:
    data = insights(page.uow(), page.now)
    figures = {
        "per_month": charts.grouped_bars(
            data.months,
            [("received", charts.GREEN, data.received), ("given", charts.AMBER, data.given)],
            "Referrals received and given per month",
        ),
        "funnel": charts.horizontal_bars(data.funnel, "How far received referrals got"),
        "thank": charts.line(data.months, data.days_to_thank, " days", "Median days to thank"),
        "closure": charts.line(data.months, data.loop_closure, "%", "Loop-closure rate", top=100),
        "balances": charts.horizontal_bars(
            data.balances, "Reciprocity balance across people", charts.AMBER
        ),
    }
    return page.render("insights.html", data=data, figures=figures)
