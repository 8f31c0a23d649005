"""rare_earth_supply: what a new Chinese export restriction does to buyers outside China, month by month.

Month 0 is November 2025, when the terms agreed at Busan took effect; the April 2025 licensing stayed in
force and is already part of the starting supply. China uses part of its output at home and exports the
rest; a restriction withholds part of the exports only. Buyers abroad draw on their stockpile, then go
short; the price jumps as soon as a restriction starts (buyers bid for what is left, before anyone runs
short), rises further to ration a shortage, and eases as buyers rebuild their stocks afterwards.
An illustration of the mechanism, not a forecast.
"""

from __future__ import annotations

import math

from widgets.describe import Narration, Rows, State
from widgets.model import BASELINE, YOURS, Figure, Model, Preset, Result
from widgets.params import Param, defaults, format_value
from widgets.words import N_, _, ngettext

HORIZON = 84  # months shown: seven years, so the latest start (36) plus the longest restriction (36) leave a year after it
# the price index stops at 10x: beyond any multiple seen in 2025 (about 6x for magnets in Europe)
PRICE_CAP = 10.0
# after a restriction, buyers rebuild their stockpile over about six months (a teaching value)
RESTOCK_MONTHS = 6
START = (2025, 11)  # month 0: November 2025, when the truce's terms took effect (10 Nov)

PARAMS = (
    Param(
        name="china_share",
        label=N_("China's share of processed supply"),
        unit="%",
        minimum=50,
        maximum=100,
        step=1,
        default=90,
        source="northernminer-2025",
        help=N_(
            "About 90% of rare-earth processing (separation and refining) happens in China; the IEA put it at 91% in October 2025."
        ),
    ),
    Param(
        name="home_use",
        label=N_("Share of China's processed output used in China"),
        unit="%",
        minimum=0,
        maximum=90,
        step=5,
        default=60,
        assumption=N_(
            "We found no published share for all processed rare earths; 60% is a teaching value. China makes most of the world's magnets (about 94%, IEA), so much of its output is used in its own factories and never exported."
        ),
        help=N_(
            "What China uses at home is not withheld by an export restriction; only the rest reaches buyers abroad."
        ),
    ),
    Param(
        name="withheld",
        label=N_("Share of China's exports withheld by a new restriction"),
        unit="%",
        minimum=0,
        maximum=100,
        step=5,
        default=50,
        assumption=N_(
            "No source states how much a future restriction would withhold; 50% is a middle value. For scale: China's magnet exports fell 74% year on year in May 2025, after the April controls."
        ),
        help=N_(
            "While a new restriction is in force, this share of what China would export does not reach buyers abroad."
        ),
    ),
    Param(
        name="start_month",
        label=N_("Restriction starts (months after November 2025)"),
        unit=N_("months"),
        minimum=0,
        maximum=36,
        step=1,
        default=12,
        source="chemradar-no70",
        help=N_(
            "The one-year suspension of China's October 2025 controls ran to 10 November 2026: 12 months after the terms took effect on 10 November 2025."
        ),
    ),
    Param(
        name="duration",
        label=N_("Restriction lasts"),
        unit=N_("months"),
        minimum=0,
        maximum=36,
        step=1,
        default=12,
        assumption=N_(
            "No source says how long a renewed restriction would last; 12 months mirrors the one-year length of the truce."
        ),
        help=N_(
            "0 means no new restriction: the truce holds. The April 2025 licensing stays in force in every scenario; the starting supply (November 2025) already includes it."
        ),
    ),
    Param(
        name="stockpile",
        label=N_("Buyers' stockpile when the restriction starts"),
        unit=N_("months"),
        minimum=0,
        maximum=12,
        step=0.5,
        default=3,
        assumption=N_(
            "Buyers' stockpiles are not published; 3 months of demand is a teaching value. Ford idled a plant for a week in May 2025 for lack of magnets, a sign that some buyers held little."
        ),
        help=N_(
            "How many months of their demand at that time buyers outside China hold in stock when the restriction starts."
        ),
    ),
    Param(
        name="other_growth",
        label=N_("Growth of supply outside China"),
        unit=N_("% per year"),
        minimum=0,
        maximum=50,
        step=1,
        default=10,
        assumption=N_(
            "No source gives this rate; 10% a year is a teaching value. New mine-to-magnet chains take 10–15 years (The Diplomat), so fast growth is hard."
        ),
        help=N_("How fast mines and plants outside China add output."),
    ),
    Param(
        name="demand_growth",
        label=N_("Growth of demand outside China"),
        unit=N_("% per year"),
        minimum=0,
        maximum=20,
        step=1,
        default=5,
        assumption=N_(
            "No source gives this rate; 5% a year stands for steady growth in electric vehicles and wind turbines."
        ),
        help=N_("How fast buyers outside China use more processed rare earths."),
    ),
    Param(
        name="elasticity",
        label=N_("How strongly buyers cut use when prices rise (elasticity)"),
        unit="",
        minimum=0,
        maximum=2,
        step=0.05,
        default=0.3,
        assumption=N_(
            "No source gives this value; 0.3 means a 10% higher price cuts use by about 3%. Rare earths are a small part of a car's or turbine's cost, so use responds little to price."
        ),
        help=N_("0: buyers cannot cut use at all, so any shortage sends the price to its cap."),
    ),
    Param(
        name="price_jump",
        label=N_("Precautionary price jump while a restriction is in force"),
        unit="×",
        minimum=1,
        maximum=6,
        step=0.25,
        default=3,
        source="argus-gmteight",
        help=N_(
            "Buyers bid prices up as soon as a restriction starts, before anyone runs short. After the April 2025 controls, the European price of dysprosium oxide rose from $250–310 to $700–1,000 per kg within about a month, on panic quoting with few sales (Argus). After the restriction, the premium fades as buyers rebuild their stocks. 1 means no jump."
        ),
    ),
)

_DEFAULTS = defaults(PARAMS)
PRESETS = (
    Preset("truce_holds", N_("Truce holds (hypothetical)"), {**_DEFAULTS, "duration": 0}),
    Preset(
        "truce_lapses",
        N_("Truce lapses in Nov 2026 (hypothetical)"),
        {**_DEFAULTS, "start_month": 12, "duration": 12},
        "chemradar-no70",
    ),
    Preset(
        "may_2025",
        N_("Exports cut as in May 2025 (about 75%)"),
        {**_DEFAULTS, "withheld": 75},
        "wsj-automotiveworld",
    ),
)


def _calendar(month: int) -> tuple[int, int]:
    """Model month `month` as (year, zero-based month of the year), counted from START."""
    return divmod(START[0] * 12 + START[1] - 1 + month, 12)


def month_label(month: int) -> str:
    year, zero_based = _calendar(month)
    return f"{year}-{zero_based + 1:02d}-01"


def rationing_multiple(demand: float, served: float, elasticity: float) -> float:
    """The price multiple at which buyers' cut in use equals the shortfall, (demand / served)^(1/ε), capped.
    Computed in logs: for a tiny ε the power itself would overflow."""
    if served >= demand:
        return 1.0
    if elasticity == 0 or served <= 0:
        return PRICE_CAP
    return math.exp(min(math.log(PRICE_CAP), math.log(demand / served) / elasticity))


def inactive(values: dict[str, float], ever_short: bool, ever_withheld: bool) -> dict[str, str]:
    """Settings that change nothing in this state, and why (said next to each slider)."""
    if values["duration"] == 0:
        why = _(
            "No effect on supply or the price while the restriction lasts 0 months: the truce holds and nothing new is withheld."
        )
        return dict.fromkeys(("withheld", "start_month", "stockpile", "elasticity", "price_jump"), why)
    if values["withheld"] == 0:
        why = _("No effect on supply or the price while the restriction withholds 0% of China's exports.")
        return dict.fromkeys(("start_month", "duration", "stockpile", "elasticity", "price_jump"), why)
    if not ever_withheld:
        why = _(
            "No effect in this scenario: while the restriction is in force, supply from outside China covers all "
            "demand, so China exports nothing to these buyers and there is nothing to withhold."
        )
        return dict.fromkeys(("stockpile", "elasticity", "price_jump"), why)
    if not ever_short:
        return {
            "elasticity": _(
                "No effect in this scenario: no buyer goes short, so the price never has to ration use."
            )
        }
    return {}


def compute(values: dict[str, float]) -> Result:
    share, home = values["china_share"] / 100, values["home_use"] / 100
    withheld = values["withheld"] / 100
    # Buyers outside China at month 0 (their demand = 100): supply from elsewhere, and China's exports for the rest.
    other_start = 100.0 * (1 - share) / (1 - share * home)
    restriction = values["duration"] > 0 and withheld > 0
    start, end = values["start_month"], values["start_month"] + values["duration"]
    stock = values["stockpile"] * 100.0
    withheld_any = False  # did the restriction ever take something from these buyers?
    rows = []
    for month in range(HORIZON):
        years = month / 12
        demand = 100.0 * (1 + values["demand_growth"] / 100) ** years
        other = other_start * (1 + values["other_growth"] / 100) ** years
        # China's exports fill the rest of the market, as before Busan
        china_normal = max(0.0, demand - other)
        restricted = restriction and start <= month < end
        china = china_normal * (1 - withheld) if restricted else china_normal
        # what the restriction withholds (exactly 0 without one: no rounding noise)
        gap = china_normal - china
        target = values["stockpile"] * demand  # the stock buyers want: months of their current demand
        drawn = restocked = 0.0
        if not restriction or month <= start:
            stock = target  # kept topped up until a restriction starts
        if restricted:
            drawn = min(stock, gap)
            stock -= drawn
        elif (
            restriction and month >= end and stock < target
        ):  # after it: China's idle capacity refills stocks over a few months
            restocked = min(target - stock, target / RESTOCK_MONTHS)
            stock += restocked
        unmet = gap - drawn
        served = demand - unmet
        # The precautionary premium: full while the restriction takes something from these buyers; after it, in
        # proportion to the stock still missing. A restriction on exports these buyers no longer need (supply from
        # outside China covers their demand) gives them nothing to bid for, so it moves no price.
        if restricted and china_normal > 0:
            withheld_any = True
            fear = values["price_jump"]
        elif withheld_any and month >= end and target > 0:
            fear = 1 + (values["price_jump"] - 1) * (1 - stock / target)
        else:
            fear = 1.0
        multiple = min(PRICE_CAP, max(fear, rationing_multiple(demand, served, values["elasticity"])))
        rows.append(
            {
                "month": month,
                "date": month_label(month),
                "demand": demand,
                "china": china,
                "other": other,
                "stock_drawn": drawn,
                "unmet": unmet,
                "unmet_share": unmet / demand,
                "served": served,
                "stock": stock,
                "restocked": restocked,
                "price": 100.0 * multiple,
                "restricted": restricted,
            }
        )
    short = [r for r in rows if r["unmet"] > 1e-9]
    covered = [r for r in rows if r["restricted"] and r["stock_drawn"] > 1e-9 and r["unmet"] <= 1e-9]
    figures = [
        Figure(
            "peak_shortfall",
            N_("Peak shortfall (share of demand outside China)"),
            100 * max(r["unmet_share"] for r in rows),
            "%",
            short=N_("Peak shortfall"),
        ),
        Figure(
            "months_covered",
            N_("Months the stockpile covers in full"),
            len(covered),
            "months",
            0,
            short=N_("Months covered by stocks"),
        ),
        Figure("months_short", N_("Months in shortage"), len(short), "months", 0),
        Figure(
            "peak_price",
            N_("Peak price (times the pre-restriction price)"),
            max(r["price"] for r in rows) / 100,
            "×",
            short=N_("Peak price"),
        ),
    ]
    return Result({"months": rows}, figures, inactive(values, bool(short), withheld_any))


def in_one_line(values: dict[str, float], figures: dict[str, float]) -> str:
    """Why buyers go short (or do not): what is withheld, for how long, and what the stockpile covers."""
    if values["duration"] == 0 or values["withheld"] == 0:
        return _(
            "Nothing is withheld in this scenario, so supply keeps up with demand and buyers never go short."
        )
    withheld = format_value(values["withheld"], "%")
    duration = format_value(values["duration"], "months", 0)
    stock = format_value(values["stockpile"], "months", 0)
    covered = format_value(figures["months_covered"], "months", 0)
    said = _(
        "China withholds {withheld} of its exports for {duration}; buyers' stockpile of {stock} of demand covers {covered} in full"
    ).format(withheld=withheld, duration=duration, stock=stock, covered=covered)
    price = format_value(figures["peak_price"], "×")
    if figures["months_short"] == 0:
        return _(
            "{said}, so no buyer goes short and the price rises only by the precautionary jump you set, to {price} its level before."
        ).format(said=said, price=price)
    return _(
        "{said}, then buyers go short for {months}: at worst {shortfall} of their demand is not met, and the price "
        "peaks at {price} its level before."
    ).format(
        said=said,
        months=format_value(figures["months_short"], "months", 0),
        shortfall=format_value(figures["peak_shortfall"], "%"),
        price=price,
    )


# --- The model in words (widgets/describe.py): what a reader hears after each change ---------------------

# A month with the word before it, whole: a language may change the month's form after it (Russian:
# "в ноябре", "с ноября", "к ноябрю"), so the phrase, not the bare name, is what a translator translates.
IN_MONTH = (
    N_("in January {year}"),
    N_("in February {year}"),
    N_("in March {year}"),
    N_("in April {year}"),
    N_("in May {year}"),
    N_("in June {year}"),
    N_("in July {year}"),
    N_("in August {year}"),
    N_("in September {year}"),
    N_("in October {year}"),
    N_("in November {year}"),
    N_("in December {year}"),
)
FROM_MONTH = (
    N_("from January {year}"),
    N_("from February {year}"),
    N_("from March {year}"),
    N_("from April {year}"),
    N_("from May {year}"),
    N_("from June {year}"),
    N_("from July {year}"),
    N_("from August {year}"),
    N_("from September {year}"),
    N_("from October {year}"),
    N_("from November {year}"),
    N_("from December {year}"),
)
BY_MONTH = (
    N_("by January {year}"),
    N_("by February {year}"),
    N_("by March {year}"),
    N_("by April {year}"),
    N_("by May {year}"),
    N_("by June {year}"),
    N_("by July {year}"),
    N_("by August {year}"),
    N_("by September {year}"),
    N_("by October {year}"),
    N_("by November {year}"),
    N_("by December {year}"),
)


def _month_phrase(phrases: tuple[str, ...], month: int) -> str:
    """ "in November 2026", "from November 2026", "by November 2026": the phrase in the reader's language."""
    year, zero_based = _calendar(month)
    return _(phrases[zero_based]).format(year=year)


def _yours(data: dict[str, Rows], who: str = YOURS) -> Rows:
    return [r for r in data["months"] if r["scenario"] == who]


def states(values: dict[str, float], data: dict[str, Rows]) -> dict[str, State]:
    """Whether buyers go short (and from when), and whether the price index reaches its cap."""
    rows = _yours(data)
    short = [r for r in rows if r["unmet"] > 1e-9]
    if not any(r["restricted"] for r in rows):
        supply = State("none", _("no new restriction: supply meets demand in every month"))
    elif short:
        said = _("the stockpile runs out {when}: buyers go short from then")
        supply = State("short", said.format(when=_month_phrase(IN_MONTH, short[0]["month"])))
    else:
        supply = State("covered", _("the stockpile covers the whole restriction: no buyer goes short"))
    cap = format_value(PRICE_CAP, "×")
    capped = max(r["price"] for r in rows) >= 100 * PRICE_CAP - 1e-9
    price = (
        State("capped", _("the price index reaches its cap, {cap} the start").format(cap=cap))
        if capped
        else State("below_cap", _("the price index stays below its cap of {cap} the start").format(cap=cap))
    )
    return {"supply": supply, "price": price}


def _supply_text(rows: Rows) -> str:
    restricted = [r for r in rows if r["restricted"]]
    if not restricted:
        return _("no new restriction, so supply meets demand throughout")
    months = len(restricted)
    when = _("a restriction {start} for {length}").format(
        start=_month_phrase(FROM_MONTH, restricted[0]["month"]),
        length=ngettext("{count} month", "{count} months", months).format(count=months),
    )
    worst = max(rows, key=lambda r: r["unmet_share"])
    if worst["unmet"] <= 1e-9:
        return _("{restriction}, covered in full from the stockpile").format(restriction=when)
    return _("{restriction}; unmet demand peaks at {share} of demand {when}").format(
        restriction=when,
        share=format_value(100 * worst["unmet_share"], "%", 1),
        when=_month_phrase(IN_MONTH, worst["month"]),
    )


def _price_text(rows: Rows) -> str:
    peak = max(rows, key=lambda r: r["price"])
    if peak["price"] <= 100 + 1e-9:
        return _("stays at 100")
    later = [r for r in rows if r["month"] > peak["month"] and r["price"] <= 100 + 1e-9]
    peaks = _("peaks at {value} {when}").format(
        value=format_value(peak["price"], "", 0), when=_month_phrase(IN_MONTH, peak["month"])
    )
    if not later:
        return peaks
    return _("{peaks}, back to 100 {when}").format(
        peaks=peaks, when=_month_phrase(BY_MONTH, later[0]["month"])
    )


def chart_summaries(data: dict[str, Rows]) -> dict[str, str]:
    """What each chart shows for your scenario and the baseline."""
    yours, base = _yours(data), _yours(data, BASELINE)
    return {
        "supply_against_demand": _("Your scenario: {yours}. Baseline: {baseline}.").format(
            yours=_supply_text(yours), baseline=_supply_text(base)
        ),
        "price": _(
            "The price index (100 before a restriction) {yours} in your scenario; in the baseline it {baseline}."
        ).format(yours=_price_text(yours), baseline=_price_text(base)),
    }


NARRATION = Narration(
    names={
        "peak_shortfall": N_("the peak shortfall"),
        "peak_price": N_("the peak price"),
        "months_short": N_("the months in shortage"),
        "months_covered": N_("the months the stockpile covers"),
    },
    plural=frozenset({"months_short", "months_covered"}),
    states=states,
    charts=chart_summaries,
)


MODEL = Model(
    name="rare_earth_supply",
    version=3,  # see [[model_version]] in explainers/corrections.toml
    title=N_("What a new export restriction does to rare-earth buyers outside China, month by month"),
    params=PARAMS,
    presets=PRESETS,
    compute=compute,
    in_one_line=in_one_line,
    narration=NARRATION,
    method="""Month *m* counts from November 2025, when the Busan terms took effect. The model follows **buyers outside
China**, whose demand is 100 in November 2025 and grows at rate *g*: **D = 100 × (1 + g)^(m/12)**. China processes a
share *s* of the world's supply and uses a share *h* of its output at home; the rest is exported. So at the start, supply
from outside China is **O₀ = 100 × (1 − s) / (1 − s·h)** of the buyers' demand and China's exports the rest. Supply from
outside China grows at rate *k*: **O = O₀ × (1 + k)^(m/12)**, and China's exports normally fill the rest, **E = D − O**.

The April 2025 licensing stayed in force after Busan; it is part of this starting supply, so "Truce holds" means no
*new* restriction. While a new restriction is in force, China withholds a share *w* of its exports only:
**E = (D − O) × (1 − w)**; what China uses at home is untouched. The gap is covered first from buyers' stockpile, set in
months of their demand when the restriction starts; what stocks cannot cover is **unmet demand**, shown as a share of
demand. After the restriction, China's idle capacity refills the stockpile over about six months.

The price index (100 before any restriction) is the higher of two multiples, capped at 10 times the start:
a **precautionary jump** *J* while the restriction is in force (buyers bid for what is left before anyone runs short;
European dysprosium oxide prices about tripled within a month of the April 2025 controls [@argus-gmteight]), fading after
it in proportion to the stock still to rebuild; and the **rationing** multiple at which buyers' cut in use matches the
shortfall at elasticity ε, **(D / served)^(1/ε)**, computed in logarithms so that a tiny ε cannot overflow. The seven
years shown cover the latest start and longest restriction the sliders allow, with a year after it.

The jump applies only in months when the restriction takes something from these buyers. Once supply from outside China
covers all their demand, China exports nothing to them, a restriction withholds nothing, and the model moves no price.
This is a modelling choice: the April 2025 episode happened while buyers depended on China, and no source we have
describes such a jump without that dependence.""",
    limits="""One pooled market for all rare earths (in reality each element has its own market and price); China's
exports simply fill demand outside China; no new Chinese licences, smuggling or recycling; the price only rations and
does not call forth new supply within the years shown; buyers do not hoard before a restriction. The shares for home
use, the withheld share and the precautionary jump are teaching values or one episode's figures. The cap on the price
index is a teaching bound, not an observed price.""",
    limits_in_brief=N_(
        "All rare earths are pooled into one market, China's home use is a teaching value, and the price "
        "rations use but never brings new mines or recycling within the seven years shown."
    ),
)
