"""The API's routes, gathered under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.api import (
    routes_agenda,
    routes_edits,
    routes_history,
    routes_network,
    routes_practice,
    routes_programmes,
    routes_referrals,
)

api_router = APIRouter(prefix="/api/v1")
for module in (
    routes_network,
    routes_referrals,
    routes_practice,
    routes_agenda,
    routes_edits,
    routes_history,
    routes_programmes,
):
    api_router.include_router(module.router)
