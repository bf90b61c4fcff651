"""`python -m eval.events FOLDER GOLD.jsonl [--json]`: score the events a run gives a reader.

Runs a backfill with --notify over the article files in FOLDER (the plain steps, no Prefect)
into a temporary SQLite store, then scores its events against gold labels in the format of
eval/score.py (article, metric, value, low, high, qualifier, source, superseded, planned,
derived), so it scores story fixtures and real pages kept outside the repository alike:

- event precision: share of alerts (new, changed, disagreement) whose figure the article states
  as current (it matches a label of that article that is neither superseded nor planned);
- event source accuracy: share of those whose source is the label's (score.py's word overlap);
- events per distinct figure: alerts per distinct gold figure they name (mean and max);
- coverage: share of distinct gold current figures (per metric, values within 2 % are one) that
  reach the reader as an alert or are a metric's baseline at the end of the run; with held
  items (`unconfirmed`) counted too, as a second figure; and, third, of the figures at least one
  dated article states (an undated article waits for a date by design).

Held items (`unconfirmed`) are listed, not alerts: they are scored apart. A FOLDER holding a
`claims.jsonl` folds those claims instead of running the extractor; an `expected.jsonl` (kind,
metric, value, source) is compared with the events too. The run's subject line is printed.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

from eval.evaluate import load_scorer
from figwatch.config import load_settings
from figwatch.errors import FigwatchError
from figwatch.models import Article, Claim, Event, Figure
from figwatch.sources.article_files import ARTICLE_SUFFIXES, read_article_file, walk
from figwatch.store import Store
from flows import steps
from flows.jobs import BackfillRequest, Steps, run_backfill

ALERTS = ("new", "changed", "disagreement")
SAME_FIGURE = 0.02  # gold values this close (relative) are one distinct figure


@dataclass(frozen=True)
class Run:
    """What one backfill gave: its events (every one stored), the final figures, the subject."""

    events: tuple[Event, ...]
    figures: dict[str, Figure]
    subject: str | None
    report: dict[str, Any] = field(default_factory=dict)


def article_names(folder: Path) -> dict[str, str]:
    """Each article file's URL (as the run will store it) -> its file name."""
    names: dict[str, str] = {}
    for path in walk(folder):
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            try:
                names[read_article_file(path).url] = path.name
            except FigwatchError:
                continue
    return names


def written_claims(path: Path) -> dict[str, list[Claim]]:
    """claims.jsonl: file name -> the claims an extractor should give for it."""
    out: dict[str, list[Claim]] = defaultdict(list)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            claim = Claim(metric=row["metric"], value=float(row["value"]), qualifier=row.get("qualifier", "approx"),
                          evidence=row.get("evidence", ""), start=0, end=0, low=row.get("low"), high=row.get("high"),
                          source=row.get("source"), source_key=row.get("source_key"),
                          confidence=float(row.get("confidence", 1.0)), stance=row.get("stance", "current"),
                          derived=bool(row.get("derived", False)))
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{n}: not a claim: {exc}") from None
        out[row["article"]].append(claim)
    return out


def run_folder(folder: Path, claims: Path | None = None) -> Run:
    """A backfill with --notify over the folder, in a temporary home; its events and figures."""
    names = article_names(folder)
    with tempfile.TemporaryDirectory(prefix="figwatch-events-") as tmp:
        home = Path(tmp)
        config = home / "figwatch.toml"
        config.write_text(
            f'home = "{home / "home"}"\n[store]\nurl = "sqlite:///{home / "figwatch.db"}"\n'
            f'[[sources]]\nname = "stories"\npath = "{folder.resolve()}"\n'
            f'[alerts.files]\ndir = "{home / "digests"}"\n', encoding="utf-8")
        settings = load_settings(config)
        run = Steps()
        if claims is not None:
            given = written_claims(claims)

            def claims_of(article: Article) -> Sequence[Claim]:
                return given.get(names.get(article.url, ""), [])

            run = Steps(fold=partial(steps.fold_articles, claims_of=claims_of))
        from flows.jobs import report_json

        report = run_backfill(settings, BackfillRequest(notify=True), run=run)
        with Store.open(settings.database_url) as store:
            events = tuple(store.events())
            figures = store.load_figures()
            subject = store.get_digest(report.digests[0]).subject if report.digests else None
        return Run(events, figures, subject, report_json(report))


def _clusters(golds: list[dict]) -> list[list[dict]]:
    """Gold labels of one metric grouped into distinct figures: values within SAME_FIGURE are one."""
    out: list[list[dict]] = []
    for g in sorted(golds, key=lambda g: float(g["value"])):
        if out and float(g["value"]) <= float(out[-1][0]["value"]) * (1 + SAME_FIGURE):
            out[-1].append(g)
        else:
            out.append([g])
    return out


def _same_source(scorer: ModuleType, gold: str | None, said: str | None) -> bool:
    if not gold and not said:
        return True  # the article names nobody, and the event says so
    return bool(scorer.same_source(gold, said))


def _pred(value: float) -> dict[str, float]:
    return {"value": value}


def score(run: Run, gold_rows: list[dict], names: dict[str, str], scorer: ModuleType,
          expected: list[dict] | None = None) -> dict[str, Any]:
    """The event-level scores of a run against gold labels (and expected events, if given)."""
    current = [g for g in gold_rows if not (g.get("planned") or g.get("superseded"))]
    by_article: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for g in current:
        by_article[(scorer.article_of(g), g["metric"])].append(g)
    clusters = {m: _clusters([g for g in current if g["metric"] == m]) for m in sorted({g["metric"] for g in current})}

    def cluster_of(metric: str, value: float) -> int | None:
        """The distinct figure a value is: one stated as that value first, else a stated range holding it (12,000
        is the figure "12,000", not the range "10,000 to 12,000" that also holds it)."""
        groups = clusters.get(metric, [])
        for stated in (True, False):
            for i, group in enumerate(groups):
                if any(scorer.matches(g, _pred(value)) for g in group if (g.get("qualifier") != "range") == stated):
                    return i
        return None

    listed: list[dict[str, Any]] = []
    per_figure: dict[tuple[str, int], int] = defaultdict(int)
    precise = source_ok = 0
    alerts = [e for e in run.events if e.kind in ALERTS]
    for e in run.events:
        article = names.get(e.new.article_url or "", e.new.article_url or "")
        labels = by_article.get((article, e.metric), [])
        stated = [g for g in labels if scorer.matches(g, _pred(e.new.value))]
        label = stated[0] if stated else None
        # a figure the article gives two sources ("Seoul", "the JCS") is right with either
        right_source = any(_same_source(scorer, g.get("source"), e.new.source) for g in stated)
        if e.kind in ALERTS:
            precise += label is not None
            source_ok += right_source
            figure = cluster_of(e.metric, e.new.value)
            if figure is not None:
                per_figure[(e.metric, figure)] += 1
        listed.append({"kind": e.kind, "metric": e.metric, "value": e.new.value, "source": e.new.source,
                       "article": article, "stated_current": label is not None, "source_right": right_source,
                       "derived": e.new.derived, "reason": e.reason})

    reached: set[tuple[str, int]] = set()
    reached_held: set[tuple[str, int]] = set()
    for e in run.events:
        figure = cluster_of(e.metric, e.new.value)
        if figure is not None:
            (reached if e.kind in ALERTS else reached_held).add((e.metric, figure))
    for metric, fig in run.figures.items():
        if fig.baseline is not None and (figure := cluster_of(metric, fig.baseline.value)) is not None:
            reached.add((metric, figure))
    distinct = [(m, i) for m, groups in clusters.items() for i in range(len(groups))]
    missed = [{"metric": m, "value": clusters[m][i][0]["value"],
               "articles": sorted({scorer.article_of(g) for g in clusters[m][i]})}
              for m, i in distinct if (m, i) not in reached]
    counts = list(per_figure.values())
    # a figure only undated articles state cannot reach a reader (it waits for a date, by design): the
    # coverage of the others measures the fold, not the pages' missing dates
    undated = {names.get(url, url) for url in run.report.get("undated", [])}
    dated = [(m, i) for m, i in distinct if any(scorer.article_of(g) not in undated for g in clusters[m][i])]
    result: dict[str, Any] = {
        "subject": run.subject,
        "events": len(run.events),
        "alerts": len(alerts),
        "unconfirmed": sum(e.kind == "unconfirmed" for e in run.events),
        "event_precision": round(precise / len(alerts), 3) if alerts else None,
        "event_source_accuracy": round(source_ok / precise, 3) if precise else None,
        "events_per_figure": round(sum(counts) / len(counts), 3) if counts else None,
        "events_per_figure_max": max(counts, default=0),
        "distinct_figures": len(distinct),
        "coverage": round(len(reached) / len(distinct), 3) if distinct else None,
        "coverage_with_unconfirmed": round(len(reached | reached_held) / len(distinct), 3) if distinct else None,
        "dated_figures": len(dated),
        "coverage_dated": round(len(set(dated) & reached) / len(dated), 3) if dated else None,
        "undated": list(run.report.get("undated", [])),
        "copies_dropped": run.report.get("copies_dropped"),
        "missed": missed,
        "listed": listed,
    }
    if expected is not None:
        result["expected"] = compare_expected(run.events, expected, names, scorer)
    return result


def compare_expected(events: Sequence[Event], expected: list[dict], names: dict[str, str],
                     scorer: ModuleType) -> dict[str, Any]:
    """Which expected events the run gave (same kind, metric, value within 2 % and, when the
    expectation names one, article), which it did not, and which events nobody expected."""
    left = list(events)
    found, missing = 0, []
    for want in expected:
        hit = next((e for e in left if e.kind == want["kind"] and e.metric == want["metric"]
                    and scorer.matches({"value": want["value"]}, _pred(e.new.value))
                    and want.get("article") in (None, names.get(e.new.article_url or ""))), None)
        if hit is None:
            missing.append({k: want.get(k) for k in ("kind", "metric", "value", "source", "article")})
            continue
        left.remove(hit)
        found += 1
    extra = [{"kind": e.kind, "metric": e.metric, "value": e.new.value, "source": e.new.source,
              "article": names.get(e.new.article_url or "", e.new.article_url)} for e in left]
    return {"expected": len(expected), "found": found, "missing": missing, "unexpected": extra}


def _load_jsonl(path: Path, scorer: ModuleType) -> list[dict]:
    return list(scorer.load(str(path)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of article files")
    parser.add_argument("gold", type=Path, help="gold labels in eval/score.py's format")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--claims", type=Path,
                        help="fold these claims instead of extracting (default: FOLDER/claims.jsonl)")
    parser.add_argument("--expected", type=Path, help="expected events (default: FOLDER/expected.jsonl)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder}: not a folder")
    scorer = load_scorer()
    claims = args.claims or (args.folder / "claims.jsonl" if (args.folder / "claims.jsonl").is_file() else None)
    expected_path = args.expected or (args.folder / "expected.jsonl")
    expected = _load_jsonl(expected_path, scorer) if expected_path.is_file() else None
    run = run_folder(args.folder, claims)
    result = score(run, _load_jsonl(args.gold, scorer), article_names(args.folder), scorer, expected)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print_summary(args.folder, result)
    return 0


def print_summary(folder: Path, r: dict[str, Any]) -> None:
    print(f"== {folder}")
    print(f"subject: {r['subject']}")
    for e in r["listed"]:
        mark = "ok " if e["stated_current"] and e["source_right"] else ("src" if e["stated_current"] else "BAD")
        if e["kind"] == "unconfirmed":
            mark = "   "
        print(f"  {mark} {e['kind']:12} {e['metric']:20} {e['value']:>12,.0f}  {e['source'] or '(no source)'}"
              f"  [{e['article']}]" + (f"  held: {e['reason']}" if e["reason"] else ""))
    print(f"alerts {r['alerts']}, unconfirmed {r['unconfirmed']}; precision {r['event_precision']}, "
          f"source accuracy {r['event_source_accuracy']}, events per figure {r['events_per_figure']} "
          f"(max {r['events_per_figure_max']}), coverage {r['coverage']} of {r['distinct_figures']} figures "
          f"({r['coverage_with_unconfirmed']} with unconfirmed); of the {r['dated_figures']} figures a dated "
          f"article states: {r['coverage_dated']}")
    if r["undated"] or r["copies_dropped"] is not None:
        print(f"undated articles: {len(r['undated'])}; copies dropped: {r['copies_dropped']}")
    for m in r["missed"]:
        print(f"  missed: {m['metric']} {m['value']:,} ({', '.join(m['articles'])})")
    if "expected" in r:
        x = r["expected"]
        print(f"expected events found: {x['found']}/{x['expected']}; unexpected: {len(x['unexpected'])}")
        for want in x["missing"]:
            print(f"  not raised: {want['kind']} {want['metric']} {want['value']:,} ({want['article']})")
        for got in x["unexpected"]:
            print(f"  unexpected: {got['kind']} {got['metric']} {got['value']:,.0f} ({got['article']})")


if __name__ == "__main__":
    sys.exit(main())
