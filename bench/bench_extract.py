"""Extraction speed: megabytes of text per second on one core, beside quantulum3 on the same text.

Measured by kind of text, since the rate follows how many figures a kilobyte holds:
- article: the five real pages of the seed corpus (page furniture included, ~1.5 figures a KB),
  the measure of the 2 MB/s target;
- feed: the benchmark's generated feed articles (bench/corpus.py: a third relevant, boilerplate,
  syndicated copies; ~1.5 figures a KB);
- snippets: the labelled corpus, 62 short texts written to hold a figure in nearly every sentence
  (~8 figures a KB): a stress case, not article text;
- mix: seeds and snippets together, the headline of the earlier rounds, kept for comparison.
One `extract` call per text as the pipeline makes them, repeated to a few megabytes; quantulum3 (a
bench-only dependency) parses the same texts (the feed: its first 100 articles). A bare regex pass
over the same texts (one `re.finditer` for digit runs, the least any number extractor does) is the
floor the machine sets: its ratio says what the extractor costs beyond finding the numbers, and
moves less with the machine's load than a rate does. A hostile page (5 MB of digits, commas and
"troops") is timed too.

usage: python -m bench.bench_extract [--json OUT] [--megabytes N]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from extractors import extract, load_topic

ROOT = Path(__file__).resolve().parents[1]


def kinds_of_text() -> dict[str, list[str]]:
    """The texts measured, by kind (see the module's docstring)."""
    texts = by_kind()
    return {"article": texts["seeds"], "feed": texts["generated"], "snippets": texts["corpus"],
            "mix": texts["seeds"] + texts["corpus"]}


def by_kind() -> dict[str, list[str]]:
    """The texts by kind, since the rate depends on how many figures a kilobyte holds: real pages
    (the seeds), the labelled corpus (short, a figure in nearly every sentence) and the
    benchmark's generated feed articles (a third relevant, boilerplate, syndicated copies)."""
    from bench.corpus import generate

    read = lambda folder: [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]  # noqa: E731
    return {"seeds": read(ROOT / "seeds"), "corpus": read(ROOT / "tests" / "corpus"),
            "generated": [a.title + "\n\n" + a.body for a in generate(1000)]}


def rate(parse, docs: list[str], min_bytes: int, min_seconds: float = 0.5) -> tuple[float, float]:
    """(MB/s, articles/s) of parse over docs, repeated to at least min_bytes and min_seconds."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    done_bytes, done_docs, start = 0, 0, time.perf_counter()
    while done_bytes < min_bytes or time.perf_counter() - start < min_seconds:
        for d in docs:
            parse(d)
        done_bytes += size
        done_docs += len(docs)
    elapsed = time.perf_counter() - start
    return done_bytes / elapsed / 1e6, done_docs / elapsed


def best_rate(parse, docs: list[str], min_bytes: int, runs: int = 3) -> tuple[float, float]:
    return max(rate(parse, docs, min_bytes) for _ in range(runs))


def quantulum_parse():
    """quantulum3's parser, quietly, without its optional unit classifier: the same reference whether or not
    scikit-learn is installed (`make train` installs it; quantulum3's pickled classifier needs an older one
    and the `stemming` package, and would measure something else)."""
    warnings.simplefilter("ignore")
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False

    parser.parse("warm up: 3 km")
    return parser.parse


def hostile_seconds(topic) -> tuple[float, int]:
    text = "1,000 troops 2,500, 3,000,000 troops " * (5_000_000 // 36)
    start = time.perf_counter()
    extract(text, topic=topic)
    return time.perf_counter() - start, len(text)


BARE_NUMBER = re.compile(r"\d[\d,.]*")


def bare_regex(doc: str) -> int:
    """The least a number extractor does: one scan for digit runs."""
    return sum(1 for _ in BARE_NUMBER.finditer(doc))


QUANTULUM_TEXTS = 100  # quantulum3 reads ~0.05 MB/s: the feed's first articles are its sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="OUT", help="write the figures as JSON")
    parser.add_argument("--megabytes", type=float, default=2.0, help="text per timed run (default 2)")
    args = parser.parse_args(argv)
    topic, kinds = load_topic(), kinds_of_text()  # the generated articles are made once
    extract(kinds["article"][0], topic=topic)  # compile once, outside the clock
    quantulum = quantulum_parse()
    rows: dict[str, dict[str, Any]] = {}  # by kind of text: the JSON row written to bench/results
    for kind, docs in kinds.items():
        mbs, aps = best_rate(lambda d: extract(d, topic=topic), docs, int(args.megabytes * 1e6))
        q_mbs = rate(quantulum, docs[:QUANTULUM_TEXTS], 0, min_seconds=2.0)[0]
        r_mbs = best_rate(bare_regex, docs, int(args.megabytes * 1e6))[0]
        rows[kind] = {"texts": len(docs), "bytes": sum(len(d.encode()) for d in docs),
                      "figwatch_mb_per_s": round(mbs, 3),
                      "figwatch_texts_per_s": round(aps, 1), "quantulum3_mb_per_s": round(q_mbs, 4),
                      "speedup_vs_quantulum3": round(mbs / q_mbs, 1) if q_mbs else None,
                      "bare_regex_mb_per_s": round(r_mbs, 1), "share_of_bare_regex": round(mbs / r_mbs, 4)}
    hostile_s, hostile_len = hostile_seconds(topic)
    target: dict[str, Any] = {"mb_per_s": 2.0, "speedup": 20.0, "measured_on": "article"}
    result = {"by_text": rows, "hostile_5mb_seconds": round(hostile_s, 3), "hostile_bytes": hostile_len,
              "targets": target}
    print(f"{'text':<10} {'texts':>6} {'KB':>7} {'figwatch MB/s':>14} {'quantulum3 MB/s':>16} {'speed-up':>9} "
          f"{'bare regex MB/s':>16} {'figwatch/regex':>15}")
    for kind, r in rows.items():
        print(f"{kind:<10} {r['texts']:>6} {r['bytes'] / 1000:>7.0f} {r['figwatch_mb_per_s']:>14.3f} "
              f"{r['quantulum3_mb_per_s']:>16.4f} {r['speedup_vs_quantulum3']:>8}x "
              f"{r['bare_regex_mb_per_s']:>16.1f} {r['share_of_bare_regex']:>15.4f}")
    art = rows["article"]
    met = art["figwatch_mb_per_s"] >= target["mb_per_s"] and (art["speedup_vs_quantulum3"] or 0) >= target["speedup"]
    print(f"target on article text (>= {target['mb_per_s']} MB/s, >= {target['speedup']:.0f}x quantulum3): "
          f"{'met' if met else 'NOT met'}; hostile 5 MB page: {hostile_s:.3f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
