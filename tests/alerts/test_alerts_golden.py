"""Golden files: the seed digest and the story digests, text and HTML, as a reader gets them.

The seed digest is the real thing: the seed corpus through extraction, the fold, the outbox and
the files channel of a direct monitor run at a fixed time. The stories (tests/alerts/stories.py)
are events built in code: a revision with its series, three sources that differ, held reports
beside a derived figure, and a digest with nothing confirmed.

Every digest is compared with tests/alerts/golden/<name>.txt and <name>.html, and must read in
ten seconds: at most 300 words of text, no metric label twice, no quote twice, and text, HTML,
Slack and JSON telling the same items. After a deliberate change to how a digest reads (or to
what the fold makes of the seeds), regenerate the golden files and review their diff:

    FIGWATCH_UPDATE_GOLDEN=1 PYTHONPATH=. .venv/bin/pytest -p no:cacheprovider -q tests/alerts/test_alerts_golden.py
"""
from __future__ import annotations

import difflib
import html
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

import pytest

from alerts import build_digest, render_digest
from alerts.slack_blocks import mrkdwn_escape
from extractors import load_topic
from figwatch.config import load_settings
from flows.jobs import run_monitor
from flows.steps import open_runtime
from tests.alerts.stories import NOW, STORIES
from tests.flows.helpers import write_config

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("FIGWATCH_UPDATE_GOLDEN") == "1"
SEED_NOW = datetime(2025, 3, 28, 6, 0, tzinfo=timezone.utc)  # the morning after the last seed article
MAX_WORDS = 300
METRICS = load_topic().metrics


class Told(NamedTuple):
    name: str
    text: str
    html: str
    json: str
    slack: tuple[dict, ...]


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with FIGWATCH_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), str(path), "now"))
        pytest.fail(f"{name} differs from its golden file (FIGWATCH_UPDATE_GOLDEN=1 to accept):\n{diff}")


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Told:
    """The seed run's digest as the files channel wrote it, and as Slack would get it."""
    tmp = tmp_path_factory.mktemp("seed")
    settings = load_settings(write_config(tmp))
    report = run_monitor(settings, now=SEED_NOW)
    assert len(report.digests) == 1
    written = {ext: next((tmp / "digests").glob(f"digest-*.{ext}")).read_text(encoding="utf-8")
               for ext in ("txt", "html", "json")}
    rt = open_runtime(settings)
    try:
        digest = rt.store.get_digest(report.digests[0])
        history = {name: fig.history for name, fig in rt.store.load_figures().items()}
    finally:
        rt.store.close()
    rendered = render_digest(digest, rt.metrics, history=history)
    assert (rendered.text, rendered.html, rendered.json + "\n") == (written["txt"], written["html"], written["json"])
    return Told("seed", written["txt"], written["html"], written["json"], rendered.slack_messages)


def story(name: str) -> Told:
    s = next(s for s in STORIES if s.name == name)
    base_url = "https://figures.example/report" if name == "unconfirmed_and_derived" else None
    r = render_digest(build_digest(s.events, s.notices, METRICS, now=NOW), METRICS, base_url=base_url)
    return Told(name, r.text, r.html, r.json, r.slack_messages)


STORY_NAMES = [s.name for s in STORIES]


def all_digests(seed: Told) -> list[Told]:
    return [seed] + [story(n) for n in STORY_NAMES]


def test_seed_digest_matches_its_golden_files(seed):
    check_golden("seed.txt", seed.text)
    check_golden("seed.html", seed.html)


@pytest.mark.parametrize("name", STORY_NAMES)
def test_story_digest_matches_its_golden_files(name):
    told = story(name)
    check_golden(f"{name}.txt", told.text)
    check_golden(f"{name}.html", told.html)


def _body(page: str) -> str:
    """The HTML body as a reader sees it: tags gone, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1]))


def quotes_of(text: str) -> list[str]:
    return re.findall(r'^\s+"(.+)"$', text, re.MULTILINE)


def test_every_digest_reads_in_ten_seconds(seed):
    for told in all_digests(seed):
        words = len(told.text.split())  # every token counts, as `wc -w` counts them
        assert words <= MAX_WORDS, f"{told.name}: {words} words"
        for m in METRICS.values():
            assert told.text.count(m.label) <= 1, f"{told.name}: {m.label!r} twice in the text"
            assert _body(told.html).count(m.label) <= 1, f"{told.name}: {m.label!r} twice in the HTML"
        quotes = [q.replace("…", "").lower() for q in quotes_of(told.text)]
        for i, q in enumerate(quotes):
            assert not any(q in other for j, other in enumerate(quotes) if j != i), f"{told.name}: {q!r} quoted twice"


def test_text_html_slack_and_json_tell_the_same_items(seed):
    for told in all_digests(seed):
        doc = json.loads(told.json)
        body = _body(told.html)
        slack = "\n".join(b["text"]["text"] for m in told.slack for b in m["blocks"] if b["type"] == "section")
        slack += "\n".join(e["text"] for m in told.slack for b in m["blocks"] if b["type"] == "context"
                           for e in b["elements"])
        items = doc["items"]
        assert len(items) == len({i["metric"] for i in items})  # each metric once
        for item in items:
            quote = item["cite"]["quote"] if item["cite"] else ""
            said = [item["label"], item["line"], quote, *item["series"], *item["estimates"], *item["held"],
                    item["held_more"]]
            if item["cite"]:
                said.append(item["cite"]["provenance"])
            for words in filter(None, said):
                assert words in told.text, (told.name, words)
                assert words in body, (told.name, words)
                assert mrkdwn_escape(words) in slack, (told.name, words)
        for group in doc["unconfirmed"]:
            for words in filter(None, (group["label"], *group["held"], group["held_more"])):
                assert words in told.text and words in body and mrkdwn_escape(words) in slack, (told.name, words)
        kinds = {e["kind"] for e in doc["events"]}
        assert kinds <= {"new", "changed", "disagreement", "unconfirmed"}
