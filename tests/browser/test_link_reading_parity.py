"""A shared link is read twice over: by the page (runtime/scenario-url.js, before Python has loaded) and
by the Python models' forgiving reader (widgets.params.clamp). Both must keep, clamp and refuse the
same values, so what a link does never depends on which side reads it."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from widgets import tariff_stack
from widgets.params import clamp

PAGE = "busan-meeting/"
KEY = "tariff_stack"  # the page's tariff widget: figure id minus "widget-"

TRICKY = [
    "12",
    " 12 ",
    "12.5",
    "-3",
    "+7",
    ".5",
    "5.",
    "1e2",
    "1E-2",
    "0",
    "-0",
    "1e309",
    "-1e309",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "",
    "  ",
    "abc",
    "12abc",
    "<script>alert(1)</script>",
    "0x10",
    "0b11",
    "0o7",
    "1_000",
    "１２",
    "١٢",
    "12,5",
    "1e",
    "e5",
    "--1",
    "1.2.3",
    "\t12",
    "9" * 400,
]


def random_texts(rng: random.Random, count: int) -> list[str]:
    texts = []
    for _ in range(count):
        value = rng.uniform(-300, 300)
        texts.append(
            rng.choice([f"{value:.{rng.randint(0, 6)}f}", f"{value:e}", str(round(value)), repr(value)])
        )
    return texts


def test_page_and_python_read_every_link_value_alike(reader):
    params = tariff_stack.PARAMS
    texts = TRICKY + random_texts(random.Random(20251030), 60)
    page = reader.goto(PAGE)
    queries = ["?" + urlencode({f"{KEY}.{p.name}": text for p in params}) for text in texts]
    # The page's own module, as the widgets use it.
    replies = page.evaluate(
        """async ([key, params, queries]) => {
        const { readScenario } = await import(new URL("../assets/runtime/scenario-url.js", document.baseURI).href);
        return queries.map((query) => readScenario(key, params, query));
    }""",
        [KEY, [p.as_dict() for p in params], queries],
    )
    for text, reply in zip(texts, replies, strict=True):
        python_values, python_notes = clamp(params, {p.name: text for p in params})
        for p in params:
            where = f"{p.name} = {text!r}"
            page_noted = any(note.startswith(p.label) for note in reply["notes"])
            python_noted = any(note.startswith(p.label) for note in python_notes)
            assert page_noted == python_noted, where
            if p.name in reply["values"]:  # kept (maybe clamped) by the page: the same number in Python
                assert reply["values"][p.name] == python_values[p.name], where
            else:  # refused by the page, which keeps the slider where it was: Python says so too
                assert python_noted, where
