"""The app as ``goodword serve`` starts it, in each uvicorn worker, from the environment."""

from __future__ import annotations

import os

from fastapi import FastAPI

from goodword.cli.deps import clock
from goodword.services.workspaces import public_hosts
from goodword.storage.engine import make_engine
from goodword.storage.migrate import ensure_current
from goodword.web.app import LOCAL_HOSTS, create_app

ENV_URL = "GOODWORD_SERVE_URL"
ENV_LOOPBACK = "GOODWORD_SERVE_LOOPBACK"
ENV_SECURE = "GOODWORD_SERVE_SECURE_COOKIES"
ENV_HOSTS = "GOODWORD_SERVE_HOSTS"


def app_from_env() -> FastAPI:
    engine = make_engine(os.environ[ENV_URL])
    ensure_current(engine)
    named = [h.strip() for h in os.environ.get(ENV_HOSTS, "").split(",") if h.strip()]
    return create_app(
        engine,
        clock,
        loopback=os.environ.get(ENV_LOOPBACK) == "1",
        secure_cookies=os.environ.get(ENV_SECURE) == "1",
        hosts=[*LOCAL_HOSTS, *named, *public_hosts(engine)],
    )
