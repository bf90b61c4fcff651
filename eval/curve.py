"""`python -m eval.curve`: does the learned decision layer generalize? Leave-one-suite-out and a learning curve.

Leave-one-suite-out: for each labelled suite, the hand cascade's score on it beside the learned
layer's, trained on every other suite (F1 and source accuracy). Learning curve: the layer trained
on the first k suites in the order they were written (seeds, corpus, heldout, heldout2 .. heldout11,
r1 .. r9), scored on all the rest pooled and on the next suite alone, for k = 1 .. N-1.

Read the hand column with care: the cascade was tuned on every written suite after it was scored
blind, so on a written suite it is an in-sample score; its blind scores (each batch before its
fixes) are printed beside it, from HAND_BLIND. The learned layer sits on that same tuned cascade,
so its held-out score is blind only for the layer's own weights. Real-page rounds r1 to r9 are
included when their page texts are outside the checkout (eval/learn.realpages_dir; only the pages
present, with their labels). Results go to eval/results/curve.json.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eval.evaluate import ROOT, load_scorer
from eval.learn import ORDER, REAL_ROUNDS, C, Suite, evaluate, read_all, summary, train
from extractors.topic import load_topic

OUT = ROOT / "eval" / "results" / "curve.json"
# the hand cascade's blind F1, each batch scored before the fixes it prompted: the written suites' as measured
# (eval/evaluate.py), the real rounds' from eval/realpages/scores.json (English pages, where a round had others)
WRITTEN_BLIND = {"heldout": 0.800, "heldout2": 0.850, "heldout3": 0.786, "heldout4": 0.763, "heldout5": 0.706,
                 "heldout6": 0.841, "heldout7": 0.722, "heldout8": 0.841, "heldout9": 0.806, "heldout10": 0.791,
                 "heldout11": 0.819}


def hand_blind() -> dict[str, float]:
    scores = json.loads((ROOT / "eval" / "realpages" / "scores.json").read_text(encoding="utf-8"))
    real = {name: (e["blind"].get("readable") or e["blind"])["f1"] for name, e in scores.items() if "blind" in e}
    return {**WRITTEN_BLIND, **real}


HAND_BLIND = hand_blind()


def loso(suites: list[Suite], scorer: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for s in suites:
        layer = train([o for o in suites if o is not s], scorer)
        out[s.name] = {"hand": summary(evaluate([s], None, scorer)), "learned": summary(evaluate([s], layer, scorer)),
                       "hand_blind_f1": HAND_BLIND.get(s.name), "note": s.note}
    return out


def learning_curve(suites: list[Suite], scorer: Any) -> list[dict[str, Any]]:
    out = []
    for k in range(1, len(suites)):
        seen, rest = suites[:k], suites[k:]
        layer = train(seen, scorer)
        nxt = rest[0]
        out.append({"k": k, "trained_on": [s.name for s in seen],
                    "rest": {"hand": summary(evaluate(rest, None, scorer)),
                             "learned": summary(evaluate(rest, layer, scorer))},
                    "next": {"suite": nxt.name, "hand": summary(evaluate([nxt], None, scorer)),
                             "learned": summary(evaluate([nxt], layer, scorer))}})
    return out


def pooled(table: dict[str, dict[str, Any]], names: list[str]) -> dict[str, dict[str, float]]:
    """Micro-averaged F1 over the named held-out suites, hand and learned."""
    out = {}
    for side in ("hand", "learned"):
        tp, fp, fn = (sum(table[n][side][k] for n in names) for k in ("tp", "fp", "fn"))
        p, r = tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0
        out[side] = {"tp": tp, "fp": fp, "fn": fn, "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return out


def _src(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def render(result: dict[str, Any]) -> str:
    lines = ["leave-one-suite-out (learned: trained on every other suite; hand: the cascade as it is now, "
             "tuned on the written suites; blind: the cascade's F1 before that suite's fixes)",
             f"{'suite':<10} {'blind':>6} {'hand F1':>8} {'learned':>8} {'delta':>7}  {'hand src':>8} {'learned':>8}"
             f"  {'hand tp/fp/fn':>14} {'learned':>12}  note"]
    for name, row in result["loso"].items():
        h, lrn = row["hand"], row["learned"]
        blind = f"{row['hand_blind_f1']:.3f}" if row["hand_blind_f1"] is not None else "-"
        lines.append(f"{name:<10} {blind:>6} {h['f1']:>8.3f} {lrn['f1']:>8.3f} {lrn['f1'] - h['f1']:>+7.3f}  "
                     f"{_src(h['source_accuracy']):>8} {_src(lrn['source_accuracy']):>8}  "
                     f"{h['tp']:>4}/{h['fp']}/{h['fn']:<6} {lrn['tp']:>4}/{lrn['fp']}/{lrn['fn']:<5} {row['note']}")
    for label, p in result["pooled"].items():
        lines.append(f"pooled {label}: hand F1 {p['hand']['f1']:.3f} ({p['hand']['tp']}/{p['hand']['fp']}/"
                     f"{p['hand']['fn']}), learned F1 {p['learned']['f1']:.3f} ({p['learned']['tp']}/"
                     f"{p['learned']['fp']}/{p['learned']['fn']})")
    lines += ["", "learning curve (learned trained on the first k suites; scored on the rest pooled, and on the next)",
              f"{'k':>2} {'last trained':<11} {'rest hand':>9} {'learned':>8}  {'next':<10} {'hand':>6} {'learned':>8}"]
    for row in result["curve"]:
        r, n = row["rest"], row["next"]
        lines.append(f"{row['k']:>2} {row['trained_on'][-1]:<11} {r['hand']['f1']:>9.3f} {r['learned']['f1']:>8.3f}  "
                     f"{n['suite']:<10} {n['hand']['f1']:>6.3f} {n['learned']['f1']:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON results")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    suites = read_all(load_topic(), ORDER)
    table = loso(suites, scorer)
    written = [s.name for s in suites if s.name not in REAL_ROUNDS]
    real = [s.name for s in suites if s.name in REAL_ROUNDS]
    result = {"model": f"logistic regression over the rules' features, C={C}, threshold 0.5",
              "suites": {s.name: s.note or f"{len(s.docs)} articles" for s in suites},
              "loso": table, "pooled": {"written": pooled(table, written), **({"real": pooled(table, real)}
                                                                              if real else {})},
              "curve": learning_curve(suites, scorer)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(render(result))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
