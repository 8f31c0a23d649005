"""The explainers' promises: every page is reachable from the navigation, every citation resolves to the
bibliography, every data row carries a source, every quiz is well formed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explainers import citations, data, quiz, sources

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_PAGES = [
    "index.md", "busan-meeting.md", "how-we-got-here.md", "rare-earths-101.md", "one-year-pause.md",
    "central-asia.md", "what-happened-next.md", "tactical-or-strategic.md", "glossary.md", "sources.md",
    "about.md", "methodology.md", "teachers/index.md", "teachers/lesson-tariffs.md",
    "teachers/lesson-rare-earths.md", "teachers/lesson-central-asia.md",
]


def nav_pages(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [p for value in node.values() for p in nav_pages(value)]
    return [p for item in node for p in nav_pages(item)]


def test_every_page_is_reachable_from_the_navigation():
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and !!python/name tags
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    listed = nav_pages(config["nav"])
    for page in REQUIRED_PAGES:
        assert page in listed, f"{page} is not in the navigation"
        assert (ROOT / "docs" / page).is_file(), page


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
        assert source.url.startswith(("https://", "http://")) or source.note, f"{source.id}: no address and no note"


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
    for name in REQUIRED_PAGES[1:8]:
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert "**What you will learn**" in text, name
        assert "## Key takeaways" in text, name
        assert "```quiz" in text, f"{name} has no quiz"


def test_quiz_needs_exactly_one_right_answer():
    with pytest.raises(quiz.QuizSyntaxError, match="exactly one"):
        quiz.quiz_fence("? Q\n- [x] a | why\n- [x] b | why", "quiz", "", {}, None)
    html = quiz.quiz_fence("? 2 + 2?\n= 4 ± 0 | Two and two.", "quiz", "", {}, None)
    assert 'data-answer="4"' in html and "<script" not in html
