"""Nothing fails silently (issue 17): each case runs `figwatch` as a user does and reads what it
prints and its exit status (0 all well, 1 something failed and was recorded, 2 usage or config)."""
from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.alerts.smtp_helpers import free_port
from tests.cli.helpers import error_lines, figwatch
from tests.flows.helpers import write_config

ROOT = Path(__file__).resolve().parents[2]
TROOPS = ("Title: Troops\nPublished: 2025-01-10\nURL: https://news.example/troops\n\n"
          "South Korea's National Intelligence Service said on Monday that North Korea has sent about "
          "11,000 troops to Russia.\n")


def _one_article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "troops.txt").write_text(TROOPS, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("extra", "key", "words"),
    [
        ('[alerts.routes]\nfiles = ["casulties.*"]\n', "alerts.routes.files[0]", "'casulties.*' matches no metric"),
        ('[alerts.routes]\nslak = ["casualties.*"]\n', "alerts.routes.slak", "unknown channel"),
        ('[alerts.routes]\nemail = ["casualties.*"]\n', "alerts.routes.email", "not set up"),
        ('[alerts.thresholds]\n"casualtis.total" = 0.1\n', "alerts.thresholds.casualtis.total", "no such metric"),
        ('[alerts.thresholds]\n"casualties.total" = 10\n', "alerts.thresholds.casualties.total", "between 0 and 1"),
        ('[schedule]\ncron = "*/5 * * * *"\ninterval_minutes = 5\n', "schedule", "not both"),
    ],
)
def test_a_mistake_in_the_file_is_a_config_error_naming_file_and_key(tmp_path, extra, key, words):
    config = write_config(tmp_path, extra=extra)
    done = figwatch("run", "--config", str(config))
    assert done.returncode == 2, (done.stdout, done.stderr)
    [line] = error_lines(done)
    assert line.startswith(f"figwatch: config error: {config}: {key}: ") and words in line, line
    assert not (tmp_path / "figwatch.db").exists()  # refused before anything ran


def test_every_error_of_a_file_is_reported_at_once(tmp_path):
    extra = ('[fetch]\nretries = "three"\n[alerts.thresholds]\n"casualties.total" = 10\n'
             '[alerts.routes]\nfiles = ["casulties.*"]\n[schedule]\ncron = "0 * * * *"\ninterval_minutes = 60\n')
    config = write_config(tmp_path, extra=extra)
    done = figwatch("run", "--config", str(config))
    assert done.returncode == 2
    keys = [line.split(": ")[3] for line in error_lines(done)]
    assert keys == ["fetch.retries", "schedule", "alerts.thresholds.casualties.total", "alerts.routes.files[0]"]


def test_an_unset_secret_is_named_with_the_file_and_the_key(tmp_path, monkeypatch):
    monkeypatch.delenv("FW_TEST_UNSET_HOOK", raising=False)
    config = write_config(tmp_path, extra='[alerts.slack]\nwebhook_url_env = "FW_TEST_UNSET_HOOK"\n')
    for command in ("run", "deliver"):
        done = figwatch(command, "--config", str(config))
        assert done.returncode == 2
        assert error_lines(done) == [f"figwatch: config error: {config}: alerts.slack.webhook_url_env: "
                                     "environment variable FW_TEST_UNSET_HOOK is not set"]


def test_a_config_without_sources_says_it_has_none(tmp_path):
    config = tmp_path / "bare.toml"
    config.write_text(f'home = "{tmp_path / "home"}"\n[store]\nurl = "sqlite:///{tmp_path / "f.db"}"\n',
                      encoding="utf-8")
    run = figwatch("run", "--config", str(config))
    assert run.returncode == 2
    [line] = error_lines(run)
    assert f"{config}: sources: no [[sources]] configured" in line and "replaces the embedded seed source" in line
    listing = figwatch("sources", "--config", str(config))
    assert listing.returncode == 0 and listing.stdout.startswith(f"no sources configured in {config}")


@pytest.mark.parametrize("as_json", [False, True])
def test_run_reports_a_refused_smtp_server_and_a_missing_source_and_exits_1(tmp_path, as_json):
    extra = (f'[[sources]]\nname = "gone"\npath = "{tmp_path / "no-such-folder"}"\n'
             f'[alerts.email]\nhost = "127.0.0.1"\nport = {free_port()}\nsecurity = "none"\n'
             'sender = "figwatch@localhost"\nrecipients = ["desk@localhost"]\n')
    config = str(write_config(tmp_path, extra=extra))
    first = figwatch("run", *(["--json"] if as_json else []), "--config", config)
    assert first.returncode == 1, first.stderr
    if as_json:
        report = json.loads(first.stdout)
        assert report["deliveries"] == {"sent": 1, "failed": 1, "skipped": 0, "waiting_retry": 1}
        assert report["delivery_errors"]["email"][0].startswith("email: 127.0.0.1:")
        assert report["source_errors"]["gone"].startswith("no such file or folder")
    else:
        lines = error_lines(first)
        assert any(line.startswith("delivery failed: email: 127.0.0.1:") for line in lines), lines
        assert any(line.startswith("source failed: gone: no such file or folder") for line in lines), lines
        assert "deliveries: 1 sent, 1 failed" in first.stdout
    # Nothing new, the source still gone, the email waiting for its retry: still not all well.
    again = figwatch("run", "--config", config)
    assert again.returncode == 1
    assert "1 delivery waits for a retry" in again.stderr and "source failed: gone" in again.stderr


def test_deliver_retries_now_what_waits_for_a_retry(tmp_path, httpserver):
    httpserver.expect_oneshot_request("/hook").respond_with_data("down for a moment", status=500)
    env = {"FW_TEST_HOOK": httpserver.url_for("/hook")}
    config = str(write_config(tmp_path, extra='[alerts.slack]\nwebhook_url_env = "FW_TEST_HOOK"\n'))
    figwatch("run", "--config", config, env=env)
    rows = figwatch("deliveries", "--config", config, env=env).stdout
    assert [line.split()[2:4] for line in rows.splitlines()[1:]] == [["files", "sent"], ["slack", "failed"]]
    httpserver.expect_request("/hook").respond_with_data("ok")  # Slack is back; the retry is minutes away
    retry = figwatch("deliver", "--config", config, env=env)
    assert retry.returncode == 0, retry.stderr
    assert retry.stdout.startswith("deliveries sent: 1, failed: 0")
    rows = figwatch("deliveries", "--config", config, env=env).stdout
    assert [line.split()[3] for line in rows.splitlines()[1:]] == ["sent", "sent"]
    assert figwatch("run", "--config", config, env=env).returncode == 0  # all well again


def test_extract_a_missing_path_is_one_line_and_a_folder_is_its_article_files(tmp_path):
    missing = figwatch("extract", "nosuch.txt", cwd=tmp_path)
    assert missing.returncode == 2 and error_lines(missing) == ["figwatch: nosuch.txt: no such file or folder"]
    folder = figwatch("extract", "seeds", "--format", "jsonl", cwd=ROOT)
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
    one_by_one = figwatch("extract", *files, "--format", "jsonl", cwd=ROOT)
    assert folder.returncode == 0, folder.stderr
    assert folder.stdout == one_by_one.stdout and len(folder.stdout.splitlines()) > 10
    empty = figwatch("extract", str(tmp_path), cwd=tmp_path)
    assert empty.returncode == 2 and "no article files" in error_lines(empty)[0]


def test_a_delivery_that_wrote_nothing_is_not_sent(tmp_path):
    """A channel routed only weapons gets nothing from a digest about troops: skipped, never "sent"."""
    routes = '[alerts.routes]\nfiles = ["weapons.*"]\n'
    config = write_config(tmp_path, seeds=_one_article(tmp_path / "news"), extra=routes)
    run = figwatch("run", "--config", str(config))
    assert run.returncode == 0, run.stderr
    assert "digests written: 1" in run.stdout and not list((tmp_path / "digests").glob("digest-*"))
    [row] = figwatch("deliveries", "--config", str(config)).stdout.splitlines()[1:]
    assert row.split()[2:4] == ["files", "skipped"] and "nothing routed to this channel" in row


def test_sources_shows_no_old_error_beside_zero_failures(tmp_path):
    later = tmp_path / "later"
    config = str(write_config(tmp_path, extra=f'[[sources]]\nname = "later"\npath = "{later}"\n'))
    figwatch("run", "--config", config)  # the folder is not there yet: a failure
    _one_article(later)
    figwatch("run", "--config", config)  # and now it is: recovered
    listing = figwatch("sources", "--config", config)
    [row] = [line for line in listing.stdout.splitlines() if line.startswith("later ")]
    assert row.split()[2:] == ["0", "-"], row


def test_review_shows_the_whole_phrase_and_counts_in_words(tmp_path):
    config = str(write_config(tmp_path))
    assert figwatch("run", "--config", config).returncode == 0
    waiting = [json.loads(line) for line in figwatch("review", "--json", "--config", config).stdout.splitlines()]
    longest = max((w["evidence"] for w in waiting), key=len)
    assert len(longest) > 100
    text = figwatch("review", "--config", config).stdout
    assert longest in text  # the whole phrase, not its first 100 characters
    assert f"{len(waiting)} figures wait for review" in text and len(waiting) > 1


def test_digest_files_are_readable_by_the_group_and_others(tmp_path):
    config = str(write_config(tmp_path))
    assert figwatch("run", "--config", config).returncode == 0
    written = list((tmp_path / "digests").glob("digest-1-*"))
    assert {p.suffix for p in written} == {".txt", ".html", ".json"}
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}


def test_a_configured_prefect_server_that_does_not_answer_leaves_the_run_direct_and_says_so(tmp_path):
    config = str(write_config(tmp_path))
    dead = f"http://127.0.0.1:{free_port()}/api"
    done = figwatch("run", "--json", "--config", config, env={"PREFECT_API_URL": dead})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["articles_new"] == 5
    assert error_lines(done) == [f"figwatch: no Prefect server answers at PREFECT_API_URL={dead}: "
                                 "running without Prefect (--prefect insists on it)"]
    insist = figwatch("run", "--prefect", "--config", config, env={"PREFECT_API_URL": dead})
    assert insist.returncode == 2 and "no Prefect server answers" in error_lines(insist)[0]


def test_the_run_report_counts_what_it_held_as_unconfirmed(tmp_path):
    """The seeds' January 12,000 troops, 100 missiles and "millions of" shells name no source: the text report
    says three items were held."""
    config = str(write_config(tmp_path))
    done = figwatch("run", "--config", config)
    assert done.returncode == 0, done.stderr
    assert "3 held as unconfirmed" in done.stdout.splitlines()[1]
    assert "unconfirmed: troops.deployed" in done.stdout and "unconfirmed: weapons.missiles" in done.stdout
