"""Response bodies read within hard limits: bytes on the wire and bytes after decoding.

We inflate gzip and deflate ourselves, in steps bounded by what is still allowed, so a
compression bomb is refused after at most `cap` bytes of output instead of being inflated.
"""
from __future__ import annotations

import time
import zlib

import httpx


class BodyError(Exception):
    """The body was refused; `retryable` when another attempt might get a whole one."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


def read_body(response: httpx.Response, cap: int, limit: float) -> bytes:
    """The body, inflated by us in bounded steps; refuses over-cap, bombs, slow drips and truncation."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise BodyError(f"body of {length} bytes over the {cap} byte cap")
    inflater = Inflater(response.headers.get("content-encoding", ""), cap)
    for chunk in response.iter_raw():
        inflater.feed(chunk)
        if time.monotonic() > limit:
            raise BodyError("total timeout while reading the body", retryable=True)
    return inflater.finish()


class Inflater:
    """Content-Encoding decoding with a hard cap on both the wire and the decoded size."""

    def __init__(self, encoding: str, cap: int) -> None:
        enc = encoding.strip().lower()
        if enc in ("", "identity"):
            self._z = None
        elif enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise BodyError(f"unsupported content-encoding {encoding!r}")
        self.deflate, self.cap, self.wire, self.size = enc == "deflate", cap, 0, 0
        self._parts: list[bytes] = []

    def feed(self, chunk: bytes) -> None:
        self.wire += len(chunk)
        if self.wire > self.cap:
            raise BodyError(f"body over the {self.cap} byte cap")
        out = chunk if self._z is None else self._inflate(chunk)
        self.size += len(out)
        if self.size > self.cap:
            raise BodyError(f"decompressed body over the {self.cap} byte cap (compression bomb?)")
        self._parts.append(out)

    def _inflate(self, chunk: bytes) -> bytes:
        assert self._z is not None  # feed() inflates only when there is a decompressor
        try:
            out = self._z.decompress(chunk, self.cap - self.size + 1)
        except zlib.error:
            if not (self.deflate and self.size == 0 and self.wire == len(chunk)):
                raise BodyError("corrupt compressed body") from None
            self._z, self.deflate = zlib.decompressobj(-zlib.MAX_WBITS), False  # raw deflate
            return self._inflate(chunk)
        if self._z.unconsumed_tail:
            raise BodyError(f"decompressed body over the {self.cap} byte cap (compression bomb?)")
        return out

    def finish(self) -> bytes:
        if self._z is not None:
            if not self._z.eof and self.wire:
                raise BodyError("truncated compressed body", retryable=True)
            self._parts.append(self._z.flush())
        return b"".join(self._parts)
