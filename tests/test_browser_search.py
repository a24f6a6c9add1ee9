"""Search in a real browser, offline: a visitor's words for each page bring that page up first."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from browsing import PHONE, path_of, url_of
from support import doc_pages

# What a visitor might type, and the page that answers it.
QUERIES = {
    "index": ["what is ketamine therapy", "residential rehab"],
    "how-it-works": ["chronic pain", "clinical trials"],
    "treatment-process": ["infusion session", "follow-up visits"],
    "ways-it-is-given": ["nasal spray", "by mouth"],
    "side-effects": ["dizziness", "blood pressure"],
    "who-qualifies": ["who qualifies", "antidepressants"],
    "future": ["National Institutes of Health", "research"],
    "contact": ["verify insurance", "contact"],
    "glossary": ["words to know", "meaning"],
    # Help in a crisis comes first for a visitor's words for it (the crisis box elsewhere is not indexed).
    "crisis-help": ["suicide", "crisis", "988", "emergency", "veterans", "self-harm"],
}

FIRST_RESULT = "() => document.querySelector('.md-search-result__item a')?.href ?? null"


def test_every_page_has_queries():
    assert sorted(QUERIES) == doc_pages()


@pytest.fixture(scope="module")
def search(browser, server):
    """A phone with the search open, as the keyboard shortcut opens it."""
    page = browser.new_page(viewport=PHONE)
    page.goto(url_of(server, "index"))
    page.keyboard.press("/")
    box = page.locator(".md-search__input")
    assert box.evaluate("input => input === document.activeElement")
    yield page, box
    page.close()


@pytest.mark.parametrize(("query", "answer"), [(q, page) for page, qs in QUERIES.items() for q in qs])
def test_a_visitors_words_bring_up_the_right_page_first(search, query, answer):
    page, box = search
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_function(f"() => ({FIRST_RESULT})() === null")
    box.press_sequentially(query)
    expected = path_of(answer)
    try:  # results follow each keystroke; wait for the last ones to settle on the answer
        page.wait_for_function(f"() => ({FIRST_RESULT})()?.includes('{expected}?')", timeout=3000)
        page.wait_for_timeout(250)
    except PlaywrightError:
        pass  # the assertions below say what came up instead
    results = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert results, f"{query!r} found nothing"
    assert urlparse(results[0]).path == expected, f"{query!r}: first result {results[0]}"


def test_the_404_pages_search_opens_the_sites_search_with_the_visitors_words(browser, server):
    page = browser.new_page(viewport=PHONE)
    page.goto(url_of(server, "404"))
    page.get_by_label("Search this site").fill("dizziness")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=dizziness")
    page.wait_for_function(f"() => ({FIRST_RESULT})()?.includes('{path_of('side-effects')}')", timeout=5000)
    assert page.locator(".md-search__input").input_value() == "dizziness"
    page.close()
