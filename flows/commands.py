"""What each `figwatch` command does: load settings, call the plain functions, print."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figwatch.config import Check, Settings, load_settings
from figwatch.errors import FigwatchError, UsageError
from figwatch.wording import terminal_safe
from flows.checks import READING, RUNNING, SENDING

if TYPE_CHECKING:
    from figwatch.store.verdicts import Verdict

EXIT_OK, EXIT_FAILED = 0, 1  # 1: something failed and was recorded (a retry is due); 2 (cli.py): usage or config


def prepare_prefect(settings: Settings) -> None:
    """Prefect settings that must be in place before `import prefect` (docs/PREFECT.md)."""
    os.environ.setdefault("PREFECT_HOME", str(Path(settings.home) / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)


def _checked_settings(args: argparse.Namespace) -> Settings:
    """Settings with every channel buildable, so a missing secret fails before any work."""
    from alerts import build_channels

    settings = load_settings(args.config, checks=RUNNING)
    build_channels(settings.alerts)
    return settings


def _through_prefect(args: argparse.Namespace) -> bool:
    """The flow when asked or when a Prefect server answers; the plain steps otherwise (flows/runner.py)."""
    from flows.runner import choose

    choice = choose(prefect=args.prefect, direct=args.direct)
    if choice.note:
        print(f"figwatch: {choice.note}", file=sys.stderr)
    return choice.prefect


def cmd_run(args: argparse.Namespace) -> int:
    settings = _checked_settings(args)
    if not _through_prefect(args):
        from flows.jobs import report_json, run_monitor

        report = report_json(run_monitor(settings))
    else:
        prepare_prefect(settings)
        from flows.orchestration import monitor
        from flows.prefect_home import first_use

        with first_use():  # two first runs on a fresh Prefect home: one sets it up, then the other
            report = monitor(config=args.config)
    _print_report(report, settings, as_json=args.json, title="figwatch run")
    return run_status(report)


def cmd_backfill(args: argparse.Namespace) -> int:
    settings = _checked_settings(args)
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    if not _through_prefect(args):
        from flows.jobs import BackfillRequest, report_json, run_backfill

        request = BackfillRequest(args.since, args.until, tuple(args.source), args.notify, args.dry_run)
        report = report_json(run_backfill(settings, request))
    else:
        prepare_prefect(settings)
        from flows.orchestration import backfill
        from flows.prefect_home import first_use

        with first_use():
            report = backfill(
                since=args.since, until=args.until, sources=args.source or None,
                notify=args.notify, dry_run=args.dry_run, config=args.config,
            )
    _print_report(report, settings, as_json=args.json,
                  title="figwatch backfill" + (" (dry run)" if args.dry_run else ""))
    return run_status(report)


def run_status(report: dict[str, Any]) -> int:
    """A run's exit status: 1 when a source or a delivery failed, or a delivery still waits for a retry."""
    deliveries = report.get("deliveries", {})
    failed = (report.get("source_errors") or report.get("delivery_errors")
              or deliveries.get("failed") or deliveries.get("waiting_retry"))
    return EXIT_FAILED if failed else EXIT_OK


def _print_report(report: dict[str, Any], settings: Settings, *, as_json: bool, title: str) -> None:
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=None, default=str))
        return
    kinds = report["event_counts"]
    print(f"{title}: {plural(report['articles_seen'], 'article')} seen, {report['articles_new']:,} new, "
          f"{plural(report['claims'], 'figure')} extracted")
    print(f"events: {kinds['new']} new, {kinds['changed']} changed, {kinds['disagreement']} disagreement, "
          f"{kinds.get('unconfirmed', 0)} held as unconfirmed")
    for e in report["events"][:MAX_LISTED]:
        if e["kind"] != "new":
            print(terminal_safe(f"  {e['kind']}: {e['metric']} {_num(e['old_value'])} -> {_num(e['new_value'])} "
                                f"({e['source'] or 'unattributed'})"))
    print(f"digests written: {len(report['digests'])}")
    if settings.alerts.files is not None:
        for digest_id in report["digests"]:
            for path in sorted(Path(settings.alerts.files.dir).glob(f"digest-{digest_id}-*.html")):
                print(f"  {path}")
    _print_problems(report)


def _print_problems(report: dict[str, Any]) -> None:
    """Deliveries and sources that failed, on stderr: a run that went wrong says so (and exits 1)."""
    deliveries = report.get("deliveries", {})
    if deliveries.get("sent") or deliveries.get("failed"):
        print(f"deliveries: {deliveries.get('sent', 0)} sent, {deliveries.get('failed', 0)} failed")
    for channel, errors in report.get("delivery_errors", {}).items():
        for error in errors:
            print(f"delivery failed: {error if error.startswith(channel) else f'{channel}: {error}'}", file=sys.stderr)
    if waiting := deliveries.get("waiting_retry"):
        print(f"{plural(waiting, 'delivery', 'deliveries')} {waits(waiting)} for a retry: "
              "`figwatch deliver` retries now, `figwatch deliveries` shows why", file=sys.stderr)
    for name, error in report.get("source_errors", {}).items():
        print(terminal_safe(f"source failed: {name}: {error}"), file=sys.stderr)
    if undated := report.get("undated"):
        print(f"{plural(len(undated), 'article')} with no date: kept out of the figures until dated", file=sys.stderr)
    if other := report.get("other_language"):
        print(f"{plural(len(other), 'article')} not in the topic's language: not read", file=sys.stderr)
    if report.get("deferred"):
        print(f"time budget spent: {report['deferred']} articles left for the next run", file=sys.stderr)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 figure', '2 figures', '1,000 articles'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def waits(n: int) -> str:
    return "waits" if n == 1 else "wait"


MAX_LISTED = 50  # changes and disagreements printed by name; the digest has them all


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def cmd_extract(args: argparse.Namespace) -> int:
    from extractors import explain, load_topic
    from extractors.records import claim_to_record
    from figwatch.sources.article_files import read_article_file

    settings = load_settings(args.config, checks=READING)
    topic_path = args.topic or settings.topic.path
    topic = load_topic(topic_path) if topic_path else load_topic()
    rows, whys = [], []
    for path in article_paths(args.paths):
        try:
            article = read_article_file(path.absolute())
        except OSError as exc:
            raise FigwatchError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if not topic.grammar.identify.reads(article.text):
            print(terminal_safe(f"{path}: not in {topic.grammar.identify.language}: not read (as a run would not)"),
                  file=sys.stderr)
            continue
        for claim, reasons in explain(article.text, topic=topic, title=article.title):
            rows.append(claim_to_record(claim, str(path)))
            whys.append(reasons)
    show_why = getattr(args, "why", False)
    if args.format == "jsonl":
        for row, w in zip(rows, whys, strict=True):
            print(json.dumps({**row, "why": w._asdict()} if show_why else row, ensure_ascii=False))
    else:
        _print_table(rows, whys if show_why else None)
    return 0


def article_paths(names: list[str]) -> list[Path]:
    """The files named, and a folder's article files (.txt, .html, ...; walked in order); a path
    that is not there is a usage error, before anything is read."""
    from figwatch.sources.article_files import ARTICLE_SUFFIXES, walk

    paths: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = [p for p in walk(path) if p.suffix.lower() in ARTICLE_SUFFIXES]
            if not found:
                raise UsageError(f"{name}: no article files ({', '.join(sorted(ARTICLE_SUFFIXES))}) in this folder")
            paths += found
        elif path.exists():
            paths.append(path)
        else:
            raise UsageError(f"{name}: no such file or folder")
    return paths


def _print_table(rows: list[dict[str, Any]], whys: list[Any] | None = None) -> None:
    print(f"{'document':28} {'metric':26} {'value':>10} {'qualifier':10} {'conf':>4}  source")
    for i, r in enumerate(rows):
        print(terminal_safe(f"{Path(r['document']).name[:28]:28} {r['metric']:26} {_num(r['value']):>10} "
                            f"{r['qualifier']:10} {r.get('confidence', 1):4.1f}  {r['source'] or '-'}"))
        for line in whys[i].lines() if whys else ():
            print(terminal_safe(f"    {line}"))


def _runtime(args: argparse.Namespace, checks: tuple[Check, ...] = READING):
    from flows.steps import open_runtime

    return open_runtime(load_settings(args.config, checks=checks))


def cmd_sources(args: argparse.Namespace) -> int:
    rt = _runtime(args)
    if not rt.settings.sources:
        print(f"no sources configured in {rt.settings.file} (a --config file replaces the embedded seed source)")
        return 0
    health = {h.name: h for h in rt.store.source_health()}
    print(f"{'source':20} {'last success':25} {'failures':>8}  last error")
    for s in rt.settings.sources:
        h = health.get(s.name)
        ok = h.last_success.isoformat(timespec="seconds") if h and h.last_success else "never"
        failures = h.consecutive_failures if h else 0
        error = h.last_error if h and failures else None  # an error before the last success is history
        print(terminal_safe(f"{s.name:20} {ok:25} {failures:>8}  {error or '-'}"))
    return 0


def cmd_deliveries(args: argparse.Namespace) -> int:
    from alerts import format_deliveries

    print(format_deliveries(_runtime(args).store.deliveries()))
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from flows.steps import deliver, utcnow

    rt = _runtime(args, SENDING)
    now = utcnow()
    retried = rt.store.retry_now(now)  # "retry now": backoff is for unattended runs, not for a person asking
    report = deliver(rt, now=now)
    print(f"deliveries sent: {report.sent}, failed: {report.failed}"
          + (f" ({plural(retried, 'retry', 'retries')} brought forward)" if retried else ""))
    _print_problems({"delivery_errors": report.errors})
    return EXIT_OK if report.failed == 0 and not report.errors else EXIT_FAILED


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


def _digest_id(rt: Any, wanted: int | str) -> int:
    if wanted != "latest":
        return int(wanted)  # checked by the parser: ASCII digits within the database's range
    ids = [d.digest_id for d in rt.store.deliveries()]
    if not ids:
        raise FigwatchError("no digest yet: run `figwatch run` first")
    return max(ids)


def cmd_review(args: argparse.Namespace) -> int:
    from flows import review

    rt = _runtime(args)
    if args.export:
        files, labels = review.export(rt, Path(args.export))
        print(f"wrote {plural(files, 'article')} and {plural(labels, 'label')} under {args.export}"
              " (gold.jsonl: confirmed, rejected.jsonl: rejected)")
        return 0
    if args.confirm or args.reject:
        verdict: Verdict = "confirmed" if args.confirm else "rejected"
        done = review.decide(rt, args.confirm or args.reject, verdict)
        for id_ in done.not_waiting:
            print(f"figure {id_}: not waiting for review (unknown id, or decided already)", file=sys.stderr)
        print(f"{verdict} {plural(len(done.items), 'figure')} ({plural(done.marked, 'stored copy', 'stored copies')})"
              + (f"; {plural(len(done.events), 'event')} {waits(len(done.events))}"
                 " for the next digest" if verdict == "confirmed" else ""))
        return 1 if done.not_waiting else 0
    pending = rt.store.review_items()
    for item in pending:
        c = item.claim
        row = {"id": item.id, "metric": c.metric, "value": c.value, "confidence": c.confidence, "source": c.source,
               "article": c.article_url, "evidence": c.evidence, "unconfirmed": item.reason}
        why = f"unconfirmed: {item.reason}" if item.reason else f"conf {c.confidence:.2f}"
        print(terminal_safe(json.dumps(row, ensure_ascii=False), json=True) if args.json else
              terminal_safe(f"{item.id:>6} {c.metric:26} {_num(c.value):>10} {why}\n{_indented(c.evidence)}"))
    if not args.json:
        held = sum(1 for i in pending if i.reason)
        print(f"{plural(len(pending), 'figure')} {waits(len(pending))} for review ({len(pending) - held} with "
              f"confidence below 0.5, {held} unconfirmed; they stay out of the figures); confirm or reject them "
              "by id: figwatch review --confirm ID... / --reject ID...")
    return 0


def _indented(text: str) -> str:
    """The whole phrase a figure came from, on its own lines under the figure."""
    return "\n".join(f"         {line}" for line in text.strip().splitlines() if line.strip())


def cmd_db(args: argparse.Namespace) -> int:
    from figwatch.store import Store

    settings = load_settings(args.config, checks=READING)
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
