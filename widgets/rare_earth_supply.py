"""rare_earth_supply: what a Chinese export restriction does to rare-earth supply, month by month.

Month 0 is November 2025, when the terms agreed at Busan took effect. The market starts balanced: China supplies its share of
processed rare earths, everyone else the rest. While a restriction is in force, China withholds part of
its exports; buyers first draw on their stockpile, then go short. The price rises until buyers' cut in
use matches the shortfall. An illustration of the mechanism, not a forecast.
"""

from __future__ import annotations

from widgets.model import Figure, Model, Preset, Result
from widgets.params import Param, defaults

HORIZON = 48  # months shown: four years from Busan
PRICE_CAP = 10.0  # the price index stops at 10x: beyond any multiple seen in 2025 (about 6x for magnets in Europe)
START = (2025, 11)  # month 0: November 2025, when the truce's terms took effect (10 Nov)

PARAMS = (
    Param("china_share", "China's share of processed supply", "%", 50, 100, 1, 90, source="northernminer-2025",
          help="About 90% of rare-earth processing (separation and refining) happens in China; the IEA put it at 91% in October 2025."),
    Param("withheld", "Share of China's exports withheld", "%", 0, 100, 5, 50,
          assumption="No source states how much a future restriction would withhold; 50% is a middle value. For scale: China's magnet exports fell 74% year on year in May 2025, after the April controls.",
          help="While the restriction is in force, this share of China's supply does not reach buyers abroad."),
    Param("start_month", "Restriction starts (months after November 2025)", "months", 0, 36, 1, 12, source="chemradar-no70",
          help="The one-year suspension of China's October 2025 controls ran to 10 November 2026: 12 months after the terms took effect on 10 November 2025."),
    Param("duration", "Restriction lasts", "months", 0, 36, 1, 12,
          assumption="No source says how long a renewed restriction would last; 12 months mirrors the one-year length of the truce. 0 means no restriction.",
          help="0 means no restriction: the truce holds."),
    Param("stockpile", "Buyers' stockpile", "months", 0, 12, 0.5, 3,
          assumption="Buyers' stockpiles are not published; 3 months of demand is a teaching value. Ford idled a plant for a week in May 2025 for lack of magnets, a sign that some buyers held little.",
          help="How many months of normal demand buyers hold in stock when the restriction starts."),
    Param("other_growth", "Growth of supply outside China", "% per year", 0, 50, 1, 10,
          assumption="No source gives this rate; 10% a year is a teaching value. New mine-to-magnet chains take 10–15 years (The Diplomat), so fast growth is hard.",
          help="How fast mines and plants outside China add output."),
    Param("demand_growth", "Growth of demand", "% per year", 0, 20, 1, 5,
          assumption="No source gives this rate; 5% a year stands for steady growth in electric vehicles and wind turbines.",
          help="How fast the world's use of processed rare earths grows."),
    Param("elasticity", "How strongly buyers cut use when prices rise (elasticity)", "", 0, 2, 0.05, 0.3,
          assumption="No source gives this value; 0.3 means a 10% higher price cuts use by about 3%. Rare earths are a small part of a car's or turbine's cost, so use responds little to price.",
          help="0: buyers cannot cut use at all, so any shortage sends the price to its cap."),
)

_DEFAULTS = defaults(PARAMS)
PRESETS = (
    Preset("truce_holds", "Truce holds (hypothetical)", {**_DEFAULTS, "duration": 0}),
    Preset("truce_lapses", "Truce lapses in Nov 2026 (hypothetical)", {**_DEFAULTS, "start_month": 12, "duration": 12}, "chemradar-no70"),
)


def month_label(month: int) -> str:
    year, zero_based = divmod(START[0] * 12 + START[1] - 1 + month, 12)
    return f"{year}-{zero_based + 1:02d}-01"


def price_index(demand: float, served: float, elasticity: float) -> float:
    """The price at which buyers' cut in use equals the shortfall: (demand / served)^(1/elasticity), capped."""
    if served >= demand:
        return 100.0
    if elasticity == 0 or served <= 0:
        return 100.0 * PRICE_CAP
    return 100.0 * min(PRICE_CAP, (demand / served) ** (1 / elasticity))


def compute(values: dict[str, float]) -> Result:
    share = values["china_share"] / 100
    withheld = values["withheld"] / 100
    start, end = values["start_month"], values["start_month"] + values["duration"]
    stock_cap = values["stockpile"] * 100.0  # months of month-0 demand (demand index 100)
    stock = stock_cap
    rows = []
    for month in range(HORIZON):
        years = month / 12
        demand = 100.0 * (1 + values["demand_growth"] / 100) ** years
        other = 100.0 * (1 - share) * (1 + values["other_growth"] / 100) ** years
        china_normal = max(0.0, demand - other)  # China fills the rest of the market, as before Busan
        restricted = start <= month < end
        china = china_normal * (1 - withheld) if restricted else china_normal
        gap = demand - china - other
        drawn = min(stock, max(0.0, gap))
        stock = min(stock_cap, stock - drawn + max(0.0, -gap))  # a surplus refills the stockpile
        unmet = max(0.0, gap - drawn)
        served = demand - unmet
        rows.append({
            "month": month, "date": month_label(month), "demand": demand, "china": china, "other": other,
            "stock_drawn": drawn, "unmet": unmet, "unmet_share": unmet / demand, "stock": stock,
            "price": price_index(demand, served, values["elasticity"]), "restricted": restricted,
        })
    short = [r for r in rows if r["unmet"] > 1e-9]
    figures = [
        Figure("peak_shortfall", "Peak shortfall (share of demand)", 100 * max(r["unmet_share"] for r in rows), "%"),
        Figure("months_short", "Months in shortage", len(short), "months", 0),
        Figure("peak_price", "Peak price (times the pre-restriction price)", max(r["price"] for r in rows) / 100, "×"),
    ]
    return Result({"months": rows}, figures)


MODEL = Model(
    name="rare_earth_supply",
    title="What an export restriction does to rare-earth supply, month by month",
    params=PARAMS,
    presets=PRESETS,
    compute=compute,
    method="""Month *m* counts from November 2025, when the Busan terms took effect. Demand grows at rate *g*:
**D = 100 × (1 + g)^(m/12)** (100 = demand in November 2025). Supply from outside China starts at its share
(1 − s) of the market and grows at rate *h*: **O = 100 × (1 − s) × (1 + h)^(m/12)**. China normally fills the rest,
**C = D − O**; while the restriction is in force it withholds a share *w*, so **C = (D − O) × (1 − w)**.
The gap **D − C − O** is first covered from the buyers' stockpile (set in months of November 2025 demand);
what stocks cannot cover is **unmet demand**, shown as a share of demand. A surplus refills the stockpile.
The price index is the level at which buyers' cut in use matches the shortfall at elasticity ε:
**P = 100 × (D / served)^(1/ε)**, capped at 10 times the starting price.""",
    limits="""One pooled market for all rare earths (in reality each element has its own market); China's
normal supply simply fills demand; no new Chinese licences, smuggling or recycling; the price only rations
and does not call forth new supply within the four years; buyers do not hoard in advance. The cap on the
price index is a teaching bound, not an observed price.""",
)
