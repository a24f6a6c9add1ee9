"""What search engines and link previews read: canonical address, Open Graph, schema.org data, sitemap, robots.txt."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from support import doc_pages, front_matter, page_file, soup

OPEN_GRAPH = ["og:title", "og:description", "og:url", "og:type", "og:site_name", "og:locale"]


def address(base: str, page: str) -> str:
    return urljoin(base, "" if page == "index" else f"{page}/")


def canonical(html: BeautifulSoup) -> str:
    return html.find("link", rel="canonical")["href"]


def open_graph(html: BeautifulSoup) -> dict[str, str]:
    return {tag["property"]: tag["content"] for tag in html.find_all("meta", property=re.compile("^og:"))}


def structured_data(html: BeautifulSoup) -> dict:
    scripts = html.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture(scope="module")
def base(site) -> str:
    """The site's address, as the home page's canonical link gives it."""
    return canonical(soup(site / "index.html"))


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_names_its_address_and_previews_well(site, base, page):
    html = soup(page_file(site, page))
    meta = front_matter(page)
    url = address(base, page)
    assert canonical(html) == url
    tags = open_graph(html)
    assert sorted(tags) == sorted(OPEN_GRAPH)
    assert tags["og:title"] == meta["title"]
    assert tags["og:description"] == meta["description"]
    assert tags["og:url"] == url
    assert tags["og:type"] == ("website" if page == "index" else "article")
    assert tags["og:site_name"] == html.title.get_text().rsplit(" - ", 1)[-1]
    assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", tags["og:locale"])
    assert tags["og:locale"].split("_")[0] == html.html["lang"]


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_is_a_medical_web_page_for_patients(site, base, facts, page):
    data = structured_data(soup(page_file(site, page)))
    meta = front_matter(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["audience"] == {"@type": "Patient"}
    assert data["name"] == meta["title"]
    assert data["description"] == meta["description"]
    assert data["url"] == address(base, page)
    assert data["isPartOf"]["url"] == base
    assert data["publisher"]["name"] == facts.clinic.name
    assert "tel:" + data["publisher"]["telephone"] == facts.clinic.tel


def test_the_sitemap_lists_every_page_and_robots_txt_points_at_it(site, base):
    sitemap = BeautifulSoup((site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    listed = sorted(loc.get_text() for loc in sitemap.find_all("loc"))
    assert listed == sorted(address(base, page) for page in doc_pages())
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^User-agent: \*$", robots, re.M)
    assert not re.search(r"^Disallow: /", robots, re.M)
    assert re.findall(r"^Sitemap: (\S+)$", robots, re.M) == [urljoin(base, "sitemap.xml")]


def test_the_address_is_written_once_and_every_link_follows_it(project, monkeypatch):
    new = "https://help.example.net/ketamine/"
    monkeypatch.setenv("SITE_URL", new)
    result = project.build()
    assert result.returncode == 0, result.stderr
    for page in doc_pages():
        html = soup(page_file(project.site, page))
        url = address(new, page)
        assert canonical(html) == url
        assert open_graph(html)["og:url"] == url
        assert structured_data(html)["url"] == url
    assert f"Sitemap: {new}sitemap.xml" in (project.site / "robots.txt").read_text(encoding="utf-8")
    assert f"<loc>{new}</loc>" in (project.site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_404_page_has_no_address_of_its_own(site):
    html = soup(site / "404.html")
    assert html.find("link", rel="canonical") is None
    assert not open_graph(html)
    assert not html.find_all("script", type="application/ld+json")
