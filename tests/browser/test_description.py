"""What a screen-reader user hears, read from Chromium's own accessibility tree (CDP) and by counting the
changes to live regions: one sentence from the model after a burst of key presses, naming a read-out's
value; charts named and described by the model's summary of the current scenario; loading said at a few
milestones; help text reachable; nothing focusable that cannot be seen; focus and hover in contrast."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.reader import PYTHON_READY_MS, Reader
from widgets import registry

TARIFF = "widget-tariff_stack"
HOLDS, LAPSES = "widget-truce-holds", "widget-truce-lapses"

# Every live region, found in the accessibility tree (a role or aria-live that makes it one, an <output>
# included), is marked; a MutationObserver then counts what changes in them: one batch of changes to one
# region is one announcement.
COUNT_ANNOUNCEMENTS = """(marked) => {
  window.__said = [];
  const roots = [...document.querySelectorAll("[data-test-live]")];
  const observer = new MutationObserver((records) => {
    const changed = new Set();
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const root = roots.filter((r) => r.contains(node)).at(0);
      if (root) changed.add(root);
    }
    for (const root of changed) window.__said.push(root.textContent.trim());
  });
  for (const root of roots) observer.observe(root, { childList: true, characterData: true, subtree: true });
  return roots.length;
}"""


def ax_nodes(page: Page) -> list[dict[str, Any]]:
    cdp = page.context.new_cdp_session(page)
    try:
        return [n for n in cdp.send("Accessibility.getFullAXTree")["nodes"] if not n.get("ignored")]
    finally:
        cdp.detach()


def ax_of(page: Page, selector: str) -> dict[str, Any]:
    """The accessibility node of the first element that matches: its role, name and description."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
        return {key: ax.get(key, {}).get("value") for key in ("role", "name", "description")}
    finally:
        cdp.detach()


def mark_live_regions(page: Page) -> int:
    """Mark every element the accessibility tree holds as a live region (polite or assertive)."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = [n for n in cdp.send("Accessibility.getFullAXTree")["nodes"] if not n.get("ignored")]
        live = [
            n
            for n in nodes
            if any(p["name"] == "live" and p["value"]["value"] != "off" for p in n.get("properties", []))
            and "backendDOMNodeId" in n
        ]
        for node in live:
            handle = cdp.send("DOM.resolveNode", {"backendNodeId": node["backendDOMNodeId"]})["object"]
            cdp.send(
                "Runtime.callFunctionOn",
                {
                    "objectId": handle["objectId"],
                    "functionDeclaration": "function () { (this.nodeType === 1 ? this : this.parentElement).dataset.testLive = ''; }",
                },
            )
    finally:
        cdp.detach()
    return page.evaluate(COUNT_ANNOUNCEMENTS, None)


def said(page: Page) -> list[str]:
    return page.evaluate("window.__said")


def ready(reader: Reader, path: str, figure: str) -> Page:
    page = reader.goto(path)
    reader.wait_python_ready(figure)
    page.wait_for_function(
        "id => document.getElementById(id).querySelectorAll('.bx-view [role=graphics-document], .bx-view.vega-embed, .bx-view svg').length > 0",
        arg=figure,
    )
    return page


def settle(page: Page) -> None:
    page.wait_for_timeout(1500)  # the sentence comes 0.5 s after the last result


def model_words(widget: str, changes: dict[str, float], baseline: str | None = None) -> Any:
    """What the model (in CPython) says of these settings, moved from the defaults."""
    model = registry.get(widget)
    return model.run({**model.defaults(), **changes}, baseline, model.defaults()).description


def test_a_burst_of_key_presses_is_said_once_and_names_a_readouts_value(reader):
    page = ready(reader, "busan-meeting/", TARIFF)
    assert mark_live_regions(page) >= 1
    page.locator(f"#{TARIFF}-reciprocal").focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    settle(page)
    heard = said(page)
    expected = model_words("tariff_stack", {"reciprocal": 20})
    assert heard == [expected.brief], heard  # one sentence, not one per step, and nothing else
    price = page.locator(f'#{TARIFF} dd[data-figure="price"]').text_content()
    assert price in heard[0]  # the read-out's own words
    assert heard[0].startswith("Reciprocal tariff on China 20%: the price paid rises to $158.00")


def test_a_preset_press_gives_one_sentence_and_say_again_repeats_it(reader):
    page = ready(reader, "busan-meeting/", TARIFF)
    mark_live_regions(page)
    page.locator(f"#{TARIFF} button.bx-preset", has_text="Before Busan").click()
    settle(page)
    heard = said(page)
    assert len(heard) == 1, heard
    assert heard[0].startswith("New baseline: Before Busan (Oct 2025). Preset “Before Busan (Oct 2025)”"), (
        heard
    )
    page.locator(f"#{TARIFF} button.bx-say-again").click()
    settle(page)
    assert said(page)[-1] == heard[0]


def test_full_or_off_is_remembered_and_off_says_nothing(reader):
    page = ready(reader, "busan-meeting/", TARIFF)
    page.locator(f"#{TARIFF}-describe").select_option("full")
    page.locator(f"#{TARIFF}-reciprocal").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    full = model_words("tariff_stack", {"reciprocal": 11}).full
    expect(page.locator(f"#{TARIFF} .bx-said")).to_have_text(full)
    page.locator(f"#{TARIFF}-describe").select_option("off")
    page.reload()
    reader.wait_python_ready(TARIFF)
    expect(page.locator(f"#{TARIFF}-describe")).to_have_value("off")
    mark_live_regions(page)
    page.locator(f"#{TARIFF}-fentanyl").focus()
    page.keyboard.press("ArrowLeft")
    settle(page)
    assert said(page) == []


def test_each_chart_is_named_and_described_by_the_current_scenario(reader):
    page = ready(reader, "busan-meeting/", TARIFF)
    views = [f"#{TARIFF} .bx-view[data-view='{i}']" for i in range(2)]
    before = [ax_of(page, view) for view in views]
    start = model_words("tariff_stack", {})
    for node, chart in zip(before, ("tariff_layers", "volume_and_revenue"), strict=True):
        assert node["name"] and node["name"] != "Vega visualization", node
        assert node["description"] == start.charts[chart]
    # the marks are not said one by one as raw fields ("order: 0"): the summary and the table say the numbers
    # (Vega's root group stays, as an unnamed graphics-object: it says nothing)
    marks = [
        (n.get("role", {}).get("value"), n.get("name", {}).get("value"))
        for n in ax_nodes(page)
        if n.get("role", {}).get("value") == "graphics-symbol"
        or (n.get("role", {}).get("value") == "graphics-object" and n.get("name", {}).get("value"))
        or "order:" in str(n.get("name", {}).get("value", ""))
    ]
    assert not marks, marks[:3]
    page.locator(f"#{TARIFF} button.bx-preset", has_text="Section 122").click()
    preset = dict({p.key: p for p in registry.get("tariff_stack").presets}["section122_period"].values)
    words = model_words("tariff_stack", preset, "section122_period")  # a pressed preset is the baseline
    for view, chart in zip(views, ("tariff_layers", "volume_and_revenue"), strict=True):
        page.wait_for_function(
            "([sel, text]) => document.querySelector(sel).nextElementSibling.textContent === text",
            arg=[view, words.charts[chart]],
        )
        assert ax_of(page, view)["description"] == words.charts[chart]
    # a static chart: named by its title, described by its caption
    page = reader.goto("rare-earths-101/")
    page.wait_for_selector("figure.bx-chart .bx-view svg")
    node = ax_of(page, "figure.bx-chart .bx-view")
    caption = page.locator("figure.bx-chart .bx-description").first.text_content()
    assert node["name"] and node["name"] != "Vega visualization" and node["description"] == caption


def test_every_view_has_its_data_as_a_table_and_a_csv_the_tariff_curve_included(reader):
    page = reader.goto("busan-meeting/")
    captions = page.locator(f"#{TARIFF} table.bx-table caption").all_text_contents()
    assert any("at each tariff" in c for c in captions), captions
    curve_rows = page.locator(f"#{TARIFF} table.bx-table[data-dataset='curve'] tbody tr").count()
    model = registry.get("tariff_stack")
    assert curve_rows == len(model.run(model.defaults()).data["curve"])  # the baseline's rows and yours
    assert page.locator(f"#{TARIFF} a[download][href*='curve']").count() >= 1


def test_slider_help_is_read_while_the_panel_is_closed(reader):
    page = reader.goto("busan-meeting/")
    assert page.locator(f"#{TARIFF} details.bx-notes").get_attribute("open") is None
    help_text = registry.get("tariff_stack").params[4].help
    node = ax_of(page, f"#{TARIFF}-reciprocal")
    assert node["role"] == "slider" and help_text in (node["description"] or ""), node


def test_two_copies_of_a_widget_have_distinct_names(reader):
    page = reader.goto("one-year-pause/")
    names = [ax_of(page, f"#{figure}")["name"] for figure in (HOLDS, LAPSES)]
    forms = [ax_of(page, f"#{figure} form.bx-controls")["name"] for figure in (HOLDS, LAPSES)]
    assert len(set(names)) == 2 and len(set(forms)) == 2, (names, forms)
    assert "Truce lapses" in names[1]


def test_nothing_hidden_from_screen_readers_takes_keyboard_focus(reader):
    page = ready(reader, "busan-meeting/", TARIFF)
    page.locator(f"#{TARIFF} details.bx-inside summary").click()
    editor = page.locator(f"#{TARIFF}-code")
    editor.focus()
    page.keyboard.press("Shift+Tab")
    inside_hidden = page.evaluate("!!document.activeElement.closest('[aria-hidden=true]')")
    assert not inside_hidden, page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


def test_loading_is_said_at_milestones_on_a_slow_line(browser, site):
    """On a 10 Mbit/s line, with two widgets on the page, the live regions change a few times, not every
    200 ms; counted from the page's first script on, by the roles and aria-live the page sets."""
    context = browser.new_context()
    reader = Reader.open(context, site.url)
    page = reader.page
    page.add_init_script("""
      window.__said = [];
      const live = "[role=status], [role=alert], [role=log], [aria-live]:not([aria-live=off]), output:not([aria-hidden=true])";
      new MutationObserver((records) => {
        const roots = new Set();
        for (const r of records) {
          const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
          const root = node?.closest?.(live);
          if (root) roots.add(root);
        }
        for (const root of roots) window.__said.push(root.textContent.trim());
      }).observe(document, { childList: true, characterData: true, subtree: true });
    """)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": 10e6 / 8, "uploadThroughput": 2e6 / 8},
    )
    try:
        reader.goto("one-year-pause/")
        page.wait_for_selector(f'#{HOLDS}[data-python="ready"]', timeout=PYTHON_READY_MS)
        page.wait_for_timeout(500)
        heard = said(page)
        loading = [text for text in heard if "Python" in text or "ready" in text]
        assert 2 <= len(loading) <= 6, heard  # the start, at most three quarters, ready
        assert loading[-1] == "Interactive charts ready."
        reader.assert_clean()
    finally:
        context.close()


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# The element's colours as a reader sees them: its text, its border and outline, and its background with
# every translucent layer beneath it composited down to the page.
COLOURS = """(el) => {
  const probe = document.createElement("canvas").getContext("2d");
  const rgba = (css) => {
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = "#000"; probe.fillStyle = css; probe.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
  const layers = [];
  for (let node = el; node; node = node.parentElement) layers.push(rgba(getComputedStyle(node).backgroundColor));
  let ground = [255, 255, 255];
  for (const layer of layers.reverse()) ground = over(layer, ground);
  const page = layers.slice(0, -1).reduce((g, l) => over(l, g), [255, 255, 255]);
  const style = getComputedStyle(el);
  return {
    text: over(rgba(style.color), ground), ground,
    border: over(rgba(style.borderTopColor), page), outline: over(rgba(style.outlineColor), page),
    outlineOn: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    accent: over(rgba(style.accentColor), page), page,
  };
}"""


def colours(page: Page, selector: str) -> dict[str, Any]:
    return page.locator(selector).first.evaluate(COLOURS)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_focus_and_hover_stay_in_contrast_in_light_and_dark(reader, scheme):
    page = ready(reader, "one-year-pause/", HOLDS)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_timeout(300)
    buttons = [
        f"#{HOLDS} button.bx-preset",
        f"#{HOLDS} button.bx-reset",
        f"#{HOLDS} button.bx-copy-link",
        f"#{HOLDS} button.bx-say-again",
        "form.bx-quiz .md-button",
    ]
    problems = []
    for selector in buttons:
        page.locator(selector).first.scroll_into_view_if_needed()
        page.locator(selector).first.hover()
        hover = colours(page, selector)
        if contrast(hover["text"], hover["ground"]) < 4.5:
            problems.append(f"{selector} hovered: text {contrast(hover['text'], hover['ground']):.2f}:1")
        page.mouse.move(0, 0)
        page.keyboard.press("Shift")  # a keyboard reader: focus shows as :focus-visible
        page.locator(selector).first.focus()
        focus = colours(page, selector)
        if contrast(focus["text"], focus["ground"]) < 4.5:
            problems.append(f"{selector} focused: text {contrast(focus['text'], focus['ground']):.2f}:1")
        ring = focus["outline"] if focus["outlineOn"] else focus["border"]
        if contrast(ring, focus["page"]) < 3:
            problems.append(f"{selector} focused: ring {contrast(ring, focus['page']):.2f}:1")
    slider = f"#{HOLDS}-stockpile"
    page.locator(slider).focus()
    page.keyboard.press("ArrowRight")
    state = colours(page, slider)
    for part in ("accent", "outline"):
        if contrast(state[part], state["page"]) < 3:
            problems.append(f"slider {part} {contrast(state[part], state['page']):.2f}:1")
    assert not problems, f"{scheme}: " + "; ".join(problems)


ASSIGNMENT = (
    "assign/tariff_stack/?tariff_stack.fentanyl=20"
    "&tariff_stack.lock=mfn,section301,section232,fentanyl,section122,others_reciprocal,china_share,switching,"
    "pass_through,elasticity&tariff_stack.predict=price&tariff_stack.q=What+does+a+buyer+pay%3F"
)


def test_an_assignment_is_done_with_the_keyboard_and_its_results_are_said_only_once_revealed(reader):
    """Before the prediction nothing speaks (the words would give the answer away); after it, a slider moved
    with the keyboard is said in one sentence naming the read-out's new value, as CPython computes it."""
    page = reader.goto(ASSIGNMENT)
    reader.wait_python_ready(TARIFF)
    figure = page.locator(f"#{TARIFF}")
    expect(figure.locator(".bx-said")).to_have_count(0)
    expect(figure.locator(".bx-chart-summary")).to_have_count(0)
    page.locator(".bx-predict-number").focus()
    page.keyboard.type("150")
    page.keyboard.press("Enter")
    expect(page.locator(".bx-reveal")).to_be_visible()
    expect(figure.locator(".bx-said")).to_have_count(1)
    expect(figure.locator(".bx-chart-summary")).to_have_count(2)  # the charts describe themselves again
    mark_live_regions(page)
    page.locator(f"#{TARIFF}-reciprocal").focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    settle(page)
    price = next(
        f.text
        for f in registry.get("tariff_stack")
        .run({**registry.get("tariff_stack").defaults(), "fentanyl": 20, "reciprocal": 15})
        .figures
        if f.key == "price"
    )
    sentence = figure.locator(".bx-said").text_content() or ""
    assert price.split(" ")[0] in sentence, sentence
    assert [s for s in said(page) if s == sentence] == [sentence]  # said once for the burst
    tariff = registry.get("tariff_stack")
    words = tariff.run({**tariff.defaults(), "fentanyl": 20, "reciprocal": 15}).description.charts
    expect(figure.locator(".bx-chart-summary[data-chart='volume_and_revenue']")).to_have_text(
        words["volume_and_revenue"]
    )
    view = ax_of(page, f"#{TARIFF} .bx-view[aria-describedby$='volume_and_revenue']")
    assert view["description"] == words["volume_and_revenue"], view
    reader.assert_clean()


def test_an_assignment_that_keeps_a_result_hidden_stays_silent_after_the_reveal(reader):
    page = reader.goto(ASSIGNMENT + "&tariff_stack.hide=revenue")
    reader.wait_python_ready(TARIFF)
    page.locator(".bx-predict-number").focus()
    page.keyboard.type("150")
    page.keyboard.press("Enter")
    expect(page.locator(".bx-reveal")).to_be_visible()
    expect(page.locator(f"#{TARIFF} .bx-said")).to_have_count(0)  # its words could name the hidden revenue
    reader.assert_clean()
