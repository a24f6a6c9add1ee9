"""What search engines and link previews read: canonical address, each page's twin in the other language,
Open Graph, schema.org data, sitemaps, robots.txt."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from support import EDITIONS, doc_pages, edition_ids, edition_pages, front_matter, page_file, soup

OPEN_GRAPH = ["og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale", "og:locale:alternate"]
LOCALES = {"en": "en_US", "es": "es_US"}


def address(base: str, page: str, lang: str = "en") -> str:
    return urljoin(base, EDITIONS[lang] + ("" if page == "index" else f"{page}/"))


def canonical(html: BeautifulSoup) -> str:
    return html.find("link", rel="canonical")["href"]


def open_graph(html: BeautifulSoup) -> dict[str, str]:
    return {tag["property"]: tag["content"] for tag in html.find_all("meta", property=re.compile("^og:"))}


def hreflang(html: BeautifulSoup) -> dict[str, str]:
    """The page's twins as its head names them for search engines: {language: address}."""
    links = html.head.find_all("link", rel="alternate", hreflang=True)
    assert len({link["hreflang"] for link in links}) == len(links), "each language once"
    return {link["hreflang"]: link["href"] for link in links}


def structured_data(html: BeautifulSoup) -> dict:
    scripts = html.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture(scope="module")
def base(site) -> str:
    """The site's address, as the home page's canonical link gives it."""
    return canonical(soup(site / "index.html"))


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_every_page_names_its_address_and_previews_well(site, base, lang, page):
    html = soup(page_file(site, page, lang))
    meta = front_matter(page, lang)
    url = address(base, page, lang)
    assert canonical(html) == url
    tags = open_graph(html)
    assert sorted(tags) == sorted(OPEN_GRAPH)
    assert tags["og:title"] == meta["title"]
    assert tags["og:description"] == meta["description"]
    assert tags["og:url"] == url
    assert tags["og:type"] == ("website" if page == "index" else "article")
    assert tags["og:site_name"] == html.title.get_text().rsplit(" - ", 1)[-1]
    assert tags["og:locale"] == LOCALES[lang] and tags["og:locale:alternate"] == LOCALES["es" if lang == "en" else "en"]
    assert tags["og:locale"].split("_")[0] == html.html["lang"] == lang


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_every_page_names_its_twin_in_each_language_for_search_engines(site, base, lang, page):
    twins = hreflang(soup(page_file(site, page, lang)))
    # Both twins name the same set: each page itself and its twin, and English for any other language.
    assert twins == {"en": address(base, page), "es": address(base, page, "es"), "x-default": address(base, page)}


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_every_page_is_a_medical_web_page_for_patients(site, base, facts, lang, page):
    data = structured_data(soup(page_file(site, page, lang)))
    meta = front_matter(page, lang)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["inLanguage"] == lang
    assert data["audience"] == {"@type": "Patient"}
    assert data["name"] == meta["title"]
    assert data["description"] == meta["description"]
    assert data["url"] == address(base, page, lang)
    assert data["isPartOf"]["url"] == address(base, "index", lang)
    assert data["publisher"]["name"] == facts.clinic.name
    assert "tel:" + data["publisher"]["telephone"] == facts.clinic.tel


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_sitemap_lists_its_editions_pages(site, base, lang):
    sitemap = BeautifulSoup((site / EDITIONS[lang] / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    listed = sorted(loc.get_text() for loc in sitemap.find_all("loc"))
    assert listed == sorted(address(base, page, lang) for page in doc_pages())
    # Each entry names the page's twins, as the page's head does (Google reads either).
    for entry in sitemap.find_all("url"):
        page = next(page for page in doc_pages() if address(base, page, lang) == entry.loc.get_text())
        twins = {link["hreflang"]: link["href"] for link in entry.find_all("link", rel="alternate")}
        assert twins == {"en": address(base, page), "es": address(base, page, "es"), "x-default": address(base, page)}


def test_robots_txt_is_at_the_root_only_and_points_at_every_sitemap(site, base):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^User-agent: \*$", robots, re.M)
    assert not re.search(r"^Disallow: /", robots, re.M)
    assert re.findall(r"^Sitemap: (\S+)$", robots, re.M) == [urljoin(base, folder + "sitemap.xml") for folder in EDITIONS.values()]
    assert [path.relative_to(site).as_posix() for path in site.rglob("robots.txt")] == ["robots.txt"]


def test_the_address_is_written_once_and_every_link_follows_it(project, monkeypatch):
    new = "https://help.example.net/ketamine/"
    monkeypatch.setenv("SITE_URL", new)
    result = project.build()
    assert result.returncode == 0, result.stderr
    for lang, page in edition_pages():
        html = soup(page_file(project.site, page, lang))
        url = address(new, page, lang)
        assert canonical(html) == url
        assert open_graph(html)["og:url"] == url
        assert structured_data(html)["url"] == url
        assert hreflang(html)["es"] == address(new, page, "es") and hreflang(html)["en"] == address(new, page)
    robots = (project.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {new}sitemap.xml" in robots and f"Sitemap: {new}es/sitemap.xml" in robots
    assert f"<loc>{new}</loc>" in (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{new}es/</loc>" in (project.site / "es" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", EDITIONS.values(), ids=EDITIONS.keys())
def test_the_404_page_has_no_address_of_its_own_and_names_each_editions_home(site, base, folder):
    html = soup(site / folder / "404.html")
    assert html.find("link", rel="canonical") is None
    assert not open_graph(html)
    assert not html.find_all("script", type="application/ld+json")
    assert html.html["lang"] == next(lang for lang, its in EDITIONS.items() if its == folder)
    assert hreflang(html) == {"en": address(base, "index"), "es": address(base, "index", "es"), "x-default": address(base, "index")}
