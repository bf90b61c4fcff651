"""`python -m eval.learn`: train the learned decision layer on the labelled suites and write its weights.

Each suite's articles are read by the cascade once (`extractors.extract.candidates`: every figure it
reads, kept or held below 0.5, with its features); each candidate is labelled against the suite's
gold (eval/score.py's match): 1 when it is a labelled figure, 0 when it is none, left out when it
matches only a neutral one (planned, superseded). A logistic regression (scikit-learn, the `train`
extra: never imported at run time) learns keep or drop; its weights are written as data
(extractors/topics/nk_russia.decision.json) and extractors/decider.py applies them in pure Python.

Suites: the written ones (eval/evaluate.SUITES), the real-page rounds r1 to r9 when their page
texts are outside the checkout (FIGWATCH_REALPAGES, default /work/realpages; only the pages present
are used, with their labels), and folders written by `figwatch review --export` (--review DIR:
confirmed figures are 1, rejected ones 0, the rest unlabelled).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from eval.evaluate import ROOT, SUITES, load_scorer
from extractors.decider import Decider
from extractors.extract import candidates, settle
from extractors.features import Features
from extractors.records import claim_to_record
from extractors.repeats import Found
from extractors.topic import Topic, load_topic


def opened_rounds() -> tuple[str, ...]:
    """The real-page rounds already scored blind (eval/realpages/scores.json), in order: a sealed one is never read."""
    scores = json.loads((ROOT / "eval" / "realpages" / "scores.json").read_text(encoding="utf-8"))
    return tuple(sorted((name for name, entry in scores.items() if "blind" in entry), key=lambda n: int(n[1:])))


REAL_ROUNDS = opened_rounds()
ORDER = (*SUITES, *REAL_ROUNDS)  # chronological: the order the suites were written in
WEIGHTS = ROOT / "extractors" / "topics" / "nk_russia.decision.json"
C = 1.0  # the regularisation, fixed before any curve was read (not tuned on the held-out suites)


@dataclass
class Suite:
    """A labelled suite read by the cascade: each article's candidates, and the gold labels."""

    name: str
    docs: dict[str, list[Found]]
    gold: list[dict[str, Any]]
    rejected: list[dict[str, Any]] = field(default_factory=list)  # a review export's rejected figures
    note: str = ""


def realpages_dir() -> Path:
    return Path(os.environ.get("FIGWATCH_REALPAGES", "/work/realpages"))


def _rows(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_written(name: str, topic: Topic) -> Suite:
    folder, gold = SUITES[name]
    docs = {p.name: candidates(p.read_text(encoding="utf-8"), topic) for p in sorted(folder.glob("*.txt"))}
    return Suite(name, docs, _rows(gold))


def read_pages(name: str, pages: Path, gold: list[dict[str, Any]], topic: Topic,
               rejected: list[dict[str, Any]] | None = None) -> Suite:
    """Article files with header lines (a real-page round, a review export), as figwatch reads them: a page in
    another language than the topic's is left out with its labels (a run does not read it)."""
    from figwatch.sources.article_files import read_article_file

    docs = {}
    for path in sorted(pages.glob("*.txt")):
        article = read_article_file(path)
        if topic.grammar.identify.reads(article.text):
            docs[path.name] = candidates(article.text, topic, article.title or None, article.published)
    present = set(docs)
    kept = [g for g in gold if g.get("article") in present]
    return Suite(name, docs, kept, rejected or [], note=f"{len(docs)} pages, {len(kept)} of {len(gold)} labels")


def read_round(name: str, topic: Topic) -> Suite | None:
    """A real-page round, if any of its page texts are here (only those pages' labels are kept)."""
    pages = realpages_dir() / name / "pages"
    if not pages.is_dir() or not any(pages.glob("*.txt")):
        return None
    return read_pages(name, pages, _rows(ROOT / "eval" / "realpages" / name / "labels.jsonl"), topic)


def read_review(folder: Path, topic: Topic) -> Suite:
    return read_pages(f"review:{folder.name}", folder, _rows(folder / "gold.jsonl"), topic,
                      _rows(folder / "rejected.jsonl"))


def read_all(topic: Topic, names: tuple[str, ...] = ORDER, reviews: tuple[Path, ...] = ()) -> list[Suite]:
    out = []
    for name in names:
        suite = read_written(name, topic) if name in SUITES else read_round(name, topic)
        if suite is not None:
            out.append(suite)
    return out + [read_review(f, topic) for f in reviews]


def label(suite: Suite, doc: str, f: Found, scorer: ModuleType) -> int | None:
    """1: a labelled figure; 0: none; None: a neutral one (planned, superseded), or unlabelled in a review."""
    pred = claim_to_record(f.claim, doc)
    same = [g for g in suite.gold if g.get("article") == doc and g["metric"] == f.claim.metric]
    if any(scorer.matches(g, pred) for g in same if not (g.get("planned") or g.get("superseded"))):
        return 1
    if suite.rejected:  # a review export labels only what a person decided
        bad = [g for g in suite.rejected if g.get("article") == doc and g["metric"] == f.claim.metric]
        return 0 if any(scorer.matches(g, pred) for g in bad) else None
    return None if any(scorer.matches(g, pred) for g in same) else 0


def rows(suites: list[Suite], scorer: ModuleType) -> tuple[list[Features], list[int]]:
    xs, ys = [], []
    for s in suites:
        for doc, found in s.docs.items():
            for f in found:
                y = label(s, doc, f, scorer)
                if y is not None:
                    xs.append(f.feats or {})
                    ys.append(y)
    return xs, ys


def train(suites: list[Suite], scorer: ModuleType, c: float = C) -> Decider:
    """A logistic regression on the suites' candidates, as a pure-Python Decider."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xs, ys = rows(suites, scorer)
    names = sorted({k for x in xs for k in x})
    index = {k: i for i, k in enumerate(names)}
    matrix = np.zeros((len(xs), len(names)))
    for r, x in enumerate(xs):
        for k, v in x.items():
            matrix[r, index[k]] = v
    if len(set(ys)) < 2:  # one class only: keep what the cascade keeps
        return Decider(0.0, {"confidence": 0.0, "held": -10.0}, 0.5, tuple(s.name for s in suites))
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, np.array(ys))
    weights = {k: round(float(w), 6) for k, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-6}
    return Decider(round(float(model.intercept_[0]), 6), weights, 0.5, tuple(s.name for s in suites))


def predictions(suite: Suite, layer: Decider | None, prefix: str = "") -> list[dict[str, Any]]:
    """The suite's claims as the scorer reads them, the learned layer deciding (or the cascade, for None)."""
    return [claim_to_record(f.claim, prefix + doc) for doc, found in suite.docs.items() for f in settle(found, layer)]


def evaluate(suites: list[Suite], layer: Decider | None, scorer: ModuleType) -> dict[str, Any]:
    """The scorer's result over one or several suites pooled (articles named suite__article)."""
    pooled = len(suites) > 1
    gold = [{**g, "article": (f"{s.name}__" if pooled else "") + g["article"]} for s in suites for g in s.gold]
    preds = [p for s in suites for p in predictions(s, layer, f"{s.name}__" if pooled else "")]
    result: dict[str, Any] = scorer.score(gold, preds)
    return result


def summary(result: dict[str, Any]) -> dict[str, Any]:
    o = result["overall"]
    return {"precision": o["precision"], "recall": o["recall"], "f1": o["f1"], "tp": o["tp"], "fp": o["fp"],
            "fn": o["fn"], "source_accuracy": result["source_accuracy"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", type=Path, action="append", default=[],
                        help="a folder written by `figwatch review --export` (repeatable)")
    parser.add_argument("--out", type=Path, default=WEIGHTS, help=f"the weights file (default {WEIGHTS.name})")
    parser.add_argument("--no-realpages", action="store_true", help="train on the written suites only")
    args = parser.parse_args(argv)
    topic, scorer = load_topic(), load_scorer()
    names = tuple(n for n in ORDER if not (args.no_realpages and n in REAL_ROUNDS))
    suites = read_all(topic, names, tuple(args.review))
    xs, ys = rows(suites, scorer)
    layer = train(suites, scorer)
    note = (f"logistic regression, C={C}, {len(ys)} candidates ({sum(ys)} labelled figures) from "
            + ", ".join(f"{s.name}" + (f" ({s.note})" if s.note else "") for s in suites)
            + "; written by python -m eval.learn")
    args.out.write_text(json.dumps(layer.to_json(note), indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(layer.weights)} weights; {note}")
    for name, w in sorted(layer.weights.items(), key=lambda kv: -abs(kv[1]))[:15]:
        print(f"  {w:+.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
