"""The default channel: text, HTML and JSON per digest in a folder, written atomically.

Names are fixed by the digest (`digest-<id>-<created>`), so sending the same digest twice
rewrites the same three files: a retry never leaves duplicates or half-written files. Files are
0644 like the timeline site's pages: a digest holds published figures, no secret, and the web or
mail server that shows it runs as another user.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from alerts.render import Rendered
from figwatch.config import FilesSettings
from figwatch.errors import DeliveryError
from figwatch.models import Digest

DIGEST_FILE_MODE = 0o644


def digest_stem(digest: Digest) -> str:
    return f"digest-{digest.id}-{digest.created.strftime('%Y%m%dT%H%M%S')}"


def write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, DIGEST_FILE_MODE)  # mkstemp makes 0600: readable by no one else
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FilesChannel:
    """Writes `<dir>/digest-<id>-<yyyymmddThhmmss>.{txt,html,json}`."""

    name = "files"

    def __init__(self, settings: FilesSettings):
        self.dir = Path(settings.dir)

    def paths(self, digest: Digest) -> dict[str, Path]:
        stem = digest_stem(digest)
        return {ext: self.dir / f"{stem}.{ext}" for ext in ("txt", "html", "json")}

    def send(self, rendered: Rendered, digest: Digest) -> None:
        if digest.id is None:
            raise DeliveryError("a digest must be stored (have an id) before it is written", channel=self.name,
                                retryable=False)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            paths = self.paths(digest)
            write_atomic(paths["txt"], rendered.text)
            write_atomic(paths["html"], rendered.html)
            write_atomic(paths["json"], rendered.json + "\n")
        except OSError as exc:
            raise DeliveryError(f"cannot write to {self.dir}: {exc.strerror or exc}", channel=self.name) from None
