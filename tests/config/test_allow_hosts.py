"""fetch.allow_hosts: bare hosts only, so an entry that could never match is a clear config error."""
from __future__ import annotations

import pytest

from figwatch.config import load_settings
from figwatch.errors import ConfigError, ConfigErrors


def test_allow_hosts_reads_names_and_addresses(tmp_path):
    config = tmp_path / "f.toml"
    config.write_text('[fetch]\nallow_hosts = ["intranet.example", "10.0.0.5", "[::1]", "fd00::2"]\n')
    assert load_settings(config).fetch.allow_hosts == ["intranet.example", "10.0.0.5", "[::1]", "fd00::2"]


@pytest.mark.parametrize("entry", ["http://intranet.example", "intranet.example:8080", "intranet.example/feeds", ""])
def test_allow_hosts_refuses_urls_ports_and_paths(tmp_path, entry):
    config = tmp_path / "f.toml"
    config.write_text(f'[fetch]\nallow_hosts = ["ok.example", "{entry}"]\n')
    with pytest.raises(ConfigError, match=r"fetch\.allow_hosts\[1\]: expected a host name"):
        load_settings(config)


def test_every_bad_entry_is_named_at_once(tmp_path):
    config = tmp_path / "f.toml"
    config.write_text('[fetch]\nallow_hosts = ["http://a.example", "ok.example", "b.example:8080"]\n')
    with pytest.raises(ConfigErrors) as err:
        load_settings(config)
    assert [e.key for e in err.value.errors] == ["fetch.allow_hosts[0]", "fetch.allow_hosts[2]"]
