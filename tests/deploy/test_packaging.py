"""What `pip install .` (and so `make run` and the Docker image) installs: every package the
command imports, with its templates; `make run` installs no test or benchmark extra."""
from __future__ import annotations

import ast
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUP = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def _imported_packages(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return {n for n in names if (ROOT / n / "__init__.py").is_file()}


def test_every_package_the_command_imports_is_installed():
    included = SETUP["packages"]["find"]["include"]
    needed = _imported_packages(ROOT / "flows")
    assert {"figwatch", "extractors", "alerts", "report"} <= needed
    assert [n for n in sorted(needed) if not any(fnmatch(n, pattern) for pattern in included)] == []
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert [n for n in sorted(needed) if f"COPY {n} ./{n}" not in dockerfile] == []


def test_every_template_folder_is_package_data():
    data = SETUP["package-data"]
    for folder in sorted(ROOT.glob("*/templates")):
        assert "templates/*" in data.get(folder.parent.name, []), folder
    for package, patterns in data.items():
        for pattern in patterns:
            assert list((ROOT / package).glob(pattern)), f"{package}: {pattern} matches nothing"


def test_make_run_installs_the_package_alone_and_each_extra_comes_with_its_target():
    makefile = (ROOT / "Makefile").read_text()
    installs = dict(re.findall(r"^\$\((\w+)_STAMP\):.*\n\t\$\(BIN\)/pip install -q (.+)$", makefile, re.M))
    assert installs == {"RUN": "-e .", "TEST": "-e '.[dev]'", "BENCH": "-e '.[bench]'", "TRAIN": "-e '.[train]'"}
    targets = dict(re.findall(r"^(run|test|bench|eval|report|train): (\S+)$", makefile, re.M))
    assert targets == {"run": "$(RUN_STAMP)", "test": "$(TEST_STAMP)", "bench": "$(BENCH_STAMP)",
                       "eval": "$(RUN_STAMP)", "report": "$(RUN_STAMP)", "train": "$(TRAIN_STAMP)"}
