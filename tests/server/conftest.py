"""The web app and API on each backend: two accounts, each with an API token and a client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from goodword.schemas.accounts import UserCreate, UserPublic
from goodword.services.accounts import create_user
from goodword.services.api_tokens import create_token
from goodword.web.app import LOCAL_HOSTS, create_app
from tests.conftest import NOW

PASSWORD = "correct horse battery"
HOSTS = (*LOCAL_HOSTS, "testserver")  # TestClient's own name for the server


@dataclass
class Account:
    user: UserPublic
    token: str
    api: TestClient
    """A client sending this account's token."""


@pytest.fixture
def app(engine: Engine) -> FastAPI:
    return create_app(engine, lambda: NOW, hosts=HOSTS)


def _account(app: FastAPI, engine: Engine, email: str, name: str) -> Account:
    user = create_user(engine, UserCreate(email=email, name=name, password=PASSWORD), NOW)
    secret = create_token(engine, user.id, "tests", NOW).secret
    client = TestClient(app, headers={"Authorization": f"Bearer {secret}"})
    return Account(user, secret, client)


@pytest.fixture
def ana(app: FastAPI, engine: Engine) -> Iterator[Account]:
    account = _account(app, engine, "ana@example.com", "Ana Silva")
    yield account
    account.api.close()


@pytest.fixture
def bo(app: FastAPI, engine: Engine, ana: Account) -> Iterator[Account]:
    account = _account(app, engine, "bo@example.com", "Bo Berg")
    yield account
    account.api.close()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


class WebClient:
    """A cookie-keeping client that fills in forms' CSRF tokens, like a browser would."""

    def __init__(self, app: FastAPI, address: str = "testclient") -> None:
        self.client = TestClient(app, follow_redirects=True, client=(address, 50000))
        self.token = ""

    def get(self, path: str, **kwargs: Any) -> Any:
        response = self.client.get(path, **kwargs)
        if 'name="csrf_token"' in response.text:
            self.token = csrf_of(response.text)
        return response

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        if not self.token:
            self.get("/login")
        response = self.client.post(path, data={"csrf_token": self.token, **(data or {})}, **kwargs)
        if 'name="csrf_token"' in response.text:
            self.token = csrf_of(response.text)
        return response

    def login(self, email: str, password: str = PASSWORD) -> Any:
        self.get("/login")
        return self.post("/login", {"email": email, "password": password})


@pytest.fixture
def web(app: FastAPI) -> Iterator[WebClient]:
    b = WebClient(app)
    yield b
    b.client.close()
