"""The seed corpus's figures as claims, and an in-memory store that answers like the real one.

Claims are the ones the five seed articles give (seeds/MANIFEST.md), with their sentences as
written. `fake_seed_store()` folds them with the real `fold_claims`, so figures, history and
events have the store's shapes; the integrator may hand the tests the real store instead.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from figwatch.figures import fold_claims
from figwatch.models import Claim, Event, Figure, Metric

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("troops.deployed", "North Korean troops in Russia", "soldiers"),
        Metric("troops.additional", "Additional troops dispatched", "soldiers"),
        Metric("casualties.total", "Casualties (killed and wounded)", "soldiers"),
        Metric("casualties.killed", "Killed", "soldiers"),
        Metric("casualties.wounded", "Wounded", "soldiers"),
        Metric("casualties.captured", "Captured", "soldiers"),
        Metric("weapons.missiles", "Ballistic missiles supplied", "missiles"),
        Metric("weapons.artillery_shells", "Artillery shells supplied", "shells"),
        Metric("weapons.artillery_systems", "Howitzers and rocket launchers", "units"),
    )
}

_JAN = datetime(2025, 1, 24, tzinfo=timezone.utc)
_MAR = datetime(2025, 3, 27, tzinfo=timezone.utc)
_ARTICLES = {  # seed file -> (published, outlet, title)
    "000_16f4cb9476388d74.txt": (_JAN, "Euromaidan Press", "Trump plans Kim meeting as North Korea readies more troops "
                                                           "for Russia"),
    "002_ee33085a89d93b62.txt": (_JAN, "Defence Talks", None),
    "003_966db0fa02a41666.txt": (_MAR, "One America News Network", "North Korea Sends Additional 3,000 Troops to "
                                                                   "Support Russia in Ongoing Conflict"),
    "004_0bf84943e430019d.txt": (_MAR, None, None),
}
_ONE_THIRD = ("About one-third of the approximately 12,000 North Korean troops deployed to Russia’s Kursk Oblast "
              "have been killed or wounded since their combat engagement began in early December.")
_BLOG = ("This brings the total number of North Korean troops in Russia to around 11,000, "
         "according to South Korea’s military.")

#: (file, metric, value, qualifier, low, high, source, source_key, evidence)
SEED_ROWS: tuple[tuple, ...] = (
    ("000_16f4cb9476388d74.txt", "troops.deployed", 12000, "approx", None, None, None, None, _ONE_THIRD),
    ("000_16f4cb9476388d74.txt", "casualties.total", 4000, "approx", None, None, None, None, _ONE_THIRD),
    ("002_ee33085a89d93b62.txt", "casualties.total", 3000, "more_than", 3000, None, "Kyiv", "Kyiv",
     "Reports indicate that over 3,000 of these soldiers have been killed or injured, as per Kyiv’s figures."),
    ("003_966db0fa02a41666.txt", "troops.additional", 3000, "more_than", 3000, None, "South Korea’s military",
     "South Korea JCS",
     "South Korea’s military reported this Thursday that North Korea dispatched over 3,000 soldiers to Russia during "
     "January and February."),
    ("003_966db0fa02a41666.txt", "troops.deployed", 11000, "approx", None, None,
     "the South Korean Joint Chief of Staff", "South Korea JCS",
     "According to the South Korean Joint Chief of Staff, approximately 11,000 troops from North Korea have been "
     "deployed to Russia thus far."),
    ("003_966db0fa02a41666.txt", "casualties.total", 4000, "approx", None, None, "Seoul", "Seoul",
     "Seoul has also reported that nearly 4,000 North Korean soldiers have either died or sustained injuries in the "
     "unfolding war with Ukraine."),
    ("004_0bf84943e430019d.txt", "troops.deployed", 11000, "approx", None, None, "South Korea’s military",
     "South Korea JCS", _BLOG),
    ("004_0bf84943e430019d.txt", "casualties.total", 4000, "approx", None, None, "South Korea’s military",
     "South Korea’s military",
     "So far, about 4,000 of them have been killed or injured in combat."),
    ("004_0bf84943e430019d.txt", "casualties.killed", 400, "approx", None, None, "South Korean lawmaker Yoo Yong-won",
     "Yoo Yong-won",
     "South Korean lawmaker Yoo Yong-won, who recently visited Ukraine, reported that around 400 North Korean soldiers "
     "had died, "
     "while nearly 3,600 were wounded as of late February."),
    ("004_0bf84943e430019d.txt", "casualties.wounded", 3600, "approx", None, None, "South Korean lawmaker Yoo Yong-won",
     "Yoo Yong-won",
     "South Korean lawmaker Yoo Yong-won, who recently visited Ukraine, reported that around 400 North Korean soldiers "
     "had died, "
     "while nearly 3,600 were wounded as of late February."),
)


def seed_claims() -> list[Claim]:
    """The seed corpus's claims, placed in their articles (file:// URLs, as the file reader gives)."""
    claims = []
    for file, metric, value, qualifier, low, high, source, key, evidence in SEED_ROWS:
        published, outlet, title = _ARTICLES[file]
        claims.append(Claim(
            metric=metric, value=float(value), qualifier=qualifier, evidence=evidence, start=0, end=1,
            low=low, high=high, source=source, source_key=key, article_url=(SEEDS / file).as_uri(),
            published=published, outlet=outlet, title=title,
        ))
    return claims


class FakeStore:
    """An in-memory store with the reads the report needs, filled by the real fold."""

    def __init__(self, claims: Iterable[Claim], metrics: Mapping[str, Metric] = METRICS) -> None:
        self._claims = sorted(claims, key=lambda c: c.published)
        result = fold_claims({}, self._claims, metrics)
        self._figures, self._events = result.figures, list(result.events)

    def load_figures(self, metrics: Sequence[str] | None = None) -> dict[str, Figure]:
        return {k: v for k, v in self._figures.items() if metrics is None or k in metrics}

    def claims(self, metric: str | None = None) -> list[Claim]:
        return [c for c in self._claims if metric is None or c.metric == metric]

    def events(self) -> list[Event]:
        return list(self._events)


def fake_seed_store() -> FakeStore:
    return FakeStore(seed_claims())
