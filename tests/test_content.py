"""The explainers' promises: every page is reachable from the navigation, every citation resolves to the
bibliography, every data row carries a source, every quiz is well formed."""

from __future__ import annotations

from itertools import count
from pathlib import Path

import pytest
import yaml

from explainers import citations, data, quiz, sources

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
STORY = "The story"  # the navigation's section of explainers


def nav_pages(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [p for value in node.values() for p in nav_pages(value)]
    return [p for item in node for p in nav_pages(item)]


def site_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and !!python/name tags
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def written_pages() -> list[str]:
    """Every page written by hand under docs/ (snippets in docs/includes/ are parts of pages)."""
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if "includes" not in p.parts)


def explainers() -> list[str]:
    """The pages of the navigation's story section, found there rather than listed again here."""
    (story,) = [item[STORY] for item in site_config()["nav"] if isinstance(item, dict) and STORY in item]
    return nav_pages(story)


def test_every_page_is_reachable_from_the_navigation():
    listed = nav_pages(site_config()["nav"])
    assert written_pages() == sorted(listed), "every page is in the navigation, and every entry is a page"


def test_every_citation_in_the_pages_resolves():
    known = sources.all_sources()
    for page in (ROOT / "docs").rglob("*.md"):
        for match in citations.CITATION.finditer(page.read_text(encoding="utf-8")):
            for part in match.group(1).split(";"):
                assert part.strip().lstrip("@") in known, f"{page.name}: unknown source {part.strip()}"


def test_an_unknown_citation_fails_the_build():
    with pytest.raises(sources.UnknownSource, match="no-such-source"):
        citations.cite("A claim [@no-such-source].", "index.md")


def test_every_source_has_a_title_publisher_and_an_address_or_a_reason():
    for source in sources.all_sources().values():
        assert source.title and source.publisher, source.id
        assert source.url.startswith(("https://", "http://")) or source.note, (
            f"{source.id}: no address and no note"
        )


@pytest.mark.parametrize("name", sorted(p.stem for p in data.DATA_DIR.glob("*.csv")))
def test_every_data_row_carries_a_known_source(name):
    rows = data.load(name)  # raises on a row without a source or with an unknown one
    assert rows and all(row["source"] for row in rows)


def test_a_row_without_a_source_is_refused(tmp_path, monkeypatch):
    (tmp_path / "bad.csv").write_text("country,tonnes\nAtlantis,5\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data._read.cache_clear()
    with pytest.raises(data.UnsourcedRow, match="bad.csv, line 2"):
        data.load("bad")
    data._read.cache_clear()


def test_every_explainer_opens_with_what_you_will_learn_and_closes_with_takeaways():
    assert len(explainers()) >= 7
    for name in explainers():
        text = (DOCS / name).read_text(encoding="utf-8")
        assert "**What you will learn**" in text, name
        assert "## Key takeaways" in text, name
        assert "```quiz" in text, f"{name} has no quiz"


def test_quiz_needs_exactly_one_right_answer():
    with pytest.raises(quiz.QuizSyntaxError, match="exactly one"):
        quiz.quiz_fence("? Q\n- [x] a | why\n- [x] b | why", "quiz", "", {}, None, ids=count(1))
    html = quiz.quiz_fence("? 2 + 2?\n= 4 ± 0 | Two and two.", "quiz", "", {}, None, ids=count(1))
    assert 'data-answer="4"' in html and "<script" not in html


# --- the numbers pages and lessons state about the widgets, recomputed from the models -------------


def _text(page: str) -> str:
    return " ".join((ROOT / "docs" / page).read_text(encoding="utf-8").split())  # line breaks are spaces


def _figures(widget: str, changes: dict, baseline: str | None = None, start: str | None = None) -> dict:
    from widgets import registry

    model = registry.get(widget)
    return {f.key: f for f in model.run({**model.start(start).values, **changes}, baseline).figures}


# (page, widget, settings changed from the start, baseline preset, start preset, figures whose words the page states)
STATED = [
    (
        "teachers/lesson-tariffs.md",
        "tariff_stack",
        {"fentanyl": 20},
        None,
        None,
        ["total", "price", "volume"],
    ),
    (
        "teachers/lesson-tariffs.md",
        "tariff_stack",
        {"fentanyl": 20, "pass_through": 0},
        None,
        None,
        ["price"],
    ),
    (
        "teachers/lesson-tariffs.md",
        "tariff_stack",
        {"fentanyl": 20, "reciprocal": 125},
        None,
        None,
        ["total", "volume"],
    ),
    ("teachers/lesson-tariffs.md", "tariff_stack", {}, None, "section122_period", ["total"]),
    (
        "teachers/lesson-rare-earths.md",
        "rare_earth_supply",
        {},
        None,
        "truce_lapses",
        ["months_covered", "months_short", "peak_shortfall", "peak_price"],
    ),
    (
        "teachers/lesson-rare-earths.md",
        "rare_earth_supply",
        {"stockpile": 6},
        "truce_lapses",
        "truce_lapses",
        ["months_covered", "peak_shortfall", "peak_price"],
    ),
    (
        "teachers/lesson-rare-earths.md",
        "rare_earth_supply",
        {"other_growth": 30},
        None,
        None,
        ["peak_shortfall"],
    ),
    ("teachers/lesson-rare-earths.md", "rare_earth_supply", {}, None, "may_2025", ["peak_shortfall"]),
    (
        "teachers/lesson-central-asia.md",
        "central_asia_pipeline",
        {},
        None,
        None,
        ["first_output", "output_2050", "mine_share_2050", "china_share_2050"],
    ),
    (
        "teachers/lesson-central-asia.md",
        "central_asia_pipeline",
        {"lead_time": 12},
        None,
        None,
        ["first_output", "output_2050"],
    ),
    (
        "teachers/lesson-central-asia.md",
        "central_asia_pipeline",
        {"processed_share": 50},
        None,
        None,
        ["china_share_2050"],
    ),
    ("teachers/lesson-central-asia.md", "central_asia_pipeline", {}, None, "known_deposit", ["first_output"]),
    ("busan-meeting.md", "tariff_stack", {}, None, None, ["effective_before", "effective_after"]),
]


@pytest.mark.parametrize(
    "page, widget, changes, baseline, start, keys", STATED, ids=lambda v: v if isinstance(v, str) else None
)
def test_answer_keys_state_what_the_models_compute(page, widget, changes, baseline, start, keys):
    """Every read-out an answer key or page quotes is the model's own number (recomputed, not remembered)."""
    from widgets.params import format_value

    text = _text(page)
    for key, figure in _figures(widget, changes, baseline, start).items():
        if key in keys:
            own = format_value(figure.value, figure.unit, figure.digits)
            assert own in text, f"{page}: {figure.label} is {own} in the model"


def test_answer_key_extremes_recomputed():
    """The revenue peaks, switching averages, growth and investment answers in the lesson keys."""
    from widgets import registry
    from widgets.params import format_value

    tariff = registry.get("tariff_stack")
    lesson = _text("teachers/lesson-tariffs.md")
    for elasticity in (1.0, 0.0):
        result = tariff.run(
            {**tariff.defaults(), "fentanyl": 20, "reciprocal": 125, "elasticity": elasticity}
        )
        curve = [r for r in result.data["curve"] if r["scenario"] == "Your scenario"]
        top = max(curve, key=lambda r: r["revenue"])
        assert f"near {top['tariff']}%" in lesson or f"near a {top['tariff']}%" in lesson
        assert format_value(top["revenue"], "$") in lesson
    for switching in (0.0, 3.0, 8.0):
        after = next(
            f
            for f in tariff.run({**tariff.defaults(), "switching": switching}).figures
            if f.key == "effective_after"
        )
        assert format_value(after.value, "%", 1) in lesson
    supply = registry.get("rare_earth_supply")
    assert all(
        supply.run({**supply.defaults(), "other_growth": g}).figures[0].value > 0 for g in range(0, 51)
    )
    pipeline = registry.get("central_asia_pipeline")
    needed = next(
        i / 10
        for i in range(1, 101)
        if pipeline.run({**pipeline.defaults(), "investment": i / 10}).figures[2].value >= 10
    )
    assert f"${needed} bn a year" in _text("teachers/lesson-central-asia.md")
    quiz_price = next(f for f in tariff.run(tariff.defaults()).figures if f.key == "price")
    assert quiz_price.value == 148 and "= 148 ± 0.01" in _text("busan-meeting.md")
