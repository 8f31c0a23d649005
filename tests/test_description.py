"""The models in words (widgets/describe.py): the sentence a reader hears after a change, the thresholds
it names, and each chart's summary, computed by the same Python the browser runs."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainers import catalog
from widgets import central_asia_pipeline, rare_earth_supply, registry, tariff_stack
from widgets.describe import Narration
from widgets.model import YOURS, Model
from widgets.params import format_value

TARIFF, SUPPLY, PIPELINE = tariff_stack.MODEL, rare_earth_supply.MODEL, central_asia_pipeline.MODEL


def said(model: Model, changes: dict[str, float], before: dict[str, float] | None = None, baseline=None):
    values = {**model.defaults(), **changes}
    result = model.run(
        values, baseline, model.defaults() if before is None else {**model.defaults(), **before}
    )
    assert result.description is not None
    return result.description


def readout(model: Model, key: str, changes: dict[str, float]) -> str:
    result = model.run({**model.defaults(), **changes})
    return next(f.text for f in result.figures if f.key == key)


def test_a_slider_move_names_the_setting_the_result_its_direction_and_the_baseline():
    words = said(TARIFF, {"reciprocal": 34})
    assert words.brief.startswith("Reciprocal tariff on China 34%: the price paid rises to $172.00")
    assert "(baseline $148.00, +$24.00)" in words.brief
    assert "imports from China fall to " + readout(TARIFF, "volume", {"reciprocal": 34}) in words.brief
    # the full sentence says every read-out, in the read-out's own words
    for text in (f.text for f in TARIFF.run({**TARIFF.defaults(), "reciprocal": 34}).figures):
        assert text in words.full


def revenue_peak(model: Model) -> str:
    """Where revenue peaks on the reader's curve, read off the model's own data."""
    curve = [r for r in model.run(model.defaults()).data["curve"] if r["scenario"] == YOURS]
    return format_value(max(curve, key=lambda r: r["revenue"])["tariff"], "%")


def test_a_threshold_is_said_when_it_is_crossed_and_not_again():
    near = revenue_peak(TARIFF)
    assert (
        34 + 38 < float(near.rstrip("%")) < 125 + 38
    )  # the defaults (38% without reciprocal) lie below the peak
    crossing = said(TARIFF, {"reciprocal": 125}, before={"reciprocal": 34})
    assert f"Revenue now falls as the tariff rises: past its peak near {near}." in crossing.brief
    staying = said(TARIFF, {"reciprocal": 124}, before={"reciprocal": 125})
    assert "peak" not in staying.brief and "past its peak" in staying.full
    back = said(TARIFF, {"reciprocal": 10}, before={"reciprocal": 125})
    assert f"Revenue still rises with the tariff, up to its peak near {near}." in back.brief


def test_a_preset_is_named_in_one_sentence():
    before_busan = dict(TARIFF.presets[0].values)
    words = said(TARIFF, before_busan)
    assert words.brief.startswith("Preset “Before Busan (Oct 2025)” (“Fentanyl” tariff (China only) 20%):")
    section122 = said(TARIFF, dict(TARIFF.presets[2].values))
    assert "(4 settings changed)" in section122.brief


def test_a_setting_with_no_effect_says_why():
    words = said(TARIFF, {"section232": 50, "reciprocal": 20}, before={"section232": 50})
    assert words.brief == (
        "Reciprocal tariff on China 20%: no result changes. No effect while the Section 232 tariff is above 0%: "
        "Section 232 goods are exempt from the reciprocal tariffs."
    )


def test_the_supply_model_says_when_the_stockpile_runs_out_and_when_the_price_hits_its_cap():
    assert "The stockpile runs out in June 2027: buyers go short from then." in said(SUPPLY, {}).full
    covered = said(SUPPLY, {"stockpile": 12})
    assert "The stockpile covers the whole restriction: no buyer goes short." in covered.brief
    capped = said(SUPPLY, {"elasticity": 0.05})
    assert "The price index reaches its cap, 10× the start." in capped.brief
    holds = said(SUPPLY, dict(SUPPLY.presets[0].values))
    assert holds.brief.startswith("Preset “Truce holds (hypothetical)” (Restriction lasts 0 months):")
    assert "No new restriction: supply meets demand in every month." in holds.brief


def test_the_pipeline_says_whether_dependence_on_china_falls():
    words = said(PIPELINE, {"processed_share": 50})
    assert "China's share of processing falls below 90%" in words.brief
    assert "stays at 90%" in said(PIPELINE, {}).full
    assert "No Central Asian output by 2050." in said(PIPELINE, {"investment": 0}).brief


@pytest.mark.parametrize("name", sorted(catalog.WIDGETS))
def test_every_chart_of_a_widget_has_a_summary_that_follows_the_scenario(name):
    widget = catalog.WIDGETS[name]
    model = widget.model
    views = [view.__name__ for view in widget.charts.views]
    start = model.run(model.defaults()).description
    assert start is not None and sorted(start.charts) == sorted(views)
    for preset in (p for p in model.presets if dict(p.values) != model.defaults()):
        moved = model.run(dict(preset.values)).description
        assert moved is not None
        changed = [view for view in views if moved.charts[view] != start.charts[view]]
        assert changed, f"no chart summary of {name} changes with {preset.key}"


def test_the_worker_entry_point_takes_the_previous_settings_and_answers_with_words():
    request = {
        "settings": {**TARIFF.defaults(), "reciprocal": 34},
        "baseline": None,
        "previous": TARIFF.defaults(),
    }
    reply = json.loads(registry.run_json("tariff_stack", json.dumps(request)))
    assert reply["ok"] and reply["description"]["brief"].startswith("Reciprocal tariff on China 34%:")
    assert set(reply["description"]["charts"]) == {"tariff_layers", "volume_and_revenue"}
    # previous settings that are not valid only lose the "what changed" part, never the run
    reply = json.loads(
        registry.run_json("tariff_stack", json.dumps({**request, "previous": {"reciprocal": "x"}}))
    )
    assert reply["ok"] and reply["description"]["brief"].startswith("The price paid is $172.00")


def grid(model: Model):
    return st.fixed_dictionaries(
        {
            p.name: st.sampled_from(
                [
                    round(p.minimum + i * p.step, 10)
                    for i in range(round((p.maximum - p.minimum) / p.step) + 1)
                ]
            )
            for p in model.params
        }
    )


@settings(max_examples=60, deadline=None)
@given(st.one_of([st.tuples(st.just(m), grid(m), grid(m)) for m in (TARIFF, SUPPLY, PIPELINE)]))
def test_any_change_is_said_in_finite_words_and_no_change_says_so(case):
    model, before, after = case
    words = model.run(after, None, before).description
    assert words is not None
    for text in (words.brief, words.full, *words.charts.values()):
        assert text and "nan" not in text and "inf" not in text.replace("info", "")
    same = model.run(after, None, after).description
    assert same is not None and same.brief.startswith("No result changes.")


def test_a_model_without_narration_still_says_what_moved():
    plain = dataclasses.replace(TARIFF, narration=Narration())
    values = {**TARIFF.defaults(), "reciprocal": 34}
    words = plain.run(values, None, TARIFF.defaults()).description
    assert words is not None
    assert words.brief.startswith(
        "Reciprocal tariff on China 34%: Tariff on this good from China (all layers that apply) rises to 72.0%"
    )
    assert words.charts == {}
