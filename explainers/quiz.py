"""```quiz``` fences: multiple-choice and numeric questions with an explanation for every answer.

    ```quiz
    ? By how much did the US cut the "fentanyl" tariff after Busan?
    - [ ] From 20% to 0% | No: it was halved, not removed.
    - [x] From 20% to 10% | Right: for goods entered from 10 November 2025.
    ```

    ```quiz
    ? China mined 270,000 of 390,000 tonnes in 2024. What share is that, in %?
    = 69 ± 1 | 270,000 / 390,000 = 0.69, so about 69%: "about 70%".
    ```

The answers and explanations are in the page (in a <details> for readers without JavaScript);
quiz.js checks answers in the browser, no Python needed, by the rules of `check_number` below (the cases
in tests/cases/contract_cases.json run against both).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from explainers import markup
from widgets import numbers
from widgets.params import read_number

CHOICE = re.compile(r"^- \[(?P<mark>[ x])\] (?P<text>[^|]+?)\s*\|\s*(?P<why>.+)$")
NUMBER = re.compile(r"^= (?P<value>-?[\d.,]+)\s*(?:±\s*(?P<tolerance>[\d.,]+))?\s*\|\s*(?P<why>.+)$")


# Around a typed answer: ASCII white space and the no-break spaces a copied number brings along. Written
# here, not left to str.strip() and JavaScript's trim(), which disagree (on U+FEFF, U+0085...).
ANSWER_SPACES = " \t\n\r\f\v\u00a0\u202f"
# What a reader writes around a number and means nothing more by: a currency sign before it ("$148",
# "US$ 148", "€5"), a percent or times sign after it ("42 %", "3×"), or after a space a unit word or a
# dollar sign, with at most one word before the sign, as the Russian edition writes dollars ("18,000 t",
# "16 years", "148,50 $", "270 000 т", "1,5 млрд $"). One regular expression both engines read alike
# (ASCII and Cyrillic letters, the spaces written out); contract.js carries it.
_SPACE = r"[ \u00a0\u202f]"
_WORD = r"[A-Za-zА-Яа-яЁё]+\.?"
ANSWER_AFFIXES = rf"^(?:US\$|[$€£¥]) ?|(?: ?[%×]|{_SPACE}(?:{_WORD}|(?:{_WORD}{_SPACE})?\$))$"
_AFFIXES = re.compile(ANSWER_AFFIXES)
# In a language that writes a decimal comma (widgets/numbers.py STYLES: Russian "148,5", "270 000"), a
# comma in an answer is the decimal point and a space between a digit and a group of three digits is a
# thousands separator; "4 2" is still no number. The same expression in both engines (contract.js).
ANSWER_GROUP = "(?<=[0-9])[ \u00a0\u202f](?=[0-9]{3}(?![0-9]))"
_GROUP = re.compile(ANSWER_GROUP)
_DECIMAL_COMMA = re.compile(
    r",(?![0-9]{3}(?![0-9]))"
)  # a comma in an author's number that groups no thousands


class QuizSyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    why: str


def _number(text: str, language: str = numbers.ORIGINAL) -> float | None:
    """A number as an author or a reader writes it: thousands separators allowed ("270,000"; in Russian
    "270 000", with "148,5" a decimal comma), and a currency sign, a "%" or a unit word around it
    (ANSWER_AFFIXES: "$148", "69%", "16 years", "12,5 %"); otherwise the site's one number grammar, so
    "0x45", "1e" or "Infinity" are not numbers (JavaScript's Number() would take the first and the last).
    An author's answer in a fence is always read in English, as the English page and every translation
    share it."""
    if numbers.style(language).decimal == ",":
        text = _GROUP.sub("", text.strip(ANSWER_SPACES)).replace(",", ".")
    else:
        text = text.replace(",", "")
    bare = _AFFIXES.sub("", text.strip(ANSWER_SPACES))
    return read_number(bare.strip(ANSWER_SPACES))


def check_number(
    given: str, answer: float, tolerance: float, language: str = numbers.ORIGINAL
) -> Literal["empty", "not a number", "right", "wrong"]:
    """How quiz.js judges a reader's numeric answer, typed on a page in `language`."""
    if not given.strip(ANSWER_SPACES):
        return "empty"
    value = _number(given, language)
    if value is None:
        return "not a number"
    return "right" if abs(value - answer) <= tolerance else "wrong"


def quiz_fence(
    source: str, language: str, css_class: str, options: dict, md: Any, *, ids: Iterator[int], **kwargs: Any
) -> str:
    """A ```quiz fence (the build numbers its quizzes with `ids`: quiz-1, quiz-2... across the site)."""
    lines = [line.strip() for line in source.strip().splitlines() if line.strip()]
    if not lines or not lines[0].startswith("? "):
        raise QuizSyntaxError("a quiz starts with a line '? question'")
    question = lines[0][2:]
    quiz_id = f"quiz-{next(ids)}"
    numeric = NUMBER.match(lines[1]) if len(lines) == 2 else None
    if numeric:
        if any(_DECIMAL_COMMA.search(numeric[part] or "") for part in ("value", "tolerance")):
            # "± 0,01" would read as 1 here: a translation writes the English page's numbers as they are
            raise QuizSyntaxError(
                f"write a quiz's answer with a decimal point, in every language: {lines[1]!r}"
            )
        value, tolerance = _number(numeric["value"]), _number(numeric["tolerance"] or "0")
        if value is None or tolerance is None:
            raise QuizSyntaxError(f"not a number in {lines[1]!r}")
        return markup.render(
            "quiz.html",
            quiz_id=quiz_id,
            question=question,
            numeric={"answer": f"{value:g}", "tolerance": f"{tolerance:g}", "why": numeric["why"]},
            # shown in the page's language ("148 (± 0,01)"); data-answer above stays dot-decimal for quiz.js
            answer=numbers.editable(value) + (f" (± {numbers.editable(tolerance)})" if tolerance else ""),
            why=numeric["why"],
        )
    choices = []
    for line in lines[1:]:
        match = CHOICE.match(line)
        if not match:
            raise QuizSyntaxError(
                f"not a quiz line: {line!r} (use '- [x] answer | why' or '= number ± tolerance | why')"
            )
        choices.append(Choice(match["text"], match["mark"] == "x", match["why"]))
    if sum(c.correct for c in choices) != 1:
        raise QuizSyntaxError(f"a multiple-choice quiz needs exactly one [x] answer: {question!r}")
    right = next(c for c in choices if c.correct)
    return markup.render(
        "quiz.html",
        quiz_id=quiz_id,
        question=question,
        numeric=None,
        choices=choices,
        answer=right.text,
        why=right.why,
    )
