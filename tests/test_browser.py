"""The dashboard in a real browser: Debian's chromium driven by Playwright.

Open the overview, filter, open an attack, highlight a sentence and press
Ctrl+Enter, send a correction; log in as an editor and accept it; see the
new value and its history. Screenshots go to artifacts/browser/.

Chromium comes from `apt-get install chromium` (`make system-deps`), never
from `playwright install`. Without it the test skips, except in CI (CI=true)
where it fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_sample import EDITOR, EDITOR_PASSWORD, build_ledger

from skyledger.web import WebConfig, create_app
from skyledger.web.live import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if not CHROMIUM.exists():
    reason = f"{CHROMIUM} is missing; install it with `make system-deps` (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    ledger = build_ledger(tmp_path_factory.mktemp("browser") / "ledger.db")
    app = create_app(ledger, config=WebConfig(secret_key="browser-test"))
    with LiveServer(app) as live:
        yield live
    ledger.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def select_text(page: Any, selector: str) -> str:
    """Select the text of the first element matching `selector`, like a reader would."""
    selected: str = page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            const range = document.createRange();
            range.selectNodeContents(el);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            return sel.toString();
        }""",
        selector,
    )
    return selected


def overview_and_filter(page: Any, base: str) -> None:
    """The overview: both charts drawn, the latest attacks; then filter."""
    page.goto(base + "/", wait_until="networkidle")
    assert page.locator("#chart-monthly").bounding_box()["height"] > 100
    assert page.evaluate("Chart.getChart('chart-rates') !== undefined")
    assert page.locator("table.attacks tbody tr").count() == 3
    shot(page, "1-overview")
    page.select_option("select[name=class]", "attack_drone")
    page.fill("input[name=since]", "2024-11-01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"class=attack_drone"))
    assert page.locator("table.attacks tbody tr").count() == 2
    shot(page, "2-filtered")


def open_conflicted_attack(page: Any, base: str) -> str:
    page.goto(base + "/attacks?until=2024-10-31", wait_until="networkidle")
    page.click("table.attacks tbody tr >> nth=0 >> a >> nth=0")
    page.wait_for_url(re.compile(r"/attacks/\d+$"))
    assert page.locator("#field-launched .conflict-note").is_visible()
    assert page.locator("#field-launched mark.figure").count() >= 2
    shot(page, "3-attack")
    return str(page.url)


def suggest_by_highlight(page: Any) -> None:
    """Highlight the newspaper's sentence, Ctrl+Enter, fill in and send."""
    quote = select_text(page, "#field-launched ul.conflicting blockquote.evidence")
    assert "launched 30" in quote
    page.keyboard.press("Control+Enter")
    page.locator("dialog#correction").wait_for(state="visible")
    assert page.input_value("#correction-field") == "launched"
    page.fill("#correction-proposed", "30")
    page.fill("#correction-comment", "The newspaper counts 30 drones.")
    shot(page, "4-suggest")
    page.click("#correction-submit")
    # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
    page.locator("#correction-status", has_text="waits for review").wait_for(state="visible")
    shot(page, "5-sent")


def editor_accepts(page: Any, base: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=username]", EDITOR)
    page.fill("input[name=password]", EDITOR_PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(re.compile(r"/review$"))
    card = page.locator("section.correction").first
    assert card.locator(".proposed").inner_text() == "30"
    assert "launched 30" in card.locator("blockquote").inner_text()
    card.locator("input[name=reason]").fill("checked against the newspaper")
    shot(page, "6-review")
    card.locator("button[value=accept]").click()
    page.wait_for_url(re.compile(r"/review$"))
    assert page.locator("section.correction").count() == 0


def test_reader_suggests_and_editor_accepts(server: LiveServer, browser: Any) -> None:
    page = browser.new_page()
    problems: list[str] = []  # console errors include CSP violations
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    overview_and_filter(page, server.url)
    attack_url = open_conflicted_attack(page, server.url)
    suggest_by_highlight(page)
    editor_accepts(page, server.url)

    # The published value changed, and the figure shows its history.
    page.goto(attack_url, wait_until="networkidle")
    row = page.locator("#field-launched")
    assert row.locator(".published").inner_text() == "30"
    assert row.locator(".badge.corrected").is_visible()
    history = row.locator(".history").inner_text()
    assert "29 → 30" in history and EDITOR in history and "checked against" in history
    shot(page, "7-corrected")
    assert not problems, problems


def test_map_shades_regions_and_links_to_attacks(server: LiveServer, browser: Any) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/map", wait_until="networkidle")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("path.leaflet-interactive").count() == 27
    shot(page, "8-map")
    page.locator("table.regions a", has_text="Odesa").click()
    page.wait_for_url(re.compile(r"region=UA-51"))
    assert page.locator("table.attacks tbody tr").count() == 1
    assert not problems, problems
