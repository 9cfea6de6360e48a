"""One Ctrl-C reaches `newsroom dev` several times; only a later one forces a kill."""

from __future__ import annotations

import os
import signal
import threading
import time

from newsroom_cli.dev import SIGNAL_ECHO_S, stop_signals


def test_echoed_ctrl_c_stops_gracefully_and_a_later_one_forces() -> None:
    stop, force = threading.Event(), threading.Event()
    with stop_signals(stop, force):
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)  # the same keypress, forwarded by `uv run`
        time.sleep(0.05)
        assert stop.is_set()
        assert not force.is_set(), "an echoed signal must not skip the graceful stop"
        time.sleep(SIGNAL_ECHO_S + 0.1)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
        assert force.is_set(), "a second, later request kills at once"
