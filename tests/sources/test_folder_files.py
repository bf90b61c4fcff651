"""A source folder holds what others drop into it: only regular files inside it are read, capped by
the bytes actually read. Real FIFOs and links in tmp_path. The walks run in a child process with a
memory limit and a timeout, so a regression fails the test instead of hanging or exhausting the machine."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from figwatch.errors import SourceError
from figwatch.sources.article_files import read_capped

ROOT = Path(__file__).resolve().parents[2]
WALK = """
import json, sys
from datetime import datetime, timezone
from pathlib import Path
from figwatch.errors import SourceError
from figwatch.models import Source
from figwatch.sources.article_files import read_article_file, read_path_source
from figwatch.sources.stream import stream_path_source
source, now = Source(name="drop", path=sys.argv[1]), datetime(2025, 4, 1, tzinfo=timezone.utc)
if sys.argv[2] == "file":
    try:
        articles, problems = [read_article_file(Path(sys.argv[1]))], []
    except SourceError as exc:
        articles, problems = [], [str(exc)]
elif sys.argv[2] == "read":
    result = read_path_source(source, now=now)
    articles, problems = result.articles, result.problems
else:
    articles, problems = stream_path_source(source, now=now)
    articles = list(articles)
print(json.dumps({"texts": [a.text for a in articles], "problems": list(problems)}))
"""

STORY = "Title: Troops\nPublished: 2025-03-01\n\nNorth Korea has sent 11,000 troops to Russia, Seoul said.\n"


@pytest.fixture
def drop_folder(tmp_path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY)
    (folder / "sub").mkdir()
    (folder / "sub" / "kept.txt").write_text(STORY.replace("11,000", "12,000").replace("03-01", "03-02"))
    (folder / "alias.txt").symlink_to(folder / "sub" / "kept.txt")  # a link that stays inside: read
    os.mkfifo(folder / "pipe.txt")  # nobody ever writes: opening it for reading would block for good
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "feed.xml").symlink_to("/etc/passwd")
    return folder


def _problem(problems, name: str) -> str:
    (line,) = [p for p in problems if p.startswith(name)]
    return line


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _walk(folder: Path, how: str) -> dict:
    """A path read ("read": a monitor run, "stream": a backfill, "file": one file) in a child: 2 GB, 60 s."""
    done = subprocess.run([sys.executable, "-c", WALK, str(folder), how], capture_output=True, text=True, timeout=60,
                          preexec_fn=_limit_memory, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_a_folder_walk_reads_only_regular_files_inside_it(drop_folder):
    result = _walk(drop_folder, "read")
    texts = result["texts"]
    assert len(texts) == 2 and not any("root:" in t for t in texts)  # good, kept (alias.txt is kept.txt)
    assert "not a regular file (a FIFO): refused" in _problem(result["problems"], "pipe.txt")
    for name in ("zero.txt", "passwd.txt", "feed.xml"):
        assert "a link leading outside the source folder: refused" in _problem(result["problems"], name)
    assert not any("/etc/passwd" in p or "/dev/zero" in p for p in result["problems"])  # no target is echoed


def test_a_backfill_stream_over_the_folder_neither_hangs_nor_leaves_it(drop_folder):
    result = _walk(drop_folder, "stream")
    texts = result["texts"]
    assert len(texts) == 3 and not any("root:" in t for t in texts)  # good, kept, and alias.txt's own copy
    assert "not a regular file (a FIFO)" in _problem(result["problems"], "pipe.txt")
    assert "outside the source folder" in _problem(result["problems"], "zero.txt")


def test_a_device_named_directly_is_refused_not_read(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (problem,) = _walk(tmp_path / "zero.txt", "file")["problems"]
    assert "not a regular file (a character device): refused" in problem


def test_the_cap_counts_bytes_read_not_the_size_the_file_claims():
    status = Path("/proc/self/status")  # a regular file whose st_size is 0, with ~1 kB to read
    assert status.stat().st_size == 0
    with pytest.raises(SourceError, match="over the 100 byte cap"):
        read_capped(status, cap=100)
    assert len(read_capped(status, cap=100_000)) > 100
