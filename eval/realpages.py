"""Blind rounds on real published pages: their labels, their scores, and how to score a round again.

Real page text never enters the repository. A round keeps here only what we wrote: the pages'
addresses and dates (`eval/realpages/ROUND/pages.jsonl`), the labels without their evidence text
(`labels.jsonl`, eval/score.py's gold format) and the scores (`eval/realpages/scores.json`: the
blind score, taken before any fix the round prompted, and later rescores). The page texts live
outside the checkout, in a folder of article files (`ROUND/pages/*.txt` with Title/URL/Outlet/
Published headers) named by --pages or FIGWATCH_REALPAGES.

    python -m eval.realpages                                 # the scores table
    python -m eval.realpages import r1 --from /work/realpages/r1   # addresses and labels, no evidence
    python -m eval.realpages score r1 [--pages DIR] [--verbose] [--record blind|after]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from eval.evaluate import load_scorer
from extractors.extract import extract
from extractors.records import claim_to_record
from extractors.topic import load_topic

HERE = Path(__file__).resolve().parent / "realpages"
SCORES = HERE / "scores.json"
LABEL_KEYS = ("article", "metric", "value", "low", "high", "qualifier", "source", "derived", "superseded", "planned")
PAGE_KEYS = ("file", "url", "outlet", "published", "published_basis")


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def import_round(name: str, source: Path) -> tuple[int, int]:
    """Copy a labelled round's addresses and its labels, without evidence text, into the repository."""
    labels = [{k: row[k] for k in LABEL_KEYS if k in row} for row in _rows(source / "gold.jsonl")]
    pages = [{k: row.get(k) for k in PAGE_KEYS} for row in _rows(source / "pages.jsonl")]
    _write_rows(HERE / name / "labels.jsonl", labels)
    _write_rows(HERE / name / "pages.jsonl", pages)
    return len(pages), len(labels)


def predict(pages: Path, other_language: set[str] | None = None) -> list[dict[str, Any]]:
    """The extractor's claims for every page, read as figwatch reads an article file (headers split off).
    A page in another language than the topic's is not read, as a run would not; its name goes into
    `other_language` when a set is given."""
    from figwatch.sources.article_files import read_article_file

    topic = load_topic()
    rows: list[dict[str, Any]] = []
    for path in sorted(pages.glob("*.txt")):
        article = read_article_file(path)
        if not topic.grammar.identify.reads(article.text):
            if other_language is not None:
                other_language.add(path.name)
            continue
        claims = extract(article.text, topic=topic, title=article.title or None, published=article.published)
        rows.extend(claim_to_record(c, path.name) for c in claims)
    return rows


def score_round(name: str, pages: Path, verbose: bool = False) -> dict[str, Any]:
    """Score the extractor on a round's pages against its labels (the outside copy's, with evidence, if given).

    Pages in another language are scored too (their figures are misses: figwatch does not read them);
    when there are any, `readable` holds the score on the pages in the topic's language alone."""
    outside = pages.parent / "gold.jsonl"
    gold = outside if outside.is_file() else HERE / name / "labels.jsonl"
    scorer = load_scorer()
    other: set[str] = set()
    preds = predict(pages, other)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for row in preds:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        pred = fh.name
    try:
        scorer.main([str(gold), pred, *(["--verbose"] if verbose else [])])
        labels = scorer.load(str(gold))
        result: dict[str, Any] = scorer.score(labels, preds)
        if verbose:
            for line in mismatches(scorer, labels, preds):
                print(line)
    finally:
        Path(pred).unlink(missing_ok=True)
    if other:
        readable = scorer.score([g for g in labels if scorer.article_of(g) not in other], preds)
        result["other_language_pages"] = len(other)
        result["readable"] = _summary(readable)
        o = readable["overall"]
        print(f"pages in the topic's language ({len(other)} in another left out): P={o['precision']:.3f} "
              f"R={o['recall']:.3f} F1={o['f1']:.3f}; source {readable['source_accuracy']}; "
              f"qualifier {readable['qualifier_accuracy']}")
    return result


def mismatches(scorer: Any, gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[str]:
    """Found figures whose source or qualifier is wrong, one line each (score.py counts them only)."""
    lines = []
    for g in gold:
        if g.get("planned") or g.get("superseded"):
            continue
        hit = next((p for p in preds if scorer.article_of(p) == scorer.article_of(g)
                    and p.get("metric") == g["metric"] and scorer.matches(g, p)), None)
        if hit is None:
            continue
        where = f"{scorer.article_of(g)} {g['metric']} {g['value']}"
        if g.get("source") and not scorer.same_source(g["source"], hit.get("source")):
            lines.append(f"SOURCE {where}: gold {g['source']!r}, read {hit.get('source')!r}")
        if not scorer.same_qualifier(g.get("qualifier"), hit.get("qualifier")):
            lines.append(f"QUALIFIER {where}: gold {g.get('qualifier')}, read {hit.get('qualifier')}")
    return lines


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    o = result["overall"]
    return {"precision": o["precision"], "recall": o["recall"], "f1": o["f1"], "tp": o["tp"], "fp": o["fp"],
            "fn": o["fn"], "source_accuracy": result["source_accuracy"],
            "qualifier_accuracy": result["qualifier_accuracy"]}


def record(name: str, kind: str, result: dict[str, Any], note: str) -> None:
    """Add a score to scores.json: `blind` once per round (before any fix), `after` any number of times."""
    scores = json.loads(SCORES.read_text(encoding="utf-8")) if SCORES.is_file() else {}
    entry = scores.setdefault(name, {})
    if kind == "blind" and "blind" in entry:
        raise SystemExit(f"round {name} has a blind score already; a rescore is --record after")
    row = {**_summary(result), "date": date.today().isoformat(), "note": note}
    if "readable" in result:  # the score on the pages in the topic's language alone
        row["other_language_pages"] = result["other_language_pages"]
        row["readable"] = result["readable"]
    if kind == "blind":
        entry["blind"] = row
    else:
        entry.setdefault("after", []).append(row)
    SCORES.write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def table() -> str:
    """The committed scores, one line per round: blind first, then the latest rescore."""
    if not SCORES.is_file():
        return "no real-page rounds scored yet"
    lines = ["round  pages labels  blind P / R / F1 / source        latest rescore F1 / source"]
    for name, entry in json.loads(SCORES.read_text(encoding="utf-8")).items():
        pages = len(_rows(HERE / name / "pages.jsonl")) if (HERE / name / "pages.jsonl").is_file() else 0
        labels = len(_rows(HERE / name / "labels.jsonl")) if (HERE / name / "labels.jsonl").is_file() else 0
        b = entry.get("blind") or {}
        blind = (f"{b.get('precision', 0):.3f} / {b.get('recall', 0):.3f} / {b.get('f1', 0):.3f}"
                 f" / {b.get('source_accuracy')}")
        last = (entry.get("after") or [None])[-1]
        after = f"{last['f1']:.3f} / {last['source_accuracy']}" if last else "-"
        lines.append(f"{name:6s} {pages:5d} {labels:6d}  {blind:32s} {after}")
        if b.get("readable"):  # pages in another language: scored, and scored apart
            r = b["readable"]
            lines.append(f"{'':20s}  English pages only ({b['other_language_pages']} in another language left out): "
                         f"{r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f} / {r['source_accuracy']}")
        if entry.get("before"):  # the same blind round, run once on the code as the round found it
            o = entry["before"]
            lines.append(f"{'':20s}  before the round's fixes: {o['f1']:.3f} / {o['source_accuracy']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    imp = sub.add_parser("import", help="copy a labelled round's addresses and labels (no evidence) here")
    imp.add_argument("round")
    imp.add_argument("--from", dest="source", required=True, type=Path, help="the round's folder outside the repo")
    sc = sub.add_parser("score", help="score the extractor on a round's pages (kept outside the repo)")
    sc.add_argument("round")
    sc.add_argument("--pages", type=Path, help="folder of the round's page files (default "
                                               "$FIGWATCH_REALPAGES/ROUND/pages)")
    sc.add_argument("--verbose", action="store_true", help="list misses, false figures, wrong sources and qualifiers")
    sc.add_argument("--record", choices=("blind", "after"), help="add the score to eval/realpages/scores.json")
    sc.add_argument("--note", default="", help="what the score was taken after (with --record)")
    args = parser.parse_args(argv)
    if args.command == "import":
        pages, labels = import_round(args.round, args.source)
        print(f"{args.round}: {pages} pages, {labels} labels (no evidence text) in {HERE / args.round}")
        return 0
    if args.command == "score":
        base = os.environ.get("FIGWATCH_REALPAGES")
        folder = args.pages or (Path(base) / args.round / "pages" if base else None)
        if folder is None or not folder.is_dir():
            print(f"realpages: no page texts for {args.round}: pass --pages DIR or set FIGWATCH_REALPAGES "
                  "(page text is never kept in the repository)", file=sys.stderr)
            return 2
        result = score_round(args.round, folder, args.verbose)
        if args.record:
            record(args.round, args.record, result, args.note)
        return 0
    print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
