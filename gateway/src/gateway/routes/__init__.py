"""HTTP routes: newsroom API (``/v1``, signed in), public portal API, ops endpoints."""
