"""build_digest and render_digest: order, subject, formatting and escaping as a reader meets them."""
from __future__ import annotations

import html
import json
from html.parser import HTMLParser

from alerts import build_digest, render_digest
from alerts.importance import group_events
from figwatch.models import Event, Notice
from figwatch.wording import fmt_number, fmt_value, header_safe
from tests.alerts.alerts_fakes import METRICS, NOW, changed, claim


def test_numbers_and_qualifiers_read_like_an_editor_wrote_them():
    assert fmt_number(11000.0) == "11,000"
    assert fmt_number(2.5) == "2.5"
    assert fmt_value(claim("x", 4000, "approx")) == "about 4,000"
    assert fmt_value(claim("x", 3000, "more_than")) == "over 3,000"
    assert fmt_value(claim("x", 11000, "range", low=10000, high=12000)) == "10,000–12,000"
    assert fmt_value(claim("x", 50, "at_most")) == "up to 50"
    assert fmt_value(claim("x", 4000, "approx", derived=True)) == "about 4,000 (derived)"  # wherever it is shown


def test_each_metric_is_one_group_ranked_changes_first_then_topic_order():
    small = changed("weapons.shells", 1000, 1100)
    big = changed("troops.deployed", 10000, 12000)
    revision = changed("casualties.total", 3000, 4000, revision=True)
    new = Event("new", "weapons.shells", new=claim("weapons.shells", 5))
    dis = Event("disagreement", "troops.deployed", new=claim("troops.deployed", 11000),
                old=claim("troops.deployed", 15000, who="GUR"))
    held = Event("unconfirmed", "casualties.killed", new=claim("casualties.killed", 9000), reason="names no source")
    d = build_digest([new, held, small, dis, big, revision], [], METRICS, now=NOW)
    # the topic's order (casualties, troops, shells here), each metric's events together, its lead first
    assert list(d.events) == [revision, big, dis, small, new, held]
    assert d.subject == "figwatch: Casualties (total): NIS now says 4,000, up from 3,000 on 2 November"
    assert d.created == NOW and d.id is None
    groups = group_events(d.events, METRICS)
    assert [(g.metric, g.section) for g in groups] == [
        ("casualties.total", "changed"), ("troops.deployed", "changed"), ("weapons.shells", "changed"),
        ("casualties.killed", "unconfirmed")]


def test_the_subject_is_never_a_held_derived_or_disagreement_only_figure():
    derived = Event("new", "casualties.total", new=claim("casualties.total", 4000, "approx", derived=True))
    held = Event("unconfirmed", "troops.deployed", new=claim("troops.deployed", 40000), reason="4x the current figure")
    dis = Event("disagreement", "weapons.shells", new=claim("weapons.shells", 3),
                old=claim("weapons.shells", 9, who="GUR"))
    assert build_digest([derived, held, dis], [], METRICS, now=NOW).subject == \
        "figwatch: 1 figure held for confirmation; sources differ on 1 figure; 1 derived figure"
    # a stated first figure of a lesser metric leads before a derived change of a greater one
    derived_change = Event("changed", "troops.deployed", new=claim("troops.deployed", 12000, derived=True, day=9),
                           old=claim("troops.deployed", 11000))
    first = Event("new", "weapons.shells", new=claim("weapons.shells", 5, who="GUR"))
    d = build_digest([derived_change, first, held], [], METRICS, now=NOW)
    assert d.subject == "figwatch: Artillery shells supplied: GUR says 5"


def test_subject_of_a_lower_estimate_and_of_a_notices_only_digest():
    e = Event("changed", "casualties.total", old=claim("casualties.total", 4000, "more_than"),
              new=claim("casualties.total", 3000, "approx", who="Seoul", day=20))
    assert build_digest([e], [], METRICS, now=NOW).subject == \
        "figwatch: Casualties (total): Seoul says about 3,000, a lower estimate than over 4,000 (NIS, 1 November)"
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
    for part in ("NIS now says 4,000, up from 3,000 on 2 November", "NIS: 1,000 (Nov 2026) → 3,000 (Nov) → 4,000 (Nov)",
                 "GUR says 11,000, a lower estimate than 12,000 (NIS, 2 November)", "Yonhap, 10 Nov 2026",
                 "https://news.example/troops.deployed/10", "Source yonhap failed 3 runs in a row",
                 "https://fig.example/report"):
        assert part in r.text, part
        assert part in html.unescape(r.html), part
    assert "11000" not in r.text and "</script> 4,000 & more" in r.text  # text is text
    assert "<script>" not in r.html and "&lt;/script&gt; 4,000 &amp; more" in r.html
    parsed = _Text()
    parsed.feed(r.html)
    assert "script" not in {t for t, _ in parsed.tags}
    hrefs = [a.get("href") for t, a in parsed.tags if t == "a"]
    assert "javascript:alert(1)" not in hrefs and "https://news.example/troops.deployed/10" in hrefs
    assert not [a for t, a in parsed.tags if t in ("img", "script", "link", "style")]  # no remote assets
    doc = json.loads(r.json)
    assert doc["events"][0]["new"]["evidence"] == evil and doc["events"][0]["percent"] > 33  # the whole sentence
    assert doc["items"][0]["line"] == "NIS now says 4,000, up from 3,000 on 2 November"
    assert doc["notices"][0]["kind"] == "source_failing"


def test_changes_link_to_their_timeline_page_when_a_base_url_is_set():
    digest = build_digest([changed("casualties.total", 3000, 4000)], [], METRICS, now=NOW)
    rendered = render_digest(digest, METRICS, base_url="https://figures.example/report/")
    page = f"https://figures.example/report/{digest.events[0].metric.replace('.', '-')}.html"
    assert page in rendered.text and f'href="{page}"' in rendered.html
    assert any(page in json.dumps(m) for m in rendered.slack_messages)
    assert "report/casualties" not in render_digest(digest, METRICS).text


def test_held_reports_are_listed_short_and_never_as_changes():
    held = [Event("unconfirmed", "troops.deployed", new=claim("troops.deployed", 30000 + i, who=f"S{i}", day=i + 1),
                  reason="3x the current figure") for i in range(5)]
    change = changed("casualties.total", 3000, 4000, revision=True)
    beside = Event("unconfirmed", "casualties.total", new=claim("casualties.total", 12000, day=11),
                   reason="names no source")
    r = render_digest(build_digest([*held, change, beside], [], METRICS, now=NOW), METRICS)
    assert r.subject == "figwatch: Casualties (total): NIS now says 4,000, up from 3,000 on 2 November"
    changed_part, unconfirmed_part = r.text.split("UNCONFIRMED")
    assert "Unconfirmed: 12,000 (NIS, Yonhap, 11 Nov 2026): held, names no source" in changed_part
    assert "30,00" not in changed_part
    # the newest three of five, then a count: one line for the metric, its label once
    assert unconfirmed_part.count("North Korean troops in Russia") == 1
    assert "30,004 (S4, Yonhap, 5 Nov 2026): held, 3x the current figure" in unconfirmed_part
    assert "30,001" not in unconfirmed_part and "and 2 more held" in unconfirmed_part


def test_a_disagreement_is_one_item_with_each_sources_current_estimate():
    t = "troops.deployed"
    first = Event("disagreement", t, new=claim(t, 11000, who="NIS", day=5), old=claim(t, 15000, who="GUR", day=2))
    later = Event("disagreement", t, new=claim(t, 12000, who="NIS", day=9), old=claim(t, 10000, who="DIA", day=3))
    r = render_digest(build_digest([first, later], [], METRICS, now=NOW), METRICS)
    assert r.subject == "figwatch: sources differ on 1 figure"
    assert r.text.count("North Korean troops in Russia") == 1
    assert "NIS 12,000, 9 Nov 2026\n  DIA 10,000, 3 Nov 2026\n  GUR 15,000, 2 Nov 2026" in r.text
    assert "11,000" not in r.text  # NIS's earlier estimate is not its current one
