"""Fault tests: each builds a stack of its own (``newsroom_testkit.faults``), because it kills
PostgreSQL, Kafka, S3 or Keycloak, which the shared stack's other users need alive.

A test adds ``("fault_report", text)`` to its ``user_properties``; the lines are printed at
the end of the run (also from xdist workers), so the counts show without ``-s``.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from newsroom_core.localstack import state_dir

_reports: list[tuple[str, str]] = []


@pytest.fixture
def fault_dir(request: pytest.FixtureRequest) -> Iterator[Path]:
    """A folder under .local/faults for one private stack; removed when the test passed
    (kept, with its logs, when it failed)."""
    path = state_dir() / "faults" / f"{request.node.name[:40]}-{uuid.uuid4().hex[:6]}"
    path.mkdir(parents=True)
    yield path
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed:
        shutil.rmtree(path, ignore_errors=True)
    else:
        print(f"private stack kept for inspection: {path}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for key, value in report.user_properties:
        if key == "fault_report":
            _reports.append((report.nodeid, str(value)))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for nodeid, text in _reports:
        terminalreporter.section(f"fault report: {nodeid}")
        for line in text.splitlines():
            terminalreporter.write_line(line)
