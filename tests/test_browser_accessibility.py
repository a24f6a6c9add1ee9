"""Accessibility in a real browser: axe-core on every page (WCAG 2.2 AA and best practice), the keyboard, tap targets."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from browsing import AXE, DESKTOP, PHONE, pages, path_of, url_of, visit

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Details only for what fails: axe runs faster when it need not describe every passing node.
AXE_RUN = "only => axe.run(document, {runOnly: only, resultTypes: ['violations']})"
# The light scheme is checked by every rule; the dark one changes only colours, so by the rules about colour.
AXE_RULES = {"light": {"type": "tag", "values": AXE_TAGS},
             "dark": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_breaks_an_accessibility_rule(browser, server, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for name in pages():
        page.set_viewport_size(PHONE)
        visit(page, url_of(server, name))
        # Material follows the visitor's light or dark setting.
        assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
        page.add_script_tag(path=str(AXE))
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            result = page.evaluate(AXE_RUN, AXE_RULES[scheme])
            assert "color-contrast" in {rule["id"] for rule in result["passes"]}  # axe really looked
            problems += [
                f"{name} at {viewport['width']} px: {rule['id']}: {rule['help']}: {[n['target'] for n in rule['nodes']]}"
                for rule in result["violations"]
            ]
    context.close()
    assert problems == []


# Where the keyboard focus is, and whether a visitor can see it (WCAG 2.4.7, 2.4.11).
FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const rendered = e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  // A control drawn by its label (Material's light/dark switch) shows the focus on that label.
  const shown = !rendered(element) && element.nextElementSibling?.tagName === "LABEL" ? element.nextElementSibling : element;
  const box = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    name: `${element.tagName.toLowerCase()}.${[...element.classList].filter(c => c !== "focus-visible").join(".")}`
          + ` "${(element.textContent.trim() || element.getAttribute("aria-label") || "").slice(0, 40)}"`,
    rendered: rendered(shown),
    // Within a pixel: Chromium scrolls a focused link into view by whole pixels, and text sits on fractions of one.
    inView: box.top >= -1 && box.left >= 0 && box.bottom <= innerHeight + 1 && box.right <= innerWidth,
    uncovered: !!top && (shown.contains(top) || top.contains(shown)),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    inText: !!element.closest("article"),
  };
}"""


def focus_after_tab(page) -> dict | None:
    page.keyboard.press("Tab")
    try:  # the skip link fades in, the menu drawer slides in while it holds the focus (slower on a busy machine)
        page.wait_for_function(f"() => {{ const f = ({FOCUS})(); return !f || (f.rendered && f.inView && f.uncovered); }}", timeout=3000)
    except PlaywrightError:
        pass  # reported below with what the visitor would see
    return page.evaluate(FOCUS)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_keyboard_users_skip_to_the_text_and_always_see_the_focus(browser, server, facts, viewport):
    page = browser.new_page(viewport=viewport)
    visit(page, url_of(server, "index"))

    skip = focus_after_tab(page)
    assert skip["name"].startswith("a.md-skip"), skip
    assert skip["rendered"] and skip["inView"] and skip["uncovered"] and skip["ring"], skip
    page.keyboard.press("Enter")
    heading = page.locator("h1")
    assert page.evaluate("location.hash") == "#" + heading.get_attribute("id")
    box = heading.bounding_box()
    assert 0 <= box["y"] < viewport["height"] / 2
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('h1') !== null",
                         [box["x"] + 10, box["y"] + box["height"] / 2])
    assert focus_after_tab(page)["inText"], "Tab after the skip link went back to the menus"

    visit(page, url_of(server, "index"))
    names = []
    for _ in range(100):
        focus = focus_after_tab(page)
        if focus is None or (names and focus["name"] == names[0]):
            break  # past the last control, or round to the first again
        assert focus["rendered"] and focus["inView"] and focus["uncovered"] and focus["ring"], focus
        names.append(focus["name"])
    # The help bar comes right after the header's own controls (the skip link, the logo, the light/dark
    # switch, the language switch and its languages, search), before the text: the number, then the crisis
    # lines. Search is reachable.
    bar = [i for i, name in enumerate(names) if name.startswith("a.help-bar__link")]
    assert len(bar) == 4 and bar == list(range(bar[0], bar[0] + 4)), names[:12]
    header = ("a.md-skip", "a.md-header__button", "input.md-option", "button.md-header__button", "a.md-select__link",
              "input.md-search__input")
    assert all(name.startswith(header) for name in names[:bar[0]]), names[:bar[0]]
    assert facts.clinic.phone in names[bar[0]], names[bar[0]]
    assert [names[i].rsplit(" ", 1)[-1] for i in bar[1:]] == ['988"', '988"', '911"'], names[:8]
    assert any(name.startswith("input.md-search__input") for name in names), names
    page.close()


SETTLED_ON = """path => {
  const list = document.querySelector('.md-search-result__list');
  if (!list) return false;
  if (!window.__searchChanged) {
    window.__searchChanged = Date.now();
    new MutationObserver(() => { window.__searchChanged = Date.now(); }).observe(list, {childList: true, subtree: true});
  }
  const first = list.querySelector('.md-search-result__item a');
  return Boolean(first && first.href.includes(path))
    && [...list.querySelectorAll('mark')].some(m => m.textContent.toLowerCase() === 'dizziness')
    && Date.now() - window.__searchChanged > 400;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_search_works_with_the_keyboard_alone(browser, server, viewport):
    page = browser.new_page(viewport=viewport)
    visit(page, url_of(server, "index"))
    for _ in range(10):
        if (focus_after_tab(page) or {}).get("name", "").startswith("input.md-search__input"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("dizziness")
    # Results follow each key and the index may still be loading: wait for the results of the whole
    # word (Material marks the words it matched), not of the letters typed before it, and for the list
    # to stay still (a list drawn again would take the keyboard's focus with it).
    page.wait_for_function(SETTLED_ON, arg=path_of("side-effects"), polling=100)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.md-search-result__item') !== null"), "ArrowDown left the results"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{path_of('side-effects')}**")
    page.close()


# Every control a visitor can tap, and whether it is big enough or far enough from the others
# (WCAG 2.5.8). Links inside a sentence are exempt, as the rule says.
TARGETS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex="-1"])';
  const onScreen = e => {
    const b = e.getBoundingClientRect();
    return b.width > 0 && b.height > 0 && b.right > 0 && b.left < innerWidth
      && e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  const inSentence = e => {
    if (!getComputedStyle(e).display.startsWith("inline")) return false;
    let block = e.parentElement;
    while (getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    return block.textContent.trim().length > e.textContent.trim().length;
  };
  const targets = [...document.querySelectorAll(selector)].filter(onScreen).map(e => {
    const b = e.getBoundingClientRect();
    return {e, b, x: b.left + b.width / 2, y: b.top + b.height / 2, small: b.width < 24 || b.height < 24};
  });
  const distance = (t, b) => Math.hypot(Math.max(b.left - t.x, 0, t.x - b.right), Math.max(b.top - t.y, 0, t.y - b.bottom));
  return targets.filter(t => t.small && !inSentence(t.e)).filter(t => targets.some(o =>
    o.e !== t.e && !o.e.contains(t.e) && !t.e.contains(o.e)
    && (distance(t, o.b) < 12 || (o.small && Math.hypot(t.x - o.x, t.y - o.y) < 24))
  )).map(t => `${t.e.outerHTML.slice(0, 80)} (${Math.round(t.b.width)}x${Math.round(t.b.height)})`);
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_tap_target_is_at_least_24_px_or_spaced_apart(browser, server, viewport):
    page = browser.new_page(viewport=viewport)
    too_small = {}
    for name in pages():
        visit(page, url_of(server, name))
        if found := page.evaluate(TARGETS):
            too_small[name] = found
    page.close()
    assert too_small == {}
