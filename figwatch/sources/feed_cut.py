"""A feed document cut to what is read, before feedparser parses it.

feedparser builds every entry and sanitises every tag it is handed, those of an entry's HTML too:
85,000 tiny entries under the 10 MB cap cost it about 20 s, one entry of 300,000 HTML tags 5 s,
though only MAX_ENTRIES entries are read. So the document is scanned first, once, and cut at the
last boundary between whole entries that keeps at most MAX_ENTRIES entries and MAX_MARKUP tags and
references ("<" and "&", counted in CDATA sections too); the elements still open there are closed.

The scan visits each "<" once and stops at the budget: it reads no more than it lets through. Markup
that never ends (an open comment, CDATA section or quoted attribute) ends the scan, never restarts it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_MARKUP = 50_000  # "<" and "&": about a second of feedparser, measured at 16-22 µs each
ENTRY_NAMES = frozenset({"item", "entry"})
# a start or end tag (attribute values may hold ">", never "<": it is tried up to the next "<", so each
# character is read once); possessive, so a tag that does not close fails without trying again
TAG = re.compile(r"<(/?)([^\s/>!?\"'=<]+)(?:[^>\"']|\"[^\"]*\"|'[^']*')*+>")
# markup read whole: (opening, closing); the "<" and "&" inside still count (the sanitiser parses CDATA's HTML)
SKIPPED = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">"))
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


@dataclass(frozen=True)
class Cut:
    """The document to parse, why it was cut (None: whole) or why it cannot be parsed at all."""

    data: bytes
    note: str | None = None
    error: str | None = None
    scanned: int = 0  # "<" the scan visited


@dataclass
class _Scan:
    """Where the scan is: open elements (and where each name is open, so that an end tag finds its
    element at once however deep), entries and markup so far, and the last place a cut keeps whole
    entries: (offset, elements open there)."""

    text: str
    max_entries: int
    max_markup: int
    stack: list[str] = field(default_factory=list)
    open_at: dict[str, list[int]] = field(default_factory=dict)
    entry_depth: int | None = None
    entries: int = 0
    markup: int = 0
    scanned: int = 0
    safe: tuple[int, tuple[str, ...]] | None = None
    over: str = ""  # the bound that stopped the scan: "entries" or "markup"

    def _close(self, name: str) -> bool:
        """Close the innermost open `name` and all inside it; False when none is open (a stray end tag)."""
        places = self.open_at.get(name)
        if not places:
            return False
        depth = places[-1]
        while len(self.stack) > depth:
            self.open_at[self.stack.pop()].pop()
        return True

    def _boundary(self, at: int) -> None:
        self.safe = (at, tuple(self.stack))

    def tag(self, m: re.Match[str]) -> bool:
        """Follow one tag; False when the entries' bound says cut before it."""
        closing, name = m.group(1), m.group(2)
        entry = name.rsplit(":", 1)[-1].lower() in ENTRY_NAMES
        if closing:
            if self._close(name) and entry and self.entry_depth == len(self.stack):
                self.entries += 1
                self._boundary(m.end())
            return True
        if entry and self.entry_depth in (None, len(self.stack)):
            self.entry_depth = len(self.stack)
            self._boundary(m.start())
            if self.entries >= self.max_entries:
                self.over = "entries"
                return False
        if not m.group().endswith("/>"):
            self.open_at.setdefault(name, []).append(len(self.stack))
            self.stack.append(name)
        elif entry and self.entry_depth == len(self.stack):
            self.entries += 1
            self._boundary(m.end())
        return True

    def count(self, lo: int, hi: int, lt: bool = False) -> bool:
        """Add the references (and, in CDATA, the "<") of text[lo:hi]; False when over the budget."""
        self.markup += self.text.count("&", lo, hi) + (self.text.count("<", lo, hi) if lt else 0)
        if self.markup > self.max_markup:
            self.over = "markup"
            return False
        return True

    def run(self) -> bool:
        """Scan to the end (True) or to where the bounds say cut (False)."""
        text, pos = self.text, 0
        while True:
            lt = text.find("<", pos)
            if not self.count(pos, len(text) if lt < 0 else lt):
                return False
            if lt < 0:
                return True
            self.scanned += 1
            self.markup += 1
            skipped = next(((a, b) for a, b in SKIPPED if text.startswith(a, lt)), None)
            if skipped:
                end = text.find(skipped[1], lt + len(skipped[0]))
                if not self.count(lt + len(skipped[0]), len(text) if end < 0 else end, lt=True):
                    return False
                if end < 0:
                    return True  # the rest of the document is inside it
                pos = end + len(skipped[1])
                continue
            following = text.find("<", lt + 1)
            m = TAG.match(text, lt, len(text) if following < 0 else following)
            if m is None:
                pos = lt + 1  # a stray "<": feedparser's loose parser reads it as text
                continue
            if not self.tag(m):
                return False
            pos = m.end()

    def why(self) -> str:
        if self.over == "entries":
            return f"more than {self.max_entries} entries: only the first {self.max_entries} read"
        return f"over {self.max_markup} tags and references: only the first {self.entries} entries read"


def _as_text(data: bytes) -> tuple[str, str, bytes]:
    """The document as text with its codec and BOM: UTF-16 and UTF-32 decoded, any other encoding read
    byte for byte (latin-1), since the markup of every encoding a feed may use is ASCII."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec, bom
    return data.decode("latin-1"), "latin-1", b""


def cut_feed(data: bytes, max_entries: int, max_markup: int = MAX_MARKUP) -> Cut:
    """The document cut after at most max_entries whole entries and max_markup "<" and "&"."""
    text, codec, bom = _as_text(data)
    lts = text.count("<")
    if lts <= max_entries and lts + text.count("&") <= max_markup:
        return Cut(data)  # too little markup to reach either bound: nothing to scan
    scan = _Scan(text, max_entries, max_markup)
    if scan.run():
        return Cut(data, scanned=scan.scanned)
    if scan.safe is None:
        return Cut(b"", error=f"over {max_markup} tags and references before the first entry", scanned=scan.scanned)
    at, still_open = scan.safe
    closed = text[:at] + "".join(f"</{name}>" for name in reversed(still_open))
    return Cut(bom + closed.encode(codec, errors="replace"), note=scan.why(), scanned=scan.scanned)
