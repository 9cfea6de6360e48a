"""editorial_approval_service: the story workflow, approval policies, schedules, freezes,
fast-track, corrections, retractions, syndication nominations and the audit log."""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
