"""The `figwatch` command as a user meets it: real processes, clean errors, no tracebacks."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import error_lines, figwatch
from tests.flows.helpers import assert_seed_story, write_config

ROOT = Path(__file__).resolve().parents[2]


def test_extract_seeds_scores_perfectly_on_the_gold(tmp_path):
    out = figwatch("extract", *sorted(map(str, (ROOT / "seeds").glob("*.txt"))), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {"document", "metric", "value", "low", "high", "qualifier", "source", "evidence", "start",
            "end"} <= set(rows[0])
    pred = tmp_path / "pred.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    score = subprocess.run(
        [sys.executable, str(ROOT / "eval/score.py"), str(ROOT / "tests/gold/seeds-gold.jsonl"), str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    overall = json.loads(score.stdout)["overall"]
    assert (overall["precision"], overall["recall"]) == (1.0, 1.0)


def test_extract_table_and_a_missing_file(tmp_path):
    table = figwatch("extract", str(ROOT / "seeds/004_0bf84943e430019d.txt"))
    assert table.returncode == 0 and "casualties.killed" in table.stdout
    missing = figwatch("extract", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2  # a usage error, like a bad flag
    assert "nope.txt" in missing.stderr and "Traceback" not in missing.stderr


def test_extract_why_names_the_rules_of_each_figure(tmp_path):
    article = tmp_path / "why.txt"
    article.write_text("North Korea has sent 11,000 troops to Russia, the NIS said. Pyongyang could send "
                       "another 5,000 troops, Kyiv said.\n", encoding="utf-8")
    table = figwatch("extract", "--why", str(article))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[1].split()[1:3] == ["troops.deployed", "11,000"]
    assert lines[2:5] == ["    metric: nearest-predicate (predicate deploy; noun personnel, whose: party-before)",
                          "    source: named-in-clause",
                          "    confidence: base 0.9"]
    # the learned layer's score is shown beside the cascade's (off by default: the cascade decides)
    assert lines[5].startswith("    learned layer (off, shown only): ") and "top features: " in lines[5]
    assert lines[9] == "    confidence: base 0.9; modality-in-clause: projection 'could' 0.3 (stance: planned)"
    rows = [json.loads(line) for line in figwatch("extract", "--why", "--format", "jsonl",
                                                  str(article)).stdout.splitlines()]
    assert [(r["rule"], r["why"]["source_rule"], r["stance"]) for r in rows] == [
        ("nearest-predicate", "named-in-clause", "current"), ("nearest-predicate", "named-in-clause", "planned")]


def test_extract_says_an_article_in_another_language_is_not_read(tmp_path):
    article = tmp_path / "kursk.txt"
    article.write_text("Corea del Norte ha enviado unos 11.000 soldados a la región rusa de Kursk, según el "
                       "servicio de inteligencia surcoreano, que informó el miércoles a los legisladores de que "
                       "muchos de ellos han muerto o resultado heridos en las primeras semanas de combate.\n",
                       encoding="utf-8")
    done = figwatch("extract", "--format", "jsonl", str(article))
    assert done.returncode == 0 and done.stdout == ""
    assert error_lines(done) == [f"{article}: not in English: not read (as a run would not)"]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[alerts.email]\nhost='h'\nsender='s'\nrecipients=['r']\nport='x'\n", "alerts.email.port"),
        ("[sorces]\n", "sorces"),
        ("[alerts.slack]\nwebhook_url_env = 'FIGWATCH_TEST_UNSET_HOOK'\n", "FIGWATCH_TEST_UNSET_HOOK"),
    ],
)
def test_bad_config_is_one_clear_line_and_exit_2(tmp_path, text, needle):
    config = tmp_path / "bad.toml"
    config.write_text("[[sources]]\nname = 'here'\npath = '.'\n" + text, encoding="utf-8")  # one mistake only
    for command in (["run"], ["backfill", "--since", "2025-01-01"], ["serve"]):
        out = figwatch(*command, "--config", str(config))
        assert out.returncode == 2, (command, out.stderr)
        assert needle in out.stderr and "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def test_bad_date_is_a_usage_error(tmp_path):
    out = figwatch("backfill", "--since", "2025-13-01")
    assert out.returncode == 2 and "not a date" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.prefect
@pytest.mark.slow
def test_run_json_through_prefect_then_a_quiet_second_run(tmp_path):
    config = str(write_config(tmp_path))
    env = {"PREFECT_HOME": str(tmp_path / "prefect")}
    first = figwatch("run", "--prefect", "--json", "--config", config, env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert_seed_story(json.loads(first.stdout))
    second = figwatch("run", "--prefect", "--config", config, env=env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "0 new" in second.stdout and "digests written: 0" in second.stdout
