"""How pages name figures: one catalogue of widgets and charts, fence headers checked in words, and a
build that never loads the code that runs readers' edits."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from pymdownx.superfences import SuperFencesException

from explainers import catalog, fence_header, fences, figures
from explainers.downloads import Downloads
from widgets import registry, sandbox

ROOT = Path(__file__).resolve().parent.parent
DOWNLOADS = Downloads(site_url="", docs=ROOT / "docs")
FENCES = {"relaxed_headers": True, "custom_fences": fences.custom_fences(DOWNLOADS)}  # as the build has them


def render(text: str) -> str:
    return markdown.markdown(
        text, extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": FENCES}
    )


def test_the_catalogue_is_the_registry_s_models_each_shown():
    """The models are listed once, in the worker's lookup; the catalogue adds charts and a page to each."""
    assert list(catalog.WIDGETS) == list(registry.MODELS)
    assert all(catalog.WIDGETS[name].model is model for name, model in registry.MODELS.items())


def test_a_model_without_charts_or_charts_without_a_model_stop_the_build_plainly():
    models = dict(registry.MODELS)
    shown = dict(catalog.SHOWN)
    del shown["tariff_stack"]
    with pytest.raises(catalog.UnknownFigure, match="lists tariff_stack, but SHOWN .* gives it no charts"):
        catalog._widgets(models, shown)
    del models["tariff_stack"], models["rare_earth_supply"]
    with pytest.raises(
        catalog.UnknownFigure, match="names rare_earth_supply, which widgets/registry.py does not"
    ):
        catalog._widgets(models, shown)


def test_every_widget_is_explained_on_a_page_that_shows_it():
    for name, widget in catalog.WIDGETS.items():
        page = (ROOT / "docs" / widget.explained_on).read_text(encoding="utf-8")
        assert name in [h.name for h in fence_header.page_headers(page, "widget")], widget.explained_on


@pytest.mark.parametrize(
    ("fence", "message"),
    [
        ("```widget no_such_model\n```", "no widget called 'no_such_model'; known: central_asia_pipeline"),
        ("```chart no_such_chart\n```", "no chart called 'no_such_chart'; known: central_asia_map"),
        ('```widget rare_earth_supply preset="no_such"\n```', "rare_earth_supply has no preset 'no_such'"),
        ('```widget tariff_stack colour="red"\n```', "names one widget in its header"),  # an unknown option
        # superfences needs them
        ("```widget rare_earth_supply preset=truce_holds\n```", "in quotation marks"),
        ("```widget\ntariff_stack\n```", "names one widget in its header"),  # the name in the body
        ("```chart tariff_timeline\nrare_earth_production\n```", "its body stays empty"),
    ],
)
def test_a_fence_the_build_cannot_read_fails_it_in_words(fence, message):
    with pytest.raises(SuperFencesException, match=message):
        render(fence)


def test_a_figure_that_fails_to_render_fails_the_build_instead_of_going_missing():
    """Outside MkDocs a figure has no page to link its sources from: that failure must not be swallowed."""
    with pytest.raises(SuperFencesException, match="rendered by MkDocs"):
        render("```chart tariff_timeline\n```")


def test_a_header_reads_alike_in_the_build_and_in_the_pages_other_readers():
    page = 'Text.\n\n```widget rare_earth_supply id="widget-lapses" preset="truce_lapses"\n```\n'
    (header,) = fence_header.page_headers(page, "widget")
    assert (header.name, header.figure_id, header.preset) == (
        "rare_earth_supply",
        "widget-lapses",
        "truce_lapses",
    )


@pytest.mark.parametrize("name", sorted(catalog.WIDGETS))
def test_look_inside_shows_the_source_the_worker_runs(name):
    assert figures.model_source(catalog.widget(name).model) == sandbox.model_source(name)


def test_building_pages_never_imports_the_sandbox():
    """widgets/sandbox.py runs a reader's edited code, in the browser's worker only."""
    code = (
        "import sys\n"
        "from explainers import build, plugin, fences, figures, assign, embeds, downloads, methodology\n"
        "print('widgets.sandbox' in sys.modules)\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def test_charts_read_files_only_through_the_data_layer():
    """explainers/data.py checks what a chart shows (sources, pinned packages); a chart module reading a
    file itself would step around it."""
    for module in (ROOT / "explainers" / "charts").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for reading in ("open(", "read_text", "read_bytes", "NODE_MODULES", "DATA_DIR"):
            assert reading not in text, (
                f"{module.name} reads a file ({reading}): go through explainers/data.py"
            )


@pytest.mark.parametrize("name", sorted(catalog.WIDGETS))
def test_a_template_written_over_lines_gives_one_line_without_glued_words(name):
    """explainers/markup.py joins a template's lines; a word glued to an inline tag would show it broke."""
    html = str(figures.widget_html(catalog.widget(name), f"widget-{name}", "../sources/", DOWNLOADS))
    outside_the_code = re.sub(r"<(textarea|pre)\b.*?</\1>", "", html, flags=re.S)  # text from values
    assert "\n" not in outside_the_code
    assert not re.search(r"\w<(strong|a|code|em)\b", outside_the_code)
    assert "then press <strong>Run my version</strong>: the chart" in html
