"""Failures of media processing, each with a stable UPPER_SNAKE reason.

The library knows nothing of gRPC: the media-asset service maps these to its own
``DomainError`` classes. ``retryable`` tells the worker whether a retry with backoff can
help (a stall or an OOM may pass; a corrupt file never will). ``stderr_tail`` keeps
ffmpeg's last lines so the reason shown to the user says what went wrong.
"""

from __future__ import annotations

from collections.abc import Sequence


class MediaError(Exception):
    default_reason = "MEDIA_ERROR"
    retryable = False

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        stderr_tail: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or self.default_reason
        self.stderr_tail = tuple(stderr_tail)

    def __str__(self) -> str:
        if not self.stderr_tail:
            return f"{self.reason}: {self.message}"
        return f"{self.reason}: {self.message}\n" + "\n".join(self.stderr_tail)


class UnsupportedType(MediaError):
    """The bytes are not a type this kind of job handles (or not media at all)."""

    default_reason = "UNSUPPORTED_TYPE"


class ExecutableRefused(UnsupportedType):
    default_reason = "EXECUTABLE_REFUSED"


class CorruptInput(MediaError):
    """The header or the streams cannot be read."""

    default_reason = "CORRUPT_INPUT"


class ImageTooLarge(MediaError):
    """Over the pixel or side limit, found from the header before any decode."""

    default_reason = "IMAGE_TOO_LARGE"


class MissingStream(MediaError):
    """No video stream for a video job (``NO_VIDEO_STREAM``) or no audio for an audio job."""

    default_reason = "NO_VIDEO_STREAM"


class InvalidSubtitles(MediaError):
    default_reason = "INVALID_SUBTITLES"


class TranscodeFailed(MediaError):
    """ffmpeg exited with an error; ``stderr_tail`` has its last lines."""

    default_reason = "TRANSCODE_FAILED"
    retryable = True


class TranscodeStalled(TranscodeFailed):
    """No progress for the stall timeout: the process group was killed."""

    default_reason = "TRANSCODE_STALLED"


class TranscodeTimeout(TranscodeFailed):
    default_reason = "TRANSCODE_TIMEOUT"


class OutOfMemory(TranscodeFailed):
    """The child hit its memory cap (or was killed by the kernel's OOM killer)."""

    default_reason = "OUT_OF_MEMORY"


class Cancelled(MediaError):
    default_reason = "CANCELLED"
    retryable = True


class ToolMissing(MediaError):
    default_reason = "TOOL_MISSING"


class StagingNotEmpty(MediaError):
    default_reason = "STAGING_NOT_EMPTY"


class IncompleteOutput(MediaError):
    """No completion manifest, or files that do not match it: the run did not finish."""

    default_reason = "INCOMPLETE_OUTPUT"
    retryable = True
