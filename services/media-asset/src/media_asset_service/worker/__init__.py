"""The media worker: a separate process (``python -m media_asset_service.worker``) that
leases jobs from the service's database, woken by media events on Kafka."""
