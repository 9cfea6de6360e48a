"""Fixtures: inputs made in the test run (see newsroom_media.testing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom_media.testing import make_video


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media-inputs")


@pytest.fixture(scope="session")
def video_1080p(media_dir: Path) -> Path:
    """10 s of 1080p30 H.264 + AAC with GPS location and a title in its metadata."""
    return make_video(media_dir / "clip-1080p.mp4", size="1920x1080", seconds=10)


@pytest.fixture(scope="session")
def video_small(media_dir: Path) -> Path:
    return make_video(media_dir / "small.mp4", size="480x270", seconds=3, audio=False)
