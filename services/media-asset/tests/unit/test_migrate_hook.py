"""`python -m newsroom_core.migrate <package>` finds the settings that name the database."""

from __future__ import annotations

import pytest

from newsroom_core.migrate import main, settings_class


def test_a_package_with_one_process_has_one_settings_class() -> None:
    assert settings_class("content_service").__name__ == "ContentSettings"


def test_a_package_with_a_worker_migrates_with_the_service_settings() -> None:
    # media_asset_service also defines MediaWorkerSettings (same database, its own prefix)
    assert settings_class("media_asset_service").__name__ == "MediaAssetSettings"


def test_usage_error_without_a_package(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate"]) == 2
    assert "usage" in capsys.readouterr().err
