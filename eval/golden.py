"""The ratchet: every claim the extractor gives on every labelled suite, as committed golden files.

tests/extractors/golden/<suite>.jsonl holds one line per claim (the fields of FIELDS, confidence
rounded); tests/extractors/test_golden.py diffs the extractor's output against them, so no fix
changes a claim of another suite unseen. After a change whose diff is intended:

    FIGWATCH_UPDATE_GOLDEN=1 pytest tests/extractors/test_golden.py     # or: python -m eval.golden --update
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eval.evaluate import ROOT, SUITES
from extractors.extract import extract
from extractors.topic import Topic, load_topic

GOLDEN_DIR = ROOT / "tests" / "extractors" / "golden"
FIELDS = ("document", "metric", "value", "low", "high", "qualifier", "source", "source_key", "confidence", "stance",
          "derived", "rule")
IDENTITY = ("document", "metric", "value", "low", "high")  # what pairs an old claim with its new reading
REGENERATE = ("regenerate, once the change is intended: FIGWATCH_UPDATE_GOLDEN=1 pytest "
              "tests/extractors/test_golden.py "
              "(or python -m eval.golden --update)")

Row = dict[str, Any]


def golden_path(suite: str) -> Path:
    return GOLDEN_DIR / f"{suite}.jsonl"


def suite_rows(suite: str, topic: Topic | None = None) -> list[Row]:
    """Every claim of the suite's texts, in text order, as golden rows."""
    topic = topic or load_topic()
    folder = SUITES[suite][0]
    rows = []
    for path in sorted(folder.glob("*.txt")):
        for c in extract(path.read_text(encoding="utf-8"), topic=topic):
            rows.append({"document": path.name, "metric": c.metric, "value": c.value, "low": c.low, "high": c.high,
                         "qualifier": c.qualifier, "source": c.source, "source_key": c.source_key,
                         "confidence": round(c.confidence, 2), "stance": c.stance, "derived": c.derived,
                         "rule": c.rule})
    return rows


def render(rows: list[Row]) -> str:
    return "".join(json.dumps({k: r[k] for k in FIELDS}, ensure_ascii=False) + "\n" for r in rows)


def read(path: Path) -> list[Row]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _identity(r: Row) -> tuple[Any, ...]:
    return tuple(r.get(k) for k in IDENTITY)


def _show(r: Row) -> str:
    rest = ", ".join(f"{k}={r.get(k)!r}" for k in FIELDS if k not in ("document", "metric", "value"))
    return f"{r['document']} {r['metric']} {r['value']:g}: {rest}"


def diff(old: list[Row], new: list[Row], limit: int = 60) -> list[str]:
    """The changes from old to new, readably: a claim whose fields changed (by document, metric and
    value), claims gone and claims new. Empty when they are the same."""
    if render(old) == render(new):
        return []
    olds: dict[tuple[Any, ...], list[Row]] = {}
    for r in old:
        olds.setdefault(_identity(r), []).append(r)
    changed, added = [], []
    for r in new:
        same = olds.get(_identity(r))
        if same:
            was = same.pop(0)
            fields = [f"{k} {was.get(k)!r} -> {r.get(k)!r}" for k in FIELDS if was.get(k) != r.get(k)]
            if fields:
                changed.append(f"  ~ {r['document']} {r['metric']} {r['value']:g}: " + "; ".join(fields))
        else:
            added.append(f"  + {_show(r)}")
    removed = [f"  - {_show(r)}" for rows in olds.values() for r in rows]
    lines = [*removed, *added, *changed]
    if not lines:  # the same claims in another order
        lines = ["  (the same claims in another order)"]
    counts = Counter(line[2] for line in lines)
    head = f"{counts['-']} gone, {counts['+']} new, {counts['~']} changed"
    return [head, *lines[:limit], *([f"  ... and {len(lines) - limit} more"] if len(lines) > limit else [])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the golden files from the extractor's output")
    parser.add_argument("suites", nargs="*", choices=[[], *SUITES], help="suites (default: all)")
    args = parser.parse_args(argv)
    topic, status = load_topic(), 0
    for suite in args.suites or list(SUITES):
        rows, path = suite_rows(suite, topic), golden_path(suite)
        if args.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(rows), encoding="utf-8")
            print(f"{suite}: {len(rows)} claims written to {path.relative_to(ROOT)}")
            continue
        changes = diff(read(path), rows)
        print(f"{suite}: " + ("unchanged" if not changes else "\n".join(changes)))
        status |= bool(changes)
    if status:
        print(REGENERATE)
    return status


if __name__ == "__main__":
    sys.exit(main())
