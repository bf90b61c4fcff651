"""What in article text reads as blank: terminal control sequences, and time stamps opening a line.

"\\x1b]0;title\\x07" holds a 0 that is no count. Each sequence (and any other C0 or C1 control but tab
and newline, and the bidi overrides and isolates that reorder what a reader sees) is replaced by
spaces of the same length, so every span still indexes the text as given.
"""
from __future__ import annotations

import re

# ESC [ ... final (CSI), ESC ] ... BEL or ESC \\ (OSC), C1 CSI, any other ESC pair, and lone controls
_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-_]?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def blank_controls(text: str) -> str:
    """The text with control sequences blanked, same length (a no-op, and no copy, on ordinary text)."""
    if not _SEQUENCES.search(text):
        return text
    return _SEQUENCES.sub(lambda m: " " * len(m.group()), text)


def blank_stamps(text: str, stamp: re.Pattern[str]) -> str:
    """The text with a line's opening time stamp ("date 2025-09-02 ...", the language's `stamp`) blanked, same
    length: the sentence after it starts at its subject."""
    return stamp.sub(lambda m: " " * len(m.group()), text)
