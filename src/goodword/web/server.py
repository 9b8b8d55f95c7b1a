"""The app as ``goodword serve`` starts it, in each uvicorn worker, from the environment."""

from __future__ import annotations

import os

from fastapi import FastAPI

from goodword.cli.deps import clock
from goodword.storage.engine import make_engine
from goodword.storage.migrate import ensure_current
from goodword.web.app import create_app

ENV_URL = "GOODWORD_SERVE_URL"
ENV_LOOPBACK = "GOODWORD_SERVE_LOOPBACK"
ENV_SECURE = "GOODWORD_SERVE_SECURE_COOKIES"


def app_from_env() -> FastAPI:
    engine = make_engine(os.environ[ENV_URL])
    ensure_current(engine)
    return create_app(
        engine,
        clock,
        loopback=os.environ.get(ENV_LOOPBACK) == "1",
        secure_cookies=os.environ.get(ENV_SECURE) == "1",
    )
