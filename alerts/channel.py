"""What every channel is: a name and a `send` that raises DeliveryError when it fails."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from alerts.render import Rendered
from figwatch.models import Digest


@runtime_checkable
class Channel(Protocol):
    """Sends one rendered digest; raises DeliveryError(retryable=...) and never leaks a secret.

    A channel may also expose `secrets: tuple[str, ...]`, values that deliver_pending scrubs
    from any error text before it is stored or shown.
    """

    name: str

    def send(self, rendered: Rendered, digest: Digest) -> None: ...
