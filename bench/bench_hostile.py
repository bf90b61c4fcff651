"""Cost that an attacker controls: seconds and counted work on the inputs of issue 19.

- dots: a sentence followed by 10k, 20k and 40k dots (the splitter was quadratic on runs of marks);
- ministry: 666 figures whose sentences speak through "the Ministry said" (who-said-it searched its
  neighbours again for every figure);
- feed: 85,000 tiny entries under the 10 MB cap, and one entry of 300,000 HTML tags (feedparser
  built every entry and sanitised every tag, though 1,000 entries are read);
- article cap: the costliest text we know, at the per-article cap a run extracts (flows.steps);
- run: one monitor run with a 10 s budget over a loopback feed holding all of the above (the issue's
  40 KB entry made such a run take 77 s).

The tests bound the counted work (tests/extractors/test_linear_work.py, tests/sources/test_feed_work.py);
this script only reports seconds beside it.

usage: python -m bench.bench_hostile [--json OUT] [--skip-slow]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from extractors import extract, load_topic
from extractors.extract import measure_work
from figwatch.config import load_settings
from figwatch.sources.feeds import FeedWork, parse_feed
from flows.jobs import report_json, run_monitor

NOW = datetime(2025, 4, 1, tzinfo=timezone.utc)


def dots(n: int) -> str:
    return "North Korea sent 1,000 troops to Russia" + "." * n + " and more arrived."  # no capital: no boundary


def ministry(figures: int) -> str:
    return " ".join(f"North Korea sent {1_000 + i:,} troops to Russia, the Ministry said." for i in range(figures))


def feed(entries: int, body: str = "") -> bytes:
    items = "".join(f"<item><title>t{i}</title><link>https://ex.org/{i}</link>{body}</item>" for i in range(entries))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}'
            "</channel></rss>").encode()


def tag_heavy_feed(tags: int) -> bytes:
    heavy = "<description><![CDATA[" + "<b>x</b>" * (tags // 2) + "]]></description>"
    entry = f"</item><item><title>heavy</title>{heavy}</item><item><title>t2"
    return feed(3).replace(b"</item><item><title>t2", entry.encode())


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = call()
    return time.perf_counter() - start, out


def text_case(text: str, topic) -> dict[str, Any]:
    seconds, work = timed(lambda: measure_work(text, topic=topic))  # extract's own work, counted as it goes
    return {"chars": len(text), "seconds": round(seconds, 3), "work": asdict(work)}


def feed_case(data: bytes) -> dict[str, Any]:
    work = FeedWork()
    seconds, parsed = timed(lambda: parse_feed(data, "https://ex.org/feed", now=NOW, content_type="application/rss+xml",
                                               work=work))
    return {"bytes": len(data), "seconds": round(seconds, 3), "entries": len(parsed.entries), "work": asdict(work)}


# the costliest texts known per character: figures speaking through a pronoun, and sentences of 39 numbers
COSTLY = {"ministry": "North Korea sent 1,000 troops to Russia, the Ministry said. The ministry said 300 died. ",
          "numbers": "North Korean troops " + " ".join(str(n) for n in range(1, 40)) + ". "}


def article_cap_case(topic) -> dict[str, Any]:
    """The costliest text known, cut at the cap a run extracts (absent before the cap existed)."""
    try:
        from flows.steps import ARTICLE_CHARS
    except ImportError:
        return {"cap": None}
    rows = {name: text_case((unit * (ARTICLE_CHARS // len(unit) + 1))[:ARTICLE_CHARS], topic)
            for name, unit in COSTLY.items()}
    name, row = max(rows.items(), key=lambda kv: kv[1]["seconds"])
    return {"cap": ARTICLE_CHARS, "text": name, **row}


def hostile_feed() -> bytes:
    """A feed whose entries carry the hostile texts, then 3,000 tiny entries."""
    texts = [dots(40_000), ministry(666), dots(20_000).replace(".", "?")]
    items = "".join(f"<item><title>h{i}</title><link>http://127.0.0.1/h{i}</link><guid>h{i}</guid>"
                    f"<description><![CDATA[{t}]]></description></item>" for i, t in enumerate(texts))
    return feed(3_000).replace(b"<title>T</title>", b"<title>T</title>" + items.encode())


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def run_case(budget: float = 10.0) -> dict[str, Any]:
    """One monitor run (no Prefect, SQLite) with `budget` seconds over the hostile feed on loopback."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "feed.xml").write_bytes(hostile_feed())
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            config = home / "figwatch.toml"
            config.write_text(
                f'home = "{home / "home"}"\n[store]\nurl = "sqlite:///{home / "figwatch.db"}"\n'
                f'[[sources]]\nname = "hostile"\nurl = "http://127.0.0.1:{server.server_address[1]}/feed.xml"\n'
                f'[fetch]\nrun_budget = {budget}\nfetch_pages = false\npolite_delay = 0.0\n'
                f'[alerts.files]\ndir = "{home / "digests"}"\n', encoding="utf-8")
            seconds, report = timed(lambda: report_json(run_monitor(load_settings(config))))
        finally:
            server.shutdown()
    return {"budget": budget, "seconds": round(seconds, 3), "articles_new": report["articles_new"],
            "deferred": report.get("deferred"), "source_errors": report["source_errors"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="OUT", help="write the figures as JSON")
    parser.add_argument("--skip-slow", action="store_true", help="leave out the 40k dots and the 85k-entry feed")
    args = parser.parse_args(argv)
    topic = load_topic()
    extract("North Korea sent 1,000 troops to Russia.", topic=topic)  # compile once, outside the clock
    cases: dict[str, dict[str, Any]] = {}
    for n in (10_000, 20_000) if args.skip_slow else (10_000, 20_000, 40_000):
        cases[f"dots {n // 1000}k"] = text_case(dots(n), topic)
    cases["ministry 666 figures"] = text_case(ministry(666), topic)
    cases["feed 85k entries"] = feed_case(feed(8_500 if args.skip_slow else 85_000))
    cases["feed one entry of 300k tags"] = feed_case(tag_heavy_feed(300_000))
    cases["article at the cap"] = article_cap_case(topic)
    cases["run, 10 s budget"] = run_case()
    print(f"{'case':<30} {'size':>10} {'seconds':>9}  work")
    for name, row in cases.items():
        size = row.get("chars", row.get("bytes", row.get("cap", row.get("budget"))))
        work = {k: v for k, v in row.get("work", {}).items() if v} or {
            k: v for k, v in row.items() if k in ("articles_new", "deferred", "source_errors")}
        print(f"{name:<30} {size or '-':>10} {row.get('seconds', '-'):>9}  {work}")
    if args.json:
        Path(args.json).write_text(json.dumps(cases, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
