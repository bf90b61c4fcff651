"""Slack Block Kit messages for a digest: within Slack's limits, split rather than cut.

Limits (api.slack.com/reference/block-kit): 50 blocks a message, 3,000 characters a section
text, 150 a header, 10 context elements. A change never loses a word: a long section is split
into several sections, and a message that would pass 50 blocks starts a new message.
"""
from __future__ import annotations

from figwatch.wording import header_safe
from alerts.digest_view import DigestView, EventView

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10


def mrkdwn_escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escaped_line(text: str, limit: int) -> str:
    """One line, escaped, of at most `limit` characters, cut (with "…") never inside an entity."""
    line = mrkdwn_escape(header_safe(text, len(text) + 1))
    if len(line) <= limit:
        return line
    cut = limit - 1
    amp = line.rfind("&", max(0, cut - 4), cut)
    if amp >= 0 and ";" not in line[amp:cut]:
        cut = amp
    return line[:cut].rstrip() + "…"


def link(url: str | None, label: str) -> str:
    """<url|label> with the label escaped; a bare label when there is no URL."""
    if not url:
        return mrkdwn_escape(label)
    safe = mrkdwn_escape(url).replace("|", "%7C")
    return f"<{safe}|{mrkdwn_escape(label)}>"


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends, then spaces, never inside an entity."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
            amp = text.rfind("&", cut - 5, cut)  # do not split "&amp;" in two
            if amp > 0 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    pieces.append(text)
    return pieces


def section(text: str) -> list[dict]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": t}} for t in split_text(text) if t]


def event_text(e: EventView) -> str:
    """The section: what changed, by how much, marked if revised or downward, the quotes."""
    title = f"*{link(e.page, e.label)}*" if e.page else f"*{mrkdwn_escape(e.label)}*"
    lines = [f"{title}: {mrkdwn_escape(e.headline)}"]
    if e.change:
        lines[0] += f"  {mrkdwn_escape(e.change)}"
    if e.marks:
        lines.append("_" + mrkdwn_escape("; ".join(e.marks)) + "_")
    for s in e.sources:
        lines.append(f">{mrkdwn_escape(s.role.capitalize())} ({mrkdwn_escape(s.who)}): “{mrkdwn_escape(s.quote)}”")
    if e.history:
        hist = ", ".join(f"{h.date} {h.value}" for h in e.history)
        lines.append("History: " + mrkdwn_escape(hist))
    return "\n".join(lines)


def source_context(e: EventView) -> list[dict]:
    """Context lines for sources: outlet link, who, date; a section if a line would be too long."""
    elements = []
    for s in e.sources:
        text = f"{mrkdwn_escape(s.role.capitalize())}: {mrkdwn_escape(s.value)} {mrkdwn_escape(s.attribution)} · {link(s.url, s.outlet)} · {s.date}"
        elements.append({"type": "mrkdwn", "text": text})
    if len(elements) <= MAX_CONTEXT_ELEMENTS and all(len(x["text"]) <= MAX_CONTEXT_TEXT for x in elements):
        return [{"type": "context", "elements": elements}]
    return section("\n".join(x["text"] for x in elements))


def event_blocks(e: EventView) -> list[dict]:
    return section(event_text(e)) + source_context(e)


def notice_blocks(v: DigestView) -> list[list[dict]]:
    groups = []
    for g in v.notice_groups:
        text = f"*{mrkdwn_escape(g.title)}*\n" + "\n".join("• " + mrkdwn_escape(n.message) for n in g.notices)
        groups.append(section(text))
    return groups


def _header(subject: str, part: str) -> dict:
    """The subject, escaped and shortened to fit 150 characters with its "(part n of m)" kept whole."""
    text = escaped_line(subject, MAX_HEADER - len(part)) + part
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": False}}


def _groups(v: DigestView) -> list[list[dict]]:
    """Units that stay together in one message: a heading with its first item, each item."""
    groups: list[list[dict]] = []
    for title, events in (("Changed figures", v.changed), ("Sources disagree", v.disagreements), ("New figures", v.new)):
        for i, e in enumerate(events):
            lead = section(f"*{title}*") if i == 0 else []
            groups.append([{"type": "divider"}] + lead + event_blocks(e))
    groups.extend(notice_blocks(v))
    if v.base_url:
        groups.append(section(link(v.base_url, "Full report")))
    return groups


def slack_messages(v: DigestView) -> tuple[dict, ...]:
    """Messages of at most 50 blocks each, every one with a header and a fallback text."""
    pages: list[list[dict]] = [[]]
    room = MAX_BLOCKS - 1  # the header
    for group in _groups(v):
        if len(group) > room:  # only a pathological item: split it across messages anyway
            chunks = [group[i : i + room] for i in range(0, len(group), room)]
        else:
            chunks = [group]
        for chunk in chunks:
            if len(pages[-1]) + len(chunk) > room and pages[-1]:
                pages.append([])
            pages[-1].extend(chunk)
    total = len(pages)
    messages = []
    for n, blocks in enumerate(pages, 1):
        part = f" (part {n} of {total})" if total > 1 else ""
        # the top-level text is Slack's notification and fallback: parsed as mrkdwn, so escaped too
        messages.append({"text": escaped_line(v.subject + part, 3000), "blocks": [_header(v.subject, part)] + blocks})
    return tuple(messages)
