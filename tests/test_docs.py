"""The README and the docs tell the truth about the repository: every setting is documented, and
every file they cite is in the repository (a clone has no ../shared and no ignored results)."""
from __future__ import annotations

import re
import subprocess
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path

from figwatch.config import Settings

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "NOTES.md", *sorted((ROOT / "docs").glob("*.md"))]
CITED = re.compile(r"`([\w.\-]+(?:/[\w.\-]*)+)`")  # `bench/results/x.json`, `../shared/notes`


def _settings_keys(cls: type, prefix: str = "") -> list[str]:
    """Every key a config file may set, dotted: `fetch.retries`, `sources.name`, `alerts.routes`."""
    keys = []
    hints = typing.get_type_hints(cls)
    for f in fields(cls):
        if f.name == "file":
            continue
        key = f"{prefix}{f.name}"
        inner = [t for t in (hints[f.name], *typing.get_args(hints[f.name])) if is_dataclass(t)]
        keys += _settings_keys(inner[0], f"{key}.") if inner else [key]
    return keys


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    keys = _settings_keys(Settings)
    assert {"topic.window_days", "sources.path", "alerts.email.port", "alerts.routes"} <= set(keys)
    assert [k for k in keys if f"`{k}`" not in readme] == []


def test_docs_cite_only_files_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    files = set(tracked.splitlines())
    top = {name.split("/")[0] for name in files}
    missing = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        missing += [f"{doc.name}: ../shared" for _ in re.finditer(r"\.\./shared", text)]
        for match in CITED.finditer(text):
            cited = match.group(1).rstrip("/")
            if cited.split("/")[0] not in top or "*" in cited:
                continue  # not a path into the repository (`home/digests`, `start/end`)
            if cited not in files and not any(name.startswith(cited + "/") for name in files):
                missing.append(f"{doc.name}: {cited}")
    assert missing == []
