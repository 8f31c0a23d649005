"""The build's short addresses for the lessons' assignments (explainers/short_pages.py): each name a lesson
gives becomes a page that forwards to that very link; a name the build cannot honour fails it in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers import short_pages

LINK = "../assign/tariff_stack.md?tariff_stack.predict=price&tariff_stack.q=Who+pays%3F&tariff_stack.v=3"


def lesson(folder: Path, text: str, name: str = "teachers/lesson.md") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


def test_a_named_link_becomes_a_page_that_forwards_to_it(tmp_path):
    docs = lesson(tmp_path, f'Open [the assignment]({LINK}){{ data-go="1a" }} now.')
    pages = short_pages.files(docs)
    forward = pages["go/1a/index.html"]
    target = "../../assign/tariff_stack/?tariff_stack.predict=price&amp;tariff_stack.q=Who+pays%3F&amp;tariff_stack.v=3"
    assert f'http-equiv="refresh" content="0; url={target}"' in forward
    assert f'<a href="{target}">' in forward and "Content-Security-Policy" in forward
    assert "bx-go-open" in pages[short_pages.OPENER]
    marked = short_pages.mark(f'Open [the assignment]({LINK}){{ data-go="1a" }} now.', "teachers/lesson/")
    assert marked == (
        f"Open [the assignment]({LINK})"
        ' <span class="bx-go">(short link: <a class="bx-go-link" href="../../go/1a/">go/1a</a>)</span> now.'
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (f'[a]({LINK}){{ data-go="1A" }}', "1 to 12 small letters or digits"),
        ('[a](../busan-meeting.md){ data-go="1a" }', "not on a link to an assignment"),
        ('[a](../assign/no_such_widget.md?x=1){ data-go="1a" }', "unknown widget"),
        (f'[a]({LINK}){{ data-go="1a" }} and [b]({LINK}){{ data-go="1a" }}', "already used"),
    ],
)
def test_a_name_the_build_cannot_honour_fails_it_in_words(tmp_path, text, said):
    with pytest.raises(short_pages.ShortPageError, match=said):
        short_pages.files(lesson(tmp_path, text))
