"""The three teaching models: hand-computed cases, properties over the whole parameter space, and
the plain-language errors a reader sees for bad input."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import central_asia_pipeline, rare_earth_supply, registry, tariff_stack
from widgets.params import ParameterError, clamp, format_value, validate

PROPERTY = settings(max_examples=150, deadline=None)


def values_of(model, **changes):
    return {**model.defaults(), **changes}


def param_values(model):
    """Any setting on a slider's grid, for every parameter of a model."""
    return st.fixed_dictionaries({
        p.name: st.integers(0, round((p.maximum - p.minimum) / p.step)).map(
            lambda i, p=p: round(p.minimum + i * p.step, 10))
        for p in model.params
    })


def numbers(obj):
    if isinstance(obj, bool):
        return
    if isinstance(obj, (int, float)):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from numbers(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from numbers(value)


# --- hand-computed cases -------------------------------------------------------------------------

def test_tariff_layers_add_and_the_buyer_pays_the_passed_on_share():
    # 10 + 10 + 7.5 + 0 = 27.5%; full pass-through: $100 x 1.275 = $127.50.
    # volume = 100 x 1.275^-2 = 61.5148...; revenue = 0.275 x (127.5 / 1.275) x 0.615148 = 16.9166
    result = tariff_stack.MODEL.run(tariff_stack.MODEL.defaults())
    point = result.data["point"][0]
    assert point["tariff"] == 27.5
    assert point["price"] == pytest.approx(127.5)
    assert point["volume"] == pytest.approx(100 / 1.275**2)
    assert point["revenue"] == pytest.approx(0.275 * 100 * (1 / 1.275**2))


def test_half_pass_through_halves_the_price_rise_and_revenue_peaks_then_falls():
    # t = 40%, phi = 50%: P = 100 x (1 + 0.2) = 120.
    model = tariff_stack.MODEL
    values = values_of(model, fentanyl=20, reciprocal=20, section301=0, section122=0, pass_through=50)
    assert model.run(values).data["point"][0]["price"] == pytest.approx(120.0)
    # elasticity 2, full pass-through: revenue = t / (1 + t)^2 peaks at t = 1/(2 - 1) = 100%.
    curve = model.run(model.defaults()).data["curve"]
    peak = max(curve, key=lambda r: r["revenue"])
    assert peak["tariff"] == 100 and curve[0]["revenue"] == 0 and curve[-1]["revenue"] < peak["revenue"]


def test_after_the_ruling_preset_counts_section_122_not_ieepa():
    preset = {p.key: p for p in tariff_stack.PRESETS}["after_ruling"]
    assert tariff_stack.total_tariff(dict(preset.values)) == 17.5  # 0 + 0 + 7.5 + 10


def test_no_restriction_means_no_shortage_and_a_flat_price():
    model = rare_earth_supply.MODEL
    result = model.run(values_of(model, duration=0))
    assert all(r["unmet"] == 0 and r["price"] == 100 for r in result.data["months"])
    assert [f.value for f in result.figures] == [0, 0, 1.0]


def test_stockpile_covers_the_first_months_of_a_restriction():
    # s = 90%, w = 50%, no growth: China withholds 45 units a month; a 3-month stock (300) lasts
    # 300 / 45 = 6.67 months, so months 12-17 are covered and month 18 is short by 45 - 0.67 x 45 = 15.
    model = rare_earth_supply.MODEL
    values = values_of(model, other_growth=0, demand_growth=0, duration=12, start_month=12, stockpile=3)
    months = model.run(values).data["months"]
    assert [m["unmet"] for m in months[12:18]] == pytest.approx([0] * 6, abs=1e-9)
    assert months[18]["unmet"] == pytest.approx(45 - 300 + 6 * 45)
    assert months[19]["unmet"] == pytest.approx(45)
    # price that rations a 45% shortfall at elasticity 0.3: (100/55)^(1/0.3) = 7.35...x
    assert months[19]["price"] == pytest.approx(100 * (100 / 55) ** (1 / 0.3))


def test_pipeline_output_starts_after_the_lead_time():
    # $1 bn a year from 2026, lead 4 years: output from 2030; by 2040, 11 producing years x 2,000 t.
    model = central_asia_pipeline.MODEL
    result = model.run(model.defaults())
    mine = [r for r in result.data["years"] if r["scenario"] == "Your scenario"]
    assert [r["output"] for r in mine if r["year"] < 2030] == [0] * 5
    assert mine[-1]["output"] == 22_000
    assert mine[-1]["share_outside_china"] == pytest.approx(22_000 / 142_000)
    # 10% processed at 3x: value = 22,000 x (0.9 + 0.3) = 26,400 raw-tonne equivalents.
    assert mine[-1]["value_kept"] == pytest.approx(26_400)


# --- properties over the whole parameter space ---------------------------------------------------

@PROPERTY
@given(st.sampled_from(sorted(registry.MODELS)).flatmap(lambda name: st.tuples(st.just(name), param_values(registry.get(name)))))
def test_every_output_is_finite_and_serialisable(case):
    name, values = case
    result = registry.get(name).run(values).as_dict()
    assert all(math.isfinite(n) for n in numbers(result))
    json.dumps(result, allow_nan=False)


@PROPERTY
@given(param_values(tariff_stack.MODEL), st.integers(0, 49))
def test_a_higher_tariff_never_lowers_the_price_paid(values, higher):
    model = tariff_stack.MODEL
    low = model.run(values).data["point"][0]["price"]
    high = model.run({**values, "fentanyl": max(values["fentanyl"], higher)}).data["point"][0]["price"]
    assert high >= low


@PROPERTY
@given(param_values(rare_earth_supply.MODEL))
def test_supply_never_negative_and_shares_between_zero_and_one(values):
    for row in rare_earth_supply.MODEL.run(values).data["months"]:
        assert row["china"] >= 0 and row["other"] >= 0 and row["stock_drawn"] >= 0 and row["stock"] >= -1e-9
        assert 0 <= row["unmet_share"] <= 1
        assert 100 <= row["price"] <= 100 * rare_earth_supply.PRICE_CAP


def peak(values):
    return rare_earth_supply.MODEL.run(values).figures[0].value


@PROPERTY
@given(param_values(rare_earth_supply.MODEL), st.integers(0, 36), st.integers(0, 20))
def test_a_longer_or_stronger_restriction_never_lowers_the_peak_shortfall(values, longer, stronger):
    base = peak(values)
    assert peak({**values, "duration": max(values["duration"], longer)}) >= base - 1e-12
    assert peak({**values, "withheld": min(100, values["withheld"] + 5 * stronger)}) >= base - 1e-12


@PROPERTY
@given(param_values(central_asia_pipeline.MODEL), st.integers(1, 15))
def test_a_longer_lead_time_never_brings_output_earlier(values, lead):
    def outputs(v):
        return [r["output"] for r in central_asia_pipeline.MODEL.run(v).data["years"] if r["scenario"] == "Your scenario"]
    shorter, longer = sorted([values["lead_time"], lead])
    early, late = outputs({**values, "lead_time": shorter}), outputs({**values, "lead_time": longer})
    assert all(l <= e for l, e in zip(late, early))


@PROPERTY
@given(param_values(central_asia_pipeline.MODEL))
def test_pipeline_share_between_zero_and_one(values):
    for row in central_asia_pipeline.MODEL.run(values).data["years"]:
        assert 0 <= row["share_outside_china"] < 1 and row["output"] >= 0


# --- metadata and bad input ----------------------------------------------------------------------

@pytest.mark.parametrize("model", registry.MODELS.values(), ids=lambda m: m.name)
def test_metadata_defaults_in_range_on_grid_and_sourced(model):
    for p in model.params:
        assert p.minimum <= p.default <= p.maximum, p.name
        steps = (p.default - p.minimum) / p.step
        assert abs(steps - round(steps)) < 1e-9, f"{p.name} default is off the slider's grid"
        assert p.source or p.assumption, f"{p.name} has neither a source nor a stated assumption"
        assert p.label and p.help
    for preset in model.presets:
        validate(model.params, preset.values)


@pytest.mark.parametrize("bad, words", [
    (200, ["“Fentanyl” tariff must be between 0% and 50%", "200%"]),
    (-1, ["between 0% and 50%", "-1%"]),
    ("abc", ["needs a number", "abc"]),
    (float("nan"), ["finite number"]),
    (float("inf"), ["finite number"]),
    (True, ["needs a number"]),
    (None, ["needs a number"]),
])
def test_bad_values_are_refused_in_words_naming_setting_value_and_range(bad, words):
    with pytest.raises(ParameterError) as error:
        tariff_stack.MODEL.run(values_of(tariff_stack.MODEL, fentanyl=bad))
    assert error.value.name == "fentanyl"
    for word in words:
        assert word in str(error.value)


def test_missing_and_unknown_settings_are_refused():
    model = rare_earth_supply.MODEL
    values = model.defaults()
    del values["stockpile"]
    with pytest.raises(ParameterError, match="Buyers' stockpile is missing; it must be between 0 months and 12 months"):
        model.run(values)
    with pytest.raises(ParameterError, match="“speed” is not a setting"):
        model.run({**model.defaults(), "speed": 1})


def test_run_json_reports_errors_as_data_and_never_raises():
    assert json.loads(registry.run_json("tariff_stack", '{"fentanyl": 1}'))["ok"] is False
    assert json.loads(registry.run_json("no_such_widget", "{}"))["ok"] is False
    assert json.loads(registry.run_json("tariff_stack", "not json"))["ok"] is False
    reply = json.loads(registry.run_json("tariff_stack", json.dumps({**tariff_stack.MODEL.defaults(), "reciprocal": 500})))
    assert reply == {"ok": False, "param": "reciprocal",
                     "error": "Reciprocal tariff must be between 0% and 125%; 500% is outside that range."}


def test_clamp_keeps_what_it_can_and_says_what_changed():
    values, notes = clamp(tariff_stack.PARAMS, {"fentanyl": "80", "reciprocal": "x", "elasticity": 1.5})
    assert values["fentanyl"] == 50 and values["reciprocal"] == 10 and values["elasticity"] == 1.5
    assert len(notes) == 2 and "changed 80% to 50%" in notes[0] and "Using the default, 10%" in notes[1]


@pytest.mark.parametrize("value, unit, text", [
    (27.5, "%", "27.5%"), (127.5, "$", "$127.50"), (3, "×", "3×"), (1.5, "$ bn", "$1.5 bn"),
    (10, "% per year", "10% per year"), (2030, "year", "2030"), (0, "year", "none"), (22000, "t", "22,000 t"),
])
def test_numbers_are_written_as_a_reader_writes_them(value, unit, text):
    assert format_value(value, unit) == text


def test_warm_up_runs_every_model_without_error():
    registry.warm_up()  # the worker calls it before saying "ready"; it must never raise
