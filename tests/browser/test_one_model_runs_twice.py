"""One model, tested once, runs twice: random parameter sets give the same numbers in Pyodide (in the
reader's browser) as in CPython, and the page formats numbers as the Python model does."""

from __future__ import annotations

import json
import math
import random

import pytest

from widgets import registry
from widgets.params import format_value

CASES_PER_MODEL = 20
PAGE = "busan-meeting/"  # any widget page: the test talks to its Python worker


def random_values(model, rng: random.Random) -> dict[str, float]:
    values = {}
    for p in model.params:
        steps = round((p.maximum - p.minimum) / p.step)
        values[p.name] = round(p.minimum + rng.randint(0, steps) * p.step, 10)
    return values


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
        for i, (b, c) in enumerate(zip(browser_value, cpython_value)):
            assert_same(b, c, f"{where}[{i}]")
    else:
        assert browser_value == cpython_value, where


def test_random_parameter_sets_agree_value_for_value(reader):
    rng = random.Random(20251030)
    cases = [(name, random_values(model, rng)) for name, model in registry.MODELS.items()
             for _ in range(CASES_PER_MODEL)]
    page = reader.goto(PAGE)
    reader.wait_python_ready("widget-tariff_stack")
    # The page's own worker client, the same module instance the widgets use.
    replies = page.evaluate("""async (cases) => {
        const { runModel } = await import(new URL("../assets/runtime/python.js", document.baseURI).href);
        const out = [];
        for (const [name, values] of cases) out.push(await runModel(name, values));
        return out;
    }""", cases)
    assert len(replies) == len(cases) >= 20
    for (name, values), reply in zip(cases, replies):
        expected = json.loads(json.dumps({"ok": True, **registry.get(name).run(values).as_dict()}))
        assert_same(reply, expected, f"{name}{values}")


@pytest.mark.parametrize("unit", ["%", "$", "months", "", "% per year", "×", "$ bn", "year", "t per year"])
def test_page_formats_numbers_exactly_as_the_model_does(reader, unit):
    samples = [0, 2030, 0.1, 0.25, 1, 2.5, 7.5, 10, 12.345, 99.995, 100, 1234.5, 270000, 0.005, 33.333]
    page = reader.goto("sources/")
    shown = page.evaluate("""async ([values, unit]) => {
        const { describe } = await import(new URL("../assets/runtime/format.js", document.baseURI).href);
        return values.map((v) => describe(v, unit));
    }""", [samples, unit])
    assert shown == [format_value(v, unit) for v in samples]
