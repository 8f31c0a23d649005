"""What a teacher and a class do: answer quizzes with instant feedback, embed a widget in an <iframe>,
and walk a lesson end to end with the keyboard alone."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.reader import PYTHON_READY_MS, readout


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard-only reader would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"never reached {selector} with the Tab key")


def test_quiz_feedback_explains_right_and_wrong_answers(reader):
    page = reader.goto("rare-earths-101/")
    numeric = page.locator("form.bx-quiz").filter(has=page.locator(".bx-quiz__number")).first
    feedback = numeric.locator(".bx-quiz__feedback")
    numeric.locator(".bx-quiz__number").fill("50")
    numeric.get_by_role("button", name="Check my answer").click()
    # A first wrong answer gets one more try: a verdict with its mark, and not yet the answer.
    expect(feedback).to_have_text(re.compile(r"^✗Not quite\. Have another go"))
    expect(feedback).to_have_attribute("data-result", "wrong")
    assert "69" not in feedback.inner_text()
    numeric.locator(".bx-quiz__number").fill("60 %")
    numeric.locator(".bx-quiz__number").press("Enter")
    expect(feedback).to_have_text(re.compile(r"^✗Not quite\. The answer is 69\. 270,000"))
    numeric.locator(".bx-quiz__number").fill("70%")
    numeric.locator(".bx-quiz__number").press("Enter")
    expect(feedback).to_have_text(re.compile(r"^✓Right\. 270,000"))
    expect(feedback).to_have_attribute("data-result", "right")
    # The mark is shape, not colour alone; the two verdicts differ in colour too.
    assert numeric.locator(".bx-quiz__mark").get_attribute("aria-hidden") == "true"
    choice = page.locator("form.bx-quiz").filter(has=page.locator("input[type=radio]")).first
    choice.get_by_role("button", name="Check my answer").click()
    expect(choice.locator(".bx-quiz__feedback")).to_have_text("?Choose an answer first.")
    choice.get_by_label("Mining").check()
    choice.get_by_role("button", name="Check my answer").click()
    expect(choice.locator(".bx-quiz__feedback")).to_have_text(
        "✗Not quite. Mining is about 70%; the share rises further along the chain. Try once more."
    )
    wrong_colour = choice.locator(".bx-quiz__feedback").evaluate("e => getComputedStyle(e).color")
    choice.get_by_label("Permanent magnets").check()
    choice.get_by_role("button", name="Check my answer").click()
    # One verdict, said once: the author's own "Right:" is not repeated after the page's.
    expect(choice.locator(".bx-quiz__feedback")).to_have_text("✓Right. About 94% (IEA, October 2025).")
    assert choice.locator(".bx-quiz__feedback").evaluate("e => getComputedStyle(e).color") != wrong_colour


def test_a_dollar_answer_is_read_as_a_number_and_a_second_wrong_choice_gives_the_answer(reader):
    page = reader.goto("busan-meeting/")
    numeric = page.locator("form.bx-quiz").filter(has=page.locator(".bx-quiz__number"))
    choice = page.locator("form.bx-quiz").filter(has=page.locator("input[type=radio]")).first
    field = numeric.locator(".bx-quiz__number")  # "what does the importer pay, in $?": 148
    field.fill("$148")
    field.press("Enter")
    expect(numeric.locator(".bx-quiz__feedback")).to_have_attribute("data-result", "right")
    wrong = choice.locator("input[type=radio][data-correct='false']")
    right_id = choice.locator("input[type=radio][data-correct='true']").get_attribute("id")
    right_label = choice.locator(f"label[for='{right_id}']").inner_text()
    for _ in range(2):
        wrong.nth(0).check()
        choice.get_by_role("button", name="Check my answer").click()
    expect(choice.locator(".bx-quiz__feedback")).to_contain_text(f"The answer is “{right_label}”")


def test_embedded_widget_works_inside_an_iframe(reader):
    page = reader.page
    page.set_content(
        f'<h1>Course page</h1><iframe src="{reader.base}embed/tariff_stack/" title="Tariff widget" '
        'width="900" height="1400"></iframe>'
    )
    frame = page.frame_locator("iframe")
    expect(frame.locator("#widget-tariff_stack .bx-view svg").first).to_be_visible()
    expect(frame.locator(".md-header")).to_be_hidden()
    expect(frame.locator("#widget-tariff_stack")).to_have_attribute(
        "data-python", "ready", timeout=PYTHON_READY_MS
    )
    frame.locator("#widget-tariff_stack-reciprocal").focus()
    frame.locator("#widget-tariff_stack-reciprocal").press("ArrowRight")
    expect(frame.locator("#widget-tariff_stack dd[data-figure='total']")).to_have_text(
        readout("tariff_stack", "total", reciprocal=11)
    )
    expect(frame.get_by_role("link", name="Read the explainer behind this widget")).to_have_attribute(
        "target", "_top"
    )
    expect(frame.locator(".bx-sources").first).to_contain_text("Sandler, Travis & Rosenberg")


def months_short(**change):  # the lapse copy starts from its preset, which is also its baseline
    return readout(
        "rare_earth_supply", "months_short", baseline="truce_lapses", start="truce_lapses", **change
    )


def test_a_lesson_walked_with_the_keyboard_alone(reader):
    page = reader.goto("teachers/lesson-rare-earths/")
    # From the lesson, follow the exact scenario link.
    tab_to(page, "a[href*='truce-lapses.stockpile=6']")
    page.keyboard.press("Enter")
    # (Material's anchor tracking may add the heading in view as a #fragment.)
    # with its model version
    expect(page).to_have_url(
        re.compile(r"one-year-pause/\?truce-lapses\.stockpile=6&truce-lapses\.v=\d+(#[\w-]+)?$")
    )
    figure = page.locator("#widget-truce-lapses")
    expect(figure).to_have_attribute("data-python", "ready", timeout=PYTHON_READY_MS)
    expect(figure.locator("dd[data-figure='months_short']")).to_have_text(months_short(stockpile=6))
    # Move the stockpile slider back down with the keyboard: six half-month steps, to 3 months.
    tab_to(page, "#widget-truce-lapses-stockpile")
    for _ in range(6):
        page.keyboard.press("ArrowLeft")
    expect(figure.locator("output[for='widget-truce-lapses-stockpile']")).to_have_text("3 months")
    expect(figure.locator("dd[data-figure='months_short']")).to_have_text(months_short(stockpile=3))
    # Answer the page's first quiz with the keyboard.
    tab_to(page, "form.bx-quiz input[type=radio]")
    page.keyboard.press("ArrowDown")  # moves to and selects the second option, "10 November 2026"
    tab_to(page, "form.bx-quiz .bx-quiz__check")
    page.keyboard.press("Enter")
    expect(page.locator("form.bx-quiz .bx-quiz__feedback").first).to_contain_text("Right.")
