"""Extraction speed: megabytes of article text per second on one core, beside quantulum3.

The text is the seed pages and the labelled corpus (real page furniture included), one
`extract` call per article as the pipeline makes them, repeated to a few megabytes; quantulum3
(a bench-only dependency) parses the same articles as the reference. A hostile page (5 MB of
digits, commas and "troops") is timed too.

usage: python bench/bench_extract.py [--json OUT] [--megabytes N]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's packages, whatever the editable install maps

from extractors import extract, load_topic  # noqa: E402


def articles(kinds: dict[str, list[str]]) -> list[str]:
    """The headline mix: the seeds and the corpus, as texts."""
    return [text for kind in ("seeds", "corpus") for text in kinds[kind]]


def by_kind() -> dict[str, list[str]]:
    """The texts by kind, since the rate depends on how many figures a kilobyte holds: real pages
    (the seeds), the labelled corpus (short, a figure in nearly every sentence) and the
    benchmark's generated feed articles (a third relevant, boilerplate, syndicated copies)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

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
    """quantulum3's parser, quietly (it warns that its optional classifier is missing)."""
    warnings.simplefilter("ignore")
    from quantulum3 import parser

    parser.parse("warm up: 3 km")
    return parser.parse


def hostile_seconds(topic) -> tuple[float, int]:
    text = "1,000 troops 2,500, 3,000,000 troops " * (5_000_000 // 36)
    start = time.perf_counter()
    extract(text, topic=topic)
    return time.perf_counter() - start, len(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="OUT", help="write the figures as JSON")
    parser.add_argument("--megabytes", type=float, default=2.0, help="article text per timed run (default 2)")
    args = parser.parse_args(argv)
    topic, texts = load_topic(), by_kind()  # the generated articles are made once
    docs = articles(texts)
    extract(docs[0], topic=topic)  # compile once, outside the clock
    ours_mbs, ours_aps = best_rate(lambda d: extract(d, topic=topic), docs, int(args.megabytes * 1e6))
    kinds = {kind: round(best_rate(lambda d: extract(d, topic=topic), kind_texts, int(args.megabytes * 1e6))[0], 3)
             for kind, kind_texts in texts.items()}
    q_mbs, q_aps = rate(quantulum_parse(), docs, 0, min_seconds=2.0)
    hostile_s, hostile_len = hostile_seconds(topic)
    result = {
        "articles": len(docs), "bytes_per_pass": sum(len(d.encode()) for d in docs),
        "figwatch_mb_per_s": round(ours_mbs, 3), "figwatch_articles_per_s": round(ours_aps, 1),
        "quantulum3_mb_per_s": round(q_mbs, 4), "quantulum3_articles_per_s": round(q_aps, 2),
        "speedup_vs_quantulum3": round(ours_mbs / q_mbs, 1) if q_mbs else None,
        "hostile_5mb_seconds": round(hostile_s, 3), "hostile_bytes": hostile_len,
        "figwatch_mb_per_s_by_text": kinds,
        "targets": {"mb_per_s": 2.0, "speedup": 20.0},
    }
    print(f"{'extractor':<12} {'MB/s':>8} {'articles/s':>11}")
    print(f"{'figwatch':<12} {ours_mbs:>8.3f} {ours_aps:>11.1f}")
    print(f"{'quantulum3':<12} {q_mbs:>8.4f} {q_aps:>11.2f}")
    print(f"speed-up {result['speedup_vs_quantulum3']}x; hostile 5 MB page: {hostile_s:.3f} s")
    print("figwatch MB/s by text: " + ", ".join(f"{k} {v:.3f}" for k, v in kinds.items()))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
