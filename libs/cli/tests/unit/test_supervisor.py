"""The dev runner's process supervisor on small real child processes: line-prefixed output,
SIGTERM for a graceful stop, SIGKILL for a child that ignores it."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from newsroom_cli.dev import ServiceSpec, Supervisor, http_ok, wait_until
from newsroom_cli.output import Reporter

POLITE = """
import signal, sys, time
stopped = False
def handle(signum, frame):
    global stopped
    stopped = True
signal.signal(signal.SIGTERM, handle)
print("xin chào from polite", flush=True)
print("second line", flush=True)
while not stopped:
    time.sleep(0.05)
print("stopping gracefully", flush=True)
sys.exit(0)
"""

STUBBORN = """
import signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("ignoring SIGTERM", flush=True)
while True:
    time.sleep(0.05)
"""


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "polite_child.py").write_text(POLITE)
    (tmp_path / "stubborn_child.py").write_text(STUBBORN)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    return tmp_path


def spec(name: str, module: str) -> ServiceSpec:
    return ServiceSpec(name, module, {}, "http://127.0.0.1:9/readyz", (), "")


def lines_of(stream: io.StringIO, prefix: str) -> list[str]:
    lines = stream.getvalue().splitlines()
    return [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]


def test_children_are_prefixed_and_stopped_gracefully_then_forcibly(modules: Path) -> None:
    stream = io.StringIO()
    supervisor = Supervisor(Reporter(stream, colour=False), modules)
    polite = supervisor.start(spec("polite", "polite_child"))
    stubborn = supervisor.start(spec("stubborn", "stubborn_child"))
    never = threading.Event()
    assert wait_until(
        lambda: "ignoring SIGTERM" in stream.getvalue() and "second line" in stream.getvalue(),
        stop=never,
        timeout_s=60,
    )

    supervisor.stop(grace_s=1.0)

    assert polite.process.returncode == 0
    assert stubborn.process.returncode == -9
    assert lines_of(stream, "polite             │ ") == [
        "xin chào from polite",
        "second line",
        "stopping gracefully",
    ]
    assert lines_of(stream, "stubborn           │ ") == ["ignoring SIGTERM"]
    notes = lines_of(stream, "newsroom           │ ")
    assert "stubborn chưa dừng, SIGKILL (did not stop)" in notes
    assert "đã dừng (stopped) polite, exit 0" in notes
    assert "đã dừng (stopped) stubborn, exit SIGKILL" in notes
    assert supervisor.dead() == supervisor.children


def test_wait_until_gives_up_when_the_process_is_gone_or_stop_is_requested() -> None:
    stop = threading.Event()
    assert not wait_until(lambda: False, stop=stop, timeout_s=60, alive=lambda: False)
    stop.set()
    assert not wait_until(lambda: False, stop=stop, timeout_s=60)
    assert not http_ok("http://127.0.0.1:9/readyz", timeout=0.5)
