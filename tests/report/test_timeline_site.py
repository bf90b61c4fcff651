"""The static site from a store: every metric listed, one series per source, text escaped."""
from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import urllib.request
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from figwatch.figures import source_of
from figwatch.models import Claim
from figwatch.wording import fmt_date, fmt_value
from report import build_site, metric_page_name, metric_page_url
from report.http_server import make_server
from report.metric_view import UNATTRIBUTED, series_label
from tests.report.html_probe import PageProbe
from tests.report.timeline_seed import METRICS, FakeStore

T = datetime(2025, 5, 2, tzinfo=timezone.utc)


def expected_series(store, metric: str) -> dict[str, int]:
    """What the chart must show, straight from the store: reports per source, by label."""
    history = store.load_figures()[metric].history
    per = Counter(source_of(c) for c in history)
    names = {source_of(c): (series_label(c) if source_of(c) else UNATTRIBUTED) for c in history}
    return {names[k]: n for k, n in per.items()}


def test_index_lists_every_metric_and_says_when_there_is_no_report(seed_site: Path, report_store) -> None:
    probe = PageProbe((seed_site / "index.html").read_text(encoding="utf-8"))
    assert [r["data-metric"] for r in probe.rows] == list(METRICS)
    figures = report_store.load_figures()
    empty = [r["data-metric"] for r in probe.rows if "empty" in r["class"].split()]
    assert empty == [m for m in METRICS if m not in figures]
    assert (seed_site / "index.html").read_text(encoding="utf-8").count("no report yet") == len(empty)
    # a metric with only held reports (the seeds' unsourced missiles) says so, not "no report yet"
    held = [r["data-metric"] for r in probe.rows if "held" in r["class"].split()]
    assert held == [m for m in METRICS if m in figures and not figures[m].history and figures[m].held]
    assert "weapons.missiles" in held
    for metric in METRICS:
        assert (seed_site / metric_page_name(metric)).is_file()


def test_index_row_shows_latest_value_last_change_sparkline_and_date(seed_site: Path, report_store) -> None:
    html = (seed_site / "index.html").read_text(encoding="utf-8")
    row = html[html.index('data-metric="casualties.total"'):]
    row = row[: row.index("</tr>")]
    figure = report_store.load_figures()["casualties.total"]
    assert f"<strong>{fmt_value(figure.baseline)} soldiers</strong>" in row
    assert f'<time datetime="{fmt_date(figure.baseline)}">' in row
    assert "over 3,000 → about 4,000, +1,000 (+33.3%), on 2025-03-27" in row  # the seeds' story
    assert re.search(r'<polyline points="[0-9., ]+" />', row)
    troops = html[html.index('data-metric="troops.deployed"'):]
    # issue 15: January's sourced 11,000 is the figure; the unsourced 12,000 of the same day is held
    assert "no change yet" in troops[: troops.index("</tr>")]


def test_casualties_chart_has_one_series_per_source_with_its_reports(seed_site: Path, report_store) -> None:
    probe = PageProbe((seed_site / "casualties-total.html").read_text(encoding="utf-8"))
    assert probe.points_by_series() == expected_series(report_store, "casualties.total")
    assert len(probe.series) == len({s["data-source"] for s in probe.series}) >= 2
    for _, point in probe.points:
        assert point["tabindex"] == "0" and point["aria-label"] and point["data-quote"]
        assert point["href"].startswith(("file://", "http"))  # every point links to its article


def test_seed_casualties_tell_the_story(fake_site: Path) -> None:
    """The fake seed store's casualties: Kyiv, Seoul, South Korea's military, unattributed."""
    html = (fake_site / "casualties-total.html").read_text(encoding="utf-8")
    probe = PageProbe(html)
    assert probe.points_by_series() == {"Kyiv": 1, "Seoul": 1, "South Korea’s military": 1, UNATTRIBUTED: 1}
    kyiv = [p for s, p in probe.points if s == "Kyiv"][0]
    assert kyiv["data-value"] == "over 3,000 soldiers" and kyiv["data-date"] == "2025-01-24"
    assert kyiv["data-outlet"] == "Defence Talks" and "as per Kyiv’s figures" in kyiv["data-quote"]
    assert probe.count("path", "bound") == 1  # "over 3,000" is open upwards
    # issue 15: "over 3,000" and "about 4,000" on one day agree, so no disagreement is listed
    assert "Disagreements" not in html and html.index("2025-03-27") < html.index("2025-01-24", html.index("<table"))


def test_pages_are_self_contained_with_text_alternatives(seed_site: Path) -> None:
    for page in seed_site.glob("*.html"):
        probe = PageProbe(page.read_text(encoding="utf-8"))
        assert not any("src" in a for _, a in probe.tags), page.name  # no remote (or any) assets
        assert not any(t == "link" and a.get("rel") == "stylesheet" for t, a in probe.tags)
    probe = PageProbe((seed_site / "casualties-total.html").read_text(encoding="utf-8"))
    assert probe.count("title") == 2 and probe.count("desc") == 1  # page title, chart title, chart desc
    assert probe.count("svg", "chart") == 1 and probe.count("ul", "legend") == 2


def hostile_claims() -> list[Claim]:
    evil = 'He said <script>alert("x")</script> & left "quoted" 600 dead.'
    base = dict(metric="casualties.killed", qualifier="exact", start=0, end=1, outlet="<b>Outlet</b>")
    return [
        Claim(value=300, evidence="NIS: 300 killed.", source="NIS", source_key="NIS", published=T.replace(month=1),
              article_url="https://example.org/jan", **base),
        Claim(value=600, evidence=evil, source='NIS "quote" <i>', source_key="NIS", published=T,
              article_url="javascript:alert(1)", **base),
        Claim(value=650, evidence="Between 500 and 800.", source="JCS", source_key="JCS", published=T,
              article_url="https://example.org/range", **{**base, "qualifier": "range"}, low=500, high=800),
    ]


def test_article_text_is_escaped_and_hostile_links_dropped(tmp_path: Path) -> None:
    build_site(FakeStore(hostile_claims()), METRICS, tmp_path)
    html = (tmp_path / "casualties-killed.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<b>Outlet</b>" not in html and "javascript:" not in html
    probe = PageProbe(html)
    evil = [p for _, p in probe.points if "alert" in p["data-quote"]][0]
    assert evil["data-quote"].startswith("He said <script>")  # the parser unescaped what the page escaped
    assert "href" not in evil


def test_ranges_are_bands_and_a_source_revising_itself_is_marked(tmp_path: Path) -> None:
    build_site(FakeStore(hostile_claims()), METRICS, tmp_path)
    probe = PageProbe((tmp_path / "casualties-killed.html").read_text(encoding="utf-8"))
    assert probe.count("rect", "band") == 1
    revised = [p for s, p in probe.points if "revision" in p["class"].split()]
    assert [p["data-value"] for p in revised] == ["600 soldiers"]
    assert probe.count("circle", "ring") == 1 and "a revision" in revised[0]["aria-label"]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "300 → 600, +300 (+100%), on 2025-05-02" in index


def test_base_url_gives_canonical_links(tmp_path: Path, report_store) -> None:
    build_site(report_store, METRICS, tmp_path, base_url="https://figs.example.org/report")
    html = (tmp_path / "casualties-total.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://figs.example.org/report/casualties-total.html">' in html


def test_digests_link_to_the_metric_page() -> None:
    for base in ("https://figs.example.org/report", "https://figs.example.org/report/"):
        assert metric_page_url(base, "casualties.total") == "https://figs.example.org/report/casualties-total.html"


def test_serve_site_serves_until_interrupted(seed_site: Path) -> None:
    """The function the CLI calls: prints its address, answers on 127.0.0.1, stops on Ctrl-C (SIGINT)."""
    # Ctrl-C as a terminal delivers it: a runner that started us in the background (nohup, &) has
    # SIGINT ignored, and a child inherits that, so the child takes Python's own handler back first
    code = ("import signal, sys; from pathlib import Path; from report import serve_site; "
            "signal.signal(signal.SIGINT, signal.default_int_handler); serve_site(Path(sys.argv[1]), port=0)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(seed_site)], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url + "index.html") as resp:
            assert resp.status == 200 and b'data-metric="casualties.total"' in resp.read()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_answers_on_loopback_only(seed_site: Path) -> None:
    server = make_server(seed_site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/casualties-total.html") as resp:
            assert resp.status == 200 and b'class="series"' in resp.read()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
