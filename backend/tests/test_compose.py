"""docker-compose.yml cannot run here (no Docker engine): check it against the compose spec
and check that everything it names exists in the repository and the configuration."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from inkwell.config import BACKEND_DIR, REPO_DIR

COMPOSE = REPO_DIR / "docker-compose.yml"
# Variables the processes read that are not configuration classes' business.
PROCESS_VARIABLES = {"FLASK_APP", "PORT", "HOST", "PSYCOPG_WAIT_FUNC", "INKWELL_CONFIG"}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_follows_the_compose_spec():
    checker = shutil.which("check-jsonschema") or str(
        Path(__file__).resolve().parents[2] / ".venv" / "bin" / "check-jsonschema"
    )
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_topology_has_every_service(compose):
    assert {"nginx", "api1", "api2", "worker", "redis", "postgres", "mail"} <= set(
        compose["services"]
    )
    assert "--appendonly" in compose["services"]["redis"]["command"]


def dockerfiles(compose):
    for service in compose["services"].values():
        build = service.get("build")
        if build:
            yield REPO_DIR / build["context"] / build["dockerfile"]


def test_dockerfiles_and_what_they_copy_exist(compose):
    files = set(dockerfiles(compose))
    assert files, "no service is built from this repository"
    for dockerfile in files:
        assert dockerfile.is_file(), dockerfile
        for line in dockerfile.read_text().splitlines():
            match = re.match(r"COPY\s+(?!--from)(.+)\s+\S+$", line.strip())
            if match:
                for source in match.group(1).split():
                    assert (REPO_DIR / source).exists(), f"{dockerfile.name} copies {source}"


def test_mounted_files_exist(compose):
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (REPO_DIR / source).exists(), f"{name} mounts missing {source}"


def commands(compose):
    for name, service in compose["services"].items():
        command = service.get("command")
        if command and not service.get("image"):
            yield name, command


def test_every_command_exists(compose):
    from inkwell import create_app
    from inkwell.config import TestingConfig

    cli = create_app(TestingConfig).cli
    for name, command in commands(compose):
        program = command[0]
        if program == "flask":
            assert cli.get_command(None, command[1]) is not None, f"{name}: flask {command[1]}"
        elif program == "python" and command[1] == "-m":
            __import__(command[2])
        elif program in ("python", "sh"):
            assert (BACKEND_DIR / command[1]).is_file(), f"{name}: {command[1]}"
        else:
            pytest.fail(f"{name}: unexpected command {command}")


def test_every_environment_variable_is_read_by_the_configuration(compose):
    config_source = (BACKEND_DIR / "inkwell" / "config.py").read_text()
    read = set(re.findall(r"""env(?:iron\.get|_bool|_int)?\(\s*["']([A-Z_]+)["']""", config_source))
    read |= set(re.findall(r"""os\.environ\.get\(\s*["']([A-Z_]+)["']""", config_source))
    for name, service in compose["services"].items():
        if service.get("image"):
            continue  # third-party images document their own variables
        for variable in service.get("environment", {}):
            assert variable in read | PROCESS_VARIABLES, f"{name}: {variable} is read by nothing"


def test_pictures_are_shared_by_the_workers_and_nginx(compose):
    """The workers write MEDIA_DIR, nginx serves it (nginx.conf: root /var/lib/inkwell)."""
    media_dir = compose["services"]["api1"]["environment"]["MEDIA_DIR"]
    assert media_dir == "/var/lib/inkwell/media"
    for name in ("api1", "api2", "worker"):
        assert f"media:{media_dir}" in compose["services"][name]["volumes"], name
    assert f"media:{media_dir}:ro" in compose["services"]["nginx"]["volumes"]
    assert "root /var/lib/inkwell;" in (REPO_DIR / "nginx.conf").read_text()
    # A new named volume takes the image directory's owner: the workers' user must own it.
    assert "/var/lib/inkwell" in (REPO_DIR / "backend" / "Dockerfile").read_text()
