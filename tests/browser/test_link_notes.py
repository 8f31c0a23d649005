"""Whatever a shared link asks of a widget, the note under it says what the page actually did, in the
terms the slider then shows: a value that is not a number keeps the slider's starting value (the
default, or the preset a page starts the widget from), an out-of-range value is clamped, a value
between the slider's steps moves to the nearest step.

Every widget the site shows is tried, and every preset of every widget as a starting point: a page
starting a widget from a preset is the same built page with that widget's fence output in place of its
figure (figures.widget_html, as `preset="…"` on a page would start it), served under the page's real policy."""

from __future__ import annotations

import html as markup
import json
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from explainers import catalog, figures
from explainers.downloads import Downloads
from widgets import registry
from widgets.params import format_value

FIGURE = re.compile(r'<figure class="bx-figure bx-widget".*?</figure>', re.S)
HOST_PAGE = "busan-meeting/"  # a built widget page whose head (policy, early worker) the checks reuse
KINDS = ("not a number", "out of range", "between steps")


def site_widgets(built_site: Path) -> list[tuple[str, str]]:
    """(page, figure id) of every widget figure in the English edition, embeds included (the Russian
    edition's notes are the same sentences from the catalog, in Russian)."""
    found = []
    for path in sorted(built_site.rglob("index.html")):
        if path.relative_to(built_site).as_posix().startswith("ru/"):
            continue
        for figure_id in re.findall(
            r'<figure class="bx-figure bx-widget" id="([^"]+)"', path.read_text("utf-8")
        ):
            found.append((path.parent.relative_to(built_site).as_posix() + "/", figure_id))
    return found


PRESETS = [(name, preset.key) for name, model in registry.MODELS.items() for preset in model.presets]


def asked(kind: str, param) -> str | None:
    """The link's text for one parameter, or None where this kind of value cannot exist."""
    if kind == "not a number":
        return "abc"
    if kind == "out of range":
        return f"{param.maximum + 10 * param.step:g}"
    between = param.minimum + param.step / 3
    return f"{between:.6g}" if between < param.maximum else None


def expected(kind: str, param, start: float) -> tuple[float, str]:
    """The slider's value after the link, and the note that must say so."""
    if kind == "not a number":
        return (
            start,
            f"{param.label}: “abc” is not a usable number, so the slider keeps its starting value, {format_value(start, param.unit)}.",
        )
    if kind == "out of range":
        value = param.maximum + 10 * param.step
        return param.maximum, (
            f"{param.label} must be between {format_value(param.minimum, param.unit)} and "
            f"{format_value(param.maximum, param.unit)}; {format_value(float(f'{value:g}'), param.unit)} "
            f"was changed to {format_value(param.maximum, param.unit)}."
        )
    value = float(f"{param.minimum + param.step / 3:.6g}")
    return param.minimum, (
        f"{param.label} moves in steps of {format_value(param.step, param.unit)}; "
        f"{format_value(value, param.unit)} was changed to {format_value(param.minimum, param.unit)}."
    )


def without_python(page) -> None:
    """Link notes are written before Python starts: these checks replace the worker with an empty one,
    rather than start Pyodide on every one of their page loads."""
    page.route(
        re.compile(r"/assets/runtime/worker\.js$"),
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )


def widget_meta(html: str, figure_id: str) -> dict:
    """The figure's parameters and starting values, as the build wrote them for the page's script."""
    figure = html[html.index(f'id="{figure_id}"') :]
    found = re.search(r'<template class="bx-meta"[^>]*>(.*?)</template>', figure, re.S)
    assert found, f"{figure_id} has no bx-meta template"
    return json.loads(markup.unescape(found.group(1)))


def check_notes(page, html: str, figure_id: str, kind: str, path: str, base: str) -> None:
    meta = widget_meta(html, figure_id)
    key = figure_id.removeprefix("widget-")
    by_name = {p.name: p for p in registry.get(meta["widget"]).params}
    params = [by_name[p["name"]] for p in meta["params"]]
    query = {f"{key}.{p.name}": text for p in params if (text := asked(kind, p)) is not None}
    page.goto(base + path + "?" + urlencode(query))
    note = page.locator(f"#{figure_id} .bx-link-note")
    expect(note).to_contain_text("Some settings in this link were changed")
    text = note.text_content()
    for param in params:
        if asked(kind, param) is None:
            continue
        value, sentence = expected(kind, param, meta["start"][param.name])
        assert sentence in text, f"{figure_id}, {param.name}: {sentence!r} not in {text!r}"
        slider = page.locator(f"#{figure_id}-{param.name}")
        assert float(slider.input_value()) == pytest.approx(value), f"{figure_id}, {param.name}"
        # The note and the slider's own read-out say the same.
        expect(page.locator(f'#{figure_id} output[for="{figure_id}-{param.name}"]')).to_have_text(
            format_value(value, param.unit)
        )


@pytest.mark.parametrize("kind", KINDS)
def test_link_notes_say_what_every_widget_on_the_site_did(reader, built_site, kind):
    without_python(reader.page)
    for path, figure_id in site_widgets(built_site):
        html = (built_site / path / "index.html").read_text("utf-8")
        check_notes(reader.page, html, figure_id, kind, path, reader.base)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("widget", "preset"), PRESETS)
def test_link_notes_say_what_a_widget_started_from_a_preset_did(reader, built_site, widget, preset, kind):
    host = (built_site / HOST_PAGE / "index.html").read_text("utf-8")
    figure_id = f"widget-{widget}-{preset}".replace("_", "-")
    downloads = Downloads(site_url="", docs=Path(__file__).resolve().parents[2] / "docs")
    fence = figures.widget_html(catalog.widget(widget), figure_id, "../sources/", downloads, preset)
    html = FIGURE.sub(lambda _: fence, host, count=1)
    path = f"preset-{figure_id}/"  # as deep as the host page, so its relative links hold
    without_python(reader.page)
    reader.page.route(
        lambda url: url.split("?")[0] == reader.base + path,
        lambda route: route.fulfill(status=200, content_type="text/html", body=html),
    )
    check_notes(reader.page, html, figure_id, kind, path, reader.base)
