"""A visitor on a phone: the number one tap away, help in a crisis, pages that work without JavaScript, and print."""

from __future__ import annotations

import pytest

from browsing import DESKTOP, PHONE, lang_of, pages, url_of, visit
from support import page_file, soup


# The help bar's links, where they are, and whether a tap at their centre reaches them.
HELP_LINKS = """hrefs => hrefs.map(href => {
  const link = document.querySelector(`.help-bar a[href="${href}"]`);
  const box = link.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {href, text: link.textContent.trim(), x: box.left, y: box.top, width: box.width, height: box.height,
          tappable: !!top && top.closest("a") === link};
})"""

# Text of the article in the part of the screen below the header: is any of it under something else?
COVERED_TEXT = """() => {
  const below = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const covered = [];
  for (const block of document.querySelectorAll("article :is(p, li, h1, h2, h3, h4, td, th, dt, dd, caption)")) {
    for (const rect of block.getClientRects()) {
      const top = Math.max(rect.top, below), bottom = Math.min(rect.bottom, innerHeight);
      if (bottom - top < 4 || rect.width < 4) continue;  // not in the reading area
      for (const [x, y] of [[rect.left + 2, top + 2], [rect.right - 2, top + 2], [rect.left + 2, bottom - 2],
                            [rect.left + rect.width / 2, (top + bottom) / 2]]) {
        const found = document.elementFromPoint(x, y);
        if (found && !block.contains(found) && !found.contains(block) && !found.closest("article")) {
          covered.push(`${block.textContent.trim().slice(0, 40)} under ${found.className || found.tagName}`);
        }
      }
    }
  }
  return covered;
}"""


def help_hrefs(facts) -> list[str]:
    hrefs = [facts.clinic.tel]
    for line in facts.crisis.lines:
        hrefs += [f"tel:{line.number}"] + ([f"sms:{line.number}"] if line.texts else [])
    return hrefs


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_halfway_down_every_page_the_clinic_988_and_911_are_one_tap_away_and_cover_no_text(browser, server, facts, viewport):
    page = browser.new_page(viewport=viewport)
    least = 44 if viewport is PHONE else 24  # a thumb on a phone; WCAG 2.2's minimum with a mouse
    for name in pages():
        visit(page, url_of(server, name))
        # On the first screen, the bar lies above the page's heading.
        heading = page.locator("h1").first.bounding_box()
        assert page.evaluate("document.querySelector('.help-bar').getBoundingClientRect().bottom") <= heading["y"], name
        page.evaluate("scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)")
        page.wait_for_timeout(100)
        assert name == "404" or page.evaluate("scrollY") > 0, f"{name}: the page does not scroll"
        links = page.evaluate(HELP_LINKS, help_hrefs(facts))
        for link in links:
            assert 0 <= link["y"] and link["y"] + link["height"] <= viewport["height"] / 6, f"{name}: {link}"
            assert link["x"] >= 0 and link["x"] + link["width"] <= viewport["width"], f"{name}: {link}"
            assert link["height"] >= least and link["width"] >= least, f"{name}: {link} is hard to tap"
            assert link["tappable"], f"{name}: something lies over {link}"
        assert [link["text"].split()[-1] for link in links] == [facts.clinic.phone.split()[-1], "988", "988", "911"]
        # Small: the header and its bar take the top of the screen only, and no text of the article is under them.
        assert page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom") <= viewport["height"] * 0.13, name
        assert page.evaluate(COVERED_TEXT) == [], name
        # The end of the page is not hidden either.
        page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(100)
        assert page.evaluate(COVERED_TEXT) == [], name
    page.close()


def test_a_link_to_a_heading_lands_below_the_header_and_its_bar(browser, server):
    page = browser.new_page(viewport=PHONE)
    visit(page, url_of(server, "treatment-process") + "#the-infusion-session")
    page.wait_for_timeout(300)
    heading = page.locator("#the-infusion-session").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= heading["y"] < PHONE["height"] / 3
    page.close()


def test_the_menu_and_the_search_open_over_the_bar(browser, server, facts):
    page = browser.new_page(viewport=PHONE)
    visit(page, url_of(server, "side-effects"))
    page.evaluate("scrollTo(0, 600)")
    on_top = "([x, y]) => { const e = document.elementFromPoint(x, y); return e && (e.closest('.help-bar') ? 'bar' : e.closest('.md-sidebar') ? 'menu' : e.closest('.md-search') ? 'search' : e.className); }"
    link = page.locator(f'.help-bar a[href="tel:988"]').bounding_box()
    centre = [link["x"] + link["width"] / 2, link["y"] + link["height"] / 2]
    assert page.evaluate(on_top, centre) == "bar"
    page.locator(".md-header label[for=__drawer]").click()
    page.wait_for_timeout(400)
    menu = page.locator(".md-sidebar--primary").bounding_box()
    left_of_menu = [menu["width"] / 2, centre[1]]
    assert page.evaluate(on_top, left_of_menu) == "menu"
    page.keyboard.press("Escape")
    visit(page, url_of(server, "side-effects"))
    page.keyboard.press("/")
    page.wait_for_timeout(400)
    assert page.evaluate(on_top, centre) == "search"
    page.close()


def crisis_pages(site) -> list[str]:
    def built(name: str):
        folder, _, page = name.rpartition("/")
        return site / folder / "404.html" if page == "404" else page_file(site, page, lang_of(name))
    return [name for name in pages() if soup(built(name)).select(".crisis-box")]


def test_the_crisis_box_is_named_in_the_accessibility_tree(browser, server, site, facts_by_lang):
    found = crisis_pages(site)
    assert "index" in found
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    for name in found:
        facts = facts_by_lang[lang_of(name)]
        visit(page, url_of(server, name))
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        box = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".crisis-box"})["nodeId"]
        tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": box, "fetchRelatives": False})["nodes"]
        region = next(node for node in tree if not node.get("ignored"))
        assert region["role"]["value"] == "region", name
        assert region["name"]["value"] == f"{facts.interface.support} {facts.crisis.heading}", name
        links = cdp.send("Accessibility.queryAXTree", {"nodeId": box, "role": "link"})["nodes"]
        expected = []
        for line in facts.crisis.lines:
            actions = facts.interface.actions
            expected += [actions.call.replace("{number}", line.number)]
            expected += [actions.text.replace("{number}", line.number)] if line.texts else []
            expected += ["988lifeline.org/chat"] if line.options else []
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
        for href in help_hrefs(facts):
            assert page.locator(f'.help-bar a[href="{href}"]').is_visible(), name
    context.close()


def test_a_printed_page_keeps_its_words_and_the_number_without_menus_or_search(browser, server, facts_by_lang):
    page = browser.new_page(viewport=PHONE)
    page.emulate_media(media="print")
    for name in pages():
        facts = facts_by_lang[lang_of(name)]
        visit(page, url_of(server, name))
        for part in [".md-header", ".help-bar", ".md-banner", ".md-sidebar", ".md-search", ".md-footer__inner"]:
            assert page.locator(part).first.is_hidden(), f"{name}: {part} is printed"
        assert page.get_by_text(facts.crisis.emergency.say("footer")).is_visible(), name
        assert page.locator("h1").first.is_visible(), name
        assert page.locator("article p").first.is_visible(), name
        assert page.get_by_text(facts.clinic.phone).filter(visible=True).count() >= 1, name
    page.close()
