from pathlib import Path

import pytest

from matchmaker import create_app
from matchmaker.config import ConfigError, build_config

STRONG = "f" * 64


def test_config_production_without_secret_key_refuses(tmp_path: Path):
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        build_config(tmp_path, {"MATCHMAKER_ENV": "production"})


@pytest.mark.parametrize("weak", ["changeme", "dev", "short-secret"])
def test_config_production_with_weak_secret_key_refuses(tmp_path: Path, weak: str):
    with pytest.raises(ConfigError):
        build_config(tmp_path, {"MATCHMAKER_ENV": "production", "SECRET_KEY": weak})


def test_create_app_production_without_secret_key_refuses(monkeypatch):
    monkeypatch.setenv("MATCHMAKER_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_config_production_with_real_key_secures_cookies(tmp_path: Path):
    config = build_config(tmp_path, {"MATCHMAKER_ENV": "production", "SECRET_KEY": STRONG})
    assert config["SECRET_KEY"] == STRONG
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("mode", ["development", "demo"])
def test_config_development_generates_and_keeps_secret(tmp_path: Path, mode: str):
    first = build_config(tmp_path, {"MATCHMAKER_ENV": mode})
    second = build_config(tmp_path, {"MATCHMAKER_ENV": mode})
    assert len(first["SECRET_KEY"]) == 64
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert (tmp_path / "secret_key").read_text() == first["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert first["SESSION_COOKIE_SECURE"] is False


def test_config_database_defaults_to_sqlite_in_instance_folder(tmp_path: Path):
    config = build_config(tmp_path, {"MATCHMAKER_ENV": "development"})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'matchmaker.db'}"
    assert config["REDIS_URL"] is None


def test_config_postgres_url_uses_psycopg3(tmp_path: Path):
    env = {"DATABASE_URL": "postgresql://u@db:5432/mm", "REDIS_URL": "redis://r:6379/1"}
    config = build_config(tmp_path, env)
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db:5432/mm"
    assert config["REDIS_URL"] == "redis://r:6379/1"


def test_config_unknown_environment_refuses(tmp_path: Path):
    with pytest.raises(ConfigError, match="MATCHMAKER_ENV must be one of"):
        build_config(tmp_path, {"MATCHMAKER_ENV": "prod"})


def test_config_unknown_time_zone_refuses(tmp_path: Path):
    with pytest.raises(ConfigError, match="not an IANA time zone"):
        build_config(tmp_path, {"MATCHMAKER_TIMEZONE": "Europe/Atlantis"})


def test_config_time_zone_default_is_berlin(tmp_path: Path):
    assert build_config(tmp_path, {})["DEFAULT_TIMEZONE"] == "Europe/Berlin"


def test_create_app_testing_mode(app):
    assert app.config["TESTING"] is True
    assert app.config["ENV_NAME"] == "testing"
    assert "public" in app.blueprints


@pytest.mark.redis
def test_redis_url_reaches_a_server(redis_url: str):
    from redis import Redis

    connection = Redis.from_url(redis_url)
    assert connection.ping() is True
    connection.close()


def test_config_run_liveness_from_environment(tmp_path: Path):
    env = {"RUN_HEARTBEAT_SECONDS": "2.5", "RUN_STALE_SECONDS": "30"}
    config = build_config(tmp_path, env)
    assert (config["RUN_HEARTBEAT_SECONDS"], config["RUN_STALE_SECONDS"]) == (2.5, 30.0)
    defaults = build_config(tmp_path, {})
    assert (defaults["RUN_HEARTBEAT_SECONDS"], defaults["RUN_STALE_SECONDS"]) == (10.0, 60.0)


@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_config_run_stale_seconds_must_be_positive(tmp_path: Path, value: str):
    with pytest.raises(ConfigError, match="RUN_STALE_SECONDS must be a positive number"):
        build_config(tmp_path, {"RUN_STALE_SECONDS": value})
