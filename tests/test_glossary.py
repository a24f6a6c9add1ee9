"""Words to know explain themselves: wherever a glossary word appears, it is an <abbr> with its meaning."""

from __future__ import annotations

import re

from support import doc_pages, page_file, soup, text_of


def test_every_glossary_word_on_a_page_carries_its_meaning(site, facts):
    found: set[str] = set()
    for page in doc_pages():
        article = soup(page_file(site, page)).article
        for definitions in article.select("dl.glossary"):
            definitions.decompose()  # the glossary's own list: the words beside their meanings
        for entry in facts.glossary.terms:
            for mark in entry.marks:
                word = re.compile(rf"\b{re.escape(mark)}\b")
                for text in article.find_all(string=word):
                    abbr = text.find_parent("abbr")
                    assert abbr is not None, f"{page}: {mark!r} without its meaning in {text.strip()[:60]!r}"
                    assert abbr.get_text() == mark and abbr["title"] == entry.definition, f"{page}: {mark!r}"
                    found.add(entry.term)
    # The words the visitor meets first (the tables included) are among those explained.
    assert {"NMDA receptor", "Glutamate", "Esketamine", "Intravenous (IV)"} <= found


def test_the_glossary_page_lists_every_word_with_its_meaning(site, facts):
    glossary = soup(page_file(site, "glossary")).find("dl", class_="glossary")
    listed = dict(zip([text_of(dt) for dt in glossary.find_all("dt")], [text_of(dd) for dd in glossary.find_all("dd")]))
    assert listed == {entry.term: entry.definition for entry in facts.glossary.terms}
