"""Recovery: once a SIGKILLed component is healthy again, how long until the pipeline caught up.

Starts a PostgreSQL and a Kafka of its own (``deploy/local/infra.sh`` with its own state
dir and ports: the shared stack is never killed), then content, editorial-approval, their
two outbox relays and the gateway exactly as ``make dev`` runs them, and a steady stream
of stories through the gateway (three clients, one tenant each: create, submit, the
editor's and the board's approvals, some corrections and retractions), with tokens from
the shared stack's Keycloak. Then, in one run:

- baseline: samples with nothing killed. From a mark until the portal (the gateway's public
  API) shows every change acknowledged before it: the pipeline's normal lag.
- for each kind of kill (postgres, kafka, content, editorial-approval, gateway,
  content-relay, editorial-relay), ``--rounds`` times: SIGKILL it, bring it back as an
  operator would (``infra.sh up <component>``, or start the process again at once), and
  measure from the moment it is healthy again until the portal shows every change
  acknowledged up to that moment: the story approved just before the kill, and those
  acknowledged while it was down.

Target: p95 <= 5 s for every kind over at least three kills; the ratio to the baseline's
p95 is printed beside it. ``--services-from DIR`` runs another checkout's services
(``git archive main | tar -x -C DIR``) under this harness, for before/after figures; its
relays run in-process, so the relay kinds are skipped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import uuid
from pathlib import Path

from newsroom_core.localstack import Infra, state_dir
from newsroom_testkit.faults.chaos import BASELINE, Kill, KillDriver
from newsroom_testkit.faults.stack import Platform, PrivateInfra
from newsroom_testkit.faults.stream import StoryStream, percentile
from newsroom_testkit.faults.verify import verify

TARGET_P95_S = 5.0
CATCH_UP_RESOLUTION_S = 0.05  # StoryStream.wait_caught_up checks this often
MIN_ROUNDS = 3
KINDS = (
    "postgres",
    "kafka",
    "content",
    "editorial-approval",
    "gateway",
    "content-relay",
    "editorial-relay",
)
SOURCE_DIRS = (
    "libs/core/src",
    "libs/proto/src",
    "libs/cli/src",
    "services/content/src",
    "services/editorial-approval/src",
    "gateway/src",
)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=MIN_ROUNDS, help="kills of each kind")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    parser.add_argument("--baseline", type=int, default=7, help="baseline samples")
    parser.add_argument("--rate", type=float, default=8.0, help="stories started per second")
    parser.add_argument("--services-from", type=Path, help="another checkout's sources")
    parser.add_argument("--keep", action="store_true", help="keep the private stack's folder")
    return parser.parse_args()


def summary(kills: list[Kill], kind: str) -> tuple[float, list[float]]:
    values = [k.recovery_s for k in kills if k.kind == kind]
    done = [v for v in values if v is not None]
    p95 = percentile(done, 95) if len(done) == len(values) else float("inf")
    return p95, done


def main() -> int:
    args = arguments()
    kinds = [k for k in args.kinds.split(",") if k]
    pythonpath = ""
    if args.services_from:
        other = args.services_from.resolve()
        pythonpath = ":".join(str(other / d) for d in SOURCE_DIRS)
        kinds = [k for k in kinds if not k.endswith("-relay")]
        print(f"services from {other} (relays in-process: relay kills skipped)", flush=True)
    run = uuid.uuid4().hex[:6]
    root = state_dir() / "faults" / f"bench-{run}"
    infra = PrivateInfra(root / "state")
    print(f"private PostgreSQL :{infra.ports.pg} and Kafka :{infra.ports.kafka} in {root}...")
    started = time.monotonic()
    platform = Platform(
        infra,
        keycloak_url=Infra.load()["NEWSROOM_KEYCLOAK_URL"],
        logs=root / "logs",
        separate_relays=not args.services_from,
        pythonpath=pythonpath,
    )
    stream: StoryStream | None = None
    try:
        infra.up("postgres", "kafka")
        platform.start()
        print(
            f"stack up in {time.monotonic() - started:.0f}s; processes: {', '.join(platform.names)}"
        )
        stream = StoryStream(
            platform.gateway_url, platform.keycloak_url, run, rate=args.rate
        ).start()
        driver = KillDriver(infra, platform, stream)
        t0 = time.monotonic()
        time.sleep(10)  # warm-up: first calls, token verification, group joins
        print(f"baseline: {args.baseline} samples with nothing killed...", flush=True)
        for _ in range(args.baseline):
            print(driver.mark().describe(t0), flush=True)
            time.sleep(2)
        for round_no in range(1, args.rounds + 1):
            print(f"round {round_no}/{args.rounds}: {', '.join(kinds)}", flush=True)
            for kind in kinds:
                print(driver.kill(kind).describe(t0), flush=True)
                time.sleep(2)
        stream.stop()
        report, quiet_s = verify(platform, stream)
        print(f"after the stream: quiet in {quiet_s:.1f}s; checks:")
        print("\n".join(report.lines()))
    finally:
        if stream is not None:
            stream.close()
        platform.stop()
        infra.down()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    base_p95, base = summary(driver.kills, BASELINE)
    figures, verdict = [], "PASS"
    print(f"baseline: {', '.join(f'{v:.2f}' for v in base)} s; p95 {base_p95:.2f}s")
    # A baseline caught up "at once" (0.00 s: within one 0.05 s check of the stream) is
    # divided as one check, so the ratios stay finite and comparable.
    divisor = max(base_p95, CATCH_UP_RESOLUTION_S)
    for kind in kinds:
        p95, done = summary(driver.kills, kind)
        ratio = p95 / divisor
        samples = ", ".join(f"{v:.2f}" for v in done)
        print(f"{kind}: {samples} s; p95 {p95:.2f}s ({ratio:.1f}x baseline)")
        figures.append(f"{kind}={p95:.2f}s")
        if p95 > TARGET_P95_S or len(done) < MIN_ROUNDS:
            verdict = "FAIL"
    if driver.problems or report.problems or stream.errors:
        verdict = "FAIL"
        for problem in driver.problems:
            print(f"problem: {problem}")
    worst = max((summary(driver.kills, k)[0] for k in kinds), default=float("nan"))
    print(
        f"recovery: p95 {' '.join(figures)} baseline={base_p95:.2f}s "
        f"worst={worst:.2f}s ({worst / divisor:.1f}x baseline), lost={report.counts['lost']} "
        f"duplicated={report.counts['duplicated']} "
        f"(target p95 <={TARGET_P95_S:.0f}s per kind, >={MIN_ROUNDS} kills each) {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
