"""tariff_stack: what US tariffs do to one good imported from China, when buyers can also buy it elsewhere.

One good, not the average of all Chinese goods: its tariff layers add up, except that a good under a
Section 232 tariff is exempt from the reciprocal tariffs. Buyers pay the passed-on share of each
supplier's tariff; they shift between Chinese and other suppliers as the price gap opens (trade
diversion), and buy less of the good as its price index rises (the index that goes with the switching
equation, so a higher tariff never raises total purchases). So the tariff on China's good is one
number, and the average tariff on all imports of the good is another: higher before buyers switch
suppliers than after.
"""

from __future__ import annotations

import math

from widgets.describe import Narration, Rows, State
from widgets.model import BASELINE, YOURS, Figure, Model, Preset, Result
from widgets.numbers import exact
from widgets.params import Param, format_value
from widgets.words import N_, _

# (key, label, charged on the same good from other countries too?)
LAYERS = (
    ("mfn", N_("Normal duty (MFN)"), True),
    ("section301", N_("Section 301 (China only)"), False),
    ("section232", N_("Section 232 (steel, aluminium…)"), True),
    ("fentanyl", N_("“Fentanyl” tariff (IEEPA, China only)"), False),
    ("reciprocal", N_("Reciprocal tariff (IEEPA)"), False),
    ("section122", N_("Section 122 surcharge (all countries)"), True),
)

PARAMS = (
    Param(
        name="mfn",
        label=N_("Normal US duty on this good (MFN)"),
        unit="%",
        minimum=0,
        maximum=40,
        step=0.5,
        default=3,
        source="piie-2019-phase-one",
        assumption=N_(
            "PIIE put the average US tariff on goods from China at 3.0% before the trade war began in 2018, when only normal duties applied; 3% stands here for the normal duty on one good. Each good has its own rate."
        ),
        help=N_(
            "The duty a good pays whichever country it comes from (the most-favoured-nation rate). It applies to other suppliers too."
        ),
    ),
    Param(
        name="section301",
        label=N_("Section 301 tariff (China only)"),
        unit="%",
        minimum=0,
        maximum=100,
        step=0.5,
        default=25,
        source="tariffglossary-section301",
        help=N_(
            "7.5% to 25% on the lists of 2018–19 (25% on Lists 1 to 3, 7.5% on List 4A); since 27 September 2024, 25% to 100% on some goods, such as electric vehicles, after the four-year review. 25% stands for a good on Lists 1 to 3. In force through every truce."
        ),
    ),
    Param(
        name="section232",
        label=N_("Section 232 tariff (steel, aluminium…)"),
        unit="%",
        minimum=0,
        maximum=50,
        step=5,
        default=0,
        source="strtrade-2025-06",
        help=N_(
            "Tariffs on steel, aluminium and some other goods from every country, 50% on steel and aluminium from 4 June 2025. 0 means this good is not covered. A good under a Section 232 tariff is exempt from the reciprocal tariffs."
        ),
    ),
    Param(
        name="fentanyl",
        label=N_("“Fentanyl” tariff (China only)"),
        unit="%",
        minimum=0,
        maximum=50,
        step=1,
        default=10,
        source="str-2025-11",
        help=N_(
            "20% from March 2025; cut to 10% for goods entered from 10 November 2025; struck down with all IEEPA tariffs on 20 February 2026."
        ),
    ),
    Param(
        name="reciprocal",
        label=N_("Reciprocal tariff on China"),
        unit="%",
        minimum=0,
        maximum=125,
        step=1,
        default=10,
        source="str-2025-11",
        help=N_(
            "10% in force after Busan; a return to 34% (10% + the suspended 24%) was put off to 10 November 2026. It peaked at 125% in April 2025 and was struck down on 20 February 2026. Not charged on Section 232 goods."
        ),
    ),
    Param(
        name="section122",
        label=N_("Section 122 surcharge (all countries)"),
        unit="%",
        minimum=0,
        maximum=15,
        step=1,
        default=0,
        source="mofcom-2026-02",
        help=N_(
            "After the Supreme Court ruling, Trump announced 10% and the next day said he would raise it to 15%; 10% was applied to goods from every country from 24 February 2026, for at most 150 days, to about 24 July 2026. The Court of International Trade ruled it unlawful on 7 May 2026, with relief only for the importers that sued (for all other importers the 10% stayed in force); on appeal, the Federal Circuit stayed that ruling on 12 June 2026. It is not the rate in force after July 2026."
        ),
    ),
    Param(
        name="others_reciprocal",
        label=N_("Reciprocal tariff on the same good from other countries"),
        unit="%",
        minimum=0,
        maximum=50,
        step=1,
        default=10,
        source="natlawreview-2025-04",
        help=N_(
            "The 10% “baseline” reciprocal tariff most countries faced from April 2025; struck down with the other IEEPA tariffs in February 2026. Not charged on Section 232 goods."
        ),
    ),
    Param(
        name="china_share",
        label=N_("China's share of US imports of this good, before the tariffs"),
        unit="%",
        minimum=10,
        maximum=100,
        step=5,
        default=50,
        assumption=N_(
            "Each good differs; 50% is a teaching value for a good that China and other countries both sell. 100% means no other country makes it."
        ),
        help=N_(
            "How much of the good came from China before any tariff; the rest came from other countries at the same price."
        ),
    ),
    Param(
        name="switching",
        label=N_("How easily buyers switch to other countries' suppliers"),
        unit="",
        minimum=0,
        maximum=8,
        step=0.5,
        default=3,
        assumption=N_(
            "No source gives this for one good; 3 is a teaching value: with half of purchases from China before the tariffs, a Chinese good 10% dearer than the same good from elsewhere keeps about 43% of them. 0 means buyers cannot switch."
        ),
        help=N_(
            "0: buyers keep their suppliers whatever the price gap. Higher: buyers move to other countries' suppliers faster (trade diversion)."
        ),
    ),
    Param(
        name="pass_through",
        label=N_("Share of each tariff passed on to the buyer"),
        unit="%",
        minimum=0,
        maximum=100,
        step=5,
        default=100,
        source="amiti-2019",
        help=N_(
            "100% means the buyer pays the whole tariff; studies of the 2018 tariffs found close to complete pass-through into the prices US importers paid."
        ),
    ),
    Param(
        name="elasticity",
        label=N_("How strongly US purchases of the good respond to its price"),
        unit="",
        minimum=0,
        maximum=3,
        step=0.1,
        default=1,
        assumption=N_(
            "We found no source for this good's elasticity; 1 means a 1% higher average price cuts purchases by about 1%, a middling value used for teaching. Switching between countries is the separate setting above."
        ),
        help=N_(
            "0: buyers keep buying as much whatever the price. Higher: they buy less of the good as its average price rises."
        ),
    ),
)

_RESPONSES = {"china_share": 50.0, "switching": 3.0, "pass_through": 100.0, "elasticity": 1.0}
_AFTER_BUSAN = {
    "mfn": 3.0,
    "section301": 25.0,
    "section232": 0.0,
    "fentanyl": 10.0,
    "reciprocal": 10.0,
    "section122": 0.0,
    "others_reciprocal": 10.0,
    **_RESPONSES,
}
PRESETS = (
    Preset("before_busan", N_("Before Busan (Oct 2025)"), {**_AFTER_BUSAN, "fentanyl": 20.0}, "str-2025-11"),
    Preset("after_busan", N_("After Busan (10 Nov 2025)"), _AFTER_BUSAN, "str-2025-11"),
    Preset(
        "section122_period",
        N_("Section 122 period (24 Feb – c. 24 Jul 2026)"),
        {**_AFTER_BUSAN, "fentanyl": 0.0, "reciprocal": 0.0, "others_reciprocal": 0.0, "section122": 10.0},
        "mofcom-2026-02",
    ),
    Preset(
        "steel_good",
        N_("A steel good after Busan (Section 232 at 50%)"),
        {**_AFTER_BUSAN, "section232": 50.0},
        "strtrade-2025-06",
    ),
)

BASE_PRICE = 100.0  # dollars: the good's price before any tariff, the same from every supplier


def applied_layers(values: dict[str, float]) -> dict[str, float]:
    """The rate each layer charges on China's good. A Section 232 good is exempt from the reciprocal tariff."""
    charged = {key: values[key] for key, _, _ in LAYERS}
    if values["section232"] > 0:
        charged["reciprocal"] = 0.0
    return charged


def china_tariff(values: dict[str, float]) -> float:
    return sum(applied_layers(values).values())


def others_tariff(values: dict[str, float]) -> float:
    """The same good from another country pays the layers charged on every country."""
    reciprocal = 0.0 if values["section232"] > 0 else values["others_reciprocal"]
    return values["mfn"] + values["section232"] + values["section122"] + reciprocal


def outcome(china_pct: float, others_pct: float, values: dict[str, float]) -> dict[str, float]:
    """Prices, China's share, purchases, the average tariff and revenue for one pair of tariffs.

    duty-paid price   P = 100 · (1 + φ·t)                 φ = pass-through, t = tariff (China: t_c, others: t_o)
    China's share     s = s0·P_c^(−σ) / (s0·P_c^(−σ) + (1 − s0)·P_o^(−σ))     σ = switching, s0 = share before
    purchases         Q = 100 · (P̄ / 100)^(−ε)           ε = elasticity, P̄ the price index below
    price index       P̄ = (s0·P_c^(−σ) + (1 − s0)·P_o^(−σ))^(−1/σ)   (σ = 0: P_c^s0 · P_o^(1 − s0))
    average tariff    before switching s0·t_c + (1 − s0)·t_o; after switching s·t_c + (1 − s)·t_o
    revenue per $100 of no-tariff purchases  R = Σ t · (customs value P / (1 + t)) · (quantity) / 100
    """
    phi, s0, sigma = values["pass_through"] / 100, values["china_share"] / 100, values["switching"]
    t_c, t_o = china_pct / 100, others_pct / 100
    p_c, p_o = BASE_PRICE * (1 + phi * t_c), BASE_PRICE * (1 + phi * t_o)
    # China's share in logs, so no power of a large price can overflow or vanish.
    w_c = math.log(s0) - sigma * math.log(p_c / BASE_PRICE)
    w_o = math.log(1 - s0) - sigma * math.log(p_o / BASE_PRICE) if s0 < 1 else -math.inf
    share = 1 / (1 + math.exp(min(700.0, w_o - w_c)))
    purchases = 100 * math.exp(-values["elasticity"] * log_price_index(p_c, p_o, s0, sigma))
    from_china, from_others = share * purchases, (1 - share) * purchases
    revenue = (t_c * p_c / (1 + t_c) * from_china + t_o * p_o / (1 + t_o) * from_others) / 100
    return {
        "price": p_c,
        "volume": 100 * from_china / (100 * s0),  # imports from China, no tariffs = 100
        "china_share_after": 100 * share,
        "effective_before": 100 * (s0 * t_c + (1 - s0) * t_o),
        "effective_after": 100 * (share * t_c + (1 - share) * t_o),
        "revenue": revenue,
    }


def log_price_index(p_c: float, p_o: float, s0: float, sigma: float) -> float:
    """log(P̄ / 100) for the price index that goes with the share equation: P̄ = (s0·P_c^−σ + (1 − s0)·P_o^−σ)^(−1/σ).

    Its slope in each log price is that supplier's share after switching, so it rises with every price, as a
    price index must. (The share-weighted average s·P_c + (1 − s)·P_o does not: as the taxed good gets dearer,
    buyers leave it and the average can fall, so total purchases rose with the tariff.) At σ = 0 it is the
    geometric mean P_c^s0 · P_o^(1 − s0). expm1 and log1p keep it exact for a small σ; below 1e-9 (a link may
    carry any number) σ·log P underflows, and the limit differs from the formula by less than σ."""
    x_c, x_o = math.log(p_c / BASE_PRICE), math.log(p_o / BASE_PRICE)
    if sigma < 1e-9:
        return s0 * x_c + (1 - s0) * x_o
    excess = s0 * math.expm1(-sigma * x_c) + (1 - s0) * math.expm1(-sigma * x_o)
    return -math.log1p(excess) / sigma


def curve_rates(total: float) -> range:
    """Tariffs on China's good for the volume and revenue curves: always far enough to include this scenario."""
    return range(0, max(200, 10 * math.ceil(total / 10)) + 1, 5)


def inactive(values: dict[str, float], china_pct: float, others_pct: float) -> dict[str, str]:
    """Settings that change nothing in this state, and why (said next to each slider)."""
    notes: dict[str, str] = {}
    if values["section232"] > 0:
        exempt = _(
            "No effect while the Section 232 tariff is above 0%: Section 232 goods are exempt from the reciprocal tariffs."
        )
        notes["reciprocal"] = notes["others_reciprocal"] = exempt
    if values["pass_through"] == 0:
        unmoved = _(
            "No effect while pass-through is 0%: the buyer's price does not change, whatever the tariff."
        )
        notes["elasticity"] = notes["switching"] = unmoved
    elif values["china_share"] == 100:
        notes["switching"] = notes["others_reciprocal"] = _(
            "No effect while China is the only supplier (100%): there is no one to switch to."
        )
    # No note when China and others pay the same tariff: switching then leaves the read-outs as they are,
    # but the curves try other tariffs on China, where it matters.
    return notes


def compute(values: dict[str, float]) -> Result:
    charged = applied_layers(values)
    layers = [{"order": i, "layer": label, "rate": charged[key]} for i, (key, label, _) in enumerate(LAYERS)]
    china, others = china_tariff(values), others_tariff(values)
    curve = [{"tariff": rate, **outcome(rate, others, values)} for rate in curve_rates(china)]
    mine = outcome(china, others, values)
    figures = [
        Figure(
            "total",
            N_("Tariff on this good from China (all layers that apply)"),
            china,
            "%",
            short=N_("Tariff from China"),
        ),
        Figure(
            "price",
            N_("Duty-paid import price of the $100 Chinese good (before any shop mark-up)"),
            mine["price"],
            "$",
            short=N_("Price of the $100 good"),
        ),
        Figure(
            "volume",
            N_("Imports of this good from China, as a share of their no-tariff level"),
            mine["volume"],
            "%",
            short=N_("Imports from China"),
        ),
        Figure(
            "effective_before",
            N_("Average tariff on all imports of this good, before buyers switch suppliers"),
            mine["effective_before"],
            "%",
            short=N_("Avg. tariff before switch"),
        ),
        Figure(
            "effective_after",
            N_("Average tariff on all imports of this good, after buyers switch suppliers"),
            mine["effective_after"],
            "%",
            short=N_("Avg. tariff after switch"),
        ),
        Figure(
            "revenue",
            N_("Customs revenue per $100 of no-tariff purchases of this good"),
            mine["revenue"],
            "$",
            short=N_("Customs revenue per $100"),
        ),
    ]
    point = [{"tariff": china, "others_tariff": others, **mine}]
    return Result(
        {"layers": layers, "curve": curve, "point": point}, figures, inactive(values, china, others)
    )


def in_one_line(values: dict[str, float], figures: dict[str, float]) -> str:
    """Why the buyer's price is what it is: the tariff, the part passed on, the arithmetic."""
    tariff, passed = figures["total"], values["pass_through"]
    price = format_value(figures["price"], "$")
    if passed == 0:
        return _(
            "The tariff on this good from China is {tariff}, but none of it is passed on, so the buyer still pays {price}."
        ).format(tariff=format_value(tariff, "%"), price=price)
    multiplier = exact(round(1 + passed / 100 * tariff / 100, 4))  # exact: 1.1584, not 1.16
    if passed == 100:
        said = _(
            "The tariff on this good from China is {tariff} and all of it is passed on to the buyer, "
            "so the buyer pays {base} × {multiplier} = {price}."
        )
    else:
        said = _(
            "The tariff on this good from China is {tariff} and {share} of it is passed on to the buyer, "
            "so the buyer pays {base} × {multiplier} = {price}."
        )
    return said.format(
        tariff=format_value(tariff, "%"),
        share=format_value(passed, "%"),
        base=f"${exact(BASE_PRICE)}",
        multiplier=multiplier,
        price=price,
    )


# --- The model in words (widgets/describe.py): what a reader hears after each change ---------------------


def _revenue_peak(curve: Rows) -> dict[str, float]:
    return max(curve, key=lambda row: row["revenue"])


def states(values: dict[str, float], data: dict[str, Rows]) -> dict[str, State]:
    """Where the scenario stands on its revenue curve: below the peak, past it, or no peak in the range."""
    curve = [r for r in data["curve"] if r["scenario"] == YOURS]
    tariff = next(r["tariff"] for r in data["point"] if r["scenario"] == YOURS)
    peak = _revenue_peak(curve)
    if peak["tariff"] == curve[-1]["tariff"]:
        top = format_value(curve[-1]["tariff"], "%")
        return {
            "revenue": State(
                "rising",
                _("customs revenue keeps rising with the tariff up to {top}: no peak").format(top=top),
            )
        }
    near = format_value(peak["tariff"], "%")
    if tariff > peak["tariff"] + 2.5:  # the curve is drawn every 5%: past the peak by more than half a step
        said = _("revenue now falls as the tariff rises: past its peak near {near}")
        return {"revenue": State("past", said.format(near=near))}
    said = _("revenue still rises with the tariff, up to its peak near {near}")
    return {"revenue": State("below", said.format(near=near))}


def _layers_text(rows: Rows) -> str:
    total = format_value(sum(r["rate"] for r in rows), "%")
    charged = [
        _("{setting} {value}").format(setting=_(r["layer"]), value=format_value(r["rate"], "%"))
        for r in rows
        if r["rate"] > 0
    ]
    return f"{total} ({', '.join(charged)})" if charged else total


def chart_summaries(data: dict[str, Rows]) -> dict[str, str]:
    """What each chart shows for the baseline and your scenario."""
    layers = {who: [r for r in data["layers"] if r["scenario"] == who] for who in (BASELINE, YOURS)}
    curve = [r for r in data["curve"] if r["scenario"] == YOURS]
    points = {r["scenario"]: r for r in data["point"]}
    peak = _revenue_peak(curve)

    def at(point: dict[str, float]) -> str:
        return _("at {tariff}, imports {volume} and revenue {revenue}").format(
            tariff=format_value(point["tariff"], "%", 1),
            volume=format_value(point["volume"], "", 1),
            revenue=format_value(point["revenue"], "$"),
        )

    return {
        "tariff_layers": _(
            "Your scenario's tariff layers add up to {yours}; the baseline's to {baseline}."
        ).format(yours=_layers_text(layers[YOURS]), baseline=_layers_text(layers[BASELINE])),
        "volume_and_revenue": _(
            "As China's tariff climbs from 0% to {top}, imports from China fall from {first} to {last} "
            "(no tariffs = 100), and customs revenue peaks at {revenue} per $100 of no-tariff purchases near "
            "{peak}. Your scenario is {yours}; the baseline {baseline}."
        ).format(
            top=format_value(curve[-1]["tariff"], "%"),
            first=format_value(curve[0]["volume"], "", 1),
            last=format_value(curve[-1]["volume"], "", 1),
            revenue=format_value(peak["revenue"], "$"),
            peak=format_value(peak["tariff"], "%"),
            yours=at(points[YOURS]),
            baseline=at(points[BASELINE]),
        ),
    }


NARRATION = Narration(
    names={
        "price": N_("the price paid"),
        "volume": N_("imports from China"),
        "revenue": N_("customs revenue"),
        "total": N_("the tariff on the good from China"),
    },
    plural=frozenset({"volume"}),
    states=states,
    charts=chart_summaries,
)


MODEL = Model(
    name="tariff_stack",
    version=3,  # see [[model_version]] in explainers/corrections.toml
    title=N_("What US tariffs do to one good imported from China"),
    params=PARAMS,
    presets=PRESETS,
    compute=compute,
    in_one_line=in_one_line,
    narration=NARRATION,
    method="""The model follows **one good**, priced $100 before tariffs by every supplier. The tariff on the Chinese
good is the sum of the layers that apply: **t_c** = MFN + Section 301 + Section 232 + fentanyl + reciprocal + Section 122,
except that a good under a Section 232 tariff pays no reciprocal tariff [@natlawreview-2025-04]. The same good from
another country pays **t_o** = MFN + Section 232 + Section 122 + that country's reciprocal tariff (none on a Section 232
good).

A buyer pays the duty-paid import price **P = 100 × (1 + φ·t)** for each supplier, where φ is the share passed on (a
shop adds its own mark-up on top). Buyers shift between suppliers with the price gap (trade diversion, with switching
strength σ): China's share of purchases becomes **s = s0·P_c^−σ / (s0·P_c^−σ + (1 − s0)·P_o^−σ)**, from s0 before the
tariffs. They buy less of the good as its price index **P̄ = (s0·P_c^−σ + (1 − s0)·P_o^−σ)^(−1/σ)** rises, at a constant
elasticity ε: **Q = 100 × (P̄/100)^−ε**. Imports from China are **s·Q**. This index is the one that goes with the
switching equation: each supplier's share is how much the index moves when that supplier's price moves, so a dearer
good from China always raises it and never raises total purchases (with no switching, σ = 0, it is the average of the two
prices in logarithms, weighted by s0). The plain average price after switching, s·P_c + (1 − s)·P_o, would not do: as
buyers leave the taxed good it can fall while the tariff rises, and total purchases would then rise with the tariff.

The **average tariff** on all imports of the good is **s0·t_c + (1 − s0)·t_o** before buyers switch and
**s·t_c + (1 − s)·t_o** after: the same two measures (before and after substitution) that trackers of the average US
tariff report. Customs revenue counts each tariff on its customs value, what the exporter is paid (**P / (1 + t)** per
unit). If China were the only supplier and the whole tariff passed on, revenue would peak at **t = 1/(ε − 1)** when ε is
above 1, and keep rising with the rate when ε is 1 or less; switching to other suppliers moves the peak lower.

**Why not Trump's 57% → 47%?** His figures are his own claim, not a published statistic [@reuters-1lurer-2025-10-30].
Averages over all goods weight each good by its trade: PIIE put the average US tariff on Chinese goods at 20.8% on
20 January 2025, before the 2025 layers [@piie-tariff-chart]. The widget's good, on Section 301 Lists 1 to 3, pays more
than that average: 58% before Busan and 48% after.""",
    limits="""One good and one importing country; every supplier charges the same $100 before tariffs and does not cut
its price; no retaliation, no exchange-rate change, no time lags (the "after switching" figures are where buyers end
up, not how fast). The Section 232 exemption covers the reciprocal tariffs only, and the whole good is treated as
covered (in practice some goods pay on their metal content). It illustrates the arithmetic; it does not forecast
prices or trade.""",
    limits_in_brief=N_(
        "This is one good, not the average of all Chinese goods: suppliers do not cut their prices, "
        "China does not retaliate, and switching suppliers happens at once rather than over months."
    ),
)
