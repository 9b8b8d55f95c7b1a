"""Guessing passwords, and sessions that end. The throttle lives in the database, so two
server processes (two apps on one database here) share it; a burst of simultaneous guesses
gets at most five checked; the owner on a browser they signed in from before is never
locked out by someone guessing elsewhere; signing out, a new password and "sign out
everywhere" end sessions for good."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine, func, select

from goodword.storage.tables import OutboxMessage
from goodword.web.app import create_app
from tests.conftest import NOW
from tests.server.conftest import HOSTS, PASSWORD, Account, WebClient
from tests.server.test_advocate_side import new_program


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def _guess(app: FastAPI, password: str, address: str = "198.51.100.7") -> int:
    client = WebClient(app, address)
    client.get("/login")
    answer = client.client.post(
        "/login",
        data={"csrf_token": client.token, "email": "ana@example.com", "password": password},
        follow_redirects=False,
    )
    client.client.close()
    return int(answer.status_code)


def test_a_burst_of_40_guesses_across_two_servers_gets_at_most_5_checked(
    engine: Engine, ana: Account
) -> None:
    servers = [create_app(engine, lambda: NOW, hosts=HOSTS) for _ in range(2)]
    for served in servers:  # built on its first request (in a real server, by one thread)
        WebClient(served).get("/login")
    guesses = [f"wrong guess {n}" for n in range(39)] + [PASSWORD]  # the right one last
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: _guess(servers[n % 2], guesses[n]), range(len(guesses))))
    seen = Counter(answers)
    checked = seen[401] + seen[303]
    assert checked <= 5, seen
    assert seen[429] >= 35
    assert answers[-1] == 429  # even the right password waits: the account is being guessed


def test_the_owner_on_a_known_browser_is_not_locked_out(app: FastAPI, ana: Account) -> None:
    owner = WebClient(app, "192.0.2.10")
    assert owner.login("ana@example.com").url.path == "/"  # this browser is now known
    owner.post("/logout")
    for n in range(12):  # someone else, from elsewhere, guessing
        _guess(app, f"guess {n}", address=f"203.0.113.{n}")
    assert _guess(app, PASSWORD, address="203.0.113.99") == 429  # an unknown browser waits
    page = owner.login("ana@example.com")
    assert page.url.path == "/" and "Ana Silva" in page.text


def test_the_wait_ends_and_grows_with_the_guessing(engine: Engine, ana: Account) -> None:
    clock = Clock()
    app = create_app(engine, clock, hosts=HOSTS)
    statuses = [_guess(app, "wrong") for _ in range(8)]
    assert statuses == [401] * 5 + [429] * 3
    clock.now += timedelta(minutes=16)  # refused guesses did not extend the wait
    assert _guess(app, "wrong") == 401
    for _ in range(3):  # rounds of five, each after its wait, until the day's limit
        clock.now += timedelta(minutes=16)
        for _ in range(5):
            _guess(app, "wrong")
    clock.now += timedelta(minutes=16)
    answer = WebClient(app, "198.51.100.7")
    answer.get("/login")
    refused = answer.post("/login", {"email": "ana@example.com", "password": PASSWORD})
    assert refused.status_code == 429 and "hours" in refused.text  # twenty a day, then hours


def test_a_cookie_kept_from_before_sign_out_opens_nothing(app: FastAPI, ana: Account) -> None:
    web = WebClient(app)
    web.login("ana@example.com")
    kept = dict(web.client.cookies)
    web.post("/logout")
    thief = WebClient(app)
    thief.client.cookies.update(kept)
    assert thief.get("/people").url.path == "/login"


def test_signed_in_pages_are_never_cached(app: FastAPI, ana: Account) -> None:
    web = WebClient(app)
    web.login("ana@example.com")
    for path in ("/", "/people", "/settings"):
        assert web.get(path).headers["Cache-Control"] == "no-store", path
    assert "no-store" not in web.get("/static/app.css").headers.get("Cache-Control", "")


def test_a_new_password_ends_the_other_sessions(app: FastAPI, ana: Account) -> None:
    laptop, phone = WebClient(app), WebClient(app)
    laptop.login("ana@example.com")
    phone.login("ana@example.com")
    laptop.get("/settings")
    changed = laptop.post(
        "/settings/password",
        {
            "current_password": PASSWORD,
            "new_password": "a brand new passphrase",
            "repeat_password": "a brand new passphrase",
        },
    )
    assert "Signed out 1 other session" in changed.text
    assert phone.get("/people").url.path == "/login"
    assert laptop.get("/people").url.path == "/people"


def test_sign_out_everywhere(app: FastAPI, ana: Account) -> None:
    laptop, phone = WebClient(app), WebClient(app)
    laptop.login("ana@example.com")
    phone.login("ana@example.com")
    laptop.get("/settings")
    assert laptop.post("/settings/sign-out-everywhere").url.path == "/login"
    assert phone.get("/people").url.path == "/login"
    assert laptop.get("/people").url.path == "/login"


def _confirmations(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.scalar(select(func.count()).where(OutboxMessage.event == "advocate-confirm"))
            or 0
        )


def test_public_sign_up_is_throttled_per_email_and_per_address(
    app: FastAPI, engine: Engine, ana: Account
) -> None:
    _, made = new_program(ana, self_signup=True)
    join: Any = made["join_path"]
    visitor = WebClient(app, "198.51.100.20")
    visitor.get(join)
    form = {"name": "Dee", "email": "dee@example.com", "consent": "on"}
    answers = [visitor.post(join, form).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    assert _confirmations(engine) == 3
    for n in range(20):  # other addresses, the same network address
        visitor.post(join, {**form, "email": f"x{n}@example.com"})
    assert _confirmations(engine) == 3 + 17  # twenty an hour from one address
    other = WebClient(app, "198.51.100.21")
    other.get(join)
    assert other.post(join, {**form, "email": "new@example.com"}).status_code == 200
