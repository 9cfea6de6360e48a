"""The story-lifecycle walk of tests/e2e, unchanged, against the gateway pod: the same
test functions, here fed by the release's pods instead of in-process services."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "e2e_story_lifecycle", Path(__file__).parents[1] / "e2e/test_story_lifecycle.py"
)
assert _spec and _spec.loader
_e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_e2e)

pytestmark = _e2e.pytestmark
test_story_lifecycle = _e2e.test_story_lifecycle
test_official_statement_needs_the_spokesperson = _e2e.test_official_statement_needs_the_spokesperson
