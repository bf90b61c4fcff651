"""`make bench`: figwatch's costs, measured on this machine, as one table and a JSON file.

- extraction: MB/s and articles/s on one core, beside quantulum3 (bench/bench_extract.py);
- backfill end to end through the real Prefect flow (`figwatch backfill --prefect`): articles/s and peak
  RSS at each size, on SQLite and on PostgreSQL (127.0.0.1:5432, a throwaway database);
- a monitor run over 50 unchanged feeds served on loopback (all 304s): wall time, and the
  share that is Prefect's start-up (the same command with no sources);
- the same backfill body with and without Prefect (`--direct`): the overhead as a ratio;
- `figwatch run` finding nothing new on a fresh home, as a user types it: direct (the default
  without a server), through a running Prefect server (the default with one), and through
  Prefect's temporary server (`--prefect` without one), beside Python's own start-up.

Every figure is a separate process, so peak RSS is that run's own (os.wait4).
Usage: python -m bench.run [--sizes 1000,10000,100000] [--no-postgres] [--only CASE ...]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]

FIGWATCH = str(Path(sys.executable).with_name("figwatch"))
WORK = Path(os.environ.get("FIGWATCH_BENCH_DIR", Path(tempfile.gettempdir()) / "figwatch-bench"))
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def timed(args: list[str], env: dict[str, str]) -> dict:
    """Run a command; its wall time, its own peak RSS (MB, from wait4) and its JSON output."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    streams: dict[str, str] = {}
    readers = [threading.Thread(target=lambda n=n, f=f: streams.__setitem__(n, f.read()))
               for n, f in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(args[:3])} failed:\n{streams['err'][-2000:]}")
    out = streams["out"]
    report = json.loads(out) if out.strip().startswith("{") else {}
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "report": report}


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "FIGWATCH_DATABASE_URL")}
    env.update(PREFECT_HOME=str(WORK / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120", FIGWATCH_HOME=str(home))
    return env


def config(path: Path, db_url: str, sources: str) -> Path:
    path.write_text(f'[store]\nurl = "{db_url}"\n{sources}\n[alerts.files]\ndir = "{path.parent / "digests"}"\n',
                    encoding="utf-8")
    return path


def corpus(size: int) -> Path:
    folder = WORK / f"corpus-{size}"
    if not (folder / ".done").exists():
        write_corpus(folder, size)
        (folder / ".done").touch()
    return folder


def pg_database() -> tuple[str, Callable[[], None]]:
    from sqlalchemy import create_engine, text

    name = f"figwatch_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", drop


def bench_backfill(size: int, backend: str, *, direct: bool = False) -> dict:
    run_dir = Path(tempfile.mkdtemp(prefix=f"bf-{size}-{backend}-", dir=WORK))
    drop = None
    db_url = f"sqlite:///{run_dir / 'figwatch.db'}"
    if backend == "postgresql":
        db_url, drop = pg_database()
    try:
        cfg = config(run_dir / "figwatch.toml", db_url, f'[[sources]]\nname = "archive"\npath = "{corpus(size)}"\n')
        args = [FIGWATCH, "backfill", "--json", "--config", str(cfg), "--direct" if direct else "--prefect"]
        result = timed(args, base_env(run_dir))
    finally:
        if drop:
            drop()
    report = result.pop("report")
    result.update(articles=size, new=report.get("articles_new"), claims=report.get("claims"),
                  articles_per_s=round(size / result["wall_s"], 1))
    return result


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def bench_monitor_feeds(feeds: int = 50) -> dict:
    """Fifty feeds on loopback; the second run finds them all unchanged (If-Modified-Since -> 304)."""
    folder = WORK / f"feeds-{feeds}"
    if not (folder / ".done").exists():
        write_corpus(folder, feeds * 20, feeds=feeds)
        (folder / ".done").touch()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    run_dir = Path(tempfile.mkdtemp(prefix="monitor-", dir=WORK))
    sources = "".join(f'[[sources]]\nname = "feed{n:02d}"\nurl = "http://127.0.0.1:{port}/feed-{n:02d}.xml"\n'
                      for n in range(feeds))
    cfg = config(run_dir / "figwatch.toml", f"sqlite:///{run_dir / 'figwatch.db'}",
                 sources + '[fetch]\npolite_delay = 0.0\nfetch_pages = false\n')
    (run_dir / "nothing").mkdir()
    empty = config(run_dir / "empty.toml", f"sqlite:///{run_dir / 'empty.db'}",
                   f'[[sources]]\nname = "nothing"\npath = "{run_dir / "nothing"}"\n')  # an empty folder
    env = base_env(run_dir)
    try:
        first = timed([FIGWATCH, "run", "--json", "--prefect", "--config", str(cfg)], env)
        unchanged = timed([FIGWATCH, "run", "--json", "--prefect", "--config", str(cfg)], env)
        direct = timed([FIGWATCH, "run", "--json", "--direct", "--config", str(cfg)], env)
        startup = timed([FIGWATCH, "run", "--json", "--prefect", "--config", str(empty)], env)
    finally:
        server.shutdown()
    return {
        "feeds": feeds, "first_run_s": first["wall_s"], "first_run_new": first["report"].get("articles_new"),
        "unchanged_s": unchanged["wall_s"], "unchanged_new": unchanged["report"].get("articles_new"),
        "unchanged_direct_s": direct["wall_s"], "prefect_startup_s": startup["wall_s"],
        "beyond_startup_s": round(unchanged["wall_s"] - startup["wall_s"], 2),
    }


def _median(args: list[str], env: dict[str, str], repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `repeats` runs (CPU: the process's own, which a loaded machine
    does not inflate; a Prefect server's work on its behalf is not in it)."""
    runs = [timed(args, env) for _ in range(repeats)]
    middle = repeats // 2
    return sorted(r["wall_s"] for r in runs)[middle], sorted(r["cpu_s"] for r in runs)[middle]


def bench_no_news(repeats: int = 5) -> dict:
    """The everyday command: a second `figwatch run` over the seeds, on a fresh home (a new
    FIGWATCH_HOME and PREFECT_HOME), so nothing is new; medians of `repeats` runs per mode."""
    from flows.serve import start_local_server

    run_dir = Path(tempfile.mkdtemp(prefix="no-news-", dir=WORK))
    env = {**base_env(run_dir / "home"), "PREFECT_HOME": str(run_dir / "prefect-home")}
    run = [FIGWATCH, "run", "--json"]
    python, _ = _median([sys.executable, "-c", "pass"], env, repeats)
    first = timed(run, env)["report"].get("articles_new")
    direct, direct_cpu = _median(run, env, repeats)
    temporary_first = timed(run + ["--prefect"], env)["wall_s"]  # a fresh PREFECT_HOME: its database is made
    temporary, temporary_cpu = _median(run + ["--prefect"], env, repeats)
    auth = f"bench:{uuid.uuid4().hex}"  # the server refuses a client without its auth string
    server = start_local_server(run_dir / "prefect-server", auth=auth)
    try:
        served, served_cpu = _median(run, {**env, "PREFECT_API_URL": server.api_url,
                                           "PREFECT_API_AUTH_STRING": auth}, repeats)
    finally:
        server.stop()
    return {
        "first_run_new": first, "python_startup_s": python,
        "direct_s": direct, "direct_cpu_s": direct_cpu,
        "with_server_s": served, "with_server_cpu_s": served_cpu,
        "temporary_server_first_s": temporary_first, "temporary_server_s": temporary,
        "temporary_server_cpu_s": temporary_cpu,
        "direct_beyond_python_s": round(direct - python, 2), "with_server_beyond_python_s": round(served - python, 2),
        "load_average": os.getloadavg()[0],
    }


def bench_extraction() -> dict:
    out = WORK / "extract.json"
    subprocess.run([sys.executable, "-m", "bench.bench_extract", "--json", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000,100000"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only", nargs="+", choices=CASES, metavar="CASE",
                        help=f"run only these cases ({', '.join(CASES)}); default: all")
    args = parser.parse_args()
    wanted = set(args.only or CASES)
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    backends = ["sqlite"] + ([] if args.no_postgres else ["postgresql"])
    results: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": os.uname().nodename,
                     "cores": os.cpu_count()}
    if "extraction" in wanted:
        results["extraction"] = bench_extraction()
        for kind, row in results["extraction"]["by_text"].items():
            _print(f"extraction {kind}", row)
    if "backfill" in wanted:
        _backfills(results, sizes, backends)
    if "monitor" in wanted:
        results["monitor_50_feeds"] = bench_monitor_feeds()
        _print("monitor 50 unchanged feeds", results["monitor_50_feeds"])
    if "no-news" in wanted:
        results["no_news_run"] = bench_no_news()
        _print("no-news figwatch run", results["no_news_run"])
    out = ROOT / "bench/results" / f"bench-{results['when'].replace(':', '')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten: {out}")


CASES = ("extraction", "backfill", "monitor", "no-news")


def _backfills(results: dict, sizes: list[int], backends: list[str]) -> None:
    """Backfill by size and backend through the Prefect flow, then the same body direct: the ratio."""
    results["backfill"] = []
    for size in sizes:
        for backend in backends:
            row = {"backend": backend, **bench_backfill(size, backend)}
            results["backfill"].append(row)
            _print(f"backfill {size} {backend}", row)
    results["prefect_overhead"] = []
    for size in sorted({sizes[0], *(s for s in sizes if s == 10_000)}):  # start-up dominated, then amortised
        direct = bench_backfill(size, "sqlite", direct=True)
        prefect = next(r for r in results["backfill"] if r["articles"] == size and r["backend"] == "sqlite")
        row = {"articles": size, "direct_s": direct["wall_s"], "direct_peak_rss_mb": direct["peak_rss_mb"],
               "prefect_s": prefect["wall_s"], "ratio": round(prefect["wall_s"] / direct["wall_s"], 2)}
        results["prefect_overhead"].append(row)
        _print(f"prefect overhead {size}", row)


def _print(name: str, row: dict) -> None:
    flat = ", ".join(f"{k}={v}" for k, v in row.items() if not isinstance(v, (dict, list)))
    print(f"{name:32} {flat}", flush=True)


if __name__ == "__main__":
    main()
