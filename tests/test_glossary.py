"""Words to know explain themselves: where a glossary word first appears on a page, it is an <abbr> with its meaning."""

from __future__ import annotations

import re

import pytest

from support import EDITIONS, doc_pages, page_file, soup, text_of

# Words the visitor meets first (the tables included), explained in each edition.
EXPLAINED = {"en": {"NMDA receptor", "Glutamate", "Esketamine", "Intravenous (IV)"},
             "es": {"Receptor NMDA", "Glutamato", "Esketamina", "Intravenoso (IV)"}}


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_glossary_word_carries_its_meaning_where_it_first_appears_on_a_page_and_only_there(site, facts_by_lang, lang):
    facts = facts_by_lang[lang]
    found: set[str] = set()
    for page in doc_pages():
        article = soup(page_file(site, page, lang)).article
        for definitions in article.select("dl.glossary"):
            definitions.decompose()  # the glossary's own list: the words beside their meanings
        texts = article.find_all(string=True)
        for entry in facts.glossary.terms:
            word = re.compile(r"\b(?:" + "|".join(map(re.escape, entry.marks)) + r")\b")
            uses = [text for text in texts if word.search(text)]
            if not uses:
                continue
            first, *later = uses
            abbr = first.find_parent("abbr")
            assert abbr is not None, f"{page}: {entry.term!r} without its meaning where it first appears: {first.strip()[:60]!r}"
            assert abbr.get_text() in entry.marks and abbr["title"] == entry.definition, f"{page}: {entry.term!r}"
            for text in later:
                assert text.find_parent("abbr") is None, f"{page}: {entry.term!r} marked again in {text.strip()[:60]!r}"
            found.add(entry.term)
        titles = [abbr["title"] for abbr in article.find_all("abbr")]
        assert len(titles) == len(set(titles)), page
    assert EXPLAINED[lang] <= found


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_glossary_page_lists_every_word_with_its_meaning(site, facts_by_lang, lang):
    facts = facts_by_lang[lang]
    glossary = soup(page_file(site, "glossary", lang)).find("dl", class_="glossary")
    listed = dict(zip([text_of(dt) for dt in glossary.find_all("dt")], [text_of(dd) for dd in glossary.find_all("dd")]))
    assert listed == {entry.term: entry.definition for entry in facts.glossary.terms}
