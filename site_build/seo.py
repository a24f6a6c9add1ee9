"""What search engines and link previews read about a page: its twins in the other languages, Open Graph
tags, schema.org data, robots.txt."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build import editions
from site_build.editions import Edition, Layout
from site_build.facts import Facts
from site_build.pages import FrontMatter, Review

# Each edition is written for visitors in the United States: American English, and Spanish as it is
# read in the United States.
LOCALES = {"en": "en_US", "es": "es_US"}


@dataclass(frozen=True)
class Twin:
    """A page in one edition: the link to it from the page at hand, and its public address."""

    edition: Edition
    link: str  # relative: it works wherever the site, or a release of it, is put
    address: str  # for search engines: https://…/es/latest/side-effects/ ("" without a site_url)


def twins(page: Page, layout: Layout) -> list[Twin]:
    """The page in every edition, this one included (hreflang lists a page's own language too): each
    edition publishes a page at the same address in its folder (the checks hold that every page has
    its twins)."""
    return [Twin(edition, layout.link(page.url, layout.here, page.url, edition), layout.address(edition, page.url))
            for edition in layout.editions]


def homes(layout: Layout) -> list[Twin]:
    """Each edition's home page: for the page shown for an address that does not exist, which a host
    serves at any depth, so that its links start from the site's root (the path of site_url, as
    MkDocs writes a 404 page's other links)."""
    return [Twin(edition, urlsplit(layout.address(edition)).path, layout.address(edition)) for edition in layout.editions]


def page_meta(front: FrontMatter) -> dict[str, Markup]:
    """The title and description for page.meta, which Material prints into the page (its <title>, its
    description, the header) without escaping: the checked texts, escaped for HTML once."""
    return {"title": escape(front.title), "description": escape(front.description)}


def open_graph(page: Page, config: MkDocsConfig, front: FrontMatter, alternates: list[Twin]) -> list[tuple[str, str]]:
    """The Open Graph tags that link previews (messaging apps, social sites) show (main.html escapes them)."""
    lang = editions.language(config)
    return [
        ("og:type", "website" if page.is_homepage else "article"),
        ("og:site_name", config.site_name),
        ("og:title", front.title),
        ("og:description", front.description),
        ("og:url", page.canonical_url),
        ("og:locale", LOCALES[lang]),
        *(("og:locale:alternate", LOCALES[twin.edition.lang]) for twin in alternates if twin.edition.lang != lang),
    ]


def medical_web_page(page: Page, config: MkDocsConfig, facts: Facts, front: FrontMatter, review: Review | None = None) -> dict:
    """The page as a schema.org MedicalWebPage written for patients, printed as JSON-LD (main.html's
    tojson escapes <, > and &, so that no value can close the script)."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": front.title,
        "description": front.description,
        "url": page.canonical_url,
        "inLanguage": config.theme["language"],
        # schema.org/Patient is a MedicalAudience: people who receive care, not clinicians.
        "audience": {"@type": "Patient"},
        "isPartOf": {"@type": "WebSite", "name": config.site_name, "url": config.site_url},
        "publisher": {
            "@type": "MedicalClinic",
            "name": facts.clinic.name,
            "telephone": facts.clinic.tel.removeprefix("tel:"),
        },
    }
    if review:  # only a review by a named clinician: search engines are never told of one that did not happen
        reviewer = review.reviewer
        data["lastReviewed"] = review.reviewed.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": reviewer.name, "honorificSuffix": reviewer.credentials}
        if reviewer.role:
            data["reviewedBy"]["jobTitle"] = reviewer.role
    return data


def robots_txt(layout: Layout) -> str:
    """Every page may be crawled; the sitemap MkDocs writes for each edition lists its pages."""
    sitemaps = "".join(f"Sitemap: {layout.address(edition, 'sitemap.xml')}\n" for edition in layout.editions)
    return f"User-agent: *\nAllow: /\n\n{sitemaps}"
