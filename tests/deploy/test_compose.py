"""docker-compose.yml is a real deliverable: valid against the Compose spec, and every command runnable."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SCHEMA = json.loads((ROOT / "tests/schemas/compose-spec.json").read_text())
# The spec declares draft-07 as "https://json-schema.org/draft-07/schema", a spelling jsonschema
# does not look up (it would fall back to the newest draft, with a warning): name it outright.
VALIDATOR = jsonschema.Draft7Validator

# Executables each upstream image is documented to provide (the images are not pulled here).
IMAGE_COMMANDS = {
    "prefecthq/prefect": {"prefect", "python"},
    "postgres": {"postgres", "pg_isready"},
    "axllent/mailpit": {"/mailpit"},
}


def test_compose_file_matches_the_specification_schema():
    VALIDATOR.check_schema(SCHEMA)
    VALIDATOR(SCHEMA).validate(COMPOSE)


def test_compose_schema_rejects_a_broken_file():
    broken = {**COMPOSE, "services": {"worker": {"image": 5, "ports": "not-a-list"}}}
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR(SCHEMA).validate(broken)


def test_services_named_in_the_design_are_there_with_health_checks():
    services = COMPOSE["services"]
    assert {"postgres", "prefect-server", "worker", "mailpit"} <= set(services)
    for name in ("postgres", "prefect-server", "worker"):
        assert "healthcheck" in services[name], name
    assert any(v.startswith("pgdata:") for v in services["postgres"]["volumes"])


def test_prefect_image_matches_the_pinned_client():
    pinned = re.search(r'"prefect==([\d.]+)"', (ROOT / "pyproject.toml").read_text()).group(1)
    assert COMPOSE["services"]["prefect-server"]["image"].startswith(f"prefecthq/prefect:{pinned}-")
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert f"FROM prefecthq/prefect:{pinned}-" in dockerfile


def _built_image_commands() -> set[str]:
    """What the worker image provides: figwatch's console scripts, prefect, and the files it copies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    provided = set(project["scripts"]) | {"prefect", "python", "pgrep"}
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            src, dest = line.split()[1:3]
            assert (ROOT / src).exists(), f"Dockerfile copies missing {src}"
            if (ROOT / src).is_dir():
                provided |= {f"/app/{p.relative_to(ROOT)}" for p in (ROOT / src).rglob("*") if p.is_file()}
    return provided


def _executable(command) -> str:
    return (command if isinstance(command, list) else command.split())[0]


@pytest.mark.parametrize("name", sorted(COMPOSE["services"]))
def test_every_service_command_exists_in_its_image(name):
    service = COMPOSE["services"][name]
    commands = [service["command"]] if "command" in service else []
    test = service.get("healthcheck", {}).get("test")
    if test and test[0] in ("CMD", "CMD-SHELL"):
        commands.append(test[1:] if test[0] == "CMD" else test[1].split())
    if "build" in service:
        provided = _built_image_commands()
        assert (ROOT / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
    else:
        image = service["image"].rsplit(":", 1)[0]
        provided = IMAGE_COMMANDS[image]
    for command in commands:
        assert _executable(command) in provided, f"{name}: {_executable(command)} not in its image"


def test_worker_entrypoint_is_executable_and_uses_real_commands():
    script = ROOT / "docker/worker-entrypoint.sh"
    assert script.stat().st_mode & 0o111
    text = script.read_text()
    assert "figwatch db upgrade" in text and "prefect worker start" in text


def test_secrets_come_from_env_file_and_example_names_them():
    example = (ROOT / ".env.example").read_text()
    text = (ROOT / "docker-compose.yml").read_text()
    for variable in set(re.findall(r"\$\{(\w+)", text)):
        assert f"{variable}=" in example, f"{variable} missing from .env.example"


def test_prefect_yaml_deploys_both_flows_from_real_entrypoints():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    names = {d["name"]: d for d in spec["deployments"]}
    assert set(names) == {"monitor", "backfill"}
    for deployment in names.values():
        path, func = deployment["entrypoint"].split(":")
        assert f"def {func}(" in (ROOT / path).read_text()


def test_prefect_yaml_flows_take_their_settings_from_the_worker_not_from_a_run_parameter():
    """A run parameter `config=` would let anyone who can start a run point figwatch at another settings file."""
    import importlib
    import inspect

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    for deployment in spec["deployments"]:
        path, func = deployment["entrypoint"].split(":")
        flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), func)
        assert "config" not in inspect.signature(flow.fn).parameters, deployment["name"]
        assert "config" not in (deployment.get("parameters") or {}), deployment["name"]
        assert deployment["work_pool"]["job_variables"]["env"]["FIGWATCH_SERVED_CONFIG"] == "/app/docker/figwatch.toml"


def test_dockerignore_keeps_the_virtualenv_state_and_secrets_out_of_the_build_context():
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    assert {".venv", ".git", ".figwatch", ".env", "**/__pycache__"} <= set(ignored)
    copied = [line.split()[1] for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("COPY ")]
    assert [src for src in copied if any(fnmatch(src, pattern) for pattern in ignored)] == []


def test_the_web_interfaces_are_published_on_loopback_only():
    published = {name: service.get("ports", []) for name, service in COMPOSE["services"].items()}
    assert published["prefect-server"] and published["mailpit"]
    for name, ports in published.items():
        assert all(str(port).startswith("127.0.0.1:") for port in ports), (name, ports)


def test_the_schedule_is_written_once_in_figwatch_toml(monkeypatch):
    """prefect.yaml takes the monitor's schedule from docker/figwatch.toml, as the entrypoint exports it."""
    from prefect.utilities.templating import apply_values

    toml = tomllib.loads((ROOT / "docker/figwatch.toml").read_text())["schedule"]
    done = subprocess.run([sys.executable, str(ROOT / "docker/schedule_env.py"), str(ROOT / "docker/figwatch.toml")],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    for pair in shlex.split(done.stdout)[1:]:  # what `eval` does with "export A=... B=..."
        monkeypatch.setenv(*pair.split("=", 1))
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    monitor = next(d for d in spec["deployments"] if d["name"] == "monitor")
    # As `prefect deploy` reads it: {{ $VAR }} from the environment.
    assert apply_values(monitor["schedules"], {}) == [{"cron": toml["cron"], "timezone": toml["timezone"]}]
    for other in ("prefect.yaml", "docker-compose.yml", "docker/worker-entrypoint.sh"):
        assert toml["cron"] not in (ROOT / other).read_text(), other
    assert "schedule_env.py" in (ROOT / "docker/worker-entrypoint.sh").read_text()
