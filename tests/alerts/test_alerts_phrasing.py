"""A figure, a change and a quote in the digest's words: what a reader must not be misled by."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from alerts.phrasing import change_line, derived_note, figure, fmt_as_of, series_line
from alerts.quotes import excerpt, find_value, squeeze
from figwatch.models import Event
from tests.alerts.alerts_fakes import claim


def test_nearly_stays_nearly_though_the_model_reads_it_as_approx():
    c = claim("casualties.wounded", 3600, "approx", evidence="Yoo said nearly 3,600 were wounded as of late February.")
    assert figure(c) == "nearly 3,600"
    assert figure(replace(c, evidence="Yoo said around 3,600 were wounded.")) == "about 3,600"
    # a kept word only stands for the qualifiers it can mean: "nearly" is never "over"
    assert figure(replace(c, qualifier="more_than")) == "over 3,600"
    assert figure(claim("x", 12_000_000, "more_than", evidence="more than 12 million shells")) == "over 12 million"


def test_a_derived_figure_says_what_it_was_derived_from():
    share = claim("casualties.total", 4000, "approx", derived=True,
                  evidence="About one-third of the approximately 12,000 troops have been killed or wounded.")
    assert derived_note(share) == "derived: one-third of about 12,000"
    assert figure(share) == "about 4,000 (derived: one-third of about 12,000)"
    vague = claim("weapons.artillery_shells", 1_000_000, "at_least", derived=True,
                  evidence="North Korea has supplied millions of artillery shells.")
    assert figure(vague) == "at least 1 million (derived from “millions of”)"
    assert figure(replace(vague, evidence="Shells went north.")) == "at least 1 million (derived)"
    assert derived_note(replace(vague, derived=False)) == ""
    # a share word of another noun in the sentence ("half of Russia's usage") does not explain "millions of"
    both = replace(vague, evidence="North Korea supplied millions of shells that now make up about half of Russia's "
                                   "daily usage.")
    assert derived_note(both) == "derived from “millions of”"
    assert derived_note(replace(vague, value=2000, evidence="About half of the troops were hit.")) == \
        "derived: half of a stated total"


def test_as_of_is_never_more_precise_than_the_article():
    c = claim("casualties.killed", 400, "approx", as_of=date(2026, 2, 25))
    assert fmt_as_of(c) == "as of late February"
    assert fmt_as_of(replace(c, as_of=date(2026, 2, 15))) == "as of mid-February"
    assert fmt_as_of(replace(c, as_of=date(2025, 12, 3))) == "as of early December 2025"
    assert fmt_as_of(replace(c, as_of=None)) == ""


def test_revision_is_said_only_of_a_source_changing_its_own_figure():
    apr = claim("casualties.killed", 600, who="NIS", day=2)
    sep = claim("casualties.killed", 2000, "approx", who="NIS", day=20)
    assert change_line(Event("changed", "casualties.killed", new=sep, old=apr, revision=True)) == \
        "NIS now says about 2,000, up from 600 on 2 November"
    down = Event("changed", "casualties.killed", new=apr, old=sep, revision=True)
    assert change_line(down) == "NIS now says 600, revised down from about 2,000 on 20 November"
    gur = replace(sep, source_key="GUR", value=2500)
    lower = Event("changed", "casualties.killed", new=apr, old=gur)
    assert change_line(lower) == "NIS says 600, a lower estimate than about 2,500 (GUR, 20 November)"
    assert "revis" not in change_line(lower)
    anon = replace(apr, source_key=None, source=None)
    assert change_line(Event("new", "casualties.killed", new=anon)) == "an unattributed report says 600"


def test_a_figure_inside_the_bounds_said_before_narrows_it_and_is_no_downward_revision():
    bound = claim("troops.deployed", 15000, "at_most", who="Yonhap", day=2)
    now = claim("troops.deployed", 11000, "approx", who="Yonhap", day=20)
    assert change_line(Event("changed", "troops.deployed", new=now, old=bound, revision=True)) == \
        "Yonhap now says about 11,000, narrowing the “up to 15,000” it gave on 2 November"
    span = claim("troops.deployed", 11500, "range", who="Pentagon", day=2, low=11000, high=12000)
    inside = claim("troops.deployed", 11000, who="NIS", day=20)
    assert change_line(Event("changed", "troops.deployed", new=inside, old=span)) == \
        "NIS says 11,000, within the “11,000–12,000” of Pentagon (2 November)"
    above = claim("troops.deployed", 16000, who="Yonhap", day=20)
    assert "up from" in change_line(Event("changed", "troops.deployed", new=above, old=bound, revision=True))


def test_series_names_the_year_where_it_changes():
    points = [claim("casualties.killed", 300, "approx"), claim("casualties.killed", 600, "approx", day=20),
              claim("casualties.killed", 2000, "approx", day=28)]
    points = [replace(points[0], published=points[0].published.replace(year=2025, month=12)), *points[1:]]
    assert series_line(points) == "NIS: about 300 (Dec 2025) → about 600 (Nov 2026) → about 2,000 (Nov)"


def test_the_excerpt_is_the_clause_that_states_the_figure():
    text = squeeze("South Korean lawmaker Yoo Yong-won, who recently visited Ukraine, reported that around 400 "
                   "North Korean soldiers had died, while nearly 3,600 were wounded as of late February.")
    assert excerpt(text, find_value(text, 400)) == "…reported that around 400 North Korean soldiers had died…"
    assert excerpt(text, find_value(text, 3600)) == "…while nearly 3,600 were wounded as of late February."
    two = squeeze("Earlier this month, Zelensky announced that two North Korean soldiers had been captured.")
    assert excerpt(two, find_value(two, 2)) == "…Zelensky announced that two North Korean soldiers had been captured."
    short = "About 11,000 troops are there."
    assert excerpt(short, find_value(short, 11000)) == short
    assert find_value("a 10,000-strong force of 1.2 million shells", 1_200_000) == (25, 36)
    assert find_value("11,0000 or 111,000", 11000) is None


def test_a_page_long_sentence_costs_no_more_than_a_short_one(monkeypatch):
    import alerts.quotes as quotes

    read: list[int] = []
    real = quotes._clause_bounds

    def counting(text, start, end):
        read.append(len(text))
        return real(text, start, end)

    monkeypatch.setattr(quotes, "_clause_bounds", counting)
    long = "( " * 200_000 + "about 4,000 soldiers were killed, NIS said. " + "x " * 200_000
    assert excerpt(long, find_value(long, 4000)) == "…( about 4,000 soldiers were killed…"
    assert read and max(read) <= 2 * quotes.WINDOW + len("4,000")  # the clause search read a window, not the page
