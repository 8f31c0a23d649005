"""Every chart a page can name: static charts by chart name, widget charts by widget name."""

from __future__ import annotations

from explainers.charts import pipeline, rare_earths, region_map, supply, tariffs, timeline
from explainers.charts.base import StaticChart, WidgetCharts

STATIC: dict[str, StaticChart] = {
    c.name: c
    for c in (
        rare_earths.PRODUCTION,
        rare_earths.SHARE_BY_STAGE,
        timeline.TARIFF_TIMELINE,
        region_map.REGION_MAP,
    )
}
WIDGETS: dict[str, WidgetCharts] = {c.widget: c for c in (tariffs.CHARTS, supply.CHARTS, pipeline.CHARTS)}
