"""What search engines and link previews read about a page: Open Graph tags, schema.org data, robots.txt."""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_build.facts import Facts
from site_build.pages import Review

# The site is written in American English for visitors in the United States.
LOCALE = "en_US"


def _title(page: Page) -> str:
    # The front matter's title, as in the page's <title>; the menu may use a shorter one.
    return page.meta.get("title") or page.title


def _description(page: Page, config: MkDocsConfig) -> str:
    return page.meta.get("description") or config.site_description


def open_graph(page: Page, config: MkDocsConfig) -> dict[str, str]:
    """The Open Graph tags that link previews (messaging apps, social sites) show."""
    return {
        "og:type": "website" if page.is_homepage else "article",
        "og:site_name": config.site_name,
        "og:title": _title(page),
        "og:description": _description(page, config),
        "og:url": page.canonical_url,
        "og:locale": LOCALE,
    }


def medical_web_page(page: Page, config: MkDocsConfig, facts: Facts, review: Review | None = None) -> dict:
    """The page as a schema.org MedicalWebPage written for patients, printed as JSON-LD."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": _title(page),
        "description": _description(page, config),
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
