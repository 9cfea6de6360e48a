"""Where a client fetches a served file: readers' URLs (put in events, so the content
service can show them once a story is published) and staff's short-lived presigned GETs.

Readers' URLs have one shape in both delivery modes,
``<base_url>/tenants/<slug>/assets/<id>/v<n>/<path>``: in ``presigned`` mode the base is
the gateway's public media route (it checks publication, then redirects to a presigned
GET or returns a playlist inline); in ``public`` mode it is the bucket's public prefix,
where the worker copies the files of published versions only.
"""

from __future__ import annotations

from dataclasses import dataclass

from media_asset_service import keys
from media_asset_service.assets.models import AssetVersion, ServedFile
from media_asset_service.objects import ObjectStore
from media_asset_service.settings import DeliverySettings
from newsroom_core.enums import RenditionRole

# newsroom_media roles a client asks for; the others (variant playlists, init segments,
# segments, sprites) a player finds through these.
ENTRY_ROLES = frozenset(r.value for r in RenditionRole)
# Files whose relative references must resolve against the URL they were fetched from,
# so they are never answered with a redirect to the store.
INLINE_TYPES = frozenset(
    {"application/vnd.apple.mpegurl", "application/x-mpegurl", "audio/mpegurl", "text/vtt"}
)


def is_inline(file: ServedFile) -> bool:
    return file.content_type.split(";")[0].strip().lower() in INLINE_TYPES or file.path.endswith(
        (".m3u8", ".vtt")
    )


@dataclass(frozen=True, slots=True)
class Delivery:
    settings: DeliverySettings
    store: ObjectStore

    def reader_url(self, version: AssetVersion, path: str) -> str:
        served = keys.served_path(version.tenant, version.asset_id, version.number, path)
        return f"{self.settings.base_url.rstrip('/')}/{served}"

    def object_key(self, version: AssetVersion, path: str) -> str:
        """The key of a served file of the version's published run."""
        return f"{version.renditions_prefix}{path}"

    def staff_url(self, version: AssetVersion, file: ServedFile) -> str:
        return self.store.presign_get(
            self.object_key(version, file.path),
            self.settings.staff_expiry_s,
            content_type=file.content_type,
        )

    def original_url(self, version: AssetVersion) -> str:
        return self.store.presign_get(
            keys.original_key(version.tenant, version.asset_id, version.number),
            self.settings.staff_expiry_s,
            content_type=version.content_type,
        )

    def public_key(self, version: AssetVersion, path: str) -> str:
        return keys.public_key(
            self.settings.public_prefix, version.tenant, version.asset_id, version.number, path
        )

    def public_prefix_of(self, version: AssetVersion) -> str:
        return keys.public_version_prefix(
            self.settings.public_prefix, version.tenant, version.asset_id, version.number
        )
