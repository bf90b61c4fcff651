"""build_digest and render_digest: order, subject, formatting and escaping as a reader meets them."""
from __future__ import annotations

import json
from html.parser import HTMLParser

from alerts import build_digest, render_digest
from figwatch.wording import fmt_number, fmt_value, header_safe
from tests.alerts.alerts_fakes import METRICS, NOW, changed, claim
from figwatch.models import Event, Notice


def test_numbers_and_qualifiers_read_like_an_editor_wrote_them():
    assert fmt_number(11000.0) == "11,000"
    assert fmt_number(2.5) == "2.5"
    assert fmt_value(claim("x", 4000, "approx")) == "about 4,000"
    assert fmt_value(claim("x", 3000, "more_than")) == "over 3,000"
    assert fmt_value(claim("x", 11000, "range", low=10000, high=12000)) == "10,000–12,000"
    assert fmt_value(claim("x", 50, "at_most")) == "up to 50"


def test_order_is_revisions_then_size_then_disagreements_then_new_and_subject_names_the_first():
    small = changed("weapons.shells", 1000, 1100)
    big = changed("troops.deployed", 10000, 12000)
    revision = changed("casualties.total", 3000, 4000, revision=True)
    new = Event("new", "weapons.shells", new=claim("weapons.shells", 5))
    dis = Event("disagreement", "troops.deployed", new=claim("troops.deployed", 11000),
                old=claim("troops.deployed", 15000, who="GUR"))
    d = build_digest([new, small, dis, big, revision], [], METRICS, now=NOW)
    assert [e.kind for e in d.events] == ["changed"] * 3 + ["disagreement", "new"]
    assert d.events[0] is revision and d.events[1] is big and d.events[2] is small
    assert d.subject == "figwatch: Casualties (total) 3,000 → 4,000, per NIS (+4 more)"
    assert d.created == NOW and d.id is None


def test_subject_of_qualified_change_and_of_a_notices_only_digest():
    e = Event("changed", "casualties.total", old=claim("casualties.total", 3000, "more_than"),
              new=claim("casualties.total", 4000, "approx", who="Seoul"))
    assert build_digest([e], [], METRICS, now=NOW).subject == \
        "figwatch: Casualties (total) over 3,000 → about 4,000, per Seoul"
    n = Notice("source_failing", "yonhap", "Source yonhap failed 3 runs in a row\r\nBcc: x@evil")
    d = build_digest([], [n], METRICS, now=NOW)
    assert "\n" not in d.subject and "\r" not in d.subject and d.subject.startswith("figwatch: Source yonhap")
    assert "Bcc" in header_safe(d.subject)  # kept as words on the one line, never as a header


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.data = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.data.append(data)


def test_render_shows_everything_a_change_needs_and_escapes_article_text():
    evil = 'NIS said <script>alert("x")</script> 4,000 & more were hurt.'
    e = changed("casualties.total", 3000, 4000, revision=True, evidence=evil, url="javascript:alert(1)")
    down = changed("troops.deployed", 12000, 11000.0, who="GUR")
    hist = {"casualties.total": [claim("casualties.total", v, day=i + 1) for i, v in enumerate([1000, 3000, 4000])]}
    notice = Notice("source_failing", "yonhap", "Source yonhap failed 3 runs in a row")
    d = build_digest([e, down], [notice], METRICS, now=NOW)
    r = render_digest(d, METRICS, base_url="https://fig.example/report", history=hist)
    for part in ("3,000 → 4,000 soldiers", "+1,000 (+33.3%)", "revised by NIS", "12,000 → 11,000 soldiers",
                 "-1,000 (-8.3%)", "downward revision", "Yonhap", "2026-11-10", "https://news.example/troops.deployed/10",
                 "Source yonhap failed 3 runs in a row", "https://fig.example/report"):
        assert part in r.text, part
        assert part in r.html, part
    assert "11000.0" not in r.text and "<script>" in r.text  # text is text
    assert "<script>" not in r.html and "&lt;script&gt;" in r.html
    parsed = _Text()
    parsed.feed(r.html)
    assert "script" not in {t for t, _ in parsed.tags}
    hrefs = [a.get("href") for t, a in parsed.tags if t == "a"]
    assert "javascript:alert(1)" not in hrefs and "https://news.example/troops.deployed/10" in hrefs
    assert not [a for t, a in parsed.tags if t in ("img", "script", "link", "style")]  # no remote assets
    assert "2026-11-01" in r.text  # history table rows
    doc = json.loads(r.json)
    assert doc["events"][0]["new"]["evidence"] == evil and doc["events"][0]["percent"] > 33
    assert doc["notices"][0]["kind"] == "source_failing"


def test_changes_link_to_their_timeline_page_when_a_base_url_is_set():
    digest = build_digest([changed("casualties.total", 3000, 4000)], [], METRICS, now=NOW)
    rendered = render_digest(digest, METRICS, base_url="https://figures.example/report/")
    page = f"https://figures.example/report/{digest.events[0].metric.replace('.', '-')}.html"
    assert page in rendered.text and f'href="{page}"' in rendered.html
    assert any(page in json.dumps(m) for m in rendered.slack_messages)
    assert "report/casualties" not in render_digest(digest, METRICS).text
