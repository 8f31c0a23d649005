"""Every page with a chart, at the widths a class has (desktops, a tablet, phones, and 320 px for 400% zoom),
measured as the reader sees it once the live Vega views have drawn: each plot takes a fair share of its
box, no text lies outside its chart's visible box, no two labels of one axis overlap, and the page never
scrolls sideways, with the data tables open too. Then a widget on a phone: each slider in view with the
chart and read-outs it changes, and a value typed beside it read as a link's value is.

One browser page per site page, resized through the widths (the charts follow the window as a reader's
does when a phone turns or a window is resized). Python is not awaited: the layout is the views', and
the build's data is what they draw first."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.reader import Reader, readout

WIDTHS = (1366, 1280, 768, 390, 360, 320)
HEIGHT = 800
PLOT_SHARE = 0.5  # the plot's width against its chart's box: below this, axes, legend or title crowd it out
# A live view is drawn at its box's width; a build picture is drawn for a desktop column or a phone and
# scaled to the box, so its 12 px text shows at 8.5 px or more on the narrowest phone.
LIVE_SCALE, PICTURE_SCALE = 0.98, 0.7
SLACK = 1.5  # px: sub-pixel rounding of text boxes

# What the reader sees of every chart view on the page, from the rendered SVG (the same for a live view
# and a build-time picture): the plot area is the root group's background path (Vega draws it at the
# plot's size), each text's box is where it is painted, and the visible box is the view's own box cut
# by its picture's. Text Vega hid to avoid overlap (opacity 0) is not seen, and not counted.
MEASURE = """() => {
  const seen = (el) => {
    for (let node = el; node && node.tagName !== "svg"; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden" || Number(style.opacity) === 0) return false;
    }
    return el.textContent.trim() !== "";
  };
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLACK &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLACK;
  const views = [];
  for (const view of document.querySelectorAll(".bx-view")) {
    const svg = [...view.querySelectorAll("svg.marks")].find((s) => s.getBoundingClientRect().width > 0);
    if (!svg) continue;
    const box = view.getBoundingClientRect();
    const svgBox = svg.getBoundingClientRect();
    // (A view swiped out of a phone's strip of charts is outside the window, not cut: its own box counts;
    // a box wider than the window shows as the page's sideways scroll.)
    const visible = { left: Math.max(box.left, svgBox.left), right: Math.min(box.right, svgBox.right),
      top: svgBox.top, bottom: svgBox.bottom };
    const plot = svg.querySelector(".role-frame.root > g > path.background")?.getBoundingClientRect();
    const name = `${view.closest("figure")?.id} view ${view.dataset.view}`;
    const outside = [];
    for (const text of svg.querySelectorAll("text")) {
      if (!seen(text)) continue;
      const r = text.getBoundingClientRect();
      if (r.left < visible.left - SLACK || r.right > visible.right + SLACK ||
          r.top < visible.top - SLACK || r.bottom > visible.bottom + SLACK) outside.push(text.textContent);
    }
    const overlapping = [];
    for (const guide of svg.querySelectorAll(".role-axis-label, .role-legend")) {
      const labels = [...guide.querySelectorAll(".role-axis-label text, .role-legend-label text")].filter(seen).map((t) => [t.textContent, t.getBoundingClientRect()]);
      labels.forEach(([a, ra], i) => labels.slice(i + 1).forEach(([b, rb]) => { if (overlap(ra, rb)) overlapping.push(`${a} / ${b}`); }));
    }
    // Text Vega cut to its room ("…" added): titles never; a static chart's legend labels wrap instead
    // (fit.py; a widget's stay on one line, the full text in its table and tooltip).
    const widget = view.closest("figure")?.id.startsWith("widget-");
    const cuttable = [".role-title text", ".role-axis-title text", ...(widget ? [] : [".role-legend-label text"])];
    const cut = [...svg.querySelectorAll(cuttable.join())].filter(seen).map((t) => t.textContent).filter((t) => t.endsWith("…"));
    // How much CSS shrank the drawing: a chart drawn wider than its box is scaled down, text and all.
    const scale = svgBox.width / svg.width.baseVal.value;
    views.push({ name, box: Math.round(box.width), plot: Math.round(plot?.width ?? 0), scale, outside, overlapping, cut });
  }
  return { views, pageWidth: document.scrollingElement.scrollWidth, innerWidth };
}""".replace("SLACK", str(SLACK))

# Every figure's live views drawn, and Vega's layout settled after a resize (two frames alike).
# Bounded everywhere: a page that stops rendering fires no animation frame, and an unbounded wait for one
# hung two CI runs here (renderer idle, no error) where a failure with a reason was wanted.
SETTLED = """async () => {
  const drawn = Promise.all([...document.querySelectorAll("figure.bx-figure")].map((f) => f.bxViews));
  await Promise.race([drawn, new Promise((_, fail) => setTimeout(() => fail(new Error("the views were not drawn within 60 s")), 60000))]);
  const shape = () => [...document.querySelectorAll(".bx-view svg.marks")].map((s) => s.outerHTML.length + ":" + s.getAttribute("width")).join();
  let last = "";
  for (let i = 0; i < 40; i++) {
    // The next frame, then 50 ms; or 250 ms if no frame comes (a page not rendering).
    await new Promise((r) => { const later = () => setTimeout(r, 50); requestAnimationFrame(later); setTimeout(r, 250); });
    const now = shape();
    if (now === last) return;
    last = now;
  }
}"""


def chart_pages(site_dir: Path) -> list[str]:
    """Every built page that draws a chart: the explainers, the assignment and the embeddable pages."""
    return sorted(
        str(page.parent.relative_to(site_dir)) + "/"
        for page in site_dir.rglob("index.html")
        if 'class="bx-view"' in page.read_text(encoding="utf-8")
    )


# The read-out labels shown cut (an ellipsis, or lines beyond the two a phone gives), as they read.
CUT_LABELS = """(id) => [...document.querySelectorAll(`${id ? "#" + id : ""} .bx-figures dt`)]
  .filter((dt) => dt.scrollWidth > dt.clientWidth + 1 || dt.scrollHeight > dt.clientHeight + 1)
  .map((dt) => dt.innerText)"""


# Vega-Lite's width "container" follows the window's resize event, which a page dispatches as it draws its
# next frame: a busy machine may take seconds to draw it, so the measure waits for the event itself.
AWAIT_RESIZE = """() => { window.__resized = false; addEventListener("resize", () => { window.__resized = true; }, { once: true }); }"""
RESIZE_MS = 30_000
NO_RESIZE = "no resize event"


def problems_at(reader: Reader, width: int) -> list[str]:
    """What is wrong with the page at this width, with its data tables closed and then open."""
    page = reader.page
    resizes = page.evaluate("innerWidth") != width
    if resizes:
        page.evaluate(AWAIT_RESIZE)
    page.set_viewport_size({"width": width, "height": HEIGHT})
    if resizes:
        try:
            page.wait_for_function("() => window.__resized", polling=100, timeout=RESIZE_MS)
        except PlaywrightTimeout:
            return [f"{width} px: {NO_RESIZE} in {RESIZE_MS // 1000} s; {reader.condition()}"]
    page.evaluate(SETTLED)
    found = []
    for state in ("closed", "open"):
        if state == "open":
            page.evaluate("document.querySelectorAll('details.bx-data').forEach((d) => { d.open = true; })")
            page.evaluate(SETTLED)
        seen = page.evaluate(MEASURE)
        where = f"{width} px, tables {state}"
        if state == "closed" and (cut := page.evaluate(CUT_LABELS, "")):
            found.append(f"{where}: read-out labels cut: {cut}")
        if seen["pageWidth"] > seen["innerWidth"]:
            found.append(
                f"{where}: the page scrolls sideways ({seen['pageWidth']} px of {seen['innerWidth']})"
            )
        for view in seen["views"]:
            if view["plot"] < PLOT_SHARE * view["box"]:
                found.append(f"{where}, {view['name']}: plot {view['plot']} px of a {view['box']} px box")
            if view["scale"] < LIVE_SCALE:
                found.append(
                    f"{where}, {view['name']}: drawn wider than its box, shrunk to {view['scale']:.2f}"
                )
            if view["outside"]:
                found.append(f"{where}, {view['name']}: text outside the chart: {view['outside']}")
            if view["cut"]:
                found.append(f"{where}, {view['name']}: text cut short: {view['cut']}")
            if view["overlapping"]:
                found.append(f"{where}, {view['name']}: labels overlap: {view['overlapping']}")
    page.evaluate("document.querySelectorAll('details.bx-data').forEach((d) => { d.open = false; })")
    return found


@pytest.fixture(scope="module")
def pages(site):
    return chart_pages(site.directory)


def test_the_pages_with_charts_are_all_found(pages):
    # A renamed class or template must not quietly leave this file measuring nothing.
    assert {
        "busan-meeting/",
        "one-year-pause/",
        "rare-earths-101/",
        "central-asia/",
        "how-we-got-here/",
    } <= set(pages)
    assert any(p.startswith("assign/") for p in pages) and any(p.startswith("embed/") for p in pages)


def test_every_chart_fits_every_width(browser, site, pages):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
    reader = Reader.open(context, site.url)
    found = []

    def measured(path: str) -> list[str]:
        reader.goto(path).wait_for_selector(".bx-view svg")
        return [f"{path} {problem}" for width in WIDTHS for problem in problems_at(reader, width)]

    try:
        for path in pages:
            problems = measured(path)
            if any(NO_RESIZE in problem for problem in problems):
                # Headless Chromium's stall, seen in two CI runs, each on one embed page after some twenty
                # pages in this context: the page visible and focused, its scripts and timers running, no
                # animation frame for minutes (so no resize event), not even after bring_to_front; the next
                # page drew at once. Not reproduced here in 40 loads of those pages. Such a page is loaded
                # again, once, and measured from the start; the stall is said as a warning.
                warnings.warn(f"{path}: the page drew no frames; loaded again. {problems[0]}", stacklevel=1)
                problems = measured(path)
            found.extend(problems)
    finally:
        reader.assert_clean()
        context.close()
    assert not found, "\n".join(found)


def test_the_build_pictures_fit_a_phone_and_a_desktop(browser, site, pages):
    """Without JavaScript (and until Vega has drawn) the reader sees the build's picture for the width of
    the box: it must fit as the live view does. (The page's own width is the live test's: without
    JavaScript, Material's header is wider than a phone.)"""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    found = []
    try:
        for path in pages:
            page.goto(site.url + path)
            for width in (1366, 360):
                page.set_viewport_size({"width": width, "height": HEIGHT})
                seen = page.evaluate(MEASURE)
                assert len(seen["views"]) == page.locator(".bx-view").count(), path  # each shows one picture
                for view in seen["views"]:
                    if view["plot"] < PLOT_SHARE * view["box"]:
                        found.append(
                            f"{path} {width} px, {view['name']}: plot {view['plot']} of {view['box']} px"
                        )
                    if view["scale"] < PICTURE_SCALE:
                        found.append(
                            f"{path} {width} px, {view['name']}: picture shrunk to {view['scale']:.2f}"
                        )
                    if view["outside"]:
                        found.append(f"{path} {width} px, {view['name']}: text outside: {view['outside']}")
    finally:
        context.close()
    assert not found, "\n".join(found)


WIDGET = "widget-tariff_stack"
PHONE = {"width": 360, "height": 740}

# Where the result (charts and read-outs), its first chart's plot and the focused control are on screen.
PLACES = """(id) => {
  const figure = document.getElementById(id);
  const rect = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; };
  const control = document.activeElement.closest(".bx-control");
  return {
    header: rect(document.querySelector(".md-header")).bottom,
    result: rect(figure.querySelector(".bx-result")),
    plot: rect(figure.querySelector('.bx-view[data-view="0"] svg.marks .role-frame.root > g > path.background')),
    readouts: rect(figure.querySelector(".bx-figures")),
    control: rect(control),
    slider: rect(document.activeElement),
    height: innerHeight,
  };
}"""


# What takes a place in a widget's strip of charts (a chart, or its class), and whether it has a description with words.
STRIP = """(id) => [...document.querySelectorAll(`#${id} .bx-views > *`)]
  .filter((e) => e.getBoundingClientRect().width > 1)
  .map((e) => [e.classList.contains('bx-view') ? 'chart' : e.className, Boolean(document.getElementById(e.getAttribute('aria-describedby'))?.textContent.trim())])"""


# How many times a widget has redrawn its charts after an input (widget.js reports each).
REDRAWS = "window.busanExplainer.metrics.filter((m) => m.name === 'redraw' && m.id === '{}').length"


@pytest.fixture()
def phone(browser, site):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    reader = Reader.open(context, site.url)
    yield reader
    reader.assert_clean()
    context.close()


@pytest.mark.parametrize(
    ("path", "widget"),
    [
        ("busan-meeting/", WIDGET),
        ("one-year-pause/", "widget-truce-lapses"),
        ("ru/busan-meeting/", WIDGET),  # longer words: labels, read-outs
    ],
)
def test_on_a_phone_each_slider_is_in_view_with_its_chart_and_read_outs(phone, path, widget):
    page = phone.goto(path)
    phone.wait_python_ready(widget)
    # The strip of charts holds charts only: the one peeking in at the edge is a chart, not a paragraph cut
    # off (each chart's summary stays in the page for screen readers, its chart's description).
    strip = page.evaluate(STRIP, widget)
    assert strip and all(kind == "chart" for kind, _ in strip), strip
    assert all(described for _, described in strip), strip
    # Each read-out's label shows whole (a cut "Average tariff on all impo…" named two read-outs alike).
    cut = page.evaluate(CUT_LABELS, widget)
    assert not cut, cut
    redrawn = REDRAWS.format(widget)
    sliders = page.locator(f"#{widget} .bx-control input[type='range']")
    order = list(range(sliders.count()))
    # Down the controls, then back up (the keyboard's way back).
    for step, i in enumerate(order + order[::-1]):
        sliders.nth(i).focus()
        at = page.evaluate(PLACES, widget)
        assert at["result"]["bottom"] <= at["control"]["top"] + 1, f"slider {i}: {at}"  # label and all
        assert at["slider"]["bottom"] <= at["height"] + 1, f"slider {i}: {at}"
        before, redraws = sliders.nth(i).input_value(), page.evaluate(redrawn)
        page.keyboard.press("End" if step < len(order) else "Home")  # new read-outs, longer or shorter
        if sliders.nth(i).input_value() != before:
            page.wait_for_function(f"(before) => ({redrawn}) > before", arg=redraws)
        page.evaluate(SETTLED)
        # After the redraw the chart, the read-outs and the slider are all still in view (a note coming or
        # going under another slider must not move this one out of sight).
        at = page.evaluate(PLACES, widget)
        where = f"slider {i}, moved: {at}"
        result, plot = at["result"], at["plot"]
        assert result["top"] >= at["header"] - 1, where  # the result sticks under the header
        assert plot["top"] >= result["top"] and plot["bottom"] <= result["bottom"], where
        assert at["readouts"]["bottom"] <= result["bottom"] + 1, where
        assert result["bottom"] <= at["slider"]["top"] + 1, where
        assert at["slider"]["bottom"] <= at["height"] + 1, where


def test_a_typed_value_is_read_clamped_and_stepped_as_a_link_value_is(reader):
    # What a link's note says of the same values: the typed field must say the same.
    page = reader.goto("busan-meeting/?tariff_stack.fentanyl=500&tariff_stack.reciprocal=12.4")
    link = page.locator(f"#{WIDGET} .bx-link-note").text_content()
    prefix = "Some settings in this link were changed: "
    assert link.startswith(prefix)
    page = reader.goto("busan-meeting/")
    reader.wait_python_ready(WIDGET)
    for name, typed, value in (("fentanyl", "500", "50"), ("reciprocal", "12.4", "12")):
        field = page.locator(f"#{WIDGET}-{name}-number")
        field.fill(typed)
        field.press("Enter")
        expect(page.locator(f"#{WIDGET}-{name}")).to_have_value(value)
        expect(field).to_have_value(value)
        note = page.locator(f"#{WIDGET}-{name}-number-note")
        assert note.text_content() and note.text_content() in link, (note.text_content(), link)
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", fentanyl=50, reciprocal=12)
    )
    field = page.locator(f"#{WIDGET}-fentanyl-number")
    field.fill("fifty")
    field.press("Tab")  # leaving the field commits it, as Enter does
    expect(page.locator(f"#{WIDGET}-fentanyl-number-note")).to_have_text(
        "“Fentanyl” tariff (China only): “fifty” is not a usable number, so the slider keeps its value, 50%."
    )
    expect(page.locator(f"#{WIDGET}-fentanyl")).to_have_value("50")
    expect(field).to_have_value("50")
    # Named for a screen reader with its unit; usable exactly when the slider is.
    expect(field).to_have_accessible_name("“Fentanyl” tariff (China only), exact value in %")
    page.evaluate(f"document.getElementById('{WIDGET}-fentanyl').disabled = true")
    expect(field).to_be_disabled()
