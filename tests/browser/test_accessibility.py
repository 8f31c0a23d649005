"""axe-core (self-hosted from npm, test-only) finds no serious or critical problem on any page, in
light or dark mode, and no page requests anything from another host; every slider has a label, a unit and a spoken value; every chart has a text
alternative and a data table."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainers import short_pages

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def site_pages(built_site: Path) -> list[str]:
    pages = []
    for index in sorted(built_site.rglob("index.html")):
        if short_pages.is_forward(index.relative_to(built_site).as_posix()):
            continue  # a go/<name>/ page moves on to its assignment at once (test_short_links.py)
        relative = index.parent.relative_to(built_site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


@pytest.fixture()
def axe_page(browser, site, request):
    scheme = request.param
    # axe is injected as a script, which the site's own policy rightly refuses; only this test bypasses it.
    context = browser.new_context(bypass_csp=True, color_scheme="dark" if scheme == "slate" else "light")
    foreign = []  # privacy: no page may contact another host, on any page of the site
    context.on(
        "request",
        lambda r: None
        if r.url.startswith((site.origin + "/", "data:", "blob:", "about:"))
        else foreign.append(r.url),
    )
    page = context.new_page()
    yield page, scheme
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


def violations(page, scheme: str) -> list[str]:
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_timeout(300)  # charts re-theme on the change
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => (await axe.run(document, {
        resultTypes: ['violations'],
    })).violations.filter(v => ['serious', 'critical'].includes(v.impact))
       .map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")
    return result


@pytest.mark.parametrize("axe_page", ["default", "slate"], indirect=True)
def test_no_serious_accessibility_violation_on_any_page(axe_page, site, built_site):
    page, scheme = axe_page
    problems = []
    for path in site_pages(built_site):
        page.goto(site.url + path)
        if page.locator("figure.bx-figure").count():
            page.wait_for_selector("figure.bx-figure .bx-view svg")
        problems += [f"{path or 'home'} ({scheme}): {v}" for v in violations(page, scheme)]
    assert not problems, "\n".join(problems)


def test_every_slider_has_label_unit_and_spoken_value(reader, built_site):
    for path in site_pages(built_site):
        page = reader.goto(path)
        for slider in page.locator('input[type="range"]').all():
            slider_id = slider.get_attribute("id")
            label = page.locator(f'label[for="{slider_id}"]').text_content()
            assert label.strip(), slider_id
            assert slider.get_attribute("aria-valuetext"), slider_id
            assert slider.get_attribute("aria-describedby"), slider_id
            unit_shown = "(" in label or slider.get_attribute("aria-valuetext").replace(".", "").isdigit()
            assert unit_shown, f"{slider_id}: label without a unit: {label}"


def test_every_chart_has_a_text_alternative_and_a_table(reader, built_site):
    for path in site_pages(built_site):
        page = reader.goto(path)
        for figure in page.locator("figure.bx-figure").all():
            assert figure.locator("figcaption .bx-description").text_content().strip()
            assert figure.locator("table.bx-table tbody tr").count() > 0
