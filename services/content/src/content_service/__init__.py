"""content_service."""
