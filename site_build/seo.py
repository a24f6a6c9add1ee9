"""What search engines and link previews read about a page: Open Graph tags, schema.org data, robots.txt."""

from __future__ import annotations

from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build.facts import Facts
from site_build.pages import FrontMatter, Review

# The site is written in American English for visitors in the United States.
LOCALE = "en_US"


def page_meta(front: FrontMatter) -> dict[str, Markup]:
    """The title and description for page.meta, which Material prints into the page (its <title>, its
    description, the header) without escaping: the checked texts, escaped for HTML once."""
    return {"title": escape(front.title), "description": escape(front.description)}


def open_graph(page: Page, config: MkDocsConfig, front: FrontMatter) -> dict[str, str]:
    """The Open Graph tags that link previews (messaging apps, social sites) show (main.html escapes them)."""
    return {
        "og:type": "website" if page.is_homepage else "article",
        "og:site_name": config.site_name,
        "og:title": front.title,
        "og:description": front.description,
        "og:url": page.canonical_url,
        "og:locale": LOCALE,
    }


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


def robots_txt(config: MkDocsConfig) -> str:
    """Every page may be crawled; the sitemap MkDocs writes lists them all."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urljoin(config.site_url, 'sitemap.xml')}\n"
