"""Numbers and dates per language (widgets/numbers.py): the shared cases in
tests/cases/numbers_by_language.json, which node --test also runs against the page's format.js and
answers.js (tests/js/numbers.test.mjs), and what only Python writes (a data set's exact value, the
build's language, the worker's language call)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from explainers import contract, data_in_prose
from explainers.quiz import check_number
from widgets import numbers, registry
from widgets.params import difference_text, format_value

CASES = json.loads((Path(__file__).parent / "cases" / "numbers_by_language.json").read_text(encoding="utf-8"))
NBSP = "\u00a0"


@pytest.mark.parametrize(
    "case", CASES["format"], ids=lambda c: f"{c['language']} {c['value']!r} {c['unit']} {c['digits']}"
)
def test_a_number_is_written_as_its_language_writes_it(case):
    assert numbers.format_value(case["value"], case["unit"], case["digits"], case["language"]) == case["text"]


@pytest.mark.parametrize("case", CASES["points"], ids=lambda c: f"{c['language']} {c['value']!r}")
def test_a_change_in_a_percentage_is_in_points(case):
    assert numbers.points(case["value"], case["digits"], case["language"]) == case["text"]


@pytest.mark.parametrize("case", CASES["range"], ids=lambda c: f"{c['language']} {c['low']}-{c['high']}")
def test_a_range_has_one_unit(case):
    text = numbers.number_range(case["low"], case["high"], case["unit"], case["digits"], case["language"])
    assert text == case["text"]


@pytest.mark.parametrize("case", CASES["date"], ids=lambda c: f"{c['language']} {c['date']}")
def test_a_day_is_written_as_its_language_writes_it(case):
    assert numbers.date(dt.date.fromisoformat(case["date"]), case["language"]) == case["text"]


@pytest.mark.parametrize(
    "case", CASES["month_year"], ids=lambda c: f"{c['language']} {c['year']}-{c['month']}"
)
def test_a_month_is_named_on_its_own(case):
    assert numbers.month_year(case["year"], case["month"], case["language"]) == case["text"]


@pytest.mark.parametrize(
    "case", CASES["answers"], ids=lambda c: f"{c['language']} {c['given']!r} {c['answer']}"
)
def test_a_typed_answer_is_read_in_the_page_language(case):
    given, answer, tolerance = case["given"], case["answer"], case["tolerance"]
    assert check_number(given, answer, tolerance, case["language"]) == case["result"]


def test_the_current_language_is_used_when_none_is_named_and_a_block_restores_it():
    assert numbers.language() == "en"
    with numbers.speaking("ru"):
        assert format_value(270000, "t", 0) == f"270{NBSP}000{NBSP}т"
        assert format_value(148, "$") == f"148,00{NBSP}$"
        assert (
            difference_text(12.5, 10, "%") == f"baseline 10{NBSP}%, +2,5{NBSP}п.{NBSP}п."
        )  # words: the catalogs'
    assert format_value(270000, "t", 0) == "270,000 t"
    assert difference_text(12.5, 10, "%") == "baseline 10%, +2.5 points"
    assert numbers.set_language("tlh") == "en"  # no style: English numbers, never a crash


def test_a_data_set_value_in_a_page_keeps_every_digit_in_each_language():
    """The truthfulness bug of the Russian proof of concept: "270,000 т" reads as 270 to a Russian reader."""
    key = "{{ data: rare_earth_production_2024 / China / tonnes_reo }}"
    assert data_in_prose.fill(key) == "270,000"
    assert data_in_prose.fill(key, "ru") == f"270{NBSP}000"
    assert numbers.exact(0.0125, "ru") == "0,0125"
    assert numbers.exact(1234.25, "ru") == f"1{NBSP}234,25"


def test_the_page_reads_the_same_table():
    assert contract.values()["NUMBER_STYLES"] == numbers.runtime_styles()
    assert set(numbers.runtime_styles()) == set(numbers.STYLES)


def test_every_russian_unit_word_has_a_form_for_each_plural():
    for unit, forms in numbers.STYLES["ru"].units.items():
        assert len(forms) in (1, 3), unit  # one word for every number, or 1 / 2-4 / 5+ and fractions


def test_a_model_sentence_follows_the_worker_language_and_links_stay_dot_decimal():
    """The worker sets the language once after boot (registry.set_language); the settings a page sends
    (and a scenario link carries) stay dot-decimal JSON in every language."""
    settings = json.dumps(registry.MODELS["tariff_stack"].defaults())
    try:
        assert json.loads(registry.set_language("ru")) == {"ok": True, "text": "ru"}
        reply = json.loads(registry.run_json("tariff_stack", settings))
        price = next(f for f in reply["figures"] if f["unit"] == "$")
        assert numbers.money(price["value"], "ru") in reply["in_one_line"]  # "148,00 $"
        assert price["text"].startswith(numbers.money(price["value"], "ru"))
        assert f"{NBSP}%" in reply["in_one_line"]
        supply = json.loads(
            registry.run_json(
                "rare_earth_supply", json.dumps(registry.MODELS["rare_earth_supply"].defaults())
            )
        )
        assert "месяц" in supply["in_one_line"]
    finally:
        registry.set_language("en")
    english = json.loads(registry.run_json("tariff_stack", settings))
    assert numbers.money(price["value"], "en") in english["in_one_line"]  # "$148.00"
    assert json.loads(settings) == registry.MODELS["tariff_stack"].defaults()  # dot-decimal JSON both times


@pytest.mark.parametrize("case", CASES["editable"], ids=lambda c: f"{c['language']} {c['value']!r}")
def test_a_slider_value_is_typed_back_in_the_page_language(case):
    assert numbers.editable(case["value"], case["language"]) == case["text"]


def test_charts_write_numbers_and_months_in_the_language_of_the_build():
    """vl-convert's pictures take the same d3 locales as Vega-Embed on the page (contract.js)."""
    assert numbers.vega_locale("en") is None  # English charts keep Vega's defaults
    locale = numbers.vega_locale("ru")
    assert locale is not None
    assert locale["format"] == {
        "decimal": ",",
        "thousands": NBSP,
        "grouping": [3],
        "currency": ["", f"{NBSP}$"],
        "percent": f"{NBSP}%",
    }
    assert locale["time"]["months"][11] == "декабрь" and len(locale["time"]["shortDays"]) == 7
    assert contract.values()["NUMBER_STYLES"]["ru"]["vega"] == locale


def test_a_build_time_picture_is_drawn_in_the_language_of_the_build():
    from explainers import vega_build

    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"share": 0.125, "tonnes": 270000, "month": "2026-12-01"}]},
        "mark": "point",
        "encoding": {
            "x": {"field": "share", "type": "quantitative", "axis": {"format": ".1%"}},
            "y": {"field": "tonnes", "type": "quantitative", "axis": {"format": ",.0f"}},
            "color": {
                "field": "month",
                "type": "ordinal",
                "timeUnit": "yearmonth",
                "legend": {"format": "%B %Y"},
            },
        },
    }
    english = vega_build.rendered_svg(spec, "default")
    with numbers.speaking("ru"):
        russian = vega_build.rendered_svg(spec, "default")
    assert "12.5%" in english and "270,000" in english and "December 2026" in english
    assert f"12,5{NBSP}%" in russian and f"270{NBSP}000" in russian and "декабрь 2026" in russian


@pytest.mark.parametrize("case", CASES["short_date"], ids=lambda c: f"{c['language']} {c['date']}")
def test_a_day_in_a_table_is_short(case):
    assert numbers.short_date(dt.date.fromisoformat(case["date"]), case["language"]) == case["text"]


# Format specifications in widgets/ that write no number a reader reads: a month's ISO date in a data set
# (rare_earth_supply.month_label), a rejected name cut to 40 characters (model.py).
NOT_READERS_NUMBERS = {("rare_earth_supply.py", "02d"), ("model.py", ".40")}


def test_models_write_a_reader_s_numbers_only_through_widgets_numbers():
    """A number formatted by an f-string's own spec ("{x:,}", "{x:.1f}") is English on every page: the
    models' sentences, read-outs and messages go through format_value or numbers.* instead."""
    import ast

    found = []
    for path in sorted((Path(numbers.__file__).parent).glob("*.py")):
        if path.name == "numbers.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                spec = ast.unparse(node.format_spec)[2:-1]  # f'...' -> ...
                if (path.name, spec) not in NOT_READERS_NUMBERS:
                    found.append(f"{path.name}:{node.lineno}: {{…:{spec}}}")
            elif (
                isinstance(node, ast.BinOp)
                and isinstance(node.op, ast.Mod)
                and isinstance(node.left, ast.Constant)
            ):
                found.append(f"{path.name}:{node.lineno}: %-format")
    assert not found, "write these numbers with widgets/numbers.py:\n" + "\n".join(found)


def test_a_build_writes_numbers_and_dates_in_its_theme_language():
    """explainers/plugin.py hands MkDocs' theme.language to the Build; its pages' `{{ data }}`, the footer's
    "as of" date and every read-out it computes follow it. A later English build writes English again."""
    from explainers import build, corrections

    docs = Path(__file__).resolve().parent.parent / "docs"
    page = (
        "China mined {{ data: rare_earth_production_2024 / China / tonnes_reo }} tonnes; as of {{ as_of }}."
    )
    try:
        russian = build.Build(site_url="", docs_dir=docs, serving=False, language="ru")
        assert russian.language == "ru" and numbers.language() == "ru"
        assert russian.extra()["as_of"] == numbers.date(corrections.as_of(), "ru")
        assert russian.extra()["as_of"].endswith(f"{NBSP}г.")
        written = russian.page_markdown(page, src_uri="x.md", url="x/")
        assert f"China mined 270{NBSP}000 tonnes; as of {numbers.date(corrections.as_of(), 'ru')}." in written
        english = build.Build(site_url="", docs_dir=docs, serving=False)
        assert english.language == "en" and numbers.language() == "en"
        assert "China mined 270,000 tonnes" in english.page_markdown(page, src_uri="x.md", url="x/")
    finally:
        numbers.set_language("en")


def test_a_quiz_answer_is_written_with_a_point_and_shown_in_the_page_language():
    """A translated page keeps the English page's answer as it is written ("= 148 ± 0.01"): "0,01" would
    be read as 1 (the comma as a thousands separator), so the build refuses it. The answer a reader sees
    without JavaScript is in the page's language; the one quiz.js checks against stays dot-decimal."""
    from itertools import count

    from explainers.quiz import QuizSyntaxError, quiz_fence

    def fence(source: str) -> str:
        return str(quiz_fence(source, "quiz", "quiz", {}, None, ids=count(1)))

    with pytest.raises(QuizSyntaxError, match="decimal point"):
        fence("? Price?\n= 148 ± 0,01 | why")
    with pytest.raises(QuizSyntaxError, match="decimal point"):
        fence("? Price?\n= 148,5 | why")
    assert 'data-answer="270000"' in fence("? Tonnes?\n= 270,000 ± 1,000 | why")  # thousands, as before
    with numbers.speaking("ru"):
        russian = fence("? Price?\n= 148.5 ± 0.01 | why")
    assert 'data-answer="148.5"' in russian and "148,5 (± 0,01)" in russian
    assert "148.5 (± 0.01)" in fence("? Price?\n= 148.5 ± 0.01 | why")
