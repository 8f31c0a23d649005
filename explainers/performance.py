"""The figures `make bench` measured (docs/developers/performance.json, written by tools/benchmark.py), as
tables on docs/developers/performance.md: generated at build, so no figure on the page is typed by hand.
Each engine's figures carry when, on what machine and how busy it was; a part never measured says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MARKER = "<!-- performance figures -->"
FIGURES = Path(__file__).resolve().parent.parent / "docs" / "developers" / "performance.json"
ENGINE_NAMES = {"chromium": "Chromium", "firefox": "Firefox ESR", "webkit": "WebKit (WebKitGTK)"}
REDRAW_TARGET_MS = {1: 33, 4: 100}
FIRST_VISIT_TARGET = 1.0
LONG_TASK_TARGET_MS = 200


def _ms(value: Any) -> str:
    return "—" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _measured(entry: dict[str, Any]) -> str:
    m = entry["measured"]
    load = m.get("load_average", [None, None])
    return (
        f"{m['version']}: measured {m['date']} on {m['machine']}, load average {load[0]} at the start and "
        f"{load[1]} at the end"
    )


def _within(value: float | None, target: float) -> str:
    return "" if value is None else ("yes" if value <= target else "**no**")


def _longest(ms: float | None) -> str:
    if ms is None:
        return "not measurable"
    return _ms(ms) + (" (over 200)" if ms > LONG_TASK_TARGET_MS else "")


def redraw_markdown(section: dict[str, Any]) -> str:
    lines = [
        "| Engine | Widget | Main thread | Median ms | 95th pct. ms | Within target | "
        "Python's part, median ms | Longest task ms | At once: 95th pct. ms |",
        "| --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    notes = []
    for engine, entry in section.items():
        name = ENGINE_NAMES.get(engine, engine)
        for row in entry["rows"]:
            slowdown = int(row["cpu_slowdown"])
            target = REDRAW_TARGET_MS.get(slowdown)
            lines.append(
                f"| {name} | {row['page']} {row['figure'].removeprefix('widget-')} | "
                f"{'as is' if slowdown == 1 else f'{slowdown}x slower'} | {_ms(row['median_ms'])} | "
                f"{_ms(row['p95_ms'])} | {_within(row['p95_ms'], target) if target else ''} | "
                f"{_ms(row['model_median_ms'])} | "
                f"{_longest(row['longest_task_ms'])} | {_ms(row.get('at_once_p95_ms'))} |"
            )
        notes.append(
            f"- {name}, {_measured(entry)}." + "".join(f" {n[0].upper()}{n[1:]}." for n in entry["notes"])
        )
    return "\n".join([*lines, "", *notes])


def first_visit_markdown(section: dict[str, Any]) -> str:
    lines = [
        "| Engine | Line | Stock Pyodide ms | Widget responds ms | Ratio | Within target | "
        "Python started from | Revisit ms | MB until it responds |",
        "| --- | --- | ---: | ---: | ---: | --- | --- | ---: | ---: |",
    ]
    notes = []
    for engine, entry in section.items():
        name = ENGINE_NAMES.get(engine, engine)
        for row in entry["rows"]:
            lines.append(
                f"| {name} | {row['profile']} | {_ms(row['bare_ms'])} | {_ms(row['responds_ms'])} | "
                f"{row['ratio']:.2f} | {_within(row['ratio'], FIRST_VISIT_TARGET)} | {', '.join(row['boot'])} | "
                f"{_ms(row['revisit_ms'])} | {row['first_visit_mb']:.2f} |"
            )
        notes.append(
            f"- {name}, {_measured(entry)}; the median of {entry['measured'].get('runs', '?')} rounds."
        )
    return "\n".join([*lines, "", *notes])


def cold_start_markdown(section: dict[str, Any]) -> str:
    entry = section.get("chromium")
    if not entry:
        return "Not measured yet."
    rows = [
        ("Time to first chart (the build's picture)", _ms(entry["first_chart_ms"]) + " ms"),
        ("Time to the first live Vega view", _ms(entry["live_view_ms"]) + " ms"),
        ("Bare Pyodide boot, the site's own copy", _ms(entry["bare_boot_ms"]) + " ms"),
        (
            "A widget first responds to a slider",
            f"{_ms(entry['responds_ms'])} ms ({entry['responds_ratio']:.2f} x the bare boot)",
        ),
        (
            "The second widget page (instant navigation), from the click",
            f"{_ms(entry['second_page_ms'])} ms; Python started again: "
            f"{'yes' if entry['second_page_new_boot'] else 'no'}",
        ),
        (
            "Long tasks until Python is ready",
            f"{entry['long_tasks_per_start']:.1f} per start, the longest "
            f"{_ms(entry['longest_task_until_ready_ms'])} ms",
        ),
        (
            "A page with a widget (raw, gzip)",
            f"{entry['widget_page_mb'][0]:.2f} MB, {entry['widget_page_mb'][1]:.2f} MB",
        ),
        (
            "A page without widgets (raw, gzip)",
            f"{entry['plain_page_mb'][0]:.2f} MB, {entry['plain_page_mb'][1]:.2f} MB",
        ),
    ]
    table = ["| Measure | Median |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]
    return "\n".join([*table, "", f"{_measured(entry)}; {entry['runs']} cold starts on loopback."])


SECTIONS = (
    ("redraw", "Slider to redraw", redraw_markdown),
    ("first_visit", "First visit: until a widget responds, against stock Pyodide", first_visit_markdown),
    ("cold_start", "Chromium on loopback: first chart, boot, bytes", cold_start_markdown),
)


def figures_markdown(path: Path = FIGURES) -> str:
    figures = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    parts = []
    for key, title, render in SECTIONS:
        section = figures.get(key)
        body = render(section) if section else "Not measured yet: run `make bench`."
        parts.append(f"## {title}\n\n{body}\n")
    return "\n".join(parts)
