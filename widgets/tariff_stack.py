"""tariff_stack: what a change in US tariffs does to one Chinese import.

Tariff layers add up; the buyer pays the share of the tariff that is passed on; import volume
responds to the buyer's price with a constant elasticity; customs revenue is the tariff times the
(smaller) import value, so it first rises and then falls as the rate climbs.
"""

from __future__ import annotations

from widgets.model import Figure, Model, Preset, Result
from widgets.params import Param

LAYERS = (
    ("fentanyl", "“Fentanyl” tariff (IEEPA)"),
    ("reciprocal", "Reciprocal tariff (IEEPA)"),
    ("section301", "Earlier tariffs (Section 301)"),
    ("section122", "Section 122 surcharge"),
)

PARAMS = (
    Param(
        "fentanyl", "“Fentanyl” tariff", "%", 0, 50, 1, 10, source="str-2025-11",
        help="20% from March 2025; cut to 10% for goods entered from 10 November 2025; struck down with all IEEPA tariffs on 20 February 2026.",
    ),
    Param(
        "reciprocal", "Reciprocal tariff", "%", 0, 125, 1, 10, source="str-2025-11",
        help="10% in force after Busan; a return to 34% (10% + the suspended 24%) was put off to 10 November 2026. It peaked at 125% in April 2025.",
    ),
    Param(
        "section301", "Earlier tariffs (Section 301)", "%", 0, 100, 0.5, 7.5, source="timeline-techtricks365",
        assumption="Section 301 tariffs of 7.5% to 100% applied throughout 2025, depending on the good; 7.5% (the lowest) is a teaching default. Set the rate your good faces.",
        help="Tariffs from 2018–19 that stayed in force through every truce.",
    ),
    Param(
        "section122", "Section 122 surcharge", "%", 0, 15, 1, 0, source="mofcom-2026-02",
        help="A 10% global surcharge from 24 February 2026, for up to 150 days, after the Supreme Court ruling. Trump announced 15%; sources disagree on the rate applied.",
    ),
    Param(
        "pass_through", "Share of the tariff passed on to the buyer", "%", 0, 100, 5, 100, source="amiti-2019",
        help="100% means the buyer pays the whole tariff; studies of the 2018 tariffs found close to complete pass-through.",
    ),
    Param(
        "elasticity", "How strongly imports respond to price (elasticity)", "", 0, 5, 0.1, 2,
        assumption="We found no source for this good's elasticity; 2 means a 1% higher price cuts imports by about 2%, a middling value used for teaching. Try 0 (buyers cannot switch) and 4 (easy to switch).",
        help="0: buyers keep buying whatever the price. Higher: buyers switch away faster.",
    ),
)

_TARIFF_DEFAULTS = {"pass_through": 100.0, "elasticity": 2.0}
PRESETS = (
    Preset("before_busan", "Before Busan (Oct 2025)",
           {"fentanyl": 20, "reciprocal": 10, "section301": 7.5, "section122": 0, **_TARIFF_DEFAULTS}, "str-2025-11"),
    Preset("after_busan", "After Busan (10 Nov 2025)",
           {"fentanyl": 10, "reciprocal": 10, "section301": 7.5, "section122": 0, **_TARIFF_DEFAULTS}, "str-2025-11"),
    Preset("after_ruling", "After the Supreme Court ruling (24 Feb 2026)",
           {"fentanyl": 0, "reciprocal": 0, "section301": 7.5, "section122": 10, **_TARIFF_DEFAULTS}, "mofcom-2026-02"),
)

BASE_PRICE = 100.0  # dollars: the good's price before any tariff
CURVE_RATES = tuple(range(0, 201, 5))  # total tariff rates (%) for the volume and revenue curves


def total_tariff(values: dict[str, float]) -> float:
    """Layers add: each is charged on the same customs value."""
    return sum(values[key] for key, _ in LAYERS)


def outcome(total_pct: float, pass_through_pct: float, elasticity: float) -> dict[str, float]:
    """Price paid, volume and revenue for one total tariff rate.

    price paid   P = 100 · (1 + φ·t)          φ = pass-through share, t = total tariff
    volume       V = 100 · (P / 100)^(−ε)     ε = elasticity; 100 = the no-tariff volume
    customs value per unit  v = P / (1 + t)   (what the exporter is paid)
    revenue per $100 of no-tariff imports  R = t · v · V / 100
    """
    t = total_pct / 100
    price = BASE_PRICE * (1 + pass_through_pct / 100 * t)
    volume = 100 * (price / BASE_PRICE) ** (-elasticity)
    customs_value = price / (1 + t)
    revenue = t * customs_value * volume / 100
    return {"price": price, "volume": volume, "revenue": revenue}


def compute(values: dict[str, float]) -> Result:
    scenarios = [(p.label, dict(p.values)) for p in PRESETS] + [("Your scenario", values)]
    layers = [
        {"scenario": name, "order": i, "layer": label, "rate": state[key]}
        for name, state in scenarios
        for i, (key, label) in enumerate(LAYERS)
    ]
    total = total_tariff(values)
    curve = [
        {"tariff": rate, **outcome(rate, values["pass_through"], values["elasticity"])}
        for rate in CURVE_RATES
    ]
    mine = outcome(total, values["pass_through"], values["elasticity"])
    point = [{"tariff": total, **mine}]
    figures = [
        Figure("total", "Total tariff", total, "%"),
        Figure("price", "Price a buyer pays for a $100 good", mine["price"], "$"),
        Figure("volume", "Imports compared with no tariff", mine["volume"], "%"),
        Figure("revenue", "Tariff revenue per $100 of no-tariff imports", mine["revenue"], "$"),
    ]
    return Result({"layers": layers, "curve": curve, "point": point}, figures)


MODEL = Model(
    name="tariff_stack",
    title="What a tariff change does to a Chinese import",
    params=PARAMS,
    presets=PRESETS,
    compute=compute,
    method="""The tariff layers add: **t** = fentanyl + reciprocal + Section 301 + Section 122.
A buyer pays **P = 100 × (1 + φ·t)** dollars for a good that cost $100 before tariffs, where φ is the share
passed on. Imports fall with price at a constant elasticity ε: **V = 100 × (P/100)^−ε** (100 = imports with
no tariff). The exporter is paid **P / (1 + t)** per unit, so customs revenue per $100 of no-tariff imports is
**R = t × P/(1 + t) × V/100**. With complete pass-through, revenue peaks at t = 1/(ε − 1) and falls after it.""",
    limits="""One good, one market, no retaliation, no exchange-rate change, no switching to other suppliers
beyond what the elasticity stands for, no time lags. It illustrates the arithmetic; it does not forecast prices
or trade.""",
)
