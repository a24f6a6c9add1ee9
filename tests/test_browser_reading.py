"""Type that reads well in a real browser: strong headings, lines of about 75 characters, tooltips at the text's size, tables that read."""

from __future__ import annotations

import pytest

from browsing import DESKTOP, PHONE, url_of, visit
from support import doc_pages

# The characters on each line of every paragraph and list item outside tables, as laid out.
LINE_LENGTHS = """() => {
  const lengths = [];
  for (const block of document.querySelectorAll("article :is(p, li):not(table *)")) {
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+\\s*/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].trimEnd().length);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) || 0) + match[0].length);
      }
    }
    lengths.push(...lines.values());
  }
  return lengths;
}"""


@pytest.fixture(scope="module")
def desktop(browser):
    page = browser.new_page(viewport=DESKTOP)
    yield page
    page.close()


def test_lines_are_about_75_characters_at_most_on_a_wide_screen(desktop, server):
    longest = {}
    for name in doc_pages():
        visit(desktop, url_of(server, name))
        longest[name] = max(desktop.evaluate(LINE_LENGTHS))
    assert max(longest.values()) <= 78, longest  # about 75
    assert max(longest.values()) >= 60, longest  # the measure reads real lines: long paragraphs fill them


def test_headings_are_strong_enough_to_scan(desktop, server):
    visit(desktop, url_of(server, "treatment-process"))
    weights = desktop.eval_on_selector_all("article :is(h1, h2, h3)", "hs => hs.map(h => +getComputedStyle(h).fontWeight)")
    assert weights and min(weights) >= 600, weights


def test_a_tooltip_is_as_large_as_the_text_it_explains(browser, server):
    page = browser.new_page(viewport=DESKTOP)
    visit(page, url_of(server, "how-it-works"))
    word = page.locator("article p abbr").first
    text_size = word.evaluate("abbr => getComputedStyle(abbr.closest('p')).fontSize")
    word.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for()
    assert tooltip.evaluate("inner => getComputedStyle(inner).fontSize") == text_size
    assert word.get_attribute("title") is None or tooltip.inner_text().strip() == word.get_attribute("title")
    page.close()


def test_the_route_tables_short_names_stay_on_one_line_on_a_wide_screen(desktop, server):
    visit(desktop, url_of(server, "ways-it-is-given"))
    lines = desktop.eval_on_selector_all(
        "table.fact-table tbody th",
        "ths => ths.map(th => { const r = document.createRange(); r.selectNodeContents(th); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })")
    assert lines and set(lines) == {1}, lines
    # Each part of "How and where" is a paragraph of its own.
    assert desktop.eval_on_selector_all("table.fact-table tbody tr", "rows => rows.map(r => r.cells[1].querySelectorAll('p').length)") == [3, 3, 2, 2]


def test_a_card_on_a_phone_shows_a_label_only_where_there_are_cells_to_tell_apart(browser, server):
    page = browser.new_page(viewport=PHONE)
    labels = "page => [...document.querySelectorAll('table.fact-table tbody td')].map(td => getComputedStyle(td, '::before').content)"
    visit(page, url_of(server, "side-effects"))
    assert set(page.evaluate(labels)) == {"none"}  # one cell a row: no "What to know" on every card
    visit(page, url_of(server, "ways-it-is-given"))
    assert "none" not in page.evaluate(labels)
    page.close()
