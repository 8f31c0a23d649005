"""The messages between the page and its Python worker, malformed on purpose. The worker answers every
message it cannot use with an error (or ignores what has no id), and keeps answering; the page ignores
or refuses what it cannot read (a reader's edited code runs in the worker and may post anything), stays
readable and keeps working. The real worker the page holds is reached through the test browser's
Worker constructor (tests/browser/reader.py); the site itself exposes nothing for this."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from tests.browser.reader import Reader, total
from widgets import registry

WIDGET = "widget-tariff_stack"


PAGE = "busan-meeting/"

# Sent to the worker: each message with its own id (numbers from 9001), some with ids no page would use.
TO_WORKER = """() => {
  const huge = "x".repeat(5_000_000);
  return [
    null, 42, "run", [], {}, { type: "result" }, { id: 9001 }, { id: 9002, call: "nope", args: [] },
    { id: 9003, call: "run" }, { id: 9004, call: "run", args: "tariff_stack" }, { id: 9005, call: "run", args: [1, 2] },
    { id: 9006, call: "run", args: ["tariff_stack", '{"fentanyl": NaN}'] },
    { id: 9007, call: "run", args: ["tariff_stack", '{"fentanyl": Infinity, "reciprocal": -Infinity}'] },
    { id: 9008, call: "run", args: ["tariff_stack", '{"fentanyl": "abc", "reciprocal": [], "elasticity": {}}'] },
    { id: 9009, call: "run", args: ["tariff_stack", "not json at all"] },
    { id: 9010, call: "run", args: ["no_such_widget", "{}"] },
    { id: 9011, call: "constructor", args: [] }, { id: 9012, call: "__proto__", args: [] },
    { id: 9013, call: "toString", args: [] }, { id: 9014, call: "run", args: ["tariff_stack", "{}", "extra"] },
    { id: 9015, call: "run_edited", args: ["tariff_stack", huge, "{}"] },
    { id: 9016, call: "run", args: ["tariff_stack", JSON.stringify({ fentanyl: 1e308 * 10 })] },
    { id: 9017, call: "standalone", args: [123] },
    { id: 9018, call: "run", args: [new ArrayBuffer(8), "{}"] },
    { id: 9019, call: "run", args: [new Map([["a", 1]]), new Date()] },
    { id: 9020, call: "run", args: [10n, "{}"] },
    { id: 9021, call: "run_edited", args: ["tariff_stack", "import js\\njs.postMessage('garbage')\\n", "{}"] },
    { id: NaN, call: "run", args: ["tariff_stack", "{}"] }, { id: Infinity, call: "run", args: [] },
    { id: "9022", call: "run", args: ["tariff_stack", "{}"] }, { id: -0.5, call: "run" },
    { id: 9023, call: "run", args: ["tariff_stack", JSON.stringify(Object.fromEntries(
      Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])))] },
  ];
}"""


def python_worker(page) -> str:
    """A handle expression for the Python worker the page holds now."""
    return "window.__workers.filter(w => !w.url.includes('/search')).at(-1).worker"  # not Material's search


def test_the_worker_answers_malformed_messages_and_keeps_working(reader: Reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    replies = page.evaluate(
        f"""async (messages) => {{
        const worker = {python_worker(page)};
        const replies = [];
        worker.addEventListener("message", ({{ data }}) => {{ if (data?.type === "result") replies.push(data); }});
        for (const message of ({TO_WORKER})()) worker.postMessage(message);
        const until = Date.now() + 30_000;
        while (replies.filter(r => r.id !== null && r.id >= 9001).length < 22 && Date.now() < until)
          await new Promise(r => setTimeout(r, 50));
        return replies.map(r => ({{ id: r.id, payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload }}));
    }}""",
        None,
    )
    answered = {r["id"]: r["payload"] for r in replies if r["id"] is not None}
    # "9022" is a string: no usable id
    assert sorted(answered) == [*range(9001, 9022), 9023], sorted(answered)
    for message_id, payload in answered.items():
        if (
            message_id == 9021
        ):  # a reader's code that posts a message of its own still runs; its shape is wrong
            assert payload["ok"] is False and "MODEL" in payload["error"], payload
            continue
        assert payload["ok"] is False and payload["error"], (message_id, payload)
    assert "too large" in answered[9015]["error"]
    assert "no call named" in answered[9011]["error"] and "no call named" in answered[9012]["error"]
    # Messages without a usable id get an answer too (id null), which the page ignores.
    assert sum(1 for r in replies if r["id"] is None) >= 10
    # The page never noticed: still interactive, and the worker still answers the sliders.
    expect(page.locator(f"#{WIDGET}")).to_have_attribute("data-python", "ready")
    page.locator(f"#{WIDGET}-fentanyl").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(total(fentanyl=-1))
    reader.assert_clean()


# Sent to the page as if from the worker (its message handler on the real worker object).
TO_PAGE_WHILE_LOADING = """() => [
  null, 5, "ready", [], { type: "unknown" }, { type: "status", text: "x".repeat(1_000_000) },
  { type: "status", text: 42 }, { type: "status" }, { type: "progress", loaded: NaN, total: Infinity },
  { type: "progress", loaded: "12", total: "x" }, { type: "progress", loaded: -5, total: 1e308 },
  { type: "progress", loaded: 1e15, total: 3 }, { type: "progress", loaded: 1, total: 2, downloading: "no" },
  { type: "heartbeat", text: "x".repeat(1_000) }, { type: "boot", fromSnapshot: "yes", why: { a: 1 } },
  { type: "result", id: "1", payload: 5 }, { type: "result", payload: "{}" }, { type: "result", id: 1e9, payload: "[" },
]"""

BAD_ANSWERS = [
    "not json",
    "[]",
    "null",
    "1e999",
    '"text"',
    '{"ok": "yes"}',
    '{"ok": true}',
    '{"ok": true, "figures": 5, "data": {}}',
    '{"ok": true, "figures": [], "data": {"layers": "x"}}',
    '{"ok": true, "figures": [{"key": 1}], "data": {}}',
    '{"ok": false}',
    '{"ok": false, "error": 7}',
]


def send_to_page(page, messages_js: str) -> None:
    page.evaluate(f"""() => {{
        const worker = {python_worker(page)};
        for (const data of ({messages_js})()) worker.dispatchEvent(new MessageEvent("message", {{ data }}));
    }}""")


def test_the_page_ignores_or_refuses_malformed_replies_and_stays_readable(reader: Reader, site):
    with site.failing("assets/runtime/widgets.zip", "slow:10000"):  # keeps Python loading a while
        page = reader.goto(PAGE)
        assert page.locator(f"#{WIDGET}").get_attribute("data-python") == "loading"
        send_to_page(page, TO_PAGE_WHILE_LOADING)  # while Python is still loading
        status = page.locator(f"#{WIDGET} .bx-status")
        assert len(status.text_content() or "") < 600  # a megabyte of status is not shown
        reader.wait_python_ready(WIDGET)
    # After the start, only answers matter; statuses, "boot-error" or "ready" from the worker change nothing.
    send_to_page(
        page,
        """() => [{ type: "boot-error", text: "fake" }, { type: "status", text: "fake" },
      { type: "progress", loaded: 1, total: 2 }, { type: "ready" }]""",
    )
    expect(page.locator(f"#{WIDGET}")).to_have_attribute("data-python", "ready")
    expect(status).not_to_contain_text("fake")
    # Malformed answers to the requests the page is waiting for: each is refused with a plain message,
    # the chart keeps its last good state, and the next move works.
    error = page.locator(f"#{WIDGET} .bx-error")
    slider = page.locator(f"#{WIDGET}-fentanyl")
    # Each request the page sends is answered at once, before the worker can, with a bad answer.
    page.evaluate(f"""() => {{
        const worker = {python_worker(page)};
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message) => {{
          post(message);
          if (window.__badAnswer === undefined) return;
          const data = {{ type: "result", id: message.id, payload: window.__badAnswer }};
          worker.dispatchEvent(new MessageEvent("message", {{ data }}));
        }};
    }}""")
    for answer in BAD_ANSWERS:
        page.evaluate("(answer) => { window.__badAnswer = answer; }", answer)
        slider.focus()
        page.keyboard.press("ArrowRight")
        expect(error).to_contain_text("Python's answer could not be read", timeout=5_000)
        expect(page.locator(f"#{WIDGET} .bx-view svg")).to_have_count(2)
        # the last good state
        expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(total())
        page.keyboard.press("ArrowLeft")  # back, for the next answer
    page.evaluate("() => { delete window.__badAnswer; }")
    page.keyboard.press("Home")
    expect(page.locator(f"#{WIDGET} dd[data-figure='total']")).to_have_text(
        total(fentanyl=-registry.get("tariff_stack").defaults()["fentanyl"])
    )
    expect(error).to_be_hidden()
    reader.assert_clean()


def test_an_answer_for_a_widget_that_is_gone_is_dropped(reader: Reader):
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    page.locator(f"#{WIDGET} .bx-inside summary").click()
    editor = page.locator(f"#{WIDGET}-code")
    slow = "import time\n_t = time.time()\nwhile time.time() - _t < 1.5:\n    pass\n"
    editor.fill(editor.input_value() + "\n" + slow)
    page.locator(f"#{WIDGET} .bx-run").click()
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(
        "a.md-nav__link[href$='/one-year-pause/'] >> visible=true"
    ).first.click()  # before the answer
    figure = page.locator("#widget-truce-lapses")
    expect(figure).to_have_attribute("data-python", "ready", timeout=10_000)
    time.sleep(2)  # the answer for the tariff widget arrives meanwhile, for a figure that is gone
    assert page.evaluate("() => window.__sameDocument === true")
    before = figure.locator("dd").first.text_content() or ""
    figure.locator('input[type="range"]').first.focus()
    page.keyboard.press("End")
    expect(figure.locator("dd").first).not_to_have_text(before, timeout=5_000)
    reader.assert_clean()


LISTENERS = """
window.__beforeprint = 0;
const add = window.addEventListener, remove = window.removeEventListener;
window.addEventListener = function (type, listener, options) {
  if (type === "beforeprint") {
    window.__beforeprint++;
    options?.signal?.addEventListener("abort", () => window.__beforeprint--);
  }
  return add.call(this, type, listener, options);
};
window.removeEventListener = function (type, listener, options) {
  if (type === "beforeprint") window.__beforeprint--;
  return remove.call(this, type, listener, options);
};
"""


def test_widgets_left_by_instant_navigation_leave_no_listeners_behind(reader: Reader):
    reader.page.add_init_script(LISTENERS)
    page = reader.goto(PAGE)
    reader.wait_python_ready(WIDGET)
    page.evaluate("() => { window.__sameDocument = true; }")
    counts: dict[str, list[int]] = {PAGE: [page.evaluate("window.__beforeprint")]}
    for target in ("one-year-pause/", "busan-meeting/", "sources/", "one-year-pause/", "busan-meeting/"):
        page.locator(f"a.md-nav__link[href$='/{target}'] >> visible=true").first.click()
        expect(page).to_have_url(reader.base + target)
        page.wait_for_timeout(500)  # the figures mount in a task of their own
        counts.setdefault(target, []).append(page.evaluate("window.__beforeprint"))
    assert page.evaluate("() => window.__sameDocument === true")
    # Each visit to a page leaves as many listeners as the first: none of the left widgets' stay behind.
    assert all(len(set(seen)) == 1 for seen in counts.values()), counts
    assert counts["sources/"][0] < counts[PAGE][0], counts
    reader.assert_clean()
