"""The truce, term by term (What happened next): every term has an outcome from the fixed list, sources that
resolve, a date it was checked, and no outcome that could only be a guess; the built page shows every row."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from explainers import data, sources, truce_terms

HEADER = "term,side,what,start,end,outcome,outcome_note,checked,source\n"


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    """Write a one-row data set in place of the real one."""

    def write(row: str):
        (tmp_path / f"{truce_terms.DATA_SET}.csv").write_text(HEADER + row + "\n", encoding="utf-8")
        monkeypatch.setattr(data, "DATA_DIR", tmp_path)
        data._read.cache_clear()

    yield write
    data._read.cache_clear()


def test_every_term_has_an_allowed_outcome_known_sources_and_a_checked_date():
    terms = truce_terms.terms()
    assert len(terms) >= 10
    for term in terms:
        assert term.outcome in truce_terms.OUTCOMES, term.key
        assert term.source_ids and all(sources.get(s) for s in term.source_ids), term.key
        assert term.checked <= dt.date.today(), term.key
        assert term.end is None or term.start <= term.end, term.key


def test_the_truces_dated_terms_are_all_there():
    """The terms the page promises: none may drop out of the table unnoticed."""
    keys = {term.key for term in truce_terms.terms()}
    assert {
        "announcement_70",
        "affiliates_rule",
        "us_port_fees",
        "gallium_ban",
        "section301_exclusions",
        "reciprocal_suspension",
        "fentanyl_cut",
    } <= keys


def test_an_outcome_outside_the_list_is_refused(data_file):
    data_file("x,China,A term,2025-11-10,2026-11-10,probably extended,,2026-12-06,chemradar-no70")
    with pytest.raises(truce_terms.BadTerm, match="probably extended"):
        truce_terms.terms(today=dt.date(2026, 12, 6))


def test_lapsed_or_extended_before_the_end_date_is_a_guess(data_file):
    data_file("x,China,A term,2025-11-10,2026-11-27,lapsed,,2026-11-20,chemradar-no70")
    with pytest.raises(truce_terms.BadTerm, match="guess"):
        truce_terms.terms(today=dt.date(2026, 12, 6))


def test_a_check_dated_in_the_future_is_refused(data_file):
    data_file("x,China,A term,2025-11-10,2026-11-10,not confirmed,,2026-12-07,chemradar-no70")
    with pytest.raises(truce_terms.BadTerm, match="still to come"):
        truce_terms.terms(today=dt.date(2026, 12, 6))


def test_a_term_without_a_source_is_refused(data_file):
    data_file("x,China,A term,2025-11-10,2026-11-10,not confirmed,,2026-12-06,")
    with pytest.raises(data.UnsourcedRow):
        truce_terms.terms(today=dt.date(2026, 12, 6))


def test_the_built_page_shows_every_term_and_says_plainly_what_is_not_confirmed(built_site):
    html = (built_site / "what-happened-next" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('id="the-truce-term-by-term"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]  # the first row is the header
    terms = truce_terms.terms()
    assert len(rows) == len(terms)
    for term, row in zip(terms, rows, strict=True):
        assert term.side in row and truce_terms._day(term.checked) in row, term.key
        assert truce_terms.OUTCOMES[term.outcome] in row, term.key
        assert re.search(r'href="[^"]*sources/#', row), f"{term.key}: its sources are not linked"
    assert "<!-- truce-terms -->" not in html
