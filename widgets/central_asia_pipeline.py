"""central_asia_pipeline: how fast Central Asia can add rare-earth supply, year by year to 2040.

Money invested each year from 2026 turns into output only after a lead time; each $1 bn of investment
adds a fixed yearly output. Part of the ore is processed in the region, which multiplies the value that
stays there. Compared with supply outside China in 2024, it shows why diversification is slow.
"""

from __future__ import annotations

from widgets.model import Figure, Model, Result
from widgets.params import Param, defaults

FIRST_INVESTMENT = 2026  # the first full year after the C5+1 summit of 6 November 2025
YEARS = range(2025, 2041)
OUTSIDE_CHINA_2024 = 120_000.0  # tonnes REO: world 390,000 minus China 270,000 (USGS 2024 via NAI500)

PARAMS = (
    Param("investment", "Investment each year", "$ bn", 0, 10, 0.1, 1,
          assumption="No source gives a regional total; $1 bn a year is the size of single 2025 deals: the $1.1 bn Kazakh tungsten project and Uzbekistan's $1 bn Traxys portfolio.",
          help="New money put into mines and plants in Kazakhstan and Uzbekistan every year from 2026."),
    Param("lead_time", "Lead time from investment to output", "years", 1, 15, 1, 4, source="projectblue-tungsten",
          help="The Kazakh tungsten project expects production within 3.5–4 years; a whole mine-to-magnet chain takes 10–15 years (The Diplomat)."),
    Param("output_per_bn", "Output per $1 bn invested", "t per year", 0, 10_000, 100, 2_000,
          assumption="No source gives this for rare earths; 2,000 tonnes of rare-earth oxide a year per $1 bn is a teaching value (the tungsten project plans about 12,000 t of concentrate a year for $1.1 bn, a different mineral).",
          help="Tonnes of rare-earth oxide a year added by each $1 bn, once output starts."),
    Param("processed_share", "Share processed in the region", "%", 0, 100, 5, 10,
          assumption="No source gives this share; 10% stands for a region that today exports mostly raw material.",
          help="Ore separated and refined in Central Asia instead of exported raw."),
    Param("value_multiple", "Value of processed over raw material", "×", 1, 10, 0.5, 3,
          assumption="No source gives this multiple; 3 is a teaching value for refined oxide against concentrate.",
          help="How many times more a tonne is worth once processed."),
)


def series(values: dict[str, float], scenario: str) -> list[dict[str, float | int | str]]:
    rows = []
    processed = values["processed_share"] / 100
    for year in YEARS:
        producing_years = max(0, year - (FIRST_INVESTMENT + int(values["lead_time"])) + 1)
        output = producing_years * values["investment"] * values["output_per_bn"]
        rows.append({
            "scenario": scenario,
            "year": year,
            "output": output,
            "share_outside_china": output / (OUTSIDE_CHINA_2024 + output),
            "value_raw": output,  # in tonnes of raw-material value: all exported raw
            "value_kept": output * ((1 - processed) + processed * values["value_multiple"]),
        })
    return rows


def compute(values: dict[str, float]) -> Result:
    mine = series(values, "Your scenario")
    default = series(defaults(PARAMS), "Default")
    producing = [r["year"] for r in mine if r["output"] > 0]
    last = mine[-1]
    figures = [
        Figure("first_output", "First year of output", producing[0] if producing else 0, "year"),
        Figure("output_2040", "Output in 2040 (tonnes of rare-earth oxide)", last["output"], "t", 0),
        Figure("share_2040", "Share of supply outside China in 2040", 100 * last["share_outside_china"], "%"),
        Figure("value_2040", "Value kept in the region in 2040 (raw-tonne equivalents)", last["value_kept"], "t", 0),
    ]
    return Result({"years": default + mine}, figures)


MODEL = Model(
    name="central_asia_pipeline",
    title="How fast Central Asia can add rare-earth supply",
    params=PARAMS,
    compute=compute,
    method="""From 2026, an investment of **I** ($ bn) is made every year. Each year's investment starts producing
after a lead time **L** years and then adds **k** tonnes a year per $1 bn, so output in year *y* is
**Q = I × k × (number of investment years already producing)** and the first output comes in 2026 + L.
Its share of supply outside China is **Q / (120,000 + Q)**, against 2024's mine production outside China
(390,000 t world minus 270,000 t China, USGS). A share *p* is processed in the region and is worth *v*
times as much as raw material, so the value kept is **Q × ((1 − p) + p × v)** in tonnes of raw-material value.""",
    limits="""A year 0 of 2026 and a constant yearly investment; no project delays or failures, no ramp-up,
no depletion; supply elsewhere outside China held at its 2024 level; prices and exchange rates fixed; a
single value multiple for all processing. It shows how lead times shape the timing, not what will be built.""",
)
