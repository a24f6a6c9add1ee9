"""Each edition's search index holds what a visitor reads, once, in its language: no hidden labels, no
repeated boxes, no words run together, no page of the other language."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from support import EDITIONS, doc_pages, edition_ids, edition_pages, page_file, soup


@pytest.fixture(scope="module")
def indexes(site) -> dict[str, dict]:
    """Each edition's search index (its language, and its entries), by language."""
    return {lang: json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
            for lang, folder in EDITIONS.items()}


@pytest.fixture(scope="module", params=EDITIONS)
def edition(request, indexes, facts_by_lang) -> tuple[str, list[dict], object]:
    return request.param, indexes[request.param]["docs"], facts_by_lang[request.param]


def test_each_edition_searches_its_own_language(indexes):
    for lang, index in indexes.items():
        assert index["config"]["lang"] == [lang]
        # Only the edition's own pages, at their addresses in its folder (never es/... in the English one).
        pages = {entry["location"].split("#")[0] for entry in index["docs"]}
        assert pages == {"" if page == "index" else f"{page}/" for page in doc_pages()}, lang


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", BeautifulSoup(text, "lxml").get_text(" "))


def test_hidden_labels_are_not_indexed(edition):
    _, index, facts = edition
    for entry in index:
        for label in [facts.interface.support, facts.interface.urgent_advice]:
            assert label not in entry["title"] and label not in entry["text"], entry["location"]


def test_the_crisis_box_is_indexed_once_on_the_crisis_page(site, edition):
    lang, index, facts = edition
    shown_on = [page for page in doc_pages() if soup(page_file(site, page, lang)).select(".crisis-box")]
    assert len(shown_on) > 2
    found = [entry["location"] for entry in index if facts.crisis.heading in entry["title"] or facts.crisis.message in entry["text"]]
    assert found == ["crisis-help/#crisis-help"]
    # It is found by every way of reaching help it names.
    entry = next(entry for entry in index if entry["location"] == "crisis-help/#crisis-help")
    text = BeautifulSoup(entry["text"], "lxml").get_text()
    for line in facts.crisis.lines:
        assert line.title in text and line.advice in text
    for option in facts.crisis.lifeline.options:
        assert option.who in text


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_every_indexed_word_is_a_word_the_page_shows(site, indexes, lang, page):
    # Table cells and list items run together would make words no visitor reads, such as "nauseaSome".
    index = indexes[lang]["docs"]
    article = soup(page_file(site, page, lang)).article
    shown = set(words(" ".join(article.get_text(" ").split())))
    location = "" if page == "index" else f"{page}/"
    entries = [entry for entry in index if entry["location"].split("#")[0] == location]
    assert entries
    for entry in entries:
        made_up = [word for word in words(entry["title"] + " " + entry["text"]) if word not in shown]
        assert made_up == [], f"{entry['location']}: {made_up[:5]}"
