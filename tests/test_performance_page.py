"""The performance page shows the benchmark's figures file, generated at build: every figure comes from
the JSON, each engine's with its date, machine and load; a part never measured says so."""

from __future__ import annotations

import json
from pathlib import Path

from explainers import performance
from tools import benchmark

STAMP = {"date": "2026-12-06 23:50 UTC", "machine": "x86_64, 2 cores", "load_average": [1.5, 2.5]}


def redraw_row(p95: float, slowdown: int, longest: float | None) -> dict:
    return {
        "page": "one-year-pause/",
        "figure": "widget-truce-holds",
        "cpu_slowdown": slowdown,
        "presses": 40,
        "median_ms": 21.4,
        "p95_ms": p95,
        "model_median_ms": 9.3,
        "model_p95_ms": 12.0,
        "longest_task_ms": longest,
        "expressions": {"compiled": 300, "interpreted": 60},
        "reader_waits_ms": 3000,
        "at_once_moves": 10,
        "at_once_median_ms": 30.0,
        "at_once_p95_ms": 64.5,
    }


def test_the_page_shows_the_figures_written_by_the_benchmark(tmp_path: Path):
    figures = tmp_path / "performance.json"
    benchmark.write_figures(
        figures,
        "redraw",
        "chromium",
        {
            "measured": {**STAMP, "engine": "chromium", "version": "Chromium 140.0"},
            "rows": [redraw_row(31.7, 1, 48.0), redraw_row(123.0, 4, 240.0)],
            "notes": [],
        },
    )
    benchmark.write_figures(
        figures,
        "redraw",
        "webkit",
        {
            "measured": {**STAMP, "engine": "webkit", "version": "WebKitGTK 2.50.6"},
            "rows": [redraw_row(55.5, 1, None)],
            "notes": ["main thread not slowed (the driver has no CPU throttling)"],
        },
    )
    page = performance.figures_markdown(figures)
    assert (
        "| Chromium | one-year-pause/ truce-holds | as is | 21.4 | 31.7 | yes | 9.3 | 48.0 | 64.5 |" in page
    )
    assert (
        "| Chromium | one-year-pause/ truce-holds | 4x slower | 21.4 | 123 | **no** | 9.3 | 240 (over 200) | 64.5 |"
        in page
    )
    assert (
        "| WebKit (WebKitGTK) | one-year-pause/ truce-holds | as is | 21.4 | 55.5 | **no** | 9.3 | not measurable | 64.5 |"
        in page
    )
    assert (
        "WebKitGTK 2.50.6: measured 2026-12-06 23:50 UTC on x86_64, 2 cores, load average 1.5 at the start"
        in page
    )
    assert "Main thread not slowed" in page
    # A later run of one engine leaves the other's figures alone.
    assert set(json.loads(figures.read_text())["redraw"]) == {"chromium", "webkit"}
    assert "## First visit" in page and "Not measured yet: run `make bench`." in page


def test_without_figures_the_page_says_how_to_measure(tmp_path: Path):
    page = performance.figures_markdown(tmp_path / "none.json")
    assert page.count("Not measured yet: run `make bench`.") == len(performance.SECTIONS)


def test_first_visit_rows_pair_each_round_and_skip_a_revisit_not_made():
    runs = [
        {
            "bare": 1000.0,
            "cold": 900.0,
            "revisit": float("nan"),
            "source": "snapshot",
            "revisit_source": "none",
            "cold_bytes": 1,
            "visit_bytes": 2,
            "revisit_bytes": 0,
        },
        {
            "bare": 2000.0,
            "cold": 2400.0,
            "revisit": 300.0,
            "source": "plain boot",
            "revisit_source": "kept",
            "cold_bytes": 1,
            "visit_bytes": 2,
            "revisit_bytes": 0,
        },
        {
            "bare": 1500.0,
            "cold": 1350.0,
            "revisit": 500.0,
            "source": "snapshot",
            "revisit_source": "kept",
            "cold_bytes": 1,
            "visit_bytes": 2,
            "revisit_bytes": 0,
        },
    ]
    (row,) = benchmark.first_visit_rows({"loopback, gzip": runs})
    assert row["ratio"] == 0.9  # the median of 0.9, 1.2 and 0.9: each round against its own bare boot
    assert row["revisit_ms"] == 400.0  # of the two revisits made
    assert row["boot"] == ["plain boot", "snapshot"]
    assert benchmark.rounded({"a": float("nan"), "b": [1.02345, 123.456]}) == {"a": None, "b": [1.023, 123.5]}
