"""The config file: validated into typed settings, with errors that name the file and the key."""
from __future__ import annotations

from pathlib import Path

import pytest

from figwatch.config import load_settings, secret_from_env
from figwatch.errors import ConfigError

GOOD = """
[store]
url = "sqlite:///state.db"

[[sources]]
name = "wire"
url = "https://example.org/feed.xml"

[[sources]]
name = "archive"
path = "archive"

[alerts.files]
dir = "out"

[alerts.email]
host = "127.0.0.1"
port = 2525
security = "none"
sender = "figwatch@example.org"
recipients = ["desk@example.org", "editor@example.org"]

[alerts.thresholds]
"casualties.total" = 0.1

[schedule]
cron = "*/15 * * * *"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "figwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_file_becomes_typed_settings(tmp_path):
    s = load_settings(write(tmp_path, GOOD))
    assert [src.name for src in s.sources] == ["wire", "archive"]
    assert s.sources[1].path == str(tmp_path / "archive")  # relative to the file
    assert s.alerts.files.dir == str(tmp_path / "out")
    assert s.alerts.email.port == 2525 and s.alerts.email.recipients[1] == "editor@example.org"
    assert s.alerts.thresholds == {"casualties.total": 0.1}
    assert s.schedule.cron == "*/15 * * * *"
    assert s.database_url == "sqlite:///state.db"


def test_defaults_watch_the_seed_corpus_and_write_files(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGWATCH_HOME", str(tmp_path))
    s = load_settings(None)
    assert s.sources[0].path.endswith("seeds") and Path(s.sources[0].path, "MANIFEST.md").is_file()
    assert s.database_url == f"sqlite:///{tmp_path / 'figwatch.db'}"
    assert s.alerts.files.dir == str(tmp_path / "digests")


def test_database_url_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGWATCH_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/db")
    assert load_settings(write(tmp_path, GOOD)).database_url == "postgresql+psycopg://u@127.0.0.1/db"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("[store]\nurll = 'x'\n", "store.urll", "unknown key"),
        ("[alerts.email]\nhost='h'\nsender='s'\nrecipients=['r']\nport='abc'\n", "alerts.email.port", "integer"),
        ("[alerts.email]\nhost='h'\nsender='s'\nrecipients=['r']\nsecurity='ssl'\n", "alerts.email.security", "one of"),
        ("[alerts.email]\nhost='h'\nsender='s'\n", "alerts.email.recipients", "missing"),
        ("[alerts.email]\nhost='h'\nsender='s'\nrecipients='r'\n", "alerts.email.recipients", "list"),
        ("[[sources]]\nname='a'\n", "sources[0]", "exactly one"),
        ("[[sources]]\nname='a'\nurl='ftp://x/feed'\n", "sources[0].url", "http"),
        ("[[sources]]\nname='a'\npath='x'\n[[sources]]\nname='a'\npath='y'\n", "sources[1].name", "duplicate"),
        ("[fetch]\nretries = true\n", "fetch.retries", "integer"),
        ("store = 5\n", "store", "table"),
        ("[alerts.thresholds]\n'casualties.total' = 'ten'\n", "alerts.thresholds.casualties.total", "number"),
    ],
)
def test_a_wrong_key_or_type_names_file_and_key(tmp_path, text, key, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {key}:"), message
    assert words in message


def test_broken_toml_and_missing_file_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[store\n"))
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "absent.toml")


def test_secret_is_read_by_variable_name_and_never_echoed(monkeypatch):
    monkeypatch.setenv("FW_TEST_SECRET", "hunter2-very-secret")
    assert secret_from_env("FW_TEST_SECRET", key="alerts.email.password_env") == "hunter2-very-secret"
    monkeypatch.delenv("FW_TEST_SECRET")
    with pytest.raises(ConfigError) as err:
        secret_from_env("FW_TEST_SECRET", key="alerts.email.password_env")
    assert "FW_TEST_SECRET is not set" in str(err.value)
