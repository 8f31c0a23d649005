"""The words a reader sees that come from data, not from a page: a data set's text columns (explainers/data.py,
READER_TEXT), the truce's terms table, the models' rows' labels in the widgets' charts and tables
(explainers/charts/shown.py) and the publishers under a figure. In Russian they are Russian (or marked as a
source's own English); keys, ids, sources and numbers stay as written; English is what it was."""

from __future__ import annotations

import io
import json
import re

import markdown
import pytest

from explainers import catalogs, data, english_runs, figures, messages, truce_terms
from explainers.charts import tariffs
from explainers.charts.base import to_spec
from explainers.vega_build import picture_html
from widgets import numbers, registry

HEADER = "term,side,what,start,end,outcome,outcome_note,checked,source\n"


@pytest.fixture
def russian():
    """A Russian build's words and numbers (the build sets both)."""
    catalogs.use("ru")
    numbers.set_language("ru")
    yield
    catalogs.use("en")
    numbers.set_language(numbers.ORIGINAL)


def _csv(name: str, text: str) -> io.BytesIO:
    file = io.BytesIO(text.encode("utf-8"))
    file.name = f"explainers/data/{name}.csv"  # Babel hands the extractor an open file, named
    return file


def test_a_row_added_to_a_data_set_reaches_the_template_its_keys_do_not():
    """The extractor `make messages` runs on explainers/data/*.csv (babel.cfg): a new row's words are new
    messages, so an added row without `make messages` fails tests/test_catalogs.py as a new string would."""
    row = 'new_term,China,"A term added today",2026-01-01,,not confirmed,"Said nowhere yet.",2026-12-06,chemradar-no70\n'
    found = {
        message: line
        for line, _, message, _ in messages.extract_data(_csv("truce_terms", HEADER + row), [], [], {})
    }
    assert found == {"China": 2, "A term added today": 2, "Said nowhere yet.": 2}
    assert list(messages.extract_data(_csv("not_shown", HEADER + row), [], [], {})) == []


def test_every_data_set_a_chart_or_page_shows_has_its_words_in_the_template():
    template = {m.id for m in messages.read(messages.TEMPLATE) if isinstance(m.id, str)}
    for name, columns in data.READER_TEXT.items():
        for row in data.load(name):
            missing = [row[c] for c in columns if row[c] and row[c] not in template]
            assert not missing, f"{name}.csv: not in locales/messages.pot (run `make messages`): {missing}"


def test_a_data_sets_words_are_translated_and_its_keys_are_not(russian):
    english, shown = data.load("central_asia_map"), data.translated("central_asia_map")
    assert [r["id"] for r in shown] == [r["id"] for r in english]  # the map's lookup key
    assert [r["source"] for r in shown] == [r["source"] for r in english]
    kazakhstan = next(r for r in shown if r["id"] == "398")
    assert kazakhstan["country"] == "Казахстан" and "США" in kazakhstan["role"]


def test_english_data_is_shown_as_written():
    for name in data.READER_TEXT:
        assert data.translated(name) == data.load(name)


def test_the_truce_table_is_russian_with_the_same_terms_and_sources(russian):
    table = truce_terms.table_markdown()
    html = markdown.markdown(table, extensions=["tables"])
    assert english_runs.runs(html, "ru") == []
    assert "Не подтверждено" in table and "проверено 6 дек. 2026" in table.replace("\u00a0", " ")
    catalogs.use("en")
    numbers.set_language(numbers.ORIGINAL)
    english = truce_terms.table_markdown()
    assert re.findall(r"\[@[^\]]+\]", table) == re.findall(r"\[@[^\]]+\]", english)  # the same citations
    assert english.startswith("| Who | Term | In force | What happened at the end | Sources |")
    assert "**Not confirmed by any source we could read** (checked 6 Dec 2026)" in english


def _tariff_layers_spec() -> dict:
    model = registry.MODELS["tariff_stack"]
    return to_spec(tariffs.tariff_layers(), model.run(model.defaults()).data)


def test_a_widgets_chart_shows_the_rows_english_labels_in_russian(russian):
    spec = _tariff_layers_spec()
    layers = spec["datasets"]["layers"]
    assert {r["scenario"] for r in layers} == {"Baseline", "Your scenario"}  # the rows keep their keys
    assert spec["encoding"]["color"]["field"] == "layer_shown"
    picture = picture_html(spec)  # the build's SVG: Vega computes the names as the live view does
    for name in ("Базовый сценарий", "Ваш сценарий", "Надбавка по разделу 122 (все страны)"):
        assert name in picture, name
    assert ">Baseline<" not in picture and "(all countries)<" not in picture


def test_an_english_widget_chart_reads_the_rows_own_fields():
    spec = _tariff_layers_spec()
    assert spec["encoding"]["color"]["field"] == "layer" and spec["encoding"]["y"]["field"] == "scenario"
    assert "transform" not in spec  # nothing computed: the spec is the one English has always had


def test_a_table_cell_of_the_models_words_is_translated_a_number_is_not(russian):
    assert figures.cell("Baseline", None) == "Базовый сценарий"
    assert figures.cell("2025-11", None) == "2025-11"
    assert figures.cell(12.5, 1) == "12,5"


def test_the_publisher_under_a_figure_is_marked_in_its_sources_language(russian):
    html = str(figures.source_links(["northernminer-2025", "piie-tariff-chart"], "../sources/"))
    assert html.count('lang="en"') == 2
    assert english_runs.runs(f"<p>Источники: {html}</p>", "ru") == []
    unmarked = html.replace(' lang="en"', "")  # break on purpose: the same links without their language
    assert english_runs.runs(f"<p>Источники: {unmarked}</p>", "ru")


def test_the_browser_gets_the_data_words_with_the_rest():
    payload = json.loads(catalogs.site_files()["assets/runtime/words/ru.json"])
    assert payload["messages"]["Section 122 surcharge (all countries)"]
    assert payload["messages"]["Refining and separation"] == "Разделение и рафинирование"
