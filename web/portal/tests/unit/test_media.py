"""Media items of the public API as the templates use them (MEDIA-CONTRACT shape)."""

from __future__ import annotations

from portal.media import media_of, split_embeds


def rendition(width: int, kind: str = "image/webp") -> dict[str, object]:
    ext = "webp" if kind.endswith("webp") else "jpg"
    return {
        "url": f"https://cdn.example/a/w{width}.{ext}",
        "width": width,
        "height": width * 3 // 4,
        "content_type": kind,
    }


def test_an_image_with_renditions_has_srcsets_a_fallback_and_its_intrinsic_box() -> None:
    item = media_of(
        {
            "asset_id": "a1",
            "kind": "image",
            "alt": "Thợ lò",
            "width": 4000,
            "height": 3000,
            "renditions": [rendition(w) for w in (1920, 320, 640)]
            + [rendition(w, "image/jpeg") for w in (640, 1280, 1920)],
            "card": {"url": "https://cdn.example/a/card.jpg", "width": 1200, "height": 675},
        }
    )
    assert item is not None and item.ready
    assert item.webp_srcset.split(", ")[0].endswith(" 320w"), "narrowest first"
    assert item.jpeg_srcset.count("w,") == 2
    assert item.fallback is not None and item.fallback.width == 1280
    assert item.box == (4000, 3000)
    assert item.share_image is not None and item.share_image.width == 1200


def test_an_item_without_renditions_is_pending_and_keeps_caption_and_credit() -> None:
    item = media_of({"asset_id": "a2", "caption": "Lò chợ", "credit": "Ảnh: TKV"})
    assert item is not None and not item.ready
    assert (item.kind, item.alt, item.credit) == ("image", "Lò chợ", "Ảnh: TKV")
    assert item.share_image is None and item.fallback is None
    assert media_of({"caption": "no id"}) is None


def test_video_and_audio_are_ready_with_a_stream() -> None:
    video = media_of(
        {
            "asset_id": "v",
            "kind": "video",
            "hls_url": "https://cdn.example/v/master.m3u8",
            "poster": {"url": "https://cdn.example/v/poster.jpg", "width": 1280, "height": 720},
            "duration_ms": 83_000,
        }
    )
    assert video is not None and video.ready and video.duration_iso == "PT0H1M23S"
    assert video.box == (1280, 720) and video.duration_text == "1:23"
    audio = media_of({"asset_id": "b", "kind": "audio", "download_url": "https://x/b.mp3"})
    assert audio is not None and audio.ready
    assert not media_of({"asset_id": "c", "kind": "video"}).ready  # type: ignore[union-attr]


def test_body_placeholders_split_the_body_in_order() -> None:
    body = (
        '<p>a</p><figure data-media-asset="x-1"></figure>'
        '<p>b</p><figure data-media-asset="y"> </figure>'
    )
    assert split_embeds(body) == [
        ("html", "<p>a</p>"),
        ("media", "x-1"),
        ("html", "<p>b</p>"),
        ("media", "y"),
    ]
    assert split_embeds("<p>only</p>") == [("html", "<p>only</p>")]
