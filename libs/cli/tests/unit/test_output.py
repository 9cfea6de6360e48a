"""Step lines, exit codes, tables and the dev box (Vietnamese text must line up)."""

from __future__ import annotations

import io

from newsroom_cli.output import Outcome, Reporter, width


def reporter() -> tuple[Reporter, io.StringIO]:
    stream = io.StringIO()
    return Reporter(stream, colour=False), stream


def test_step_lines_and_exit_code() -> None:
    out, stream = reporter()
    out.step(Outcome.CREATED, "Keycloak nhóm (group) /tenants/halong")
    out.step(Outcome.ALREADY_THERE, "S3 bucket newsroom")
    assert out.exit_code() == 0
    out.step(Outcome.WARNING, "editorial-approval", "editorial-approval not reachable")
    assert out.exit_code() == 1
    assert stream.getvalue().splitlines() == [
        "✓ Keycloak nhóm (group) /tenants/halong: đã tạo (created)",
        "• S3 bucket newsroom: đã có sẵn (already there)",
        "! editorial-approval: editorial-approval not reachable",
    ]


def test_collapsed_mode_counts_unchanged_steps() -> None:
    out, stream = reporter()
    out.collapse_unchanged = True
    out.step(Outcome.ALREADY_THERE, "a")
    out.step(Outcome.CREATED, "b")
    out.step(Outcome.ALREADY_THERE, "c")
    out.step(Outcome.ALREADY_THERE, "hạ tầng", "đang chạy", collapsible=False)
    out.flush_unchanged("halong")
    out.flush_unchanged("nothing left")
    assert stream.getvalue().splitlines() == [
        "✓ b: đã tạo (created)",
        "• hạ tầng: đang chạy",
        "• halong: 2 bước đã có sẵn (2 steps already there)",
    ]


def test_width_ignores_combining_marks() -> None:
    decomposed = "Ha\u0323 Long"  # "Hạ Long" with a combining dot below
    assert width(decomposed) == width("Hạ Long") == 7


def test_table_and_box_line_up() -> None:
    out, stream = reporter()
    out.table(["SLUG", "TÊN"], [["uongbi", "Công ty Nhiệt điện Uông Bí"], ["tkv", "Tập đoàn TKV"]])
    out.box("Newsroom", [[("content", "http://127.0.0.1:9101/metrics")], "Đăng nhập mẫu"])
    lines = stream.getvalue().splitlines()
    assert lines[1].index("Công ty") == lines[2].index("Tập đoàn")
    box = lines[3:]
    assert len({width(line) for line in box}) == 1
    assert box[0].startswith("╭") and box[-1].startswith("╰")
