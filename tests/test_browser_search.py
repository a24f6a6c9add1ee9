"""Search in a real browser, offline: a visitor's words for each page bring that page up first."""

from __future__ import annotations

from urllib.parse import quote_plus, urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from browsing import PHONE, path_of, url_of, visit
from support import EDITIONS, doc_pages

# What a visitor might type, and the page that answers it, in each edition (Spanish: on a Spanish
# page, Material's search with Spanish stemming).
QUERIES = {
    "en": {
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
    },
    "es": {
        "index": ["qué es la terapia con ketamina"],
        "how-it-works": ["ensayos clínicos"],
        "treatment-process": ["visitas de seguimiento"],
        "ways-it-is-given": ["aerosol nasal"],
        "side-effects": ["náuseas", "mareo"],  # "mareo" finds "mareos": the words are stemmed
        "who-qualifies": ["antidepresivos"],
        "future": ["Institutos Nacionales de la Salud"],
        "contact": ["seguro"],
        "glossary": ["palabras que debe conocer"],
        "crisis-help": ["suicidio", "crisis", "988", "emergencia"],
    },
}

FIRST_RESULT = "() => document.querySelector('.md-search-result__item a')?.href ?? null"


def test_every_page_has_queries():
    assert all(sorted(queries) == doc_pages() for queries in QUERIES.values())


@pytest.fixture(scope="module")
def search(browser, server):
    """A phone with the search open on the home page of an edition, as the keyboard shortcut opens it."""
    opened = {}

    def open_search(lang: str):
        if lang not in opened:
            page = browser.new_page(viewport=PHONE)
            visit(page, url_of(server, EDITIONS[lang] + "index"))
            page.keyboard.press("/")
            box = page.locator(".md-search__input")
            assert box.evaluate("input => input === document.activeElement")
            opened[lang] = page, box
        return opened[lang]

    yield open_search
    for page, _ in opened.values():
        page.close()


@pytest.mark.parametrize(("lang", "query", "answer"),
                         [(lang, q, page) for lang, queries in QUERIES.items() for page, qs in queries.items() for q in qs])
def test_a_visitors_words_bring_up_the_right_page_first(search, lang, query, answer):
    page, box = search(lang)
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_function(f"() => ({FIRST_RESULT})() === null")
    box.press_sequentially(query)
    expected = path_of(EDITIONS[lang] + answer)
    try:  # results follow each keystroke; wait for the last ones to settle on the answer
        page.wait_for_function(f"() => ({FIRST_RESULT})()?.includes('{expected}?')", timeout=3000)
        page.wait_for_timeout(250)
    except PlaywrightError:
        pass  # the assertions below say what came up instead
    results = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    assert results, f"{query!r} found nothing"
    assert urlparse(results[0]).path == expected, f"{query!r}: first result {results[0]}"
    # Each edition's search finds its own pages only.
    assert all(urlparse(result).path.startswith(path_of(EDITIONS[lang] + "index")) for result in results), results
    if lang == "en":
        assert not any(urlparse(result).path.startswith(path_of("es/index")) for result in results), results


@pytest.mark.parametrize(("lang", "label", "query", "answer"), [("en", "Search this site", "dizziness", "side-effects"),
                                                            ("es", "Buscar en este sitio", "náuseas", "side-effects")])
def test_the_404_pages_search_opens_the_sites_search_with_the_visitors_words(browser, server, lang, label, query, answer):
    page = browser.new_page(viewport=PHONE)
    page.goto(url_of(server, EDITIONS[lang] + "404"))
    page.get_by_label(label).fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url(url_of(server, EDITIONS[lang] + "index") + "?q=" + quote_plus(query))
    page.wait_for_function(f"() => ({FIRST_RESULT})()?.includes('{path_of(EDITIONS[lang] + answer)}')", timeout=5000)
    assert page.locator(".md-search__input").input_value() == query
    page.close()
