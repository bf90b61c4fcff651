"""Article text cannot drive the operator's terminal: `figwatch review` and the text digest show
ESC, BEL and C1 controls escaped, and bidi overrides and isolates too (a right-to-left override
would show a line in another order). Real runs of the command on an article file that carries them."""
from __future__ import annotations

import json

from tests.cli.helpers import figwatch
from tests.flows.helpers import write_config

RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")
ARTICLE = ("Title: Troops \u202eoffline\u202c\nPublished: 2025-03-01\n\n"
           "North Korea has sent 11,000 troops to Russia, South Korea's military said \x1b]0;owned\x07 on Thursday.\n\n"
           "Pyongyang could send up to 30,000 more troops \x1b[31mnext year\x9b, a \u2066think tank\u2069 projected.\n")


def _run_over(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    config = str(write_config(tmp_path, seeds=folder))
    done = figwatch("run", "--direct", "--config", config)
    assert done.returncode == 0, done.stderr
    return config


def test_review_and_the_text_digest_show_control_characters_escaped(tmp_path):
    config = _run_over(tmp_path)

    listing = figwatch("review", "--config", config)
    assert listing.returncode == 0, listing.stderr
    assert "30,000" in listing.stdout and "next year" in listing.stdout
    assert not any(c in listing.stdout for c in RAW)

    as_json = figwatch("review", "--json", "--config", config)
    assert not any(c in as_json.stdout for c in RAW)
    (row,) = [json.loads(line) for line in as_json.stdout.splitlines()]
    # the extractor blanks control sequences (a "0" inside one is no figure): the evidence has none
    assert "next year" in row["evidence"] and not any(c in row["evidence"] for c in RAW)

    preview = figwatch("digest", "--preview", "--out", str(tmp_path / "preview"), "--config", config)
    assert preview.returncode == 0, preview.stderr
    text = next(p for p in preview.stdout.split() if p.endswith(".txt"))
    digest = open(text, encoding="utf-8").read()
    assert "11,000" in digest and "up from 0" not in digest
    assert not any(c in digest for c in RAW)


def test_terminal_safe_escapes_bidi_overrides_and_keeps_other_scripts():
    from figwatch.wording import terminal_safe

    assert terminal_safe("a\u202eb\u2067c") == "a\\u202eb\\u2067c"
    assert terminal_safe("서울 \u0623\u0646 — 11,000") == "서울 \u0623\u0646 — 11,000"
