"""A deterministic corpus generator for benchmarks: realistic articles at any size.

`python -m bench.corpus OUT --articles 10000 [--seed 7] [--feeds 50]` writes article files with
header lines (Title, Published, URL, Outlet) spread over two years: about a third relevant
reports (figures in every form the extractor reads, several sources, revisions), the rest
unrelated news; page boilerplate; and a share of syndicated copies of one wire story.
With --feeds N it also writes N RSS files that list the articles, for loopback serving.
"""
from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

START = datetime(2024, 11, 1, 8, tzinfo=timezone.utc)
OUTLETS = ["Wire One", "Daily Ledger", "Seoul Herald", "Kyiv Courier", "Global Desk", "The Observer Post",
           "Asia Monitor", "Frontline News", "Capital Times", "Evening Star"]
SOURCES = ["South Korea's Joint Chiefs of Staff", "the National Intelligence Service",
           "Ukraine's military intelligence",
           "US officials", "a South Korean lawmaker", "Kyiv"]
FIGURE_TEMPLATES = [
    ("troops", "North Korea has deployed about {n:,} troops to Russia, according to {src}."),
    ("troops", "{Src} said some {w} North Korean soldiers are now in Russia's Kursk region."),
    ("casualties", "{Src} estimated that more than {n:,} North Korean soldiers have been killed or wounded."),
    ("casualties", "Around {k:,} North Korean troops had died, while nearly {n:,} were wounded, {src} reported."),
    ("captured", "Ukrainian forces captured {small} North Korean soldiers in Kursk, {src} said."),
    ("shells", "Pyongyang has shipped roughly {m} million artillery shells to Russia, {src} said."),
    ("missiles", "North Korea has supplied more than {s} ballistic missiles to Moscow, according to {src}."),
    ("systems", "{Src} said North Korea sent around {s} howitzers and multiple rocket launchers."),
    ("range", "Between {a:,} and {b:,} North Korean troops are fighting for Russia, {src} said."),
]
SUBJECTS = ["The city council", "The finance minister", "A spokesperson for the ministry", "Local farmers",
            "The central bank", "Opposition lawmakers", "Analysts in the capital", "The port authority",
            "Health officials", "The football club", "Residents of the northern district", "The energy regulator",
            "Teachers' unions", "The state broadcaster", "A group of investors", "The coast guard"]
VERBS = ["approved", "criticised", "announced", "delayed", "questioned", "welcomed", "reviewed", "rejected",
         "promised", "debated", "postponed", "expanded"]
OBJECTS = ["a new budget for road repairs", "plans for a second airport", "the reform of pension rules",
           "a deal on grain exports", "the schedule for the spring elections", "new rules for rental housing",
           "a programme to train nurses", "the merger of two regional banks", "the cost of the stadium",
           "a ban on night flights", "funding for flood defences", "the price of public transport tickets"]
TAILS = ["after a long debate on {day}", "citing a report published in {year}", "with {n} votes in favour",
         "amid protests outside the building", "despite warnings from economists", "in a statement late on {day}",
         "ahead of a summit next month", "for the {nth} time this year"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
UNRELATED_FIGURES = "Russia launched {n} drones overnight, and {k} civilians were injured in Kharkiv."


def _filler(rng: random.Random) -> str:
    """An unrelated news sentence; varied enough that two articles do not read as copies."""
    if rng.random() < 0.05:
        return UNRELATED_FIGURES.format(n=rng.randint(20, 150), k=rng.randint(2, 30))
    tail = rng.choice(TAILS).format(day=rng.choice(DAYS), year=rng.randint(2015, 2025), n=rng.randint(12, 300),
                                    nth=rng.choice(["second", "third", "fourth"]))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {tail}."


BOILERPLATE = ("\n\nRelated posts\nMarkets rally as 3 banks report earnings\nShare this post! 12 comments\n"
               "Subscribe for $4.99 a month. Cookie settings. Support our journalism: donate today.\n")
WORDS = {1000: "a thousand", 2000: "two thousand", 3000: "three thousand", 5000: "five thousand"}


@dataclass(frozen=True)
class GeneratedArticle:
    name: str
    title: str
    published: datetime
    url: str
    outlet: str
    body: str

    def render(self) -> str:
        return (f"Title: {self.title}\nPublished: {self.published.isoformat()}\nURL: {self.url}\n"
                f"Outlet: {self.outlet}\n\n{self.body}\n")


def _figure_sentence(rng: random.Random, day: int) -> str:
    kind, template = rng.choice(FIGURE_TEMPLATES)
    trend = 1 + day / 365  # figures drift upward over time, as real reporting does
    src = rng.choice(SOURCES)
    return template.format(
        n=int(rng.choice([10, 11, 12, 13]) * 1000 * trend) // 100 * 100,
        k=int(300 * trend) // 10 * 10,
        w=WORDS[rng.choice(sorted(WORDS))],
        small=rng.choice(["two", "three", "four", 6, 11]),
        m=rng.choice(["1.2", "2", "3.5", "6"]),
        s=rng.choice([100, 120, 148, 220, 250]),
        a=10000, b=12000, src=src, Src=src[0].upper() + src[1:],
    )


def generate(count: int, seed: int = 7) -> Iterator[GeneratedArticle]:
    """`count` articles in a stable order; the same seed gives the same corpus."""
    rng = random.Random(seed)
    wire: GeneratedArticle | None = None
    for i in range(count):
        day = rng.randrange(730)
        published = START + timedelta(days=day, minutes=rng.randrange(1440))
        outlet = rng.choice(OUTLETS)
        url = f"https://{outlet.lower().replace(' ', '-')}.example/story/{i}"
        if wire is not None and rng.random() < 0.08:  # a syndicated copy of the last wire story
            body = wire.body + rng.choice(["", "\n\nRead more from our partners.", BOILERPLATE])
            yield GeneratedArticle(f"a{i:06d}.txt", wire.title, wire.published + timedelta(hours=1), url, outlet, body)
            continue
        relevant = rng.random() < 0.35
        sentences = [_filler(rng) for _ in range(rng.randint(6, 18))]
        if relevant:
            sentences[1:1] = [_figure_sentence(rng, day) for _ in range(rng.randint(1, 3))]
        title = "North Korean troops in Russia: new estimate" if relevant else f"Local news roundup {i}"
        body = " ".join(sentences) + (BOILERPLATE if rng.random() < 0.5 else "")
        article = GeneratedArticle(f"a{i:06d}.txt", title, published, url, outlet, body)
        if relevant and outlet == "Wire One":
            wire = article
        yield article


def write_corpus(out: Path, count: int, *, seed: int = 7, feeds: int = 0) -> int:
    """Write the articles (and optionally feeds) under `out`; returns the bytes of article text."""
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    per_feed: list[list[GeneratedArticle]] = [[] for _ in range(feeds)]
    for i, article in enumerate(generate(count, seed)):
        text = article.render()
        (out / article.name).write_text(text, encoding="utf-8")
        total += len(article.body.encode())
        if feeds:
            per_feed[i % feeds].append(article)
    for n, items in enumerate(per_feed):
        (out / f"feed-{n:02d}.xml").write_text(rss(items, f"Feed {n}"), encoding="utf-8")
    return total


def rss(items: list[GeneratedArticle], title: str) -> str:
    entries = "".join(
        f"<item><title>{escape(a.title)}</title><link>{escape(a.url)}</link><guid>{escape(a.url)}</guid>"
        f"<pubDate>{a.published.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
        f"<description>{escape(a.body)}</description></item>"
        for a in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
            f'<channel><title>{escape(title)}</title>{entries}</channel></rss>')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--feeds", type=int, default=0)
    args = parser.parse_args()
    size = write_corpus(args.out, args.articles, seed=args.seed, feeds=args.feeds)
    print(f"{args.articles} articles, {size / 1e6:.1f} MB of text, in {args.out}")


if __name__ == "__main__":
    main()
