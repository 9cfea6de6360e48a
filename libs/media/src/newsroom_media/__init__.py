"""Media processing for Newsroom workers. The API is in libs/media/README.md."""

from newsroom_media.results import Manifest, MediaInfo, MediaKind, RenditionFile, Role
from newsroom_media.specs import (
    DEFAULT_LADDER,
    AudioSpec,
    FocalPoint,
    ImageLimits,
    ImageSpec,
    ProcessLimits,
    SubtitleTrack,
    Tools,
    VideoLadder,
    VideoRung,
)

__all__ = [
    "DEFAULT_LADDER",
    "AudioSpec",
    "FocalPoint",
    "ImageLimits",
    "ImageSpec",
    "Manifest",
    "MediaInfo",
    "MediaKind",
    "ProcessLimits",
    "RenditionFile",
    "Role",
    "SubtitleTrack",
    "Tools",
    "VideoLadder",
    "VideoRung",
]
