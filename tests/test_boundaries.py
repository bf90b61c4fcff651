"""The arrows point one way (docs/ARCHITECTURE.md): a test keeps them so."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package -> top-level modules (or dotted prefixes) it must never import
FORBIDDEN = {
    "figwatch": {"prefect", "alerts", "report", "extractors", "flows", "eval", "bench"},
    "extractors": {"prefect", "httpx", "sqlalchemy", "alerts", "report", "flows", "figwatch.store",
                   "figwatch.sources", "eval", "bench"},
    "alerts": {"prefect", "sqlalchemy", "extractors", "report", "flows", "figwatch.store", "figwatch.sources",
               "eval", "bench"},
    "report": {"prefect", "sqlalchemy", "httpx", "extractors", "alerts", "flows", "figwatch.store",
               "figwatch.sources", "eval", "bench"},
    # the evaluation reads article files as figwatch does and runs the extractor: no store, no pipeline
    "eval": {"prefect", "sqlalchemy", "httpx", "alerts", "report", "figwatch.store", "bench"},
    # benchmarks drive the product from outside (its command line, its public functions), never the tests
    "bench": {"tests", "eval"},
    "flows": {"bench", "eval", "tests"},
}
# modules allowed what their package is not: the event-level evaluation scores what a run gives a
# reader, so it drives a backfill through the plain steps and reads the store it wrote, as bench does
ALLOWED = {"eval/events.py": {"flows", "figwatch.store", "figwatch.sources"}}


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_its_arrows_allow(package):
    offences = []
    for path in sorted((ROOT / package).rglob("*.py")):
        forbidden = FORBIDDEN[package] - ALLOWED.get(path.relative_to(ROOT).as_posix(), set())
        for name in imports_of(path):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def test_only_flows_orchestration_and_serve_import_prefect():
    users = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "flows").rglob("*.py")
        if any(n == "prefect" or n.startswith("prefect.") for n in imports_of(p))
    )
    assert users == ["flows/orchestration.py", "flows/serve.py"]


def test_extract_command_does_not_load_prefect_or_the_database():
    code = (
        "import sys, io, contextlib\n"
        "from flows.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['extract', {str(ROOT / 'seeds/004_0bf84943e430019d.txt')!r}])\n"
        "print(sorted(m for m in ('prefect', 'sqlalchemy', 'alembic') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
