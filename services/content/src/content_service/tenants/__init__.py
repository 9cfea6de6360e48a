"""Tenants aggregate: a subsidiary's site, its sections and its tags."""
