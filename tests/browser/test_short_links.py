"""Short addresses a student can type on the static site (no server keeps a table of them): each lesson's
ready-made assignment has a page go/<name>/ that forwards to its long link, and a teacher's own assignment
has a short code, go/#<code>, which the go/ page turns back into the very link the builder made. A mistyped
code gets a plain message, and the code stays in a field to be corrected."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from playwright.sync_api import expect

from explainers import offline, short_pages
from explainers.languages import LANGUAGES
from tests.browser.reader import Reader

LESSONS = {
    "teachers/lesson-tariffs/": 3,
    "teachers/lesson-rare-earths/": 2,
    "teachers/lesson-central-asia/": 2,
}

# The builder's own assignmentLink (assignment-link.js) over random choices of the real widgets (the
# page's metadata), each link's short code read back by the go/ page's own reader: it must be the very
# same address.
ROUND_TRIP = """async (count) => {
  const { assignmentLink } = await import(new URL("../../assets/runtime/assignment-link.js", location.href).href);
  const { readCode, shortCode } = await import(new URL("../../assets/runtime/short-link.js", location.href).href);
  const { widgets } = JSON.parse(document.querySelector("template.bx-builder-meta").innerHTML);
  const base = new URL("../../", location.href);
  let seed = 99;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const letters = [..."abc XYZ?&=#%+~'\\",|:/$éß中😀<.", "\\n"];
  const text = (n) => Array.from({ length: n }, () => pick(letters)).join("");
  const problems = [];
  let longest = 0, shortest = Infinity, total = 0, totalLong = 0;
  for (let i = 0; i < count; i += 1) {
    const widget = pick(widgets);
    const values = Object.fromEntries(widget.params.map((p) => [p.name,
      next() < 0.7 ? p.default : p.minimum + Math.round((next() * (p.maximum - p.minimum)) / p.step) * p.step]));
    const sliders = Object.fromEntries(widget.params.map((p) => [p.name, pick(["free", "free", "lock", "hide"])]));
    const results = Object.fromEntries([...widget.figures.map((f) => f.key), ...widget.charts.map((c) => c.name)]
      .map((name) => [name, pick(["shown", "shown", "reveal", "hide"])]));
    const predict = next() < 0.6 ? pick(widget.figures).key : "";
    const kind = next() < 0.2 ? "choice" : "number";
    const choices = { values, sliders, results, predict, kind, choices: ["Up", "Down, a lot", "No change"],
      question: next() < 0.6 ? text(Math.floor(next() * 200)) : "", lesson: next() < 0.5 ? text(Math.floor(next() * 60)) : "" };
    const link = assignmentLink(widget, choices, base);
    const code = await shortCode(link, base);
    const back = code && new URL(await readCode(code), base).href;
    if (back !== new URL(link).href) problems.push([link, code, back]);
    const typed = new URL(`go/#${code}`, base).href.length;
    total += typed; totalLong += link.length;
    longest = Math.max(longest, typed); shortest = Math.min(shortest, typed);
  }
  return { problems, longest, shortest, mean: total / count, meanLong: totalLong / count };
}"""


def test_each_lesson_assignment_has_a_short_address_that_opens_its_very_link(reader):
    seen = set()
    for lesson, count in LESSONS.items():
        page = reader.goto(lesson)
        shorts = page.locator("a.bx-go-link")
        expect(shorts).to_have_count(count)
        for i in range(count):
            short = shorts.nth(i)
            # Written out in full, as it is typed (http:// kept: a browser would try https first).
            expect(short).to_have_text(re.compile(rf"^{re.escape(reader.base)}go/\d[a-z]$"))
            name = short.inner_text()
            # The assignment link just before it in the lesson.
            long_link = short.evaluate(
                "(a) => { const links = [...a.closest('td, p, li').querySelectorAll('a[href*=\"assign/\"]')];"
                " return links.filter((l) => l.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING).pop().href; }"
            )
            assert name not in seen
            seen.add(name)
            student = reader.context.new_page()
            student.goto(name)  # as typed: no trailing slash
            student.wait_for_url(long_link)
            expect(student.locator(".bx-assign-question")).not_to_be_empty()
            student.close()
    assert len(seen) == sum(LESSONS.values())


def test_the_builder_gives_a_shorter_link_that_opens_the_very_same_assignment(reader):
    page = reader.goto("teachers/builder/")
    page.select_option("#bx-b-predict", "price")
    for name in ("mfn", "section301", "section232", "reciprocal", "section122", "others_reciprocal"):
        page.select_option(f"[data-slider='{name}']", "lock")
    page.fill("#bx-b-lesson", "Lesson 1")
    link = page.input_value("#bx-b-link")
    short = page.locator("#bx-b-short")
    expect(short).to_have_value(re.compile(rf"^{re.escape(reader.base)}go/#"))
    typed = short.input_value()
    assert len(typed) < len(link), (typed, link)
    print(f"\nbuilder: long {len(link)} characters, short {len(typed)}: {typed}")
    expect(page.locator(".bx-card-short")).to_have_text(
        f"Or type: {typed}"
    )  # beside the QR code, printed too
    # The short link follows the assignment: a changed lesson name is a new code.
    page.fill("#bx-b-lesson", "Lesson 2")
    expect(short).not_to_have_value(typed)

    student = Reader.open(reader.context, reader.base)
    page = student.goto(typed.removeprefix(reader.base))
    page.wait_for_url(link)  # the very link the builder made, not a look-alike
    expect(page.locator(".bx-assign-lesson")).to_have_text("Lesson: Lesson 1")
    expect(page.locator(".bx-predict-number")).to_be_visible()
    student.assert_clean()


def test_the_russian_go_page_opens_the_russian_student_page_with_the_same_code(reader):
    """One code per assignment, whatever the edition; the go/ page that opens it decides the edition."""
    page = reader.goto("ru/teachers/builder/")
    page.select_option("#bx-b-predict", "price")
    page.fill("#bx-b-lesson", "Урок 1")
    link = page.input_value("#bx-b-link")
    assert link.startswith(f"{reader.base}ru/assign/tariff_stack/?")
    short = page.locator("#bx-b-short")
    expect(short).to_have_value(re.compile(rf"^{re.escape(reader.base)}ru/go/#"))
    code = short.input_value().split("#", 1)[1]

    student = Reader.open(reader.context, reader.base)
    page = student.goto(f"ru/go/#{code}")
    page.wait_for_url(link)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(".bx-assign-lesson")).to_contain_text("Урок 1")
    # Typed on the Russian go/ page: the same.
    page = student.goto("ru/go/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.locator("#bx-go-code").fill(code)
    page.keyboard.press("Enter")
    page.wait_for_url(link)
    # The English go/ page opens the same code on the English page, as it always has.
    page = student.goto(f"go/#{code}")
    page.wait_for_url(link.replace("/ru/assign/", "/assign/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    student.assert_clean()


def test_a_russian_lesson_short_address_opens_its_russian_assignment(reader):
    page = reader.goto("ru/teachers/lesson-tariffs/")
    shorts = page.locator("a.bx-go-link")
    expect(shorts).to_have_count(LESSONS["teachers/lesson-tariffs/"])
    short = shorts.first
    expect(short).to_have_text(re.compile(rf"^{re.escape(reader.base)}ru/go/\d[a-z]$"))
    student = reader.context.new_page()
    student.goto(short.inner_text())
    student.wait_for_url(re.compile(rf"^{re.escape(reader.base)}ru/assign/[a-z_]+/\?"))
    expect(student.locator("html")).to_have_attribute("lang", "ru")
    expect(student.locator(".bx-assign-question")).not_to_be_empty()
    student.close()


def test_random_assignments_round_trip_through_their_short_codes(reader):
    page = reader.goto("teachers/builder/")
    expect(page.locator("#bx-b-link")).not_to_have_value("")
    found = page.evaluate(ROUND_TRIP, 400)
    assert not found["problems"], found["problems"][:3]
    print(
        f"\n400 random assignments: long links {found['meanLong']:.0f} characters on average;"
        f" go/#code {found['mean']:.0f} on average, {found['shortest']} to {found['longest']}"
    )


def test_a_mistyped_code_says_so_plainly_and_can_be_corrected_in_place(reader):
    page = reader.goto("teachers/builder/")
    page.select_option("#bx-b-predict", "price")
    link = page.input_value("#bx-b-link")
    short = page.locator("#bx-b-short")
    expect(short).to_have_value(re.compile("go/#"))
    code = short.input_value().split("#", 1)[1]
    at = len(code) // 2
    mistyped = code[:at] + ("x" if code[at] != "x" else "y") + code[at + 1 :]

    student = Reader.open(reader.context, reader.base)
    page = student.goto(f"go/#{mistyped}")
    message = page.locator(".bx-go-message")
    expect(message).to_contain_text("does not read right")
    expect(message).to_have_attribute("role", "status")
    field = page.get_by_label("The code your teacher gave you")
    expect(field).to_have_value(mistyped)  # nothing lost: the code is there to correct
    expect(field).to_be_focused()
    assert page.url == urljoin(reader.base, f"go/#{mistyped}")  # still here: no other assignment opened
    field.fill(code)
    page.get_by_role("button", name="Open the assignment").click()
    page.wait_for_url(link)
    student.assert_clean()

    # Typed on the go/ page itself, without the address around it.
    page = student.goto("go/")
    page.get_by_label("The code your teacher gave you").fill(code)
    page.keyboard.press("Enter")
    page.wait_for_url(link)
    student.assert_clean()


def test_the_short_pages_are_in_the_offline_copy(built_site):
    listed = offline.read_manifest(built_site)["files"]
    forwards = sorted(
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("index.html")
        if short_pages.is_forward(p.relative_to(built_site).as_posix())
    )
    assert len(forwards) == sum(LESSONS.values()) * len(LANGUAGES)  # every edition has its go/ pages
    opening = [f"{language.prefix}go/index.html" for language in LANGUAGES.values()]
    assert all(path in listed for path in [*forwards, *opening])
