"""The pages, gathered in one router."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.web import (
    routes_advocates,
    routes_auth,
    routes_edits,
    routes_history,
    routes_import,
    routes_insights,
    routes_people,
    routes_practice,
    routes_programs,
    routes_referral_links,
    routes_referrals,
    routes_settings,
    routes_today,
)

#: The public link pages come first: a visit to /r/CODE is the hottest path of a server
#: (thousands a second), and routes are matched in order — ~190 patterns tried before it
#: otherwise.
hot_router = APIRouter(include_in_schema=False)
hot_router.include_router(routes_referral_links.router)

web_router = APIRouter(include_in_schema=False)
for module in (
    routes_auth,
    routes_today,
    routes_people,
    routes_referrals,
    routes_practice,
    routes_programs,
    routes_advocates,
    routes_import,
    routes_history,
    routes_edits,
    routes_insights,
    routes_settings,
):
    web_router.include_router(module.router)
