"""The advocate's side in a real browser: sign up on the public page, confirm from the email
caught by a local SMTP server, open the portal, share the link with a friend (a second
browser context), the sale arrives by API, the thank-you email arrives, the portal shows
why the reward is where it is, and the leaderboard shows the advocate who opted in."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from goodword.programs.use_cases.due_work import run_due
from goodword.schemas.accounts import UserCreate
from goodword.services.accounts import create_user
from goodword.services.api_tokens import create_token
from goodword.services.outbound import ENV_ALLOW_PRIVATE
from goodword.services.workspaces import set_settings
from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade
from goodword.storage.unit_of_work import UnitOfWork
from goodword.web.app import create_app
from tests.conftest import NOW


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"

    def last_to(self, address: str, subject: str) -> str:
        for message in reversed(self.messages):
            if message["To"] == address and subject in str(message["Subject"]):
                return str(message.get_content())
        raise AssertionError(
            f"no '{subject}' email to {address}: {[m['Subject'] for m in self.messages]}"
        )


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """Its own server and database: the other browser test expects a first-ever visit."""
    engine = make_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    upgrade(engine)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(engine, lambda: NOW), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", engine
    server.should_exit = True
    thread.join(timeout=5)
    engine.dispose()


def test_an_advocate_signs_up_shares_and_is_thanked(
    page: Page,
    browser: Browser,
    shop: tuple[str, Engine],
    screenshots: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_ALLOW_PRIVATE, "1")  # the shop's mail server is on this machine
    base_url, live_engine = shop
    owner = create_user(
        live_engine, UserCreate(email="shop@example.com", name="Acme Books", password="x" * 12), NOW
    )
    api = httpx.Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {create_token(live_engine, owner.id, 't', NOW).secret}"},
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        set_settings(
            UnitOfWork(live_engine, owner.personal_workspace_id),
            {
                "smtp_host": "127.0.0.1",
                "smtp_port": str(port),
                "smtp_tls": "none",
                "mail_from": "Acme Books <hello@acme.example>",
                "public_url": base_url,
            },
        )
        made = api.post(
            "/api/v1/programs",
            json={
                "name": "Friends of Acme Books",
                "description": "Bookkeeping that answers the phone.",
                "advocate_reward": "cash:50:USD",
                "friend_reward": "discount-code:10:%",
                "hold_days": 0,
                "self_signup": True,
                "leaderboard": True,
            },
        ).json()

        # Sign up on the public page; nothing is issued before the email is confirmed.
        page.goto(base_url + made["join_path"])
        page.fill("input[name=name]", "Cy Ng")
        page.fill("input[name=email]", "cy@example.com")
        page.check("input[name=consent]")
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Check your email")
        run_due(live_engine, NOW)
        confirm = re.search(r"(http\S+/confirm/\S+)", inbox.last_to("cy@example.com", "Confirm"))
        assert confirm is not None
        page.goto(confirm.group(1))
        expect(page.locator(".flash")).to_contain_text("you are in")
        share = page.input_value("#share-link")
        assert "/r/" in share
        page.check("input[name=show]")
        page.click("text=Save")
        page.screenshot(path=str(screenshots / "advocate-portal.png"), full_page=True)

        # A friend follows the shared link in another browser and signs up.
        friend = browser.new_context().new_page()
        friend.goto(share)
        expect(friend.locator(".landing")).to_contain_text("Cy invited you")
        friend.fill("input[name=name]", "Bo Berg")
        friend.fill("input[name=email]", "bo@example.com")
        friend.check("input[name=consent]")
        friend.click("button[type=submit]")
        expect(friend.locator("h1")).to_have_text("Thank you, Bo Berg")
        friend.context.close()

        # The shop reports the sale; the worker sends the thanks.
        sale = api.post(
            f"/api/v1/programs/{made['id']}/conversions",
            json={
                "email": "bo@example.com",
                "external_id": "A-1001",
                "amount": "120",
                "currency": "USD",
            },
            headers={"Idempotency-Key": "sale-1"},
        )
        assert sale.status_code == 201, sale.text
        run_due(live_engine, NOW)
        thanks = inbox.last_to("cy@example.com", "Thank you — Bo Berg is now with us")
        assert "A referral is a gift" in thanks
        assert inbox.last_to("cy@example.com", "Your reward is approved")

        page.reload()
        expect(page.locator("table").first).to_contain_text("converted — thank you")
        expect(page.locator("body")).to_contain_text("approved: the hold ended")
        expect(page.locator("body")).to_contain_text("Leaderboard")
        expect(page.locator("table", has_text="Became customers")).to_contain_text("Cy N.")
        page.screenshot(path=str(screenshots / "advocate-portal-after-sale.png"), full_page=True)
    finally:
        smtp.stop()
        api.close()
