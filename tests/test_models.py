"""The three teaching models: hand-computed cases, the mechanisms a teacher expects (trade diversion, home
use and a precautionary price jump, mining against processing), baseline against your scenario, and
properties over the whole parameter space, hostile input included."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import central_asia_pipeline, rare_earth_supply, registry, tariff_stack
from widgets.model import BASELINE, YOURS
from widgets.params import ParameterError, difference_text, format_value, validate

PROPERTY = settings(max_examples=150, deadline=None)
TARIFF, SUPPLY, PIPELINE = tariff_stack.MODEL, rare_earth_supply.MODEL, central_asia_pipeline.MODEL


def values_of(model, **changes):
    return {**model.defaults(), **changes}


def preset(model, key):
    return dict({p.key: p for p in model.presets}[key].values)


def yours(result, dataset):
    return [r for r in result.data[dataset] if r["scenario"] == YOURS]


def figure(result, key):
    return next(f for f in result.figures if f.key == key)


def param_values(model):
    """Any setting on a slider's grid, for every parameter of a model."""
    return st.fixed_dictionaries(
        {
            p.name: st.integers(0, round((p.maximum - p.minimum) / p.step)).map(
                lambda i, p=p: round(p.minimum + i * p.step, 10)
            )
            for p in model.params
        }
    )


def anywhere_in_range(model):
    """Any number a parameter allows, on the slider's grid or not (a link, or the worker, may send it)."""
    return st.fixed_dictionaries(
        {
            p.name: st.one_of(
                st.floats(p.minimum, p.maximum, allow_nan=False),
                st.sampled_from([p.minimum, p.maximum, p.minimum + 1e-12, p.maximum - 1e-12]),
            )
            for p in model.params
        }
    )


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


# --- tariff_stack: one good, its layers, and buyers switching suppliers ----------------------------


def test_after_busan_a_good_on_lists_1_to_3_pays_48_percent_and_the_same_good_elsewhere_13():
    # China: MFN 3 + Section 301 25 + fentanyl 10 + reciprocal 10 = 48%. Elsewhere: MFN 3 + reciprocal 10 = 13%.
    # Full pass-through: $148 and $113. China's share, from 50%: odds (148/113)^-3 -> s = 0.3080.
    result = TARIFF.run(TARIFF.defaults())
    point = yours(result, "point")[0]
    assert point["tariff"] == 48 and point["others_tariff"] == 13 and point["price"] == pytest.approx(148)
    odds = (148 / 113) ** -3
    share = odds / (1 + odds)
    assert point["china_share_after"] == pytest.approx(100 * share)
    # Purchases at elasticity 1 fall with the price index (0.5·1.48^-3 + 0.5·1.13^-3)^(-1/3) = 1.2593.
    index = (0.5 * 1.48**-3 + 0.5 * 1.13**-3) ** (-1 / 3)
    assert index == pytest.approx(1.2593, abs=1e-4)
    purchases = 100 / index
    assert point["volume"] == pytest.approx(100 * share * purchases / 50)
    # The average tariff over all imports of the good: before and after buyers switch.
    assert point["effective_before"] == pytest.approx(0.5 * 48 + 0.5 * 13)
    assert point["effective_after"] == pytest.approx(share * 48 + (1 - share) * 13)
    assert figure(result, "total").text == "48.0% (same as the baseline)"


def test_the_busan_cut_reads_as_ten_points_against_the_before_busan_baseline():
    # Before Busan (fentanyl 20%) as the baseline; cutting the fentanyl tariff to 10% is the Busan deal.
    result = TARIFF.run(values_of(TARIFF, fentanyl=10), baseline="before_busan")
    assert result.baseline == "Before Busan (Oct 2025)"
    assert figure(result, "total").text == "48.0% (baseline 58.0%, −10 points)"
    assert figure(result, "price").text == "$148.00 (baseline $158.00, −$10.00)"


def test_a_section_232_good_pays_no_reciprocal_tariff_and_the_slider_says_so():
    result = TARIFF.run(preset(TARIFF, "steel_good"))
    layers = {r["layer"]: r["rate"] for r in yours(result, "layers")}
    assert layers["Reciprocal tariff (IEEPA)"] == 0 and layers["Section 232 (steel, aluminium…)"] == 50
    point = yours(result, "point")[0]
    assert point["tariff"] == 3 + 25 + 50 + 10 and point["others_tariff"] == 3 + 50
    assert "exempt from the reciprocal" in result.inactive["reciprocal"]
    # Moving the reciprocal slider changes nothing for this good.
    moved = TARIFF.run({**preset(TARIFF, "steel_good"), "reciprocal": 125})
    assert yours(moved, "point") == yours(result, "point")


def test_without_pass_through_the_buyer_pays_100_dollars_and_nothing_else_moves():
    result = TARIFF.run(values_of(TARIFF, pass_through=0))
    point = yours(result, "point")[0]
    assert point["price"] == 100 and point["volume"] == pytest.approx(100)
    assert point["effective_before"] == point["effective_after"]
    assert set(result.inactive) == {"elasticity", "switching"}


def test_with_china_the_only_supplier_revenue_peaks_at_one_over_epsilon_minus_one():
    # China 100% of the good, full pass-through, elasticity 2: R = 100 t (1 + t)^-2 peaks at t = 1/(2 - 1) = 100%.
    only = values_of(TARIFF, china_share=100, mfn=0, section301=0, fentanyl=0, reciprocal=0)
    curve = yours(TARIFF.run({**only, "elasticity": 2}), "curve")
    peak = max(curve, key=lambda r: r["revenue"])
    assert peak["tariff"] == 100 and curve[0]["revenue"] == 0
    assert peak["revenue"] == pytest.approx(100 * 1 * 2**-2)
    # With elasticity 1 or less there is no peak: revenue keeps rising with the rate.
    for elasticity in (0, 0.5, 1):
        revenue = [r["revenue"] for r in yours(TARIFF.run({**only, "elasticity": elasticity}), "curve")]
        assert revenue == sorted(revenue)


def test_the_section_122_preset_is_dated_and_charges_every_country():
    values = preset(TARIFF, "section122_period")
    assert "24 Jul 2026" in {p.key: p for p in TARIFF.presets}["section122_period"].label
    point = yours(TARIFF.run(values), "point")[0]
    assert point["tariff"] == 3 + 25 + 10 and point["others_tariff"] == 3 + 10


def test_the_curves_always_reach_the_scenario_however_high_the_layers():
    highest = {p.name: p.maximum for p in TARIFF.params}
    result = TARIFF.run({**highest, "section232": 0})
    total = yours(result, "point")[0]["tariff"]
    assert total == 40 + 100 + 50 + 125 + 15
    assert max(r["tariff"] for r in yours(result, "curve")) >= total


# --- rare_earth_supply: exports, home use, stocks, and the price ----------------------------------


def no_growth(**changes):
    return values_of(SUPPLY, other_growth=0, demand_growth=0, **changes)


def test_only_exports_are_withheld_and_home_use_is_untouched():
    # China 90% of processing. With no home use, buyers abroad get 10 from elsewhere and 90 from China;
    # withholding 74% of exports (May 2025's fall) without stocks cuts 66.6 of their 100.
    cut = dict(withheld=75, stockpile=0, start_month=0, duration=12)
    assert figure(SUPPLY.run(no_growth(home_use=0, **cut)), "peak_shortfall").value == pytest.approx(
        0.75 * 90
    )
    # China using 60% at home: buyers abroad need 100 - 0.9 x 0.6 = 46% of the world's supply; 10 of that
    # comes from elsewhere, so China's exports are 78.3 of their 100 and the cut takes 0.75 x 78.3.
    exports = 100 * 0.9 * 0.4 / (1 - 0.9 * 0.6)
    assert figure(SUPPLY.run(no_growth(home_use=60, **cut)), "peak_shortfall").value == pytest.approx(
        0.75 * exports
    )


def test_stocks_cover_then_run_out_and_refill_while_the_price_jumps_at_once():
    # Exports 78.26 a month; half withheld: a gap of 39.13. A 3-month stock (300) covers 7 full months
    # (273.9), leaves 26.09 for month 19 (short by 13.04), then months 20-23 are short by the whole gap.
    months = yours(SUPPLY.run(no_growth()), "months")
    gap = 0.5 * 100 * 0.9 * 0.4 / (1 - 0.9 * 0.6)
    assert [m["unmet"] for m in months[12:19]] == pytest.approx([0] * 7, abs=1e-9)
    assert months[19]["unmet"] == pytest.approx(8 * gap - 300)
    assert months[20]["unmet"] == pytest.approx(gap)
    # The precautionary jump (3x) from the first month, while stocks still cover everything.
    assert months[11]["price"] == 100 and months[12]["price"] == pytest.approx(300)
    # Rationing a shortfall of `gap` at elasticity 0.3 costs more than the jump.
    assert months[20]["price"] == pytest.approx(100 * (100 / (100 - gap)) ** (1 / 0.3))
    # After the restriction (month 24) stocks refill over six months, and the premium fades as they do.
    assert [round(m["stock"]) for m in months[24:31]] == [50, 100, 150, 200, 250, 300, 300]
    assert months[24]["price"] == pytest.approx(100 * (1 + 2 * (1 - 50 / 300)))
    assert months[29]["price"] == 100
    result = SUPPLY.run(no_growth())
    assert figure(result, "months_covered").value == 7 and figure(result, "months_short").value == 5


def test_the_stockpile_is_counted_in_months_of_demand_when_the_restriction_starts():
    months = yours(SUPPLY.run(values_of(SUPPLY, start_month=24, stockpile=4)), "months")
    assert months[24]["stock"] + months[24]["stock_drawn"] == pytest.approx(4 * months[24]["demand"])


def test_a_tiny_elasticity_caps_the_price_instead_of_overflowing():
    for elasticity in (0.0059, 1e-6, 5e-324):
        result = SUPPLY.run(values_of(SUPPLY, elasticity=elasticity))
        assert figure(result, "peak_price").value == rare_earth_supply.PRICE_CAP


def test_truce_holds_means_no_new_restriction_and_the_restriction_sliders_say_they_do_nothing():
    result = SUPPLY.run(preset(SUPPLY, "truce_holds"), baseline="truce_holds")
    assert all(r["unmet"] == 0 and r["price"] == 100 for r in result.data["months"])
    assert set(result.inactive) == {"withheld", "start_month", "stockpile", "elasticity", "price_jump"}
    assert "lasts 0 months" in result.inactive["withheld"]
    # The moved slider really does nothing: the same rows.
    for name, value in (("withheld", 100), ("stockpile", 12), ("price_jump", 6), ("elasticity", 0)):
        moved = SUPPLY.run({**preset(SUPPLY, "truce_holds"), name: value}, baseline="truce_holds")
        assert without_stock(moved) == without_stock(result), name


def test_the_window_covers_every_restriction_the_sliders_allow_and_a_year_after():
    last_start = next(p.maximum for p in SUPPLY.params if p.name == "start_month")
    longest = next(p.maximum for p in SUPPLY.params if p.name == "duration")
    assert last_start + longest + 12 <= rare_earth_supply.HORIZON


# --- central_asia_pipeline: lead times, mining against processing, dollars ------------------------


def test_output_starts_after_the_iea_lead_time_and_is_valued_in_dollars():
    # $1 bn a year from 2026, lead 16 years: output from 2042; by 2050, 9 producing years x 2,000 t.
    result = PIPELINE.run(PIPELINE.defaults())
    rows = yours(result, "years")
    assert [r["output"] for r in rows if r["year"] < 2042] == [0] * 17
    assert rows[-1]["output"] == 18_000
    # 10% separated at $20/kg, 90% sold unprocessed at $20/3: 18,000 t x (2 + 6) $/kg = $144 million.
    assert rows[-1]["value_kept"] == pytest.approx(144)
    assert figure(result, "value_2050").text == "$144 m (same as the baseline)"


def test_mining_without_processing_leaves_the_dependence_on_china_unchanged():
    base = PIPELINE.defaults()
    for processed in (0, 10, 50):
        last = yours(
            PIPELINE.run({**base, "investment": 10, "lead_time": 4, "processed_share": processed}), "years"
        )[-1]
        world, q = 390_000 * 1.05**26 + last["output"], last["output"]
        assert last["china_processing_share"] == pytest.approx(
            (0.9 * (world - q) + (1 - processed / 100) * q) / world
        )
    # 10% processed at home = the 10% the rest of the world separates outside China: no change, however much is mined.
    mined = yours(PIPELINE.run({**base, "investment": 10, "lead_time": 4}), "years")[-1]
    assert mined["mine_share"] > 0.2 and mined["china_processing_share"] == pytest.approx(0.9)


def test_a_fractional_lead_time_counts_part_of_a_year():
    rows = yours(PIPELINE.run(values_of(PIPELINE, lead_time=3.5)), "years")
    by_year = {r["year"]: r["output"] for r in rows}
    assert (
        by_year[2028] == 0 and by_year[2029] == pytest.approx(1_000) and by_year[2030] == pytest.approx(3_000)
    )


# --- baseline beside your scenario -----------------------------------------------------------------


@pytest.mark.parametrize("model", registry.MODELS.values(), ids=lambda m: m.name)
def test_every_data_set_holds_the_baseline_and_your_scenario(model):
    result = model.run(model.defaults())
    for rows in result.data.values():
        assert {r["scenario"] for r in rows} == {BASELINE, YOURS}
    assert result.baseline == "Default settings"
    for key in [p.key for p in model.presets]:
        assert model.run(model.defaults(), key).baseline == {p.key: p.label for p in model.presets}[key]


@pytest.mark.parametrize(
    "value, baseline, unit, digits, text",
    [
        (27.5, 37.5, "%", 1, "baseline 37.5%, −10 points"),
        (38.0, 37.0, "%", 1, "baseline 37.0%, +1 point"),
        (20.03, 19.21, "$", 2, "baseline $19.21, +$0.82"),
        (2030, 2042, "year", None, "baseline 2042, −12 years"),
        (0, 2042, "year", None, "baseline 2042"),
        (3, 2, "months", 0, "baseline 2 months, +1 month"),
        (5, 5.0001, "×", 1, "same as the baseline"),
        # The change is the difference of the numbers shown, each rounded half up as the page rounds it.
        (30.25, 30.5, "%", 1, "baseline 30.5%, −0.2 points"),
        (30.25, 30.2, "%", 1, "baseline 30.2%, +0.1 points"),
        (4.25, 5.0, "×", 1, "baseline 5.0×, −0.7×"),
        (2031, 2030, "year", None, "baseline 2030, +1 year"),
        (2.5, 1, "years", None, "baseline 1 year, +1.5 years"),
    ],
)
def test_differences_are_said_in_the_figures_own_terms(value, baseline, unit, digits, text):
    assert difference_text(value, baseline, unit, digits) == text


def shown_number(text):
    """The number in a figure's text as a reader reads it: "$1,234.50" -> 1234.5, "30.3%" -> 30.3."""
    return float(text.replace("$", "").replace(",", "").split()[0].rstrip("%×"))


THOUSANDTHS = st.integers(-1_000_000, 1_000_000).map(lambda i: i / 1000)  # 30.25: ties as readers write them


@PROPERTY
@given(
    st.one_of(THOUSANDTHS, st.floats(-1000, 1000, allow_nan=False)),
    st.one_of(THOUSANDTHS, st.floats(-1000, 1000, allow_nan=False)),
    st.sampled_from(["%", "$", "×", "months", "% per year", "t"]),
    st.sampled_from([None, 0, 1, 2]),
)
def test_a_stated_change_is_the_difference_of_the_two_numbers_the_reader_sees(value, baseline, unit, digits):
    text = difference_text(value, baseline, unit, digits)
    if text == "same as the baseline":
        return
    seen = shown_number(format_value(value, unit, digits)) - shown_number(
        format_value(baseline, unit, digits)
    )
    change = text.split(", ", 1)[1]
    stated = shown_number(change.lstrip("+−"))
    assert change[0] == ("+" if seen > 0 else "−")
    assert stated == pytest.approx(abs(seen), abs=1e-9)


def test_a_read_out_states_the_change_between_the_numbers_it_prints():
    total = figure(TARIFF.run(values_of(TARIFF, section301=24.5)), "total")
    assert total.text.startswith("48.0%") or "baseline" in total.text
    tariff = figure(TARIFF.run(values_of(TARIFF, section301=24.5)), "effective_after").text
    seen = [shown_number(part) for part in (tariff.split(" (")[0], tariff.split("baseline ")[1])]
    stated = shown_number(tariff.split(", ")[-1].rstrip(")").lstrip("+−"))
    assert stated == pytest.approx(abs(seen[0] - seen[1]), abs=1e-9)
    price = figure(SUPPLY.run(values_of(SUPPLY, elasticity=2, price_jump=4.25)), "peak_price").text
    assert price == "4.3× (baseline 5.0×, −0.7×)"


@pytest.mark.parametrize("model", [TARIFF, SUPPLY, PIPELINE], ids=lambda m: m.name)
def test_one_of_a_plural_unit_is_singular_on_sliders_and_read_outs(model):
    for param in model.params:
        if param.unit in ("months", "years") and param.minimum <= 1 <= param.maximum:
            assert param.describe(1) == f"1 {param.unit[:-1]}"
    assert "1 months" not in json.dumps([f.text for f in model.run(model.defaults()).figures])


def test_an_unknown_baseline_is_refused_in_words():
    reply = json.loads(
        registry.run_json("tariff_stack", json.dumps({"settings": TARIFF.defaults(), "baseline": "2019"}))
    )
    assert reply["ok"] is False and "presets" in reply["error"]
    for request in (
        {"settings": TARIFF.defaults(), "baseline": 3},
        {"settings": TARIFF.defaults(), "colour": "red"},
    ):
        assert json.loads(registry.run_json("tariff_stack", json.dumps(request)))["ok"] is False


# --- properties over the whole parameter space -----------------------------------------------------

MODEL_AND_VALUES = st.sampled_from(sorted(registry.MODELS)).flatmap(
    lambda name: st.tuples(
        st.just(name),
        anywhere_in_range(registry.get(name)),
        st.sampled_from([None] + [p.key for p in registry.get(name).presets]),
    )
)


@PROPERTY
@given(MODEL_AND_VALUES)
def test_any_value_in_range_runs_and_every_output_is_finite_json(case):
    name, values, baseline = case
    reply = json.loads(registry.run_json(name, json.dumps({"settings": values, "baseline": baseline})))
    assert reply["ok"] is True, reply
    assert all(math.isfinite(n) for n in numbers(reply))
    assert set(reply["inactive"]) <= {p.name for p in registry.get(name).params}


HOSTILE = [
    10**400,
    -(10**400),
    10**309,
    2**1024,
    b"1_0",
    b"12",
    bytearray(b"1"),
    "1_0",
    "nan",
    "inf",
    "-Infinity",
    "0x10",
    "١٢",
    "1e400",
    "1" + "0" * 400,
    "",
    " ",
    "--1",
    "1,5",
    None,
    True,
    False,
    [],
    [1],
    [[[[1]]]],
    {"a": 1},
    (1,),
    float("nan"),
    float("inf"),
    -float("inf"),
    complex(1, 0),
    object(),
]


@pytest.mark.parametrize("name", sorted(registry.MODELS))
@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda v: type(v).__name__ + ":" + repr(v)[:12])
def test_a_hostile_value_is_refused_in_words_for_every_setting(name, hostile):
    model = registry.get(name)
    for param in model.params:
        with pytest.raises(ParameterError) as error:
            model.run({**model.defaults(), param.name: hostile})
        assert error.value.name == param.name and param.label in str(error.value)


def test_a_value_just_outside_the_range_is_refused_not_clamped():
    for model in registry.MODELS.values():
        for param in model.params:
            for outside in (
                param.minimum - param.step / 1000,
                param.maximum + param.step / 1000,
                1e300,
                -1e300,
            ):
                with pytest.raises(ParameterError, match="outside that range"):
                    model.run({**model.defaults(), param.name: outside})


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@PROPERTY
@given(st.sampled_from(sorted(registry.MODELS)), st.data())
def test_run_json_answers_any_json_and_never_raises(name, data):
    model = registry.get(name)
    target = data.draw(st.sampled_from([p.name for p in model.params]))
    values = {**model.defaults(), target: data.draw(JSON_VALUES)}
    reply = json.loads(registry.run_json(name, json.dumps(values)))
    assert reply["ok"] in (True, False)
    if reply["ok"]:  # accepted only when it is a number in range
        value = values[target]
        param = next(p for p in model.params if p.name == target)
        assert isinstance(value, (int, float, str)) and not isinstance(value, bool)
        assert param.minimum <= float(value) <= param.maximum


@PROPERTY
@given(st.text(max_size=200))
def test_run_json_answers_any_text_and_never_raises(text):
    assert json.loads(registry.run_json("rare_earth_supply", text))["ok"] in (True, False)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        "1" * 5000,
        "1e999",
        "NaN",
        '"\\ud800"',
        json.dumps({"fentanyl": 1e308}),
        '{"fentanyl": ' + "9" * 400 + "}",
    ],
)
def test_run_json_survives_nesting_huge_numbers_and_odd_json(text):
    reply = json.loads(registry.run_json("tariff_stack", text))
    assert reply["ok"] is False and reply["error"]


def test_nesting_deeper_than_a_request_is_refused_before_parsing():
    # Nine levels parse fine in CPython, but in Pyodide deep nesting exhausts the browser's stack (found by
    # the browser test at 4,000 levels), so the depth is checked before the parser sees the text.
    nested = json.dumps({**TARIFF.defaults(), "fentanyl": [[[[[[[[1]]]]]]]]})
    assert (
        json.loads(registry.run_json("tariff_stack", nested))["error"]
        == "The settings are nested too deeply to read."
    )
    assert registry._nesting('{"a": "[[[[[[[[[[[["}') == 1  # brackets inside strings do not count


def test_a_model_that_computes_nan_is_reported_not_sent(monkeypatch):
    from widgets.model import Model, Result

    broken = Model(
        "broken", "Broken", TARIFF.params, lambda values: Result({"rows": [{"x": math.nan}]}, []), "", ""
    )
    monkeypatch.setitem(registry.MODELS, "broken", broken)
    # NaN is not JSON a page can read
    reply = json.loads(registry.run_json("broken", json.dumps(TARIFF.defaults())))
    assert reply["ok"] is False


@PROPERTY
@given(param_values(TARIFF), st.integers(0, 49))
def test_a_higher_tariff_never_lowers_the_price_paid(values, higher):
    low = yours(TARIFF.run(values), "point")[0]["price"]
    high = yours(TARIFF.run({**values, "fentanyl": max(values["fentanyl"], higher)}), "point")[0]["price"]
    assert high >= low


@PROPERTY
@given(anywhere_in_range(TARIFF))
def test_switching_suppliers_never_raises_the_average_tariff(values):
    point = yours(TARIFF.run(values), "point")[0]
    assert point["effective_after"] <= point["effective_before"] + 1e-9


@PROPERTY
@given(param_values(SUPPLY))
def test_supply_never_negative_and_shares_between_zero_and_one(values):
    for row in SUPPLY.run(values).data["months"]:
        assert row["china"] >= 0 and row["other"] >= 0 and row["stock_drawn"] >= 0 and row["stock"] >= -1e-9
        assert 0 <= row["unmet_share"] <= 1
        assert 100 <= row["price"] <= 100 * rare_earth_supply.PRICE_CAP


def peak(values):
    return figure(SUPPLY.run(values), "peak_shortfall").value


@PROPERTY
@given(param_values(SUPPLY), st.integers(0, 36), st.integers(0, 20))
def test_a_longer_or_stronger_restriction_never_lowers_the_peak_shortfall(values, longer, stronger):
    base = peak(values)
    assert peak({**values, "duration": max(values["duration"], longer)}) >= base - 1e-12
    assert peak({**values, "withheld": min(100, values["withheld"] + 5 * stronger)}) >= base - 1e-12


@PROPERTY
@given(anywhere_in_range(SUPPLY))
def test_a_setting_said_to_have_no_effect_has_none(values):
    """The note next to a slider is a promise: moving that slider leaves every output as it is."""
    result = SUPPLY.run(values)
    for name in result.inactive:
        if name == "elasticity":  # said when no buyer goes short; check that instead
            assert all(r["unmet"] <= 1e-9 for r in yours(result, "months"))
            continue
        param = next(p for p in SUPPLY.params if p.name == name)
        for other in (param.minimum, param.maximum):
            assert without_stock(SUPPLY.run({**values, name: other})) == without_stock(result)


def without_stock(result):
    """Supply and prices; the stock held and its refills (which a stockpile setting sets, restriction or not) left out."""
    return [
        {k: v for k, v in row.items() if k not in ("stock", "restocked")} for row in result.data["months"]
    ]


@PROPERTY
@given(param_values(TARIFF))
def test_a_tariff_setting_said_to_have_no_effect_leaves_every_output_as_it_is(values):
    """The curves included: they try other tariffs on China, where a setting may matter when it does not here."""
    result = TARIFF.run(values)
    for name in result.inactive:
        param = next(p for p in TARIFF.params if p.name == name)
        for other in (param.minimum, param.maximum):
            moved = TARIFF.run({**values, name: other})
            for dataset in ("layers", "point", "curve"):
                assert same_rows(outputs(moved, dataset), outputs(result, dataset)), (name, dataset)


def same_rows(a, b):
    """Rows alike, numbers to within rounding (pytest.approx compares dicts inside a list exactly)."""
    return len(a) == len(b) and all(
        x.keys() == y.keys() and all(x[k] == pytest.approx(y[k], rel=1e-9, abs=1e-9) for k in x)
        for x, y in zip(a, b, strict=True)
    )


def outputs(result, dataset):
    """Your scenario's rows, less the tariff on other countries' good: an echo of the settings, not a result."""
    return [{k: v for k, v in row.items() if k != "others_tariff"} for row in yours(result, dataset)]


def test_switching_is_not_said_to_do_nothing_when_it_moves_the_curve():
    # China and other countries both pay 13%: the scenario's own read-outs do not move, the curve does.
    values = values_of(TARIFF, section301=0, fentanyl=0)
    assert tariff_stack.china_tariff(values) == tariff_stack.others_tariff(values) == 13
    assert "switching" not in TARIFF.run(values).inactive
    low, high = (yours(TARIFF.run({**values, "switching": s}), "curve") for s in (3, 8))
    assert low[0]["volume"] != pytest.approx(high[0]["volume"])


def total_purchases(values, china_pct):
    """Imports of the good from every supplier (100 with no tariffs)."""
    s0, sigma = values["china_share"] / 100, values["switching"]
    phi = values["pass_through"] / 100
    p_c = 100 * (1 + phi * china_pct / 100)
    p_o = 100 * (1 + phi * tariff_stack.others_tariff(values) / 100)
    return 100 * math.exp(-values["elasticity"] * tariff_stack.log_price_index(p_c, p_o, s0, sigma))


def test_a_higher_tariff_never_raises_total_imports_whatever_the_switching():
    # A share-weighted average price falls as buyers leave the taxed good, so with one total imports rose
    # with the tariff (reciprocal 20% -> 125%: 79.97 to 80.63); the model uses a price index instead.
    for switching in (3, 8):
        values = values_of(TARIFF, switching=switching)
        totals = []
        for reciprocal in (10, 20, 125):
            v = {**values, "reciprocal": reciprocal}
            point = yours(TARIFF.run(v), "point")[0]
            from_china = point["volume"] * v["china_share"] / 100
            totals.append(from_china / (point["china_share_after"] / 100))
        assert totals == sorted(totals, reverse=True) and totals[0] > totals[-1]
        assert totals[-1] == pytest.approx(total_purchases(values, tariff_stack.china_tariff(v)))


@PROPERTY
@given(
    param_values(TARIFF),
    st.sampled_from(["section301", "fentanyl", "reciprocal", "mfn", "section122"]),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_total_imports_never_rise_with_a_tariff(values, layer, a, b):
    def total(v):
        point = yours(TARIFF.run(v), "point")[0]
        return point["volume"] * v["china_share"] / 100 / (point["china_share_after"] / 100)

    param = next(p for p in TARIFF.params if p.name == layer)
    lower, higher = (param.minimum + f * (param.maximum - param.minimum) for f in sorted([a, b]))
    assert total({**values, layer: higher}) <= total({**values, layer: lower}) * (1 + 1e-9)


@PROPERTY
@given(st.floats(100, 500), st.floats(100, 500), st.floats(0.01, 1), st.floats(0, 8))
def test_the_price_index_lies_between_the_two_prices(p_c, p_o, s0, sigma):
    index = 100 * math.exp(tariff_stack.log_price_index(p_c, p_o, s0, sigma))
    assert min(p_c, p_o) * (1 - 1e-9) <= index <= max(p_c, p_o) * (1 + 1e-9)


def test_a_restriction_on_exports_nobody_needs_moves_no_price():
    # Half of world supply processed in China, 90% of it used at home: supply from elsewhere is 91% of demand at
    # the start and grows 50% a year, so by month 36 it covers all demand and China exports nothing to withhold.
    values = values_of(
        SUPPLY, china_share=50, home_use=90, other_growth=50, demand_growth=0, start_month=36, duration=12
    )
    result = SUPPLY.run(values)
    assert all(r["price"] == 100 for r in yours(result, "months"))
    assert "price_jump" in result.inactive and "nothing to withhold" in result.inactive["price_jump"]
    # Started at once, the same restriction does take exports, and the jump applies.
    early = SUPPLY.run({**values, "start_month": 0})
    assert yours(early, "months")[0]["price"] == pytest.approx(100 * values["price_jump"])


@PROPERTY
@given(param_values(PIPELINE), st.floats(1, 24))
def test_a_longer_lead_time_never_brings_output_earlier(values, lead):
    def outputs(v):
        return [r["output"] for r in yours(PIPELINE.run(v), "years")]

    shorter, longer = sorted([values["lead_time"], lead])
    early, late = outputs({**values, "lead_time": shorter}), outputs({**values, "lead_time": longer})
    assert all(later <= e + 1e-9 for later, e in zip(late, early, strict=True))


@PROPERTY
@given(param_values(PIPELINE), st.integers(0, 20))
def test_processing_more_at_home_never_raises_the_dependence_on_china(values, more):
    def china_share(v):
        return yours(PIPELINE.run(v), "years")[-1]["china_processing_share"]

    assert (
        china_share({**values, "processed_share": min(100, values["processed_share"] + 5 * more)})
        <= china_share(values) + 1e-12
    )


@PROPERTY
@given(param_values(PIPELINE))
def test_pipeline_shares_between_zero_and_one(values):
    for row in PIPELINE.run(values).data["years"]:
        assert 0 <= row["mine_share"] < 1 and 0 < row["china_processing_share"] <= 1 and row["output"] >= 0


# --- metadata and bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("model", registry.MODELS.values(), ids=lambda m: m.name)
def test_metadata_defaults_in_range_on_grid_and_sourced(model):
    for p in model.params:
        assert p.minimum <= p.default <= p.maximum, p.name
        steps = (p.default - p.minimum) / p.step
        assert abs(steps - round(steps)) < 1e-9, f"{p.name} default is off the slider's grid"
        assert p.source or p.assumption, f"{p.name} has neither a source nor a stated assumption"
        assert p.label and p.help
    for preset_ in model.presets:
        validate(model.params, preset_.values)
    assert model.limits_in_brief.endswith(".") and len(model.limits_in_brief) < 220


@pytest.mark.parametrize(
    "bad, words",
    [
        (200, ["“Fentanyl” tariff (China only) must be between 0% and 50%", "200%"]),
        (-1, ["between 0% and 50%", "-1%"]),
        ("abc", ["needs a number", "abc"]),
        (float("nan"), ["finite number"]),
        (float("inf"), ["finite number"]),
        (10**400, ["finite number", "too many digits"]),
        (b"1_0", ["needs a number", "bytes"]),
        ("1_0", ["needs a number", "1_0"]),
        (True, ["needs a number"]),
        (None, ["needs a number"]),
    ],
)
def test_bad_values_are_refused_in_words_naming_setting_value_and_range(bad, words):
    with pytest.raises(ParameterError) as error:
        TARIFF.run(values_of(TARIFF, fentanyl=bad))
    assert error.value.name == "fentanyl"
    for word in words:
        assert word in str(error.value)


def test_missing_and_unknown_settings_are_refused():
    values = SUPPLY.defaults()
    del values["stockpile"]
    with pytest.raises(
        ParameterError,
        match="Buyers' stockpile when the restriction starts is missing; it must be between 0 months and 12 months",
    ):
        SUPPLY.run(values)
    with pytest.raises(ParameterError, match="“speed” is not a setting"):
        SUPPLY.run({**SUPPLY.defaults(), "speed": 1})
    with pytest.raises(ParameterError, match="is not a setting"):
        SUPPLY.run({**SUPPLY.defaults(), "speed": 1, 1: 1})  # names of mixed types: refused, not a TypeError


def test_run_json_reports_errors_as_data_and_never_raises():
    assert json.loads(registry.run_json("tariff_stack", '{"fentanyl": 1}'))["ok"] is False
    assert json.loads(registry.run_json("no_such_widget", "{}"))["ok"] is False
    assert json.loads(registry.run_json("tariff_stack", "not json"))["ok"] is False
    reply = json.loads(
        registry.run_json("tariff_stack", json.dumps({**TARIFF.defaults(), "reciprocal": 500}))
    )
    assert reply == {
        "ok": False,
        "error": "Reciprocal tariff on China must be between 0% and 125%; 500% is outside that range.",
    }


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (27.5, "%", "27.5%"),
        (127.5, "$", "$127.50"),
        (3, "×", "3×"),
        (1.5, "$ bn", "$1.5 bn"),
        (10, "% per year", "10% per year"),
        (2030, "year", "2030"),
        (0, "year", "none"),
        (22000, "t", "22,000 t"),
        (144, "$ m", "$144 m"),
        (20, "$ per kg", "$20 per kg"),
    ],
)
def test_numbers_are_written_as_a_reader_writes_them(value, unit, text):
    assert format_value(value, unit) == text


def test_the_rehearsal_is_a_readers_first_slider_moves_on_every_model():
    """The worker replays these through the page's call path once ready (worker.js rehearse): each must
    be a request the page could send, answered without error."""
    requests = json.loads(registry.rehearsal())
    assert {name for name, _ in requests} == set(registry.MODELS)
    previous = None
    for name, text in requests:
        request = json.loads(text)
        model = registry.get(name)
        assert set(request) == {"settings", "baseline", "previous"}
        assert request["previous"] in (None, previous), "each step names the one before, as the page does"
        validate(model.params, request["settings"])  # in range, no unknown names
        assert json.loads(registry.run_json(name, text))["ok"], (name, text)
        previous = request["settings"]
    firsts = [json.loads(text)["settings"] for name, text in requests if name == "tariff_stack"]
    assert (
        len({json.dumps(s, sort_keys=True) for s in firsts}) == registry.REHEARSAL_STEPS
    )  # moves, not repeats


def test_warm_up_runs_every_model_without_error():
    registry.warm_up()  # the worker calls it before saying "ready"; it must never raise
