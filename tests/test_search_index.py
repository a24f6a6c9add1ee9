"""The search index holds what a visitor reads, once: no hidden labels, no repeated boxes, no words run together."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from support import doc_pages, page_file, soup


@pytest.fixture(scope="module")
def index(site) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", BeautifulSoup(text, "lxml").get_text(" "))


def test_hidden_labels_are_not_indexed(index):
    for entry in index:
        for label in ["Support:", "Urgent advice:"]:
            assert label not in entry["title"] and label not in entry["text"], entry["location"]


def test_the_crisis_box_is_indexed_once_on_the_crisis_page(site, index, facts):
    shown_on = [page for page in doc_pages() if soup(page_file(site, page)).select(".crisis-box")]
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


@pytest.mark.parametrize("page", doc_pages())
def test_every_indexed_word_is_a_word_the_page_shows(site, index, page):
    # Table cells and list items run together would make words no visitor reads, such as "nauseaSome".
    article = soup(page_file(site, page)).article
    shown = set(words(" ".join(article.get_text(" ").split())))
    location = "" if page == "index" else f"{page}/"
    entries = [entry for entry in index if entry["location"].split("#")[0] == location]
    assert entries
    for entry in entries:
        made_up = [word for word in words(entry["title"] + " " + entry["text"]) if word not in shown]
        assert made_up == [], f"{entry['location']}: {made_up[:5]}"
