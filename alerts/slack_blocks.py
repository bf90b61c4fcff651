"""Slack Block Kit messages for a digest: within Slack's limits, split rather than cut.

Limits (api.slack.com/reference/block-kit): 50 blocks a message, 3,000 characters a section
text, 150 a header, 10 context elements. An item never loses a word of the view: a long section
is split into several sections, and a message that would pass 50 blocks starts a new message.
"""
from __future__ import annotations

from alerts.digest_view import DigestView, MetricItem
from figwatch.wording import header_safe

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


def event_text(e: MetricItem) -> str:
    """The section: the metric and what it is now, its series, other estimates, quote, held reports."""
    title = f"*{link(e.page, e.label)}*" if e.page else f"*{mrkdwn_escape(e.label)}*"
    lines = [f"{title}: {mrkdwn_escape(e.line)}" if e.line else title]
    lines += [mrkdwn_escape(s) for s in e.series]
    if e.estimates:
        text = "; ".join(x.text for x in e.estimates)
        lines.append(f"_{mrkdwn_escape(e.estimates_title)}:_ {mrkdwn_escape(text)}" if e.estimates_title
                     else mrkdwn_escape(text))
    if e.cite and e.cite.quote:
        lines.append(f">“{mrkdwn_escape(e.cite.quote)}”")
    lines += [mrkdwn_escape(h.in_item) for h in e.held] + ([mrkdwn_escape(e.held_more)] if e.held_more else [])
    return "\n".join(lines)


def source_context(e: MetricItem) -> list[dict]:
    """The quote's provenance as a context line (outlet linked); a section if it would be too long."""
    if e.cite is None:
        return []
    text = link(e.cite.url, e.cite.provenance)
    if len(text) <= MAX_CONTEXT_TEXT:
        return [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}]
    return section(text)


def event_blocks(e: MetricItem) -> list[dict]:
    return section(event_text(e)) + source_context(e)


def notice_blocks(v: DigestView) -> list[list[dict]]:
    groups = []
    if v.unconfirmed:
        told = [(g.label, [h.text for h in g.held] + ([g.held_more] if g.held_more else [])) for g in v.unconfirmed]
        lines = [mrkdwn_escape(f"{label}: " + "; ".join(held)) for label, held in told]
        groups.append(section(f"*{mrkdwn_escape(v.unconfirmed_title)}*\n" + "\n".join("• " + x for x in lines)))
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
    for s in v.sections:
        for i, e in enumerate(s.items):
            lead = section(f"*{mrkdwn_escape(s.title)}*") if i == 0 else []
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
