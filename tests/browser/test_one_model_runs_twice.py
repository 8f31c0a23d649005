"""One model, tested once, runs twice: random parameter sets give the same numbers in Pyodide (in the
reader's browser) as in CPython, and the page formats numbers as the Python model does."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from widgets import registry
from widgets.params import format_value

CASES_PER_MODEL = 20
PAGE = "busan-meeting/"  # any widget page: the test talks to its Python worker


def random_values(model, rng: random.Random) -> dict[str, float]:
    """Half on the sliders' grid, half anywhere in range (a link or an edited request may send any number)."""
    values = {}
    on_grid = rng.random() < 0.5
    for p in model.params:
        steps = round((p.maximum - p.minimum) / p.step)
        values[p.name] = (
            round(p.minimum + rng.randint(0, steps) * p.step, 10)
            if on_grid
            else rng.uniform(p.minimum, p.maximum)
        )
    return values


def random_request(name: str, model, rng: random.Random) -> dict:
    return {
        "settings": random_values(model, rng),
        "baseline": rng.choice([None] + [p.key for p in model.presets]),
        "previous": random_values(model, rng),  # the run is also said in words, as a change from these
    }


def hostile_requests() -> list[tuple[str, str]]:
    """Raw JSON texts (not JSON.stringify's: some are numbers JavaScript cannot hold) that every model must refuse."""
    texts = []
    for name, model in registry.MODELS.items():
        defaults = json.dumps(model.defaults())
        first = model.params[0].name
        for raw in [
            "1" + "0" * 400,
            "-" + "9" * 320,
            "1e400",
            "NaN",
            "-Infinity",
            '"1_0"',
            '"nan"',
            '"\u0661\u0662"',
            '"0x10"',
            "null",
            "true",
            "[]",
            "[[1]]",
            '{"a": 1}',
            '"' + "9" * 400 + '"',
        ]:
            texts.append((name, defaults[:-1] + f', "{first}": ' + raw + "}"))
        texts.append((name, '{"settings": ' + defaults + ', "baseline": "no-such-preset"}'))
        texts.append((name, '{"settings": ' + defaults + ', "baseline": 7}'))
    texts += [
        ("tariff_stack", "[" * 100_000),
        ("tariff_stack", "[" * 4_000 + "]" * 4_000),
        ("tariff_stack", "not json"),
        ("tariff_stack", '"\ud800"'),
        ("no_such_widget", "{}"),
    ]
    return texts


def assert_same(browser_value, cpython_value, where: str) -> None:
    if isinstance(cpython_value, float):
        # Pyodide's libm may round pow() and exp() differently in the last bit; nothing more.
        assert math.isclose(browser_value, cpython_value, rel_tol=1e-12, abs_tol=1e-12), where
    elif isinstance(cpython_value, dict):
        assert browser_value.keys() == cpython_value.keys(), where
        for key in cpython_value:
            assert_same(browser_value[key], cpython_value[key], f"{where}.{key}")
    elif isinstance(cpython_value, list):
        assert len(browser_value) == len(cpython_value), where
        for i, (b, c) in enumerate(zip(browser_value, cpython_value, strict=True)):
            assert_same(b, c, f"{where}[{i}]")
    else:
        assert browser_value == cpython_value, where


def test_random_parameter_sets_agree_value_for_value(reader):
    rng = random.Random(20251030)
    cases = [
        (name, random_request(name, model, rng))
        for name, model in registry.MODELS.items()
        for _ in range(CASES_PER_MODEL)
    ]
    page = reader.goto(PAGE)
    reader.wait_python_ready("widget-tariff_stack")
    # The page's own worker client, the same module instance the widgets use.
    replies = page.evaluate(
        """async (cases) => {
        const { runModel } = await import(new URL("../assets/runtime/python.js", document.baseURI).href);
        const out = [];
        for (const [name, request] of cases) out.push(await runModel(name, request));
        return out;
    }""",
        cases,
    )
    assert len(replies) == len(cases) >= 20
    for (name, request), reply in zip(cases, replies, strict=True):
        expected = json.loads(
            registry.run_json(name, json.dumps(request))
        )  # the worker's entry point, in CPython
        assert expected["ok"] is True
        assert_same(reply, expected, f"{name}{request}")


def test_hostile_requests_are_refused_alike_in_pyodide_and_cpython(reader):
    cases = hostile_requests()
    page = reader.goto(PAGE)
    reader.wait_python_ready("widget-tariff_stack")
    # runModel sends JSON.stringify(values); for this call it sends our raw text instead, so numbers no
    # JavaScript value can hold (10^400) and deep nesting reach Python exactly as written.
    replies = page.evaluate(
        """async (cases) => {
        const { runModel } = await import(new URL("../assets/runtime/python.js", document.baseURI).href);
        const stringify = JSON.stringify;
        const out = [];
        try {
            JSON.stringify = (value, ...rest) => (value?.raw !== undefined ? value.raw : stringify(value, ...rest));
            for (const [name, raw] of cases) out.push(await runModel(name, { raw }));
        } finally {
            JSON.stringify = stringify;
        }
        return out;
    }""",
        cases,
    )
    assert len(replies) == len(cases)
    for (name, text), reply in zip(cases, replies, strict=True):
        expected = json.loads(registry.run_json(name, text))
        assert expected["ok"] is False, text[:80]
        assert reply == expected, f"{name}: {text[:80]}"
    # Python is still there and still right after all of that.
    assert (
        page.evaluate("""async () => {
        const { runModel } = await import(new URL("../assets/runtime/python.js", document.baseURI).href);
        return (await runModel("tariff_stack", {})).error;
    }""")
        == json.loads(registry.run_json("tariff_stack", "{}"))["error"]
    )


def test_page_formats_numbers_exactly_as_the_model_does(reader):
    """The shared cases (tests/cases/contract_cases.json, which pytest and node also run) in the browser's
    own Intl, whose locale data is not Node's."""
    cases = json.loads((Path(__file__).parent.parent / "cases" / "contract_cases.json").read_text("utf-8"))[
        "format"
    ]
    page = reader.goto("sources/")
    shown = page.evaluate(
        """async (cases) => {
        const { describe } = await import(new URL("../assets/runtime/format.js", document.baseURI).href);
        return cases.map(({ value, unit, digits }) => describe(value, unit, digits));
    }""",
        cases,
    )
    assert (
        shown
        == [format_value(c["value"], c["unit"], c["digits"]) for c in cases]
        == [c["text"] for c in cases]
    )
