"""The API's routes, gathered under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from goodword.api import (
    routes_agenda,
    routes_edits,
    routes_history,
    routes_network,
    routes_practice,
    routes_programs,
    routes_referrals,
)

api_router = APIRouter(prefix="/api/v1")
# The programs' routes first: a business's system posts a conversion per order, and each
# route FastAPI tries before the right one costs microseconds (no paths overlap).
for module in (
    routes_programs,
    routes_network,
    routes_referrals,
    routes_practice,
    routes_agenda,
    routes_edits,
    routes_history,
):
    api_router.include_router(module.router)
