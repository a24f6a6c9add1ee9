"""Material's script runs after the text has painted, and everything it drives still works in a browser.

Search, the version menu and the older-release notice are proven elsewhere (test_browser_search.py,
test_hosting.py, the latter under the shipped Content-Security-Policy); here: when the script loads,
the glossary's tooltips, and the light/dark switch with the visitor's remembered choice.
"""

from __future__ import annotations

from browsing import DESKTOP, PHONE, url_of, visit

BUNDLE = "/assets/javascripts/bundle."

# When the browser painted the first text, and when it asked for Material's script (ms from the start).
TIMING = """() => ({
  paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
  bundle: performance.getEntriesByType("resource").filter(r => r.name.includes("%s")).map(r => r.startTime),
})""" % BUNDLE


def test_materials_script_is_asked_for_only_after_the_text_has_painted(browser, server):
    context = browser.new_context(viewport=PHONE)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for name in ["index", "side-effects", "404"]:
        requested.clear()
        visit(page, url_of(server, name))
        timing = page.evaluate(TIMING)
        assert timing["paint"] is not None and len(timing["bundle"]) == 1, (name, timing)
        assert timing["bundle"][0] >= timing["paint"], (name, timing)
        # Not fetched ahead by the browser's preload scanner, nor twice.
        assert [url for url in requested if BUNDLE in url] == [page.evaluate(
            f"performance.getEntriesByType('resource').find(r => r.name.includes('{BUNDLE}')).name")], name
    context.close()


def test_glossary_words_show_their_meaning_in_a_tooltip(browser, server, facts):
    page = browser.new_page(viewport=DESKTOP)
    visit(page, url_of(server, "how-it-works"))
    word = page.locator("article abbr").first
    meaning = {mark: entry.definition for entry in facts.glossary.terms for mark in entry.marks}[word.inner_text()]
    word.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip() == meaning
    # Material turned the title into the tooltip: screen readers get it as the word's description.
    assert page.locator(f"#{word.get_attribute('aria-describedby')}").inner_text().strip() == meaning
    page.close()


SCHEME = "document.body.dataset.mdColorScheme"
# Dark text on light, or light on dark: the page's background as the visitor sees it.
BACKGROUND_IS_DARK = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}"""


# The colour scheme at the moment the browser first painted the page.
SCHEME_AT_FIRST_PAINT = """new PerformanceObserver(list => {
  if (list.getEntriesByName("first-paint").length) window.__schemeAtFirstPaint = document.body.dataset.mdColorScheme;
}).observe({type: "paint", buffered: true})"""


def test_the_site_follows_the_visitors_light_or_dark_setting_from_the_first_paint(browser, server):
    for setting, scheme, dark in [("light", "default", False), ("dark", "slate", True)]:
        # A first visit: no choice made with the switch yet, Material's script not yet run at first paint.
        context = browser.new_context(viewport=PHONE, color_scheme=setting)
        context.add_init_script(SCHEME_AT_FIRST_PAINT)
        page = context.new_page()
        visit(page, url_of(server, "side-effects"))
        page.wait_for_function("() => window.__schemeAtFirstPaint !== undefined")
        assert page.evaluate("window.__schemeAtFirstPaint") == scheme, f"{setting}: the first paint had the other scheme"
        assert page.evaluate(SCHEME) == scheme
        assert page.evaluate(BACKGROUND_IS_DARK) is dark, setting
        context.close()


def test_the_light_dark_switch_works_and_is_remembered_on_every_page(browser, server):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    visit(page, url_of(server, "index"))
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function(f"() => {SCHEME} === 'slate'")
    assert page.evaluate(BACKGROUND_IS_DARK)
    # Another page, and the same page again: dark from the first paint, before Material's script runs.
    for name in ["side-effects", "index"]:
        page.goto(url_of(server, name), wait_until="commit")
        page.wait_for_selector("[data-md-component=search]", state="attached")  # the header, past its palette script
        assert page.evaluate(SCHEME) == "slate", name
        page.wait_for_selector("html.js", state="attached")
        assert page.evaluate(BACKGROUND_IS_DARK), name
    page.get_by_title("Switch to light mode").click()
    page.wait_for_function(f"() => {SCHEME} === 'default'")
    visit(page, url_of(server, "side-effects"))
    assert page.evaluate(SCHEME) == "default" and not page.evaluate(BACKGROUND_IS_DARK)
    context.close()
