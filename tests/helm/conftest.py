"""Chart tests: pytest over ``helm template`` output (tools/helm_check.py renders)."""

from __future__ import annotations

import functools
import importlib.util
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:  # tools/helm_check.py runs these tests in its own process
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


helm_check = _load("helm_check", ROOT / "tools/helm_check.py")
chart_checks = _load("chart_checks", Path(__file__).with_name("chart_checks.py"))


@pytest.fixture(scope="session")
def helm() -> str:
    path = helm_check.helm_bin()
    if not Path(path).exists():
        pytest.fail(f"helm is not installed at {path}: run deploy/local/k8s.sh install")
    return path


@pytest.fixture(scope="session")
def render(helm: str) -> Callable[..., list[dict]]:
    """render(*values_files, set=[...], chart=CHART) -> the objects of one release."""

    @functools.cache
    def cached(files: tuple[Path, ...], sets: tuple[str, ...], chart: Path, release: str) -> str:
        extra = [a for s in sets for a in ("--set", s)]
        values = helm_check.ValuesSet(release, "ns", files)
        return json.dumps(helm_check.render(chart, values, *extra))

    def _render(
        *files: Path, sets: tuple[str, ...] = (), chart: Path = helm_check.CHART, release: str = "t"
    ) -> list[dict]:
        # the same rendering is asked for by several tests: helm runs once for it
        return list(json.loads(cached(tuple(files), tuple(sets), chart, release)))

    return _render


@pytest.fixture
def broken_chart(tmp_path: Path) -> Callable[[str, str, str], Path]:
    """A copy of the chart with one text replaced in one file: broken(file, old, new)."""

    def _broken(relative: str, old: str, new: str) -> Path:
        copy = tmp_path / "newsroom"
        if not copy.exists():
            shutil.copytree(helm_check.CHART, copy)
        target = copy / relative
        text = target.read_text()
        assert old in text, f"{old!r} is not in {relative}: the breakage would not happen"
        target.write_text(text.replace(old, new, 1))
        return copy

    return _broken
