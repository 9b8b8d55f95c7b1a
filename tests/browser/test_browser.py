"""A first day with goodword in a real browser, then a second account that sees none of it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from goodword.schemas.accounts import UserCreate
from goodword.services.accounts import create_user
from tests.conftest import NOW

FIXTURES = Path(__file__).parent.parent / "fixtures" / "linkedin" / "current"
PASSWORD = "a long enough password"


def linkedin_zip(folder: Path) -> Path:
    target = folder / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(FIXTURES.iterdir()):
            archive.write(file, file.name)
    return target


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_a_first_day_then_a_second_account(
    page: Page,
    browser: Browser,
    base_url: str,
    live_engine: Engine,
    tmp_path: Path,
    screenshots: Path,
) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)

    # The first visit creates the first account.
    page.goto("/")
    expect(page).to_have_url(re.compile("/setup$"))
    page.fill("input[name=name]", "Ana Silva")
    page.fill("input[name=email]", "ana@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Welcome, Ana Silva")

    # Sign out and in again.
    page.click("text=Sign out")
    expect(page).to_have_url(re.compile("/login$"))
    shot(page, screenshots, "login")
    page.fill("input[name=email]", "ana@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Today")

    # Import a small LinkedIn export through the upload form.
    page.click("nav >> text=Import")
    page.select_option("select[name=source]", "linkedin")
    page.set_input_files("input[name=file]", str(linkedin_zip(tmp_path)))
    page.click("form[action='/import'] button[type=submit]")
    report = page.locator("#import-report")
    expect(report).to_contain_text("created")
    created = int(re.search(r"(\d+) created", report.inner_text()).group(1))  # type: ignore[union-attr]
    assert created > 0
    shot(page, screenshots, "import")

    # Record a referral from someone on their page: it lands on Today as a thank-you.
    page.click("nav >> text=People")
    shot(page, screenshots, "people")
    page.locator("table a").first.click()
    referrer = page.locator("h1").inner_text()
    page.fill("form[action$='/referrals'] input[name=prospect]", "Rina Sato, CTO at Kumo")
    page.fill("form[action$='/referrals'] input[name=value]", "12000")
    page.click("form[action$='/referrals'] button[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Referral recorded")
    shot(page, screenshots, "person")

    page.click("nav >> text=Today")
    item = page.locator("section.item[data-key^='thank:']", has_text="Rina Sato")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(referrer)
    shot(page, screenshots, "today")

    # Copy its draft.
    item.locator("summary").click()
    item.locator("button[data-copy]").click()
    expect(item.locator("button[data-copy]")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Rina Sato" in copied and copied.startswith("Subject:")

    # Mark the thank-you done: the item disappears.
    item.locator("button", has_text="Mark thanked").click()
    expect(page.locator(".flash")).to_contain_text("Thank-you recorded.")
    expect(page.locator("section.item[data-key^='thank:']", has_text="Rina Sato")).to_have_count(0)

    # Move the referral through its stages on its page.
    page.click("nav >> text=Referrals")
    shot(page, screenshots, "referrals")
    page.click(".board >> text=Rina Sato")
    expect(page.locator("#stage")).to_have_text("thanked")
    page.fill(
        "form[action$='/qualified'] input[name=why_fit]", "they are replacing their data stack"
    )
    page.click("form[action$='/qualified'] button[type=submit]")
    expect(page.locator("#stage")).to_have_text("qualified")
    page.click("form[action$='/contacted'] button:has-text('Contacted')")
    expect(page.locator("#stage")).to_have_text("contacted")
    page.select_option("form[action$='/outcome'] select[name=outcome]", "won")
    page.fill("form[action$='/outcome'] input[name=value]", "15000")
    page.click("form[action$='/outcome'] button[type=submit]")
    expect(page.locator("#stage")).to_have_text("outcome")
    expect(page.locator("#next-step")).to_contain_text("Tell the referrer")
    page.click("form[action$='/referrer-updated'] button[type=submit]")
    expect(page.locator("#stage")).to_have_text("loop-closed")
    shot(page, screenshots, "referral")
    referral_url = page.url

    # A chart renders (server-side SVG, no script needed).
    page.click("nav >> text=Insights")
    expect(page.locator("svg.chart").first).to_be_visible()
    bars = page.locator("svg.chart rect")
    assert bars.count() > 5
    heights = [float(bars.nth(i).get_attribute("height") or 0) for i in range(bars.count())]
    assert max(heights) > 10
    shot(page, screenshots, "insights")
    for name in ("asks", "recommendations", "references", "opportunities", "brief", "settings"):
        page.goto(f"/{name}")
        shot(page, screenshots, name)

    # Sign out: pages need a session again.
    page.click("text=Sign out")
    page.goto("/people")
    expect(page).to_have_url(re.compile("/login"))
    assert errors == [], errors

    # A second account cannot see the first one's people.
    create_user(
        live_engine, UserCreate(email="bo@example.com", name="Bo Berg", password=PASSWORD), NOW
    )
    other = browser.new_context(base_url=base_url)
    bo = other.new_page()
    bo.goto("/login")
    bo.fill("input[name=email]", "bo@example.com")
    bo.fill("input[name=password]", PASSWORD)
    bo.click("button[type=submit]")
    bo.goto("/people")
    expect(bo.locator("table")).not_to_contain_text(referrer)
    response = bo.goto(referral_url)
    assert response is not None and response.status == 404
    other.close()
