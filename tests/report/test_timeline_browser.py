"""The generated pages in headless Chromium: what a reader sees, hovers, tabs to and prints.

Debian's chromium, driven by Playwright with executable_path (Playwright's own browsers are not
downloaded). A screenshot of the casualties page is kept in test-artifacts/ for a person to look at.
"""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install "
                                                     "chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records every console error and uncaught exception, and fails the test on any."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    pg.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    yield pg
    context.close()
    assert errors == []


def test_index_lists_the_nine_metrics(page, seed_site: Path, report_metrics) -> None:
    page.goto((seed_site / "index.html").as_uri())
    rows = page.locator("tr.metric")
    assert rows.count() == len(report_metrics) == 9
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.metric)") == list(report_metrics)
    page.get_by_role("link", name=rows.first.locator("th a").inner_text()).click()
    assert page.locator("h1").inner_text() == next(iter(report_metrics.values())).label


def test_casualties_chart_series_and_points(page, seed_site: Path, report_store) -> None:
    from collections import Counter

    from figwatch.figures import source_of

    html_path = seed_site / "casualties-total.html"
    history = report_store.load_figures()["casualties.total"].history
    expected = Counter(source_of(c) or "Unattributed" for c in history)  # one series per source
    page.goto(html_path.as_uri())
    seen = page.locator("svg.chart g.series").evaluate_all(
        "gs => Object.fromEntries(gs.map(g => [g.dataset.source, g.querySelectorAll('a.pt').length]))")
    assert seen == dict(expected) and len(seen) >= 3
    legend = page.locator("ul.legend:not(.key) li").evaluate_all("ls => ls.map(l => l.dataset.source)")
    assert legend == list(seen)
    box = page.locator("svg.chart").bounding_box()
    assert box is not None and box["width"] > 600  # scaled to the page, not a thumbnail


def test_hover_and_focus_show_the_quoted_sentence(page, seed_site: Path, report_store) -> None:
    page.goto((seed_site / "casualties-total.html").as_uri())
    tip = page.locator("#tip")
    assert tip.is_hidden()
    point = page.locator("svg.chart a.pt").first
    quote = point.get_attribute("data-quote")
    point.hover()
    assert tip.is_visible()
    assert quote in tip.inner_text() and point.get_attribute("data-source") in tip.inner_text()
    assert quote in {c.evidence.strip() for c in report_store.claims("casualties.total")}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timeline-casualties-total.png"), full_page=True)
    page.mouse.move(1, 1)
    assert tip.is_hidden()
    last = page.locator("svg.chart a.pt").last
    last.focus()
    assert tip.is_visible() and last.get_attribute("data-quote") in tip.inner_text()
    page.keyboard.press("Escape")
    assert tip.is_hidden()


def test_phone_width_and_print(browser, seed_site: Path) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2, has_touch=True)
    pg = context.new_page()
    url = (seed_site / "casualties-total.html").as_uri()
    pg.goto(url)
    point = pg.locator("svg.chart a.pt").first
    point.tap()  # the first tap shows the sentence instead of leaving the page
    assert pg.url == url and pg.locator("#tip").is_visible()
    assert point.get_attribute("data-quote") in pg.locator("#tip").inner_text()
    overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert pg.locator(".chart-wrap").bounding_box()["width"] <= 375  # the chart scrolls inside its frame
    label_height = pg.locator("svg.chart text.ylab").first.bounding_box()["height"]
    assert label_height >= 10  # axis labels stay legible, not an 800px chart shrunk to a stamp
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "timeline-casualties-total-phone.png"), full_page=True)
    pg.emulate_media(media="print")
    assert pg.locator("nav.back").is_hidden() and pg.locator("svg.chart").is_visible()
    assert pg.pdf()[:4] == b"%PDF"
    context.close()
