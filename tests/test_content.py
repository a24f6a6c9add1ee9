"""What a visitor reads: every page is built, and every fact of the client's article is on the site."""

from __future__ import annotations

import posixpath
import re

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from support import ROOT, doc_pages, front_matter, page_file, soup, text_of

SOURCE = (ROOT / "tests" / "source" / "ketamine-therapy.txt").read_text(encoding="utf-8")
# The menu, in order: (label, page) from the nav: of mkdocs.yml.
MENU = [tuple(*item.items()) for item in yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]]
FACTS = yaml.safe_load((ROOT / "tests" / "source_facts.yml").read_text(encoding="utf-8"))


def source_parts() -> list[str]:
    """The article's headings and sentences, one by one."""
    parts = []
    for line in SOURCE.splitlines():
        line = line.strip().lstrip("•").strip()
        parts += [part for part in re.split(r"(?<=[.!?:])\s+", line) if part]
    return parts


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_is_built_with_its_own_title_and_description(site, page):
    html = soup(page_file(site, page))
    meta = front_matter(page)
    assert html.h1 and html.h1.get_text(strip=True)
    assert html.title.get_text().startswith(meta["title"])
    assert html.find("meta", attrs={"name": "description"})["content"] == meta["description"]


def test_titles_and_descriptions_are_unique(site):
    pages = [soup(page_file(site, page)) for page in doc_pages()]
    titles = [p.title.get_text() for p in pages]
    descriptions = [p.find("meta", attrs={"name": "description"})["content"] for p in pages]
    assert len(set(titles)) == len(titles)
    assert len(set(descriptions)) == len(descriptions)


def test_every_part_of_the_article_is_accounted_for():
    listed = [entry["source"] for entry in FACTS]
    parts = source_parts()
    assert [part for part in parts if part not in listed] == []
    assert [entry for entry in listed if entry not in parts] == []


@pytest.mark.parametrize("entry", FACTS, ids=[f"{e['page']}:{e['source'][:40]}" for e in FACTS])
def test_each_fact_of_the_article_is_on_its_page(site, facts, entry):
    text = text_of(soup(page_file(site, entry["page"])).article)
    for phrase in entry["says"]:
        expected = phrase.format(**dict(facts))
        assert expected in text, f"{entry['page']}: {expected!r} not found"


def test_the_404_page_helps_the_visitor_on(site, facts):
    html = soup(site / "404.html")
    assert "can't find" in html.h1.get_text()
    assert html.find("a", href=facts.clinic.tel)
    article = html.article
    # Crisis help, a search, and every page of the site (its links are checked at any depth under a
    # sub-path in tests/test_hosting.py).
    assert article.select_one(".crisis-box") and article.find("a", href="tel:988") and article.find("a", href="sms:988")
    form = article.find("form", role="search")
    assert posixpath.normpath(form["action"]) == "/" and form.find("input", attrs={"name": "q"})
    listed = [(a.get_text(), a["href"]) for a in article.find("h2", id="pages").find_next("ul").find_all("a")]
    assert [(label, posixpath.normpath("/" + page.removesuffix(".md").replace("index", ""))) for label, page in MENU] == \
        [(label, posixpath.normpath(href)) for label, href in listed]
