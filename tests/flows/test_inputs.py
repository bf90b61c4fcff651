"""Inputs that must not mislead (issue 15): an article with no date is never silently "now", and
a follow-up with new figures is no syndicated copy. Through the plain backfill, on a real store."""
from __future__ import annotations

import json

from figwatch.config import load_settings
from figwatch.store import Store
from flows.jobs import BackfillRequest, report_json, run_backfill
from tests.flows.helpers import write_config

WIRE = ("{dateline}North Korea has sent about {troops} troops to Russia, South Korea's Joint Chiefs of Staff said "
        "on Friday. The soldiers have been moved to the Kursk border region, where Ukrainian forces still hold a "
        "strip of Russian territory, the JCS said. Officials in Seoul described the deployment as the largest "
        "overseas mission in the North's history and said they were watching for signs of combat.")
ARTICLES = {
    "a_wire.txt": "Title: Wire\nPublished: 2025-01-10\nURL: https://wire.example/a\n\n"
                  + WIRE.format(dateline="SEOUL, Jan. 10 -- ", troops="11,000"),
    "b_copy.txt": "Title: Wire\nPublished: 2025-01-10\nURL: https://outlet.example/copy\n\n"
                  + WIRE.format(dateline="SEOUL, Jan. 10 -- ", troops="11,000") + "\nSupplied by the wire.",
    "c_follow_up.txt": "Title: Wire, updated\nPublished: 2025-01-11\nURL: https://wire.example/update\n\n"
                       + WIRE.format(dateline="SEOUL, Jan. 11 -- ", troops="12,000"),
    "d_dateline.txt": "Title: NIS\nURL: https://seoul.example/nis\n\nSEOUL, Feb. 3 -- North Korea has now deployed "
                      "about 15,000 soldiers to Russia, South Korea's National Intelligence Service said in its "
                      "first assessment of 2025.\n",
    "e_undated.txt": "Title: Pentagon\nURL: https://blog.example/pentagon\n\nNorth Korea has about 30,000 soldiers "
                     "in Russia, according to the Pentagon.\n",
}


def _backfill(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = load_settings(write_config(tmp_path, seeds=corpus))
    return settings, report_json(run_backfill(settings, BackfillRequest(notify=True)))


def test_an_undated_article_is_reported_and_kept_out_of_the_figures_until_it_has_a_date(tmp_path):
    settings, report = _backfill(tmp_path)
    assert report["undated"] == ["https://blog.example/pentagon"]
    assert not [e for e in report["events"] if e["article"] == "https://blog.example/pentagon"]
    with Store.open(settings.database_url) as store:
        figure = store.load_figures()["troops.deployed"]
        assert 30000 not in [c.value for c in (*figure.history, *figure.held)]
        assert 30000 in [c.value for c in store.claims("troops.deployed")]  # stored: what was said
        assert figure.baseline.value == 15000
    json.dumps(report)  # the run report stays plain JSON


def test_a_dateline_dates_an_article_that_has_no_header_date(tmp_path):
    _, report = _backfill(tmp_path)
    (nis,) = [e for e in report["events"] if e["article"] == "https://seoul.example/nis"]
    assert (nis["kind"], nis["new_value"], nis["published"][:10]) == ("changed", 15000, "2025-02-03")


def test_a_follow_up_with_new_figures_is_news_and_a_true_copy_is_dropped_and_counted(tmp_path):
    _, report = _backfill(tmp_path)
    assert report["copies_dropped"] == 1
    told = [(e["kind"], e["new_value"], e["article"]) for e in report["events"]]
    assert ("changed", 12000, "https://wire.example/update") in told
    assert not [t for t in told if t[2] == "https://outlet.example/copy"]
    update = next(e for e in report["events"] if e["article"] == "https://wire.example/update")
    assert update["revision"] and [s["value"] for s in update["series"]] == [11000]


FOREIGN = ("Corea del Norte ha enviado unos 30.000 soldados más a Rusia, según fuentes de inteligencia de "
           "Ucrania citadas por la prensa local, que añadieron que los nuevos contingentes llegarán en las "
           "próximas semanas a la región de Kursk para relevar a las unidades que sufrieron más bajas.")


def test_an_article_in_another_language_is_reported_as_not_read_and_gives_no_figures(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_wire.txt").write_text(ARTICLES["a_wire.txt"], encoding="utf-8")
    (corpus / "b_foreign.txt").write_text("Title: Corea del Norte\nPublished: 2025-01-12\n"
                                          "URL: https://diario.example/corea\n\n" + FOREIGN, encoding="utf-8")
    settings = load_settings(write_config(tmp_path, seeds=corpus))
    report = report_json(run_backfill(settings, BackfillRequest(notify=True)))
    assert report["other_language"] == ["https://diario.example/corea"]
    assert report["articles_new"] == 2  # stored as seen: not read again every run
    assert [e["article"] for e in report["events"]] == ["https://wire.example/a"]
    with Store.open(settings.database_url) as store:
        assert [c.value for c in store.claims("troops.deployed")] == [11000]
