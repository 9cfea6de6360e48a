"""The real type of a file from its first bytes, never from its name or declared type.

Only the types the platform accepts are recognised; everything else is ``None``, and an
executable (ELF, PE, Mach-O, a ``#!`` script, WebAssembly) is always ``None`` even when
its later bytes would look like media. The checks follow the published signatures
(ISO BMFF ``ftyp`` brands, EBML DocType, MPEG audio frame headers, RIFF forms).
"""

from __future__ import annotations

import os

from newsroom_media.results import MediaKind

HEAD_BYTES = 4096

_EXECUTABLE_PREFIXES = (
    b"\x7fELF",  # ELF
    b"MZ",  # PE / DOS
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",  # Mach-O 64
    b"\xce\xfa\xed\xfe",  # Mach-O 32, little endian
    b"\xcf\xfa\xed\xfe",  # Mach-O 64, little endian
    b"\xca\xfe\xba\xbe",  # Mach-O universal (and Java classes)
    b"#!",  # scripts
    b"\x00asm",  # WebAssembly
)

_AVIF_BRANDS = {b"avif", b"avis"}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_QUICKTIME_BRANDS = {b"qt  "}
_MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso8", b"iso9",
    b"mp41", b"mp42", b"avc1", b"dash", b"MSNV", b"M4V ", b"M4VH", b"M4VP",
    b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"F4V ", b"XAVC", b"mmp4",
}  # fmt: skip
_QUICKTIME_ATOMS = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}

_CONTENT_KINDS: dict[str, MediaKind] = {
    "image/jpeg": "image",
    "image/png": "image",
    "image/webp": "image",
    "image/gif": "image",
    "image/avif": "image",
    "image/heic": "image",
    "video/mp4": "video",
    "video/quicktime": "video",
    "video/webm": "video",
    "video/x-matroska": "video",
    "video/mp2t": "video",
    "audio/mpeg": "audio",
    "audio/aac": "audio",
    "audio/mp4": "audio",
    "audio/wav": "audio",
    "audio/ogg": "audio",
    "audio/flac": "audio",
    "text/vtt": "subtitles",
    "application/pdf": "document",
}

# MPEG audio: bitrates (kb/s) for MPEG-1 layer III and MPEG-2/2.5 layer III, sample rates.
_MP3_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MP3_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_ADTS_RATES = (96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000)


def kind_of(content_type: str | None) -> MediaKind | None:
    """The platform's media kind for a content type that ``sniff`` returns."""
    if content_type is None:
        return None
    return _CONTENT_KINDS.get(content_type)


def _read(path: str | os.PathLike[str], offset: int, size: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.read(size)


def is_executable(path: str | os.PathLike[str]) -> bool:
    return _read(path, 0, 8).startswith(_EXECUTABLE_PREFIXES)


def sniff(path: str | os.PathLike[str]) -> str | None:
    """The detected content type, or None when the bytes are not an accepted type."""
    head = _read(path, 0, HEAD_BYTES)
    if not head or head.startswith(_EXECUTABLE_PREFIXES):
        return None
    found = _sniff_head(head)
    if found is not None:
        return found
    if head.startswith(b"ID3") and len(head) >= 10:
        # An ID3v2 tag (cover art can make it megabytes long) precedes MP3, AAC or FLAC.
        size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
        footer = 10 if head[5] & 0x10 else 0
        body = _read(path, 10 + size + footer, HEAD_BYTES)
        if body.startswith(b"fLaC"):
            return "audio/flac"
        return _sniff_mpeg_audio(body, require_second=False)
    return None


def _sniff_head(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and len(head) >= 12:
        form = head[8:12]
        if form == b"WEBP":
            return "image/webp"
        if form == b"WAVE":
            return "audio/wav"
        return None
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"OggS"):
        return _sniff_ogg(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _sniff_ebml(head)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return _sniff_iso_bmff(head)
    if len(head) >= 8 and head[4:8] in _QUICKTIME_ATOMS:
        return "video/quicktime"
    if _is_webvtt(head):
        return "text/vtt"
    if _is_transport_stream(head):
        return "video/mp2t"
    return _sniff_mpeg_audio(head, require_second=True)


def _is_transport_stream(head: bytes) -> bool:
    """MPEG-TS: the 0x47 sync byte every 188 bytes (192 with Blu-ray's M2TS prefix)."""
    for offset, packet in ((0, 188), (4, 192)):
        if len(head) >= offset + 3 * packet and all(
            head[offset + i * packet] == 0x47 for i in range(min(8, (len(head) - offset) // packet))
        ):
            return True
    return False


def _sniff_iso_bmff(head: bytes) -> str | None:
    box_size = int.from_bytes(head[0:4], "big")
    end = min(len(head), box_size if box_size >= 16 else 16)
    major = head[8:12]
    brands = {major} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    if major in _AVIF_BRANDS or (major in _HEIC_BRANDS and brands & _AVIF_BRANDS):
        return "image/avif"
    if major in _HEIC_BRANDS:
        return "image/heic"
    if major in _M4A_BRANDS:
        return "audio/mp4"
    if major in _QUICKTIME_BRANDS:
        return "video/quicktime"
    if major in _MP4_BRANDS or brands & _MP4_BRANDS:
        return "video/mp4"
    return None


def _sniff_ebml(head: bytes) -> str | None:
    # The DocType element (ID 0x4282) sits in the EBML header, within the first bytes.
    at = head.find(b"\x42\x82", 4, 64)
    if at < 0 or at + 3 > len(head):
        return None
    length_byte = head[at + 2]
    if not length_byte & 0x80:
        return None
    size = length_byte & 0x7F
    doc_type = head[at + 3 : at + 3 + size].rstrip(b"\x00")
    if doc_type == b"webm":
        return "video/webm"
    if doc_type == b"matroska":
        return "video/x-matroska"
    return None


def _sniff_ogg(head: bytes) -> str | None:
    # The first page's first packet names the codec.
    if len(head) < 28:
        return None
    segments = head[26]
    packet = head[27 + segments : 27 + segments + 16]
    if packet.startswith((b"OpusHead", b"\x01vorbis", b"\x7fFLAC")):
        return "audio/ogg"
    return None


def _is_webvtt(head: bytes) -> bool:
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    return text.startswith(b"WEBVTT") and (
        len(text) == 6 or text[6:7] in (b" ", b"\t", b"\n", b"\r")
    )


def _mpeg_frame_length(head: bytes, at: int) -> int | None:
    """Length of an MPEG-1/2/2.5 layer III frame starting at ``at``, or None."""
    if at + 4 > len(head) or head[at] != 0xFF or head[at + 1] & 0xE0 != 0xE0:
        return None
    version = (head[at + 1] >> 3) & 0x03  # 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    layer = (head[at + 1] >> 1) & 0x03  # 1 = layer III
    bitrate_index = head[at + 2] >> 4
    rate_index = (head[at + 2] >> 2) & 0x03
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    padding = (head[at + 2] >> 1) & 0x01
    bitrate = _MP3_BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    rate = _MP3_RATES[version][rate_index]
    return (144 if version == 3 else 72) * bitrate // rate + padding


def _adts_frame_length(head: bytes, at: int) -> int | None:
    if at + 7 > len(head) or head[at] != 0xFF or head[at + 1] & 0xF6 != 0xF0:
        return None
    if (head[at + 2] >> 2) & 0x0F >= len(_ADTS_RATES):
        return None
    length = ((head[at + 3] & 0x03) << 11) | (head[at + 4] << 3) | (head[at + 5] >> 5)
    return length if length >= 7 else None


def _sniff_mpeg_audio(head: bytes, *, require_second: bool) -> str | None:
    """MP3 or ADTS AAC: a frame header, and (without an ID3 tag) a second one after it."""
    for content_type, frame_length in (
        ("audio/mpeg", _mpeg_frame_length),
        ("audio/aac", _adts_frame_length),
    ):
        length = frame_length(head, 0)
        if length is None:
            continue
        if not require_second or frame_length(head, length) is not None:
            return content_type
    return None
