"""A Slack incoming webhook on loopback that counts what it accepted, part by part.

It answers like Slack: 200 "ok", or 429 with Retry-After (seconds) when its limit is hit.
`limit_every=N` answers 429 to the post after every N accepted ones (once each time);
`hold_at=N` keeps the first post of part N waiting until the test releases it; `kill_at=N` SIGKILLs the
process `victim` once part N is accepted, before answering (the sender never hears the 200).
"""
from __future__ import annotations

import json
import os
import re
import signal
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from figwatch.models import Claim, Digest, Event, Metric

HOOK = "/services/T000/B000/xoxSECRETtoken"
PART = re.compile(r"\(part (\d+) of (\d+)\)")


@dataclass
class SlackSink:
    limit_every: int | None = None
    retry_after: str = "1"
    hold_at: int | None = None
    kill_at: int | None = None
    victim: int | None = None  # a pid
    accepted: Counter[int] = field(default_factory=Counter)  # part number -> times accepted
    bodies: list[dict] = field(default_factory=list)
    limited: int = 0  # 429s answered
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _since_limit: int = 0

    def __call__(self, request: Request) -> Response:
        message = json.loads(request.get_data())
        found = PART.search(message["blocks"][0]["text"]["text"])
        part = int(found.group(1)) if found else 1
        if part == self.hold_at and not self.held.is_set():
            self.held.set()
            self.release.wait(30)
        with self._lock:
            if self.limit_every is not None and self._since_limit >= self.limit_every:
                self._since_limit = 0
                self.limited += 1
                return Response("rate_limited", status=429, headers={"Retry-After": self.retry_after})
            self.accepted[part] += 1
            self.bodies.append(message)
            self._since_limit += 1
            if part == self.kill_at and self.victim is not None:
                os.kill(self.victim, signal.SIGKILL)
                self.victim = None
        return Response("ok")

    def posts_per_part(self, total: int) -> list[int]:
        return [self.accepted[n] for n in range(1, total + 1)]


def serve(sink: SlackSink) -> Iterator[HTTPServer]:
    """A threaded loopback server (a held post must not block the others) answering with `sink`."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request(HOOK, method="POST").respond_with_handler(sink)
    server.start()
    try:
        yield server
    finally:
        sink.release.set()
        server.clear()
        server.stop()


def big_digest(created: datetime, events: int, metric: str = "troops.deployed") -> Digest:
    """`events` changes, each of its own metric (a digest shows a metric once) and with its own quote."""
    def claim(value: float, day: int, i: int) -> Claim:
        return Claim(metric=f"{metric}.{i}", value=value, qualifier="approx",
                     evidence=f"Report {value:,.0f}: " + "word " * 60,
                     start=0, end=1, source_key="NIS", outlet="Yonhap", article_url=f"https://news.example/{value}",
                     published=created.replace(day=day))
    changes = [Event("changed", f"{metric}.{i}", new=claim(20_000 + i, 2, i), old=claim(10_000 + i, 1, i))
               for i in range(events)]
    return Digest(subject=f"figwatch: {events} changes", created=created, events=tuple(changes))


METRIC = {f"troops.deployed.{i}": Metric(f"troops.deployed.{i}", f"North Korean troops in Russia ({i})", "soldiers")
          for i in range(400)}
