import pytest
from pydantic import SecretStr, ValidationError
from pydantic_settings import SettingsConfigDict

from newsroom_core.settings import GrpcSettings, ServiceSettings


class DemoSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DEMO_", env_nested_delimiter="__")
    api_secret: SecretStr = SecretStr("changeme")


def test_nested_env_with_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_DB__URL", "postgresql+psycopg://u@h:1/d")
    monkeypatch.setenv("DEMO_GRPC__PORT", "6001")
    settings = DemoSettings()
    assert settings.db.url == "postgresql+psycopg://u@h:1/d"
    assert settings.grpc.port == 6001


def test_placeholder_secrets_refused_in_prod(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_ENVIRONMENT", "prod")
    with pytest.raises(ValidationError, match="placeholder"):
        DemoSettings()
    monkeypatch.setenv("DEMO_API_SECRET", "s3cr3t-from-vault")
    monkeypatch.setenv("DEMO_IDENTITY__SECRET", "a-real-shared-key-0123456789")
    assert DemoSettings().environment == "prod"


class PortedSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PORTED_", env_nested_delimiter="__")
    grpc: GrpcSettings = GrpcSettings(port=6000, max_workers=3)


def test_one_nested_variable_keeps_the_services_other_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PORTED_GRPC__HOST", "0.0.0.0")
    monkeypatch.setenv("PORTED_LOG__JSON", "false")
    settings = PortedSettings()
    assert settings.grpc.host == "0.0.0.0"
    assert (settings.grpc.port, settings.grpc.max_workers) == (6000, 3)
    assert settings.log.json_format is False
