"""Upstream deadlines are settings: media-asset's CompleteUpload and CreateUploadSession
have their own, every other call keeps its upstream's ``deadline_s`` (the calls
themselves: tests/integration/test_media_deadlines.py)."""

from __future__ import annotations

import pytest

from gateway.settings import GatewaySettings


def test_the_deadlines_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = GatewaySettings().media
    assert [
        defaults.deadline_for(m) for m in ("GetAsset", "CompleteUpload", "CreateUploadSession")
    ] == [5.0, 60.0, 30.0]
    monkeypatch.setenv("GATEWAY_MEDIA__DEADLINE_S", "7")
    monkeypatch.setenv("GATEWAY_MEDIA__COMPLETE_UPLOAD_DEADLINE_S", "120")
    monkeypatch.setenv("GATEWAY_MEDIA__CREATE_UPLOAD_DEADLINE_S", "45")
    media = GatewaySettings().media
    assert media.deadline_for("ListUploadParts") == 7.0
    assert media.deadline_for("CompleteUpload") == 120.0
    assert media.deadline_for("CreateUploadSession") == 45.0
    assert GatewaySettings().content.deadline_for("CompleteUpload") == 5.0
