"""Topic names: ``<domain>.events.v1``; dead letters go to ``<consumer group>.dlq``."""

CONTENT = "content.events.v1"
EDITORIAL_APPROVAL = "editorial_approval.events.v1"
MEDIA_ASSET = "media_asset.events.v1"
SOCIAL_PUBLISHING = "social_publishing.events.v1"
MONITORING = "monitoring.events.v1"

ALL = (CONTENT, EDITORIAL_APPROVAL, MEDIA_ASSET, SOCIAL_PUBLISHING, MONITORING)
