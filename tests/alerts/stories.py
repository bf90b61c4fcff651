"""Story digests built from events in code: what a digest must tell, one situation each.

The sentences are written for these tests (no article text). Each story is a list of events as
the fold hands them over (kinds new, changed, disagreement, unconfirmed, with revision, series,
estimates and reason) and the watchdog notices that ride along.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import NamedTuple

from figwatch.models import Claim, Event, Notice

NOW = datetime(2025, 10, 1, 7, 30, tzinfo=timezone.utc)


def claim(metric: str, value: float, qualifier: str, who: str | None, outlet: str | None, day: str, evidence: str,
          **kw) -> Claim:
    published = datetime.fromisoformat(day).replace(hour=9, tzinfo=timezone.utc)
    slug = metric.replace(".", "-")
    return Claim(metric=metric, value=value, qualifier=qualifier, evidence=evidence, start=0, end=1,  # type: ignore[arg-type]
                 source=who, source_key=who, outlet=outlet, published=published,
                 article_url=kw.pop("url", f"https://news.example/{day}/{slug}"), **kw)


class Story(NamedTuple):
    name: str
    events: list[Event]
    notices: list[Notice]


# --- a source revising its own figure, with its series; another source's figure; a first figure
_K = "casualties.killed"
nis_jan = claim(_K, 300, "approx", "NIS", "Yonhap", "2025-01-14",
                "The NIS told lawmakers that about 300 North Korean soldiers had been killed in the Kursk fighting.")
nis_apr = claim(_K, 600, "approx", "NIS", "Yonhap", "2025-04-30",
                "The spy agency now believes around 600 of the North Korean troops have died, a lawmaker said.")
nis_sep = claim(_K, 2000, "approx", "NIS", "Korea Herald", "2025-09-18",
                "Briefing parliament, the NIS said that about 2,000 North Korean soldiers had been killed "
                "as of late August, more than three times its spring estimate.", as_of=date(2025, 8, 28))
gur_wounded = claim("casualties.wounded", 4700, "approx", "GUR", "Kyiv Independent", "2025-09-20",
                    "Ukraine's military intelligence says nearly 4,700 North Koreans have been wounded since January.")
shells = claim("weapons.artillery_shells", 12_000_000, "more_than", "South Korea JCS", "Yonhap", "2025-09-22",
               "Pyongyang has shipped more than 12 million artillery shells to Russia, the Joint Chiefs of Staff said.")

REVISION = Story("revision_series", [
    Event("changed", _K, new=nis_sep, old=nis_apr, revision=True, series=(nis_jan, nis_apr)),
    Event("new", "casualties.wounded", new=gur_wounded),
    Event("new", "weapons.artillery_shells", new=shells),
], [])

# --- three sources that differ; a lower estimate from another source; a revision down
_T = "troops.deployed"
nis_troops = claim(_T, 11000, "approx", "NIS", "Yonhap", "2025-09-10",
                   "Some 11,000 North Korean troops remain in Russia, the National Intelligence Service said.")
gur_troops = claim(_T, 15000, "approx", "GUR", "Ukrainska Pravda", "2025-09-02",
                   "Ukraine's HUR estimates that about 15,000 North Korean soldiers are now on Russian soil.")
pentagon_troops = claim(_T, 11000, "range", "Pentagon", "Reuters", "2025-08-21",
                        "A Pentagon spokesperson put the North Korean presence at 10,000 to 12,000 troops.",
                        low=10000, high=12000)
gur_killed = claim(_K, 2500, "approx", "GUR", "Kyiv Independent", "2025-08-05",
                   "HUR says some 2,500 North Korean soldiers have been killed fighting for Russia.")
nis_killed_lower = claim(_K, 1500, "approx", "NIS", "Yonhap", "2025-09-12",
                         "The NIS put North Korean deaths at about 1,500, fewer than Kyiv has claimed.")
gur_wounded_jul = claim("casualties.wounded", 4100, "approx", "GUR", "Kyiv Independent", "2025-07-08",
                        "Military intelligence in Kyiv counts about 4,100 wounded North Koreans.")
gur_wounded_sep = claim("casualties.wounded", 3600, "approx", "GUR", "Kyiv Independent", "2025-09-24",
                        "HUR has lowered its count of wounded North Korean soldiers to about 3,600 after "
                        "reviewing hospital records.")

DISAGREEMENT = Story("disagreement_three_sources", [
    Event("disagreement", _T, new=nis_troops, old=gur_troops, estimates=(nis_troops, gur_troops, pentagon_troops)),
    Event("changed", _K, new=nis_killed_lower, old=gur_killed),
    Event("changed", "casualties.wounded", new=gur_wounded_sep, old=gur_wounded_jul, revision=True,
          series=(gur_wounded_jul,)),
], [])

# --- held reports (one beside a confirmed change, one alone) and a derived figure
held_killed = claim(_K, 9000, "more_than", None, "Frontline Telegram Digest", "2025-09-25",
                    "More than 9,000 North Korean soldiers are dead, a channel claimed without naming anyone.")
held_troops = claim(_T, 40000, "approx", "Ukraine's army", "Daily Example", "2025-09-26",
                    "A Ukrainian officer said about 40,000 North Korean troops were massing near Kursk.")
derived_total = claim("casualties.total", 4000, "approx", None, "Euromaidan Press", "2025-09-15",
                      "Roughly one-third of the approximately 12,000 North Korean troops sent to Kursk "
                      "have been killed or wounded.", derived=True)
missiles = claim("weapons.missiles", 100, "more_than", None, "Euromaidan Press", "2025-04-02",
                 "Russia has also received more than 100 short-range ballistic missiles.")

UNCONFIRMED = Story("unconfirmed_and_derived", [
    Event("changed", _K, new=nis_sep, old=nis_apr, revision=True, series=(nis_jan, nis_apr)),
    Event("unconfirmed", _K, new=held_killed, reason="4.5x the current figure; names no source"),
    Event("unconfirmed", _T, new=held_troops, reason="3.6x the current figure"),
    Event("new", "casualties.total", new=derived_total),
], [
    Notice("metric_stale", _K, "No new report on North Korean soldiers killed in Russia's war for 30 days"),
    Notice("metric_stale", "weapons.missiles",
           "No new report on Missiles North Korea supplied to Russia for 182 days (last: over 100 on 2 Apr 2025)"),
])

# --- nothing confirmed: a held report and a derived figure only, so the subject is neutral
HELD_ONLY = Story("held_only", [
    Event("unconfirmed", _T, new=held_troops, reason="3.6x the current figure"),
    Event("new", "casualties.total", new=derived_total),
], [])

STORIES = (REVISION, DISAGREEMENT, UNCONFIRMED, HELD_ONLY)
