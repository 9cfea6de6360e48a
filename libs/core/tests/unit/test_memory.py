"""settle_heap: the start-up heap leaves the collector's scans; young collections thin out."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from newsroom_core.memory import settle_heap
from newsroom_core.settings import GcSettings


@pytest.fixture
def restore_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restore_gc")
def test_settle_heap_freezes_what_is_alive_and_raises_the_young_threshold() -> None:
    gc.unfreeze()
    # tracked containers alive at start-up, like the app's objects
    kept: list[list[int]] = [[] for _ in range(1000)]
    settle_heap(GcSettings(young_threshold=12_345))
    assert gc.get_threshold()[0] == 12_345
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_count()[0] < 12_345  # the young generation starts (nearly) empty


@pytest.mark.usefixtures("restore_gc")
def test_freezing_can_be_turned_off() -> None:
    gc.unfreeze()
    settle_heap(GcSettings(freeze_after_start=False, young_threshold=5_000))
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] == 5_000
