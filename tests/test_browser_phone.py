"""A visitor on a phone: the number one tap away, help in a crisis, pages that work without JavaScript, and print."""

from __future__ import annotations

import pytest

from browsing import PHONE, pages, url_of, visit
from support import page_file, soup


def test_the_number_is_one_tap_away_on_the_first_screen_and_never_covers_the_text(browser, server, facts):
    page = browser.new_page(viewport=PHONE)
    for name in pages():
        visit(page, url_of(server, name))
        call = page.locator(f'a[href="{facts.clinic.tel}"]').first
        assert facts.clinic.phone in call.inner_text(), name
        box = call.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"{name}: not on the first screen"
        assert box["height"] >= 44 and box["width"] >= 44, f"{name}: the call button is hard to tap: {box}"
        heading = page.locator("h1").first.bounding_box()
        assert box["y"] + box["height"] <= heading["y"], f"{name}: the call button lies over the heading"
        # It scrolls away with the page instead of staying over the text.
        scrolled = page.evaluate("scrollTo(0, 400), scrollY")
        assert scrolled > 0 or name == "404", f"{name}: the page does not scroll"
        assert call.bounding_box()["y"] == pytest.approx(box["y"] - scrolled, abs=1), name
    page.close()


def crisis_pages(site) -> list[str]:
    return [name for name in pages() if soup(site / "404.html" if name == "404" else page_file(site, name)).select(".crisis-box")]


def test_the_crisis_box_is_named_in_the_accessibility_tree(browser, server, site, facts):
    found = crisis_pages(site)
    assert "index" in found
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    for name in found:
        visit(page, url_of(server, name))
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        box = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".crisis-box"})["nodeId"]
        tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": box, "fetchRelatives": False})["nodes"]
        region = next(node for node in tree if not node.get("ignored"))
        assert region["role"]["value"] == "region", name
        assert region["name"]["value"] == f"Support: {facts.crisis.heading}", name
        links = cdp.send("Accessibility.queryAXTree", {"nodeId": box, "role": "link"})["nodes"]
        expected = []
        for line in facts.crisis.lines:
            expected += [f"Call {line.number}"] + ([f"Text {line.number}"] if line.text else [])
        assert [link["name"]["value"] for link in links] == expected, name
    context.close()


def test_without_javascript_every_page_shows_its_heading_text_and_number(browser, server, facts):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    for name in pages():
        page.goto(url_of(server, name))
        assert page.evaluate("typeof document$ === 'undefined'"), "JavaScript ran"
        assert page.locator("h1").first.is_visible(), name
        text = page.locator("article p").first
        assert text.is_visible() and len(text.inner_text()) > 40, name
        call = page.locator(f'a[href="{facts.clinic.tel}"]').first
        assert call.is_visible() and facts.clinic.phone in call.inner_text(), name
    context.close()


def test_a_printed_page_keeps_its_words_and_the_number_without_menus_or_search(browser, server, facts):
    page = browser.new_page(viewport=PHONE)
    page.emulate_media(media="print")
    for name in pages():
        visit(page, url_of(server, name))
        for part in [".md-header", ".md-banner", ".md-sidebar", ".md-search", ".md-footer"]:
            assert page.locator(part).first.is_hidden(), f"{name}: {part} is printed"
        assert page.locator("h1").first.is_visible(), name
        assert page.locator("article p").first.is_visible(), name
        assert page.get_by_text(facts.clinic.phone).filter(visible=True).count() >= 1, name
    page.close()
