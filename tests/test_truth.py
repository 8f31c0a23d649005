"""What keeps the site honest between audits: quotations are their sources' own words, the "as of" date is
written once, and the corrections log is complete and resolvable."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from explainers import corrections, data, data_in_prose, quotations, sources

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_every_quotation_is_its_sources_own_words(page):
    quotations.check(page.read_text(encoding="utf-8"), page.name)


def test_a_quotation_not_in_the_cited_source_fails(monkeypatch):
    with pytest.raises(quotations.QuotationNotFound, match="a reset in all but name"):
        quotations.check('He called it "a reset in all but name" [@clarkhill-2026-03-13].', "x.md")


def test_a_paraphrase_in_quotation_marks_fails_even_when_close():
    recorded = sources.get("clarkhill-2026-03-13").quotes
    assert recorded, "the Singleton source records the words the site quotes"
    words = recorded[0].split()
    altered = " ".join([*words[:-1], "indeed", words[-1]])  # one word added
    with pytest.raises(quotations.QuotationNotFound):
        quotations.check(f'Singleton: "{altered}" [@clarkhill-2026-03-13].', "x.md")


def test_a_quotation_is_checked_against_the_sources_cited_beside_it_not_elsewhere_on_the_page():
    recorded = sources.get("clarkhill-2026-03-13").quotes[0]
    page = f'Greer spoke of "{recorded}" [@seed-iais-busan].\n\nLater: [@clarkhill-2026-03-13].'
    with pytest.raises(quotations.QuotationNotFound):
        quotations.check(page, "x.md")


def test_typography_and_an_ellipsis_do_not_change_the_words(monkeypatch):
    assert quotations.normalise("Don’t  stop — “now”") == quotations.normalise('don\'t stop - "now"')
    passage = "We will not, under any circumstances, accept a vicious cycle of retaliation."
    fake = sources.Source(id="fake", title="A title", publisher="P", quotes=(passage,))
    monkeypatch.setattr(sources, "get", lambda source_id: fake)
    assert quotations.is_recorded("we will not … accept a vicious cycle", ("fake",))
    assert not quotations.is_recorded("accept a vicious cycle … we will not", ("fake",))  # order matters
    assert not quotations.is_recorded("we will never accept", ("fake",))


def test_an_unknown_source_beside_a_quotation_fails():
    with pytest.raises(sources.UnknownSource):
        quotations.check('"one two three" [@no-such-source]', "x.md")


def test_short_quotation_marks_are_names_not_quotations():
    assert quotations.quotations('The "fentanyl" tariff and "Liberation Day".') == []


def test_titles_admonitions_and_fence_headers_are_not_quotations():
    text = '!!! info "As of a date in a title"\n\n```widget rare_earth_supply id="widget-x" preset="truce_holds"\n```\n[x](y.md "a link title here")'
    assert quotations.quotations(text) == []


def test_the_as_of_date_is_written_once():
    """Pages write {{ as_of }}; a hard-coded date beside "as of" would go stale at the next audit."""
    stale = re.compile(r"as of \**\d{1,2} \w+ 20\d\d", re.I)
    for page in PAGES:
        for line in page.read_text(encoding="utf-8").splitlines():
            assert not stale.search(line), (
                f"{page.name}: write {{{{ as_of }}}} instead of a date: {line.strip()}"
            )
    assert corrections.as_of() <= dt.date.today()


def test_every_correction_names_a_page_a_known_source_and_what_changed():
    entries = corrections.entries()  # an unknown source id raises here
    assert entries
    for entry in entries:
        assert (ROOT / "docs" / entry.page).is_file(), entry.page
        assert entry.was.strip() and entry.now.strip() and entry.was != entry.now
        assert entry.sources and entry.kind
        assert entry.date <= corrections.as_of(), f"{entry.page}: dated after the site's as-of date"


def test_the_corrections_log_reads_newest_first_with_sources_cited():
    text = corrections.log_markdown()
    dates = [dt.datetime.strptime(d, "%d %B %Y") for d in re.findall(r"^## (.+)$", text, re.M)]
    assert dates == sorted(dates, reverse=True)
    assert text.count("**Was:**") == len(corrections.entries())
    assert "[@" in text


def test_a_number_repeated_from_a_data_set_is_read_from_it():
    text = "China mined {{ data: rare_earth_production_2024 / China / tonnes_reo }} tonnes."
    row = next(r for r in data.load("rare_earth_production_2024") if r["country"] == "China")
    assert data_in_prose.fill(text) == f"China mined {int(row['tonnes_reo']):,} tonnes."
    with pytest.raises(data_in_prose.UnknownDataReference, match="Atlantis"):
        data_in_prose.fill("{{ data: rare_earth_production_2024 / Atlantis / tonnes_reo }}")


def test_pages_repeat_the_production_figures_through_the_data_set_not_by_hand():
    """Once a figure is read from the data set, typing it again by hand is how prose and chart drift apart."""
    for row in data.load("rare_earth_production_2024"):
        typed = f"{int(row['tonnes_reo']):,}"
        if int(row["tonnes_reo"]) < 10_000:
            continue  # small numbers (years, percentages) collide with other figures
        for page in PAGES:
            text = page.read_text(encoding="utf-8")
            assert typed not in text, (
                f"{page.name}: {typed} is typed by hand; write {{{{ data: ... }}}} instead"
            )


def test_a_descriptive_title_we_wrote_is_not_the_sources_words(monkeypatch):
    made_up = sources.Source(id="d", title="A forced recalibration", publisher="P", note="Descriptive title.")
    own = sources.Source(id="o", title="A forced recalibration", publisher="P")
    monkeypatch.setattr(sources, "get", lambda source_id: {"d": made_up, "o": own}[source_id])
    assert not quotations.is_recorded("a forced recalibration", ("d",))
    assert quotations.is_recorded("a forced recalibration", ("o",))
