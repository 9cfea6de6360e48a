"""Media processing for Newsroom workers. The API is in libs/media/README.md."""

from newsroom_media.audio import make_audio_renditions
from newsroom_media.images import make_image_renditions
from newsroom_media.probe import probe
from newsroom_media.results import Manifest, MediaInfo, MediaKind, RenditionFile, Role
from newsroom_media.sniff import is_executable, kind_of, sniff
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
from newsroom_media.staging import MANIFEST_NAME, read_manifest
from newsroom_media.video import make_video_hls
from newsroom_media.vips import configure_vips

__all__ = [
    "DEFAULT_LADDER",
    "MANIFEST_NAME",
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
    "configure_vips",
    "is_executable",
    "kind_of",
    "make_audio_renditions",
    "make_image_renditions",
    "make_video_hls",
    "probe",
    "read_manifest",
    "sniff",
]
