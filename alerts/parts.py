"""Many-part sends that resume: a channel posting a digest as several messages (Slack) records
each part the far end accepted, so a retry or a rerun after a crash starts at the first unsent one.

The outbox hands such a channel a `PartLog` over the delivery's stored progress; a channel
used on its own keeps the progress in memory (`MemoryParts`).
"""
from __future__ import annotations

import hashlib
import json
from typing import Protocol, Sequence, runtime_checkable

from alerts.render import Rendered
from figwatch.models import Digest


class LeaseLost(Exception):
    """Another sender holds this delivery now: stop sending it, record nothing."""


class PartLog(Protocol):
    def resume(self, key: str) -> int: ...  # parts of rendering `key` already accepted (0: start over)
    def accepted(self, parts: int, key: str) -> None: ...  # the first `parts` are accepted; may raise LeaseLost
    def hold(self) -> None: ...  # still working (before a long wait): keep the lease; may raise LeaseLost


@runtime_checkable
class PartedChannel(Protocol):
    """A channel that sends in parts and resumes from a PartLog."""

    name: str

    def send_parts(self, rendered: Rendered, digest: Digest, parts: PartLog) -> None: ...


def parts_key(messages: Sequence[dict]) -> str:
    """Names a rendering: progress counted in one rendering's parts means nothing in another's."""
    text = json.dumps(list(messages), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class MemoryParts:
    """Progress kept in memory: resumes within one process only."""

    def __init__(self) -> None:
        self.parts, self.key = 0, ""

    def resume(self, key: str) -> int:
        return self.parts if key == self.key else 0

    def accepted(self, parts: int, key: str) -> None:
        self.parts, self.key = parts, key

    def hold(self) -> None:
        pass
