"""Privacy in a real browser: visiting every page and searching asks no other host for anything and sets no cookie."""

from __future__ import annotations

from urllib.parse import urlparse

from browsing import PHONE, lang_of, pages, url_of, visit


def test_a_visit_and_a_search_stay_on_the_site_and_leave_no_cookie(browser, server):
    context = browser.new_context(viewport=PHONE)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for name in pages():
        visit(page, url_of(server, name))
        assert page.evaluate("document.cookie") == "", name
    # A search on the last page visited, in its language (its index and stemmer come from the site too).
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially({"en": "side effects", "es": "efectos secundarios"}[lang_of(name)])
    page.locator(".md-search-result__item").first.wait_for()
    page.locator(".md-search-result__item a").first.click()
    # Whatever a page would fetch later (the same templates make every page) has time to ask.
    page.wait_for_load_state("networkidle")

    own = urlparse(server).netloc
    assert [url for url in requested if urlparse(url).netloc != own] == []
    # The search really loaded its index and worker from the site itself.
    assert any(url.endswith("search_index.json") for url in requested)
    assert any("/workers/search." in url for url in requested)
    assert context.cookies() == []
    context.close()
