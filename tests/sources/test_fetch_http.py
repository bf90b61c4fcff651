"""fetch_url against a real loopback server: limits, retries, redirects, conditional GET."""
from __future__ import annotations

import gzip
import time

from werkzeug import Response

from figwatch.models import HttpState
from figwatch.sources.fetch import fetch_url

BOMB = gzip.compress(b"\0" * 5_000_000, compresslevel=9)  # ~5 kB on the wire, 5 MB inflated


def get(client, url, settings, sleeps, **kw):
    return fetch_url(client, url, settings, deadline=time.monotonic() + 60, sleep=sleeps.append, **kw)


def test_user_agent_names_figwatch_and_contact(httpserver, client, settings, sleeps):
    httpserver.expect_request("/f").respond_with_data("ok")
    fetched = get(client, httpserver.url_for("/f"), settings, sleeps)
    assert fetched.body == b"ok" and fetched.requests == 1
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"] == "figwatch/0.1 (+ops@example.org)"


def test_gzip_body_is_inflated_and_a_gzip_bomb_is_refused(httpserver, client, settings, sleeps):
    small = gzip.compress(b"<rss/>" * 10)
    httpserver.expect_request("/ok").respond_with_data(small, headers={"Content-Encoding": "gzip"})
    httpserver.expect_request("/bomb").respond_with_data(BOMB, headers={"Content-Encoding": "gzip"})
    assert get(client, httpserver.url_for("/ok"), settings, sleeps).body == b"<rss/>" * 10
    fetched = get(client, httpserver.url_for("/bomb"), settings, sleeps)
    assert fetched.body == b"" and "compression bomb" in fetched.error
    assert len(BOMB) < settings.max_bytes  # refused for what it inflates to, not what it weighs


def test_body_over_the_cap_is_refused_with_and_without_length(httpserver, client, settings, sleeps):
    big = b"x" * (settings.max_bytes + 1)
    httpserver.expect_request("/big").respond_with_data(big)
    httpserver.expect_request("/stream").respond_with_response(Response(iter([big[:100_000]] * 3)))
    assert "cap" in get(client, httpserver.url_for("/big"), settings, sleeps).error
    assert "cap" in get(client, httpserver.url_for("/stream"), settings, sleeps).error


def test_slow_endpoint_times_out_and_is_recorded(httpserver, client, settings, sleeps):
    from dataclasses import replace

    def slow(request):
        time.sleep(0.5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    quick = replace(settings, read_timeout=0.05, retries=1)
    fetched = get(client, httpserver.url_for("/slow"), quick, sleeps)
    assert "timed out" in fetched.error and fetched.requests == 2 and len(sleeps) == 1


def test_redirect_loop_and_other_schemes_are_refused(httpserver, client, settings, sleeps):
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/a"})
    httpserver.expect_request("/file").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    assert get(client, httpserver.url_for("/a"), settings, sleeps).error == "redirect loop"
    assert "'file' URL refused" in get(client, httpserver.url_for("/file"), settings, sleeps).error


def test_redirect_is_followed_and_final_url_kept(httpserver, client, settings, sleeps):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("here")
    fetched = get(client, httpserver.url_for("/old"), settings, sleeps)
    assert (fetched.body, fetched.final_url, fetched.requests) == (b"here", httpserver.url_for("/new"), 2)


def test_429_honours_retry_after_then_succeeds(httpserver, client, settings, sleeps):
    httpserver.expect_oneshot_request("/r").respond_with_data("busy", status=429, headers={"Retry-After": "7"})
    httpserver.expect_oneshot_request("/r").respond_with_data("busy", status=503)
    httpserver.expect_request("/r").respond_with_data("fine")
    fetched = get(client, httpserver.url_for("/r"), settings, sleeps)
    assert fetched.body == b"fine" and fetched.requests == 3
    assert sleeps[0] == 7 and 0 < sleeps[1] < 1  # Retry-After, then jittered backoff


def test_retry_after_beyond_the_limit_or_budget_gives_up(httpserver, client, settings, sleeps):
    httpserver.expect_request("/r").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    fetched = get(client, httpserver.url_for("/r"), settings, sleeps)
    assert "HTTP 429" in fetched.error and sleeps == [] and fetched.requests == 1
    httpserver.expect_request("/e").respond_with_data("", status=500)
    short = fetch_url(client, httpserver.url_for("/e"), settings, deadline=time.monotonic() + 0.0001,
                      sleep=sleeps.append)
    assert short.error and sleeps == []


def test_404_is_not_retried(httpserver, client, settings, sleeps):
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    fetched = get(client, httpserver.url_for("/gone"), settings, sleeps)
    assert fetched.error == "HTTP 404" and fetched.requests == 1


def test_conditional_get_sends_validators_and_304_keeps_state(httpserver, client, settings, sleeps):
    httpserver.expect_request("/c", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    state = HttpState(url=httpserver.url_for("/c"), etag='"v1"', last_modified="Mon, 03 Feb 2025 10:00:00 GMT")
    fetched = get(client, state.url, settings, sleeps, state=state)
    assert fetched.not_modified and fetched.http_state() == state
    assert httpserver.log[0][0].headers["If-Modified-Since"] == state.last_modified


def test_truncated_compressed_body_is_an_error(httpserver, client, settings, sleeps):
    cut = gzip.compress(b"<rss>" + b"a" * 5000 + b"</rss>")[:-20]
    httpserver.expect_request("/t").respond_with_data(cut, headers={"Content-Encoding": "gzip"})
    assert "truncated" in get(client, httpserver.url_for("/t"), settings, sleeps).error


def test_slow_drip_body_hits_the_total_timeout(httpserver, client, settings, sleeps):
    from dataclasses import replace

    def drip():
        for _ in range(40):
            time.sleep(0.02)
            yield b"<rss>" * 10

    httpserver.expect_request("/drip").respond_with_response(Response(drip(), content_type="application/rss+xml"))
    quick = replace(settings, total_timeout=0.1, read_timeout=1, retries=0)
    fetched = get(client, httpserver.url_for("/drip"), quick, sleeps)
    assert "total timeout" in fetched.error and fetched.body == b""
