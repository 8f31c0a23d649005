"""Each model's "why, in one line": computed from the scenario's own numbers, so the arithmetic it states
holds, and it reaches the page with every run (registry.run_json)."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from widgets import registry
from widgets.params import format_value

MODELS = list(registry.MODELS.values())


def states(model):
    """The defaults, every preset, and each slider at its ends."""
    yield model.defaults()
    for preset in model.presets:
        yield dict(preset.values)
    for param, end in itertools.product(model.params, ("minimum", "maximum")):
        yield {**model.defaults(), param.name: getattr(param, end)}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.name)
def test_every_model_explains_its_result_in_one_line_with_its_own_numbers(model):
    assert model.in_one_line is not None
    for values in states(model):
        run = model.run(values)
        line = model.explain(values, run)
        assert line and "\n" not in line and line.endswith(".") and len(line) < 400, line
        sent = json.loads(registry.run_json(model.name, json.dumps(values)))
        assert sent["in_one_line"] == line


def test_the_tariff_line_states_arithmetic_that_holds():
    model = registry.get("tariff_stack")
    for values in [*states(model), {**model.defaults(), "pass_through": 33}]:
        figures = {f.key: f for f in model.run(values).figures}
        line = model.explain(values, model.run(values))
        assert format_value(figures["total"].value, "%") in line and line.endswith(
            f"{format_value(figures['price'].value, '$')}."
        )
        found = re.search(r"\$100 × ([\d.]+) = \$([\d,.]+)\.$", line)
        if values["pass_through"] == 0:
            assert "none of it is passed on" in line
            continue
        assert found, line
        assert 100 * float(found[1]) == pytest.approx(float(found[2].replace(",", "")), abs=0.005)


def test_the_brief_example_reads_as_a_student_would_say_it():
    model = registry.get("tariff_stack")
    before = dict(next(p for p in model.presets if p.key == "before_busan").values)
    assert model.explain(before, model.run(before)) == (
        "The tariff on this good from China is 58% and all of it is passed on to the buyer, "
        "so the buyer pays $100 × 1.58 = $158.00."
    )


def test_supply_and_pipeline_lines_name_the_figures_they_explain():
    supply = registry.get("rare_earth_supply")
    values = supply.defaults()
    figures = {f.key: f for f in supply.run(values).figures}
    line = supply.explain(values, supply.run(values))
    for key in ("peak_shortfall", "peak_price"):
        assert format_value(figures[key].value, figures[key].unit) in line, (key, line)
    pipeline = registry.get("central_asia_pipeline")
    values = pipeline.defaults()
    figures = {f.key: f for f in pipeline.run(values).figures}
    line = pipeline.explain(values, pipeline.run(values))
    for key in ("first_output", "china_share_2050"):
        assert format_value(figures[key].value, figures[key].unit) in line, (key, line)


@pytest.mark.parametrize("name", list(registry.MODELS))
def test_each_assignment_page_renders_its_method_with_linked_citations(built_site, name):
    """Shown to students after they predict: Markdown rendered, citations as numbered links, never raw."""
    page = (built_site / "assign" / name / "index.html").read_text(encoding="utf-8")
    method = re.search(r'<div class="bx-assign-method" hidden="hidden">(.*?)</div>', page, re.S)
    assert method, "no method section on the assignment page"
    html = method.group(1)
    assert "[[" not in html and "](" not in html and "**" not in html, html[:500]
    cites = re.findall(r'<sup class="bx-cite"><a href="\.\./\.\./sources/#src-[a-z0-9-]+"', html)
    assert len(cites) >= 1, html[:500]
    assert 'href="../../methodology/#' in html
