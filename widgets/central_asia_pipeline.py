"""central_asia_pipeline: how fast Central Asia can add rare-earth supply, and whether it reduces the world's
dependence on China, year by year to 2050.

Money invested each year from 2026 turns into mine output only after a lead time; each $1 bn adds a fixed
yearly output. Mining is not processing: ore shipped to China for separation leaves the world as dependent
on Chinese processing as before. Only the share separated outside China (here, in the region) lowers
China's share of the world's processing, and it also raises the value that stays in the region.
"""

from __future__ import annotations

from widgets.describe import Narration, Rows, State
from widgets.model import BASELINE, YOURS, Figure, Model, Preset, Result
from widgets.params import Param, defaults, format_value
from widgets.words import N_, _

FIRST_INVESTMENT = 2026  # the first full year after the C5+1 summit of 6 November 2025
YEARS = range(2025, 2051)
# tonnes of rare-earth oxide mined in 2024 (USGS via NAI500); processing roughly matches mining
WORLD_2024 = 390_000.0
CHINA_PROCESSING_SHARE = 0.90  # China's share of the world's rare-earth processing (IEA: 91%, October 2025)

PARAMS = (
    Param(
        name="investment",
        label=N_("Investment each year"),
        unit=N_("$ bn"),
        minimum=0,
        maximum=10,
        step=0.1,
        default=1,
        assumption=N_(
            "No source gives a regional total; $1 bn a year is about the size of one large announced project, such as the $1.1 bn Kazakh tungsten project (a different mineral)."
        ),
        help=N_(
            "New money put into rare-earth mines and plants in Kazakhstan and Uzbekistan every year from 2026."
        ),
    ),
    Param(
        name="lead_time",
        label=N_("Lead time from a project's start to first output"),
        unit=N_("years"),
        minimum=1,
        maximum=24,
        step=0.5,
        default=16,
        source="iea-2022-lead-times",
        help=N_(
            "Major mines that opened in 2010–2019 took more than 16 years on average from discovery to first production (IEA); S&P Global found 15.7 years over 127 mines. A project on a deposit already explored is faster: the Kazakh tungsten project expects production within 3.5–4 years (see its preset)."
        ),
    ),
    Param(
        name="output_per_bn",
        label=N_("Output per $1 bn invested"),
        unit=N_("t per year"),
        minimum=0,
        maximum=10_000,
        step=100,
        default=2_000,
        assumption=N_(
            "No source gives this for rare earths; 2,000 tonnes of rare-earth oxide a year per $1 bn is a teaching value (the tungsten project plans about 12,000 t of concentrate a year for $1.1 bn, a different mineral)."
        ),
        help=N_("Tonnes of rare-earth oxide a year added by each $1 bn, once output starts."),
    ),
    Param(
        name="processed_share",
        label=N_("Share of the region's ore separated in the region, not in China"),
        unit="%",
        minimum=0,
        maximum=100,
        step=5,
        default=10,
        assumption=N_(
            "No source gives this share; 10% stands for a region that today exports mostly raw material, much of it for separation in China."
        ),
        help=N_(
            "Ore separated and refined in Central Asia. The rest is assumed to go to China for separation, as most of the world's ore does."
        ),
    ),
    Param(
        name="world_growth",
        label=N_("Growth of the world's rare-earth supply"),
        unit=N_("% per year"),
        minimum=0,
        maximum=15,
        step=1,
        default=5,
        assumption=N_(
            "No source gives this rate; 5% a year is a teaching value, the same as the demand growth in the supply widget."
        ),
        help=N_("How fast supply from everywhere else grows from its 2024 level (390,000 t of oxide mined)."),
    ),
    Param(
        name="oxide_price",
        label=N_("Price of separated rare-earth oxide"),
        unit=N_("$ per kg"),
        minimum=1,
        maximum=100,
        step=1,
        default=20,
        assumption=N_(
            "No single price fits every ore, since each element has its own price; $20 per kg is a teaching value for an average mix. Dysprosium oxide, one of the dearest, sold for $250–310 per kg in Europe in early April 2025 (Argus)."
        ),
        help=N_(
            "What a kilogram of separated oxide sells for; used to state the value of the region's output in dollars."
        ),
    ),
    Param(
        name="value_multiple",
        label=N_("Value of separated oxide over unprocessed ore"),
        unit="×",
        minimum=1,
        maximum=10,
        step=0.5,
        default=3,
        assumption=N_(
            "No source gives this multiple; 3 is a teaching value: a tonne of ore concentrate sells for a third of the oxide it contains."
        ),
        help=N_(
            "How many times more a tonne is worth once separated; ore sold unprocessed earns the oxide price divided by this."
        ),
    ),
)

_DEFAULTS = defaults(PARAMS)
PRESETS = (
    Preset(
        "known_deposit",
        N_("A deposit already explored (4-year lead time)"),
        {**_DEFAULTS, "lead_time": 4},
        "projectblue-tungsten",
    ),
    Preset(
        "processing_at_home", N_("Half the ore separated in the region"), {**_DEFAULTS, "processed_share": 50}
    ),
)


def producing_years(year: int, lead_time: float) -> float:
    """How many years' worth of investment produce in `year`: each year's investment starts at the start of
    its year and produces from lead_time years later, part of a year counted as a part (3.5 years: half of 2029)."""
    return sum(
        min(1.0, max(0.0, year + 1 - (cohort + lead_time))) for cohort in range(FIRST_INVESTMENT, year + 1)
    )


def year_row(values: dict[str, float], year: int) -> dict[str, float | int]:
    processed = values["processed_share"] / 100
    output = producing_years(year, values["lead_time"]) * values["investment"] * values["output_per_bn"]
    world = WORLD_2024 * (1 + values["world_growth"] / 100) ** (year - 2024) + output
    # China separates its share of everyone else's ore, and the region's ore that is not separated at home.
    china_processing = CHINA_PROCESSING_SHARE * (world - output) + (1 - processed) * output
    raw_price = values["oxide_price"] / values["value_multiple"]
    return {
        "year": year,
        "output": output,
        "mine_share": output / world,  # Central Asia's share of the world's mine output
        "china_processing_share": china_processing / world,
        "value_kept": output
        * (processed * values["oxide_price"] + (1 - processed) * raw_price)
        / 1000,  # $ m
        "value_if_raw": output * raw_price / 1000,
    }


def inactive(values: dict[str, float]) -> dict[str, str]:
    if values["investment"] == 0 or values["output_per_bn"] == 0:
        why = (
            _("No effect while nothing is invested.")
            if values["investment"] == 0
            else _("No effect while each $1 bn adds no output.")
        )
        names = ["lead_time", "processed_share", "oxide_price", "value_multiple"]
        names.append("output_per_bn" if values["investment"] == 0 else "investment")
        return dict.fromkeys(names, why)
    if values["processed_share"] == 100:
        return {
            "value_multiple": _(
                "No effect while all the ore is separated in the region: none is sold unprocessed."
            )
        }
    return {}


def compute(values: dict[str, float]) -> Result:
    rows = [year_row(values, year) for year in YEARS]
    producing = [r["year"] for r in rows if r["output"] > 0]
    last = rows[-1]
    figures = [
        Figure("first_output", N_("First year of output"), producing[0] if producing else 0, "year"),
        Figure(
            "output_2050",
            N_("Output in 2050 (tonnes of rare-earth oxide)"),
            last["output"],
            "t",
            0,
            short=N_("Output in 2050"),
        ),
        Figure(
            "mine_share_2050",
            N_("Central Asia's share of world mine output in 2050"),
            100 * last["mine_share"],
            "%",
            short=N_("Central Asia's mine share"),
        ),
        Figure(
            "china_share_2050",
            N_("China's share of world processing in 2050 (90% today)"),
            100 * last["china_processing_share"],
            "%",
            short=N_("China's processing share"),
        ),
        Figure(
            "value_2050",
            N_("Value of the region's 2050 output, at the oxide price set"),
            last["value_kept"],
            "$ m",
            0,
            short=N_("Value of 2050 output"),
        ),
    ]
    return Result({"years": rows}, figures, inactive(values))


def in_one_line(values: dict[str, float], figures: dict[str, float]) -> str:
    """Why China's share of processing moves as much (or as little) as it does by 2050."""
    today = format_value(100 * CHINA_PROCESSING_SHARE, "%")
    if figures["output_2050"] == 0:
        return _(
            "No new output comes by 2050 in this scenario, so China's share of processing stays at {today}."
        ).format(today=today)
    processed = values["processed_share"]
    where = (
        _("none of it is separated in the region (China separates it)")
        if processed == 0
        else _("{share} of it is separated in the region").format(share=format_value(processed, "%"))
    )
    return _(
        "Investing {investment} a year from {first_year} with a lead time of {lead_time}, output starts in "
        "{first_output} and reaches {output} a year by 2050, {mine_share} of the world's mine output; {where}, "
        "so China's share of world processing is {china_share} in 2050 ({today} today)."
    ).format(
        investment=format_value(values["investment"], "$ bn"),
        first_year=FIRST_INVESTMENT,
        lead_time=format_value(values["lead_time"], "years"),
        first_output=format_value(figures["first_output"], "year"),
        output=format_value(figures["output_2050"], "t", 0),
        mine_share=format_value(figures["mine_share_2050"], "%"),
        where=where,
        china_share=format_value(figures["china_share_2050"], "%"),
        today=today,
    )


# --- The model in words (widgets/describe.py): what a reader hears after each change ---------------------


def _rows(data: dict[str, Rows], who: str = YOURS) -> Rows:
    return [r for r in data["years"] if r["scenario"] == who]


def states(values: dict[str, float], data: dict[str, Rows]) -> dict[str, State]:
    """Whether the region produces by 2050, and which way China's share of processing moves."""
    rows = _rows(data)
    producing = [r for r in rows if r["output"] > 0]
    if not producing:
        return {"output": State("none", _("no Central Asian output by 2050"))}
    today = format_value(100 * CHINA_PROCESSING_SHARE, "%")
    share = rows[-1]["china_processing_share"]
    if share < CHINA_PROCESSING_SHARE - 1e-9:
        dependence = State(
            "lower",
            _(
                "China's share of processing falls below {today}: the region separates more than a tenth of its ore"
            ).format(today=today),
        )
    elif share > CHINA_PROCESSING_SHARE + 1e-9:
        dependence = State(
            "higher",
            _(
                "China's share of processing rises above {today}: most of the region's ore goes to China for separation"
            ).format(today=today),
        )
    else:
        dependence = State("same", _("China's share of processing stays at {today}").format(today=today))
    return {
        "output": State("producing", _("output begins in {year}").format(year=producing[0]["year"])),
        "dependence": dependence,
    }


def _output_text(rows: Rows) -> str:
    producing = [r for r in rows if r["output"] > 0]
    if not producing:
        return _("no output by 2050")
    return _("output starts in {year} and reaches {output} a year in 2050").format(
        year=producing[0]["year"], output=format_value(rows[-1]["output"], "t", 0)
    )


def _shares_text(rows: Rows) -> str:
    last = rows[-1]
    return _(
        "Central Asia mines {mine_share} of the world's rare earths and China separates {china_share}"
    ).format(
        mine_share=format_value(100 * last["mine_share"], "%", 1),
        china_share=format_value(100 * last["china_processing_share"], "%", 1),
    )


def chart_summaries(data: dict[str, Rows]) -> dict[str, str]:
    """What each chart shows for your scenario and the baseline."""
    yours, base = _rows(data), _rows(data, BASELINE)
    return {
        "output_over_time": _("Your scenario: {yours}. Baseline: {baseline}.").format(
            yours=_output_text(yours), baseline=_output_text(base)
        ),
        "mining_against_processing": _(
            "In 2050, in your scenario, {yours}; in the baseline, {baseline} (China: {today} today)."
        ).format(
            yours=_shares_text(yours),
            baseline=_shares_text(base),
            today=format_value(100 * CHINA_PROCESSING_SHARE, "%"),
        ),
    }


NARRATION = Narration(
    names={
        "first_output": N_("the first year of output"),
        "china_share_2050": N_("China's share of processing in 2050"),
        "output_2050": N_("output in 2050"),
        "value_2050": N_("the value of the 2050 output"),
    },
    states=states,
    charts=chart_summaries,
)


MODEL = Model(
    name="central_asia_pipeline",
    version=2,  # see [[model_version]] in explainers/corrections.toml
    title=N_("How fast Central Asia can add rare-earth supply, and whether it lowers dependence on China"),
    params=PARAMS,
    presets=PRESETS,
    compute=compute,
    in_one_line=in_one_line,
    narration=NARRATION,
    method="""From 2026, an investment of **I** ($ bn) is made every year. Each year's investment starts producing after a
lead time **L** years and then adds **k** tonnes of rare-earth oxide a year per $1 bn, so output in year *y* is
**Q = I × k × (years of investment already producing)**, a part of a year counted as a part; the first output comes in
2026 + L. The default lead time is the average from discovery to first production [@iea-2022-lead-times], close to the
15.7 years S&P Global found over 127 mines [@spglobal-2023-lead-times]; a deposit already explored is faster
[@projectblue-tungsten].

Supply from everywhere else starts at 2024's mine output, 390,000 t [@usgs-2025-nai500], and grows at rate *g*; the
region's output adds to it, so **W = 390,000 × (1 + g)^(y − 2024) + Q**. **Mining is not processing.** China separates
about 90% of the world's rare earths [@northernminer-2025]; the model keeps that share for everyone else's ore, and
sends the region's ore that is not separated at home (share 1 − p) to China as well. China's share of the world's
processing is then **(0.9 × (W − Q) + (1 − p) × Q) / W**: it falls only if the region separates more than 10% of its own
ore, however much it mines.

Value is in dollars at a stated price: separated oxide sells at **P** per kg and unprocessed ore at **P / v**, so the
value of the year's output is **Q × 1,000 × (p × P + (1 − p) × P / v)** dollars.""",
    limits="""A first year of 2026 and a constant yearly investment; no project delays or failures, no ramp-up, no
depletion; one lead time for every project; supply elsewhere grows smoothly and China's share of processing elsewhere
is held at 90%; prices and exchange rates fixed; one price and one value multiple for all elements. It shows how lead
times and processing shape the timing and the dependence, not what will be built.""",
    limits_in_brief=N_(
        "Every project here is built on time at one lead time, prices stay fixed, and China is assumed to "
        "go on separating 90% of everyone else's ore."
    ),
)
