"""A small reader of the generated pages: which points sit in which series, with what attributes."""
from __future__ import annotations

from html.parser import HTMLParser


class PageProbe(HTMLParser):
    """Collects series, points (with their series), index rows, hrefs and srcs of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.series: list[dict[str, str]] = []
        self.points: list[tuple[str, dict[str, str]]] = []  # (series data-source, point attrs)
        self.rows: list[dict[str, str]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._current_series: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        classes = a.get("class", "").split()
        if tag == "g" and "series" in classes:
            self.series.append(a)
            self._current_series = a["data-source"]
        elif tag == "a" and "pt" in classes:
            self.points.append((self._current_series or "", a))
        elif tag == "tr" and "metric" in classes:
            self.rows.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._current_series = None

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(1 for t, a in self.tags if t == tag and (cls is None or cls in a.get("class", "").split()))

    def points_by_series(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for name, _ in self.points:
            out[name] = out.get(name, 0) + 1
        return out
