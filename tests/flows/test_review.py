"""`figwatch review`: held-back figures are listed with ids, a person confirms or rejects them,
a confirmed figure reaches the next digest, and decided cases export as labelled fixtures."""
from __future__ import annotations

import json

from extractors import extract
from figwatch.sources.article_files import read_article_file
from tests.cli.helpers import figwatch
from tests.flows.helpers import write_config

ARTICLES = {
    "a.txt": ("2025-01-10", "North Korea has sent about 11,000 troops to Russia, South Korea's spy agency said."),
    "b.txt": ("2025-02-01", "Ukraine's military said, in a claim that could not be independently verified, that "
                            "4,000 North Korean soldiers had been killed in Kursk."),
    "c.txt": ("2025-02-03", "Pyongyang could send up to 30,000 more troops to Russia next year, South Korea's spy "
                            "agency said."),
}


def _setup(tmp_path, articles=ARTICLES):
    """A folder of dated articles, a config reading it, and the first run's JSON report."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (day, body) in articles.items():
        (corpus / name).write_text(f"Title: Report {name}\nPublished: {day}\nURL: https://ex.org/{name}\n\n{body}\n",
                                   encoding="utf-8")
    cfg = str(write_config(tmp_path, seeds=corpus))
    first = figwatch("run", "--direct", "--json", "--config", cfg)
    assert first.returncode == 0, first.stderr
    return cfg, json.loads(first.stdout)


def _waiting(cfg):
    out = figwatch("review", "--json", "--config", cfg)
    assert out.returncode == 0, out.stderr
    return {row["metric"]: row for row in map(json.loads, out.stdout.splitlines())}


def test_confirmed_figures_reach_the_next_digest_and_rejected_ones_stay_out(tmp_path):
    cfg, first = _setup(tmp_path)
    assert [e["metric"] for e in first["events"]] == ["troops.deployed"]  # the held-back two raise nothing
    waiting = _waiting(cfg)
    assert set(waiting) == {"casualties.killed", "troops.additional"}
    assert waiting["casualties.killed"]["value"] == 4000 and waiting["casualties.killed"]["confidence"] < 0.5

    confirm = figwatch("review", "--confirm", str(waiting["casualties.killed"]["id"]), "--config", cfg)
    assert confirm.returncode == 0, confirm.stderr
    assert "confirmed 1 figure (" in confirm.stdout and "1 event waits for the next digest" in confirm.stdout
    reject = figwatch("review", "--reject", str(waiting["troops.additional"]["id"]), "--config", cfg)
    assert reject.returncode == 0 and "rejected 1 figure (" in reject.stdout
    assert _waiting(cfg) == {}

    again = figwatch("review", "--confirm", str(waiting["casualties.killed"]["id"]), "999999", "--config", cfg)
    assert again.returncode == 1 and "figure 999999: not waiting for review" in again.stderr
    assert "Traceback" not in again.stderr

    second = json.loads(figwatch("run", "--direct", "--json", "--config", cfg).stdout)
    assert second["articles_new"] == 0 and len(second["digests"]) == 1
    digest = next((tmp_path / "digests").glob(f"digest-{second['digests'][0]}-*.txt")).read_text(encoding="utf-8")
    assert "4,000" in digest and "30,000" not in digest


def test_decided_cases_export_as_fixtures_the_extractor_can_be_scored_on(tmp_path):
    cfg, _ = _setup(tmp_path)
    waiting = _waiting(cfg)
    figwatch("review", "--confirm", str(waiting["casualties.killed"]["id"]), "--config", cfg)
    figwatch("review", "--reject", str(waiting["troops.additional"]["id"]), "--config", cfg)
    out = tmp_path / "fixtures"
    done = figwatch("review", "--export", str(out), "--config", cfg)
    assert done.returncode == 0, done.stderr
    assert "wrote 2 articles and 2 labels" in done.stdout
    gold = [json.loads(line) for line in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    rejected = [json.loads(line) for line in (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(g["metric"], g["value"], g["source"]) for g in gold] == [("casualties.killed", 4000, "Ukraine's military")]
    assert [(r["metric"], r["value"]) for r in rejected] == [("troops.additional", 30000)]
    for label in gold + rejected:  # each label's sentence is in its file, and the file reads as an article
        article = read_article_file(out / label["article"])
        assert label["evidence"] in article.text and article.url.startswith("https://ex.org/")
        held = [c for c in extract(article.text, title=article.title) if c.metric == label["metric"]]
        assert held and all(c.value == label["value"] and c.reviewable for c in held)  # why they were held back


HELD = {
    "a.txt": ("2025-01-10", "About 4,000 North Korean soldiers have been killed or wounded in Russia, South Korea's "
                            "spy agency said."),
    "b.txt": ("2025-02-01", "Ukraine's military intelligence said 60,000 North Korean soldiers had been killed or "
                            "wounded in Russia."),
    "c.txt": ("2025-02-03", "About 11,000 North Korean troops are in Russia, South Korea's Joint Chiefs of Staff "
                            "said."),
    "d.txt": ("2025-02-05", "Around 20,000 North Korean soldiers are now fighting for Russia in the Kursk region."),
}


def test_unconfirmed_items_are_listed_with_ids_and_a_confirmed_one_reaches_the_figures_and_next_digest(tmp_path):
    cfg, first = _setup(tmp_path, HELD)
    held = {e["metric"]: e for e in first["events"] if e["kind"] == "unconfirmed"}
    assert held["casualties.total"]["reason"] == "15.0x the current figure"
    assert held["troops.deployed"]["reason"] == "names no source"
    listed = figwatch("review", "--config", cfg)
    assert "unconfirmed: 15.0x the current figure" in listed.stdout and "2 unconfirmed" in listed.stdout
    waiting = _waiting(cfg)
    assert {m: r["unconfirmed"] for m, r in waiting.items()} == {
        "casualties.total": "15.0x the current figure", "troops.deployed": "names no source"}

    confirm = figwatch("review", "--confirm", str(waiting["casualties.total"]["id"]), "--config", cfg)
    assert confirm.returncode == 0, confirm.stderr
    assert "confirmed 1 figure " in confirm.stdout and "1 event waits for the next digest" in confirm.stdout
    reject = figwatch("review", "--reject", str(waiting["troops.deployed"]["id"]), "--config", cfg)
    assert reject.returncode == 0 and "rejected 1 figure " in reject.stdout
    assert _waiting(cfg) == {}

    second = json.loads(figwatch("run", "--direct", "--json", "--config", cfg).stdout)
    assert second["articles_new"] == 0 and len(second["digests"]) == 1
    digest = next((tmp_path / "digests").glob(f"digest-{second['digests'][0]}-*.txt")).read_text(encoding="utf-8")
    assert "60,000" in digest
    from figwatch.config import load_settings
    from figwatch.store import Store

    with Store.open(load_settings(cfg).database_url) as store:
        figures = store.load_figures()
        assert figures["casualties.total"].baseline.value == 60000
        assert figures["troops.deployed"].baseline.value == 11000 and figures["troops.deployed"].held == ()
