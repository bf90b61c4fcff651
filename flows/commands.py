"""What each `figwatch` command does: load settings, call the plain functions, print."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from figwatch.config import Settings, load_settings
from figwatch.errors import FigwatchError


def prepare_prefect(settings: Settings) -> None:
    """Prefect settings that must be in place before `import prefect` (shared/notes/PREFECT.md)."""
    os.environ.setdefault("PREFECT_HOME", str(Path(settings.home) / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)


def _checked_settings(args: argparse.Namespace) -> Settings:
    """Settings with every channel buildable, so a missing secret fails before any work."""
    from alerts import build_channels

    settings = load_settings(args.config)
    build_channels(settings.alerts)
    return settings


def cmd_run(args: argparse.Namespace) -> int:
    settings = _checked_settings(args)
    if args.direct:
        from flows.jobs import report_json, run_monitor

        report = report_json(run_monitor(settings))
    else:
        prepare_prefect(settings)
        from flows.orchestration import monitor

        report = monitor(config=args.config)
    _print_report(report, settings, as_json=args.json, title="figwatch run")
    return 0


def cmd_backfill(args: argparse.Namespace) -> int:
    settings = _checked_settings(args)
    if args.since and args.until and args.since > args.until:
        raise FigwatchError(f"--since {args.since} is after --until {args.until}")
    if args.direct:
        from flows.jobs import BackfillRequest, report_json, run_backfill

        request = BackfillRequest(args.since, args.until, tuple(args.source), args.notify, args.dry_run)
        report = report_json(run_backfill(settings, request))
    else:
        prepare_prefect(settings)
        from flows.orchestration import backfill

        report = backfill(
            since=args.since, until=args.until, sources=args.source or None,
            notify=args.notify, dry_run=args.dry_run, config=args.config,
        )
    _print_report(report, settings, as_json=args.json, title="figwatch backfill" + (" (dry run)" if args.dry_run else ""))
    return 0


def _print_report(report: dict[str, Any], settings: Settings, *, as_json: bool, title: str) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=None, default=str))
        return
    kinds = report["event_counts"]
    print(f"{title}: {report['articles_seen']} articles seen, {report['articles_new']} new, "
          f"{report['claims']} figures extracted")
    print(f"events: {kinds['new']} new, {kinds['changed']} changed, {kinds['disagreement']} disagreement")
    for e in report["events"][:MAX_LISTED]:
        if e["kind"] != "new":
            print(f"  {e['kind']}: {e['metric']} {_num(e['old_value'])} -> {_num(e['new_value'])} ({e['source'] or 'unattributed'})")
    print(f"digests written: {len(report['digests'])}")
    if settings.alerts.files is not None:
        for digest_id in report["digests"]:
            for path in sorted(Path(settings.alerts.files.dir).glob(f"digest-{digest_id}-*.html")):
                print(f"  {path}")
    for name, error in report.get("source_errors", {}).items():
        print(f"source failed: {name}: {error}", file=sys.stderr)


MAX_LISTED = 50  # changes and disagreements printed by name; the digest has them all


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def cmd_extract(args: argparse.Namespace) -> int:
    from extractors import explain, load_topic
    from extractors.records import claim_to_record
    from figwatch.sources.article_files import read_article_file

    settings = load_settings(args.config)
    topic_path = args.topic or settings.topic.path
    topic = load_topic(topic_path) if topic_path else load_topic()
    rows, whys = [], []
    for path in args.paths:
        try:
            article = read_article_file(Path(path))
        except OSError as exc:
            raise FigwatchError(f"{path}: cannot read: {exc.strerror or exc}") from None
        for claim, reasons in explain(article.text, topic=topic, title=article.title):
            rows.append(claim_to_record(claim, path))
            whys.append(reasons)
    show_why = getattr(args, "why", False)
    if args.format == "jsonl":
        for row, w in zip(rows, whys):
            print(json.dumps({**row, "why": w._asdict()} if show_why else row, ensure_ascii=False))
    else:
        _print_table(rows, whys if show_why else None)
    return 0


def _print_table(rows: list[dict[str, Any]], whys: list[Any] | None = None) -> None:
    print(f"{'document':28} {'metric':26} {'value':>10} {'qualifier':10} {'conf':>4}  source")
    for i, r in enumerate(rows):
        print(f"{Path(r['document']).name[:28]:28} {r['metric']:26} {_num(r['value']):>10} "
              f"{r['qualifier']:10} {r.get('confidence', 1):4.1f}  {r['source'] or '-'}")
        for line in whys[i].lines() if whys else ():
            print(f"    {line}")


def _runtime(args: argparse.Namespace):
    from flows.steps import open_runtime

    return open_runtime(load_settings(args.config))


def cmd_sources(args: argparse.Namespace) -> int:
    rt = _runtime(args)
    health = {h.name: h for h in rt.store.source_health()}
    print(f"{'source':20} {'last success':25} {'failures':>8}  last error")
    for s in rt.settings.sources:
        h = health.get(s.name)
        ok = h.last_success.isoformat(timespec="seconds") if h and h.last_success else "never"
        print(f"{s.name:20} {ok:25} {h.consecutive_failures if h else 0:>8}  {(h.last_error if h else None) or '-'}")
    return 0


def cmd_deliveries(args: argparse.Namespace) -> int:
    from alerts import format_deliveries

    print(format_deliveries(_runtime(args).store.deliveries()))
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from flows.steps import deliver, utcnow

    rt = _runtime(args)
    report = deliver(rt, now=utcnow())
    print(f"deliveries sent: {report.sent}, failed: {report.failed}")
    return 0 if report.failed == 0 else 1


def cmd_digest(args: argparse.Namespace) -> int:
    from alerts import render_digest

    rt = _runtime(args)
    digest_id = _digest_id(rt, args.preview)
    digest = rt.store.get_digest(digest_id)
    history = {name: fig.history for name, fig in rt.store.load_figures().items()}
    rendered = render_digest(digest, rt.metrics, base_url=rt.settings.alerts.base_url, history=history)
    out = Path(args.out or Path(rt.settings.home) / "preview")
    out.mkdir(parents=True, exist_ok=True)
    for ext, body in (("html", rendered.html), ("txt", rendered.text)):
        path = out / f"digest-{digest_id}.{ext}"
        path.write_text(body, encoding="utf-8")
        print(path)
    return 0


def _digest_id(rt: Any, wanted: str) -> int:
    if wanted != "latest":
        if not wanted.isdigit():
            raise FigwatchError(f"digest id must be a number, got {wanted!r}")
        return int(wanted)
    ids = [d.digest_id for d in rt.store.deliveries()]
    if not ids:
        raise FigwatchError("no digest yet: run `figwatch run` first")
    return max(ids)


def cmd_review(args: argparse.Namespace) -> int:
    from flows import review

    rt = _runtime(args)
    if args.export:
        files, labels = review.export(rt, Path(args.export))
        print(f"wrote {files} articles and {labels} labels under {args.export} (gold.jsonl: confirmed, rejected.jsonl: rejected)")
        return 0
    if args.confirm or args.reject:
        verdict = "confirmed" if args.confirm else "rejected"
        done = review.decide(rt, args.confirm or args.reject, verdict)
        for id_ in done.not_waiting:
            print(f"figure {id_}: not waiting for review (unknown id, or decided already)", file=sys.stderr)
        print(f"{verdict} {len(done.items)} figures ({done.marked} stored copies)"
              + (f"; {len(done.events)} events wait for the next digest" if verdict == "confirmed" else ""))
        return 1 if done.not_waiting else 0
    pending = rt.store.review_items()
    for item in pending:
        c = item.claim
        row = {"id": item.id, "metric": c.metric, "value": c.value, "confidence": c.confidence, "source": c.source,
               "article": c.article_url, "evidence": c.evidence}
        print(json.dumps(row, ensure_ascii=False) if args.json else
              f"{item.id:>6} {c.metric:26} {_num(c.value):>10} conf {c.confidence:.2f}  {c.evidence[:100]}")
    if not args.json:
        print(f"{len(pending)} figures wait for review (confidence below 0.5; they stay out of digests);"
              " confirm or reject them by id: figwatch review --confirm ID... / --reject ID...")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from figwatch.store import Store

    settings = load_settings(args.config)
    Store.open(settings.database_url).close()
    print("database schema is at the latest migration")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _checked_settings(args)
    prepare_prefect(settings)
    from flows.serve import serve

    return serve(settings, config=args.config, interval=args.interval)


def cmd_report(args: argparse.Namespace) -> int:
    from report import build_site, serve_site

    rt = _runtime(args)
    out = Path(args.out or Path(rt.settings.home) / "report")
    index = build_site(rt.store, rt.metrics, out, base_url=rt.settings.alerts.base_url)
    print(index)
    if args.serve:
        serve_site(out, port=args.port)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run,
    "backfill": cmd_backfill,
    "extract": cmd_extract,
    "sources": cmd_sources,
    "deliveries": cmd_deliveries,
    "deliver": cmd_deliver,
    "digest": cmd_digest,
    "review": cmd_review,
    "db": cmd_db,
    "serve": cmd_serve,
    "report": cmd_report,
}
