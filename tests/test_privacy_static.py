"""No built page or stylesheet asks another host for anything (the browser test checks what really loads)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from support import soup

LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
           "video": "src", "audio": "src", "embed": "src", "object": "data"}


def is_remote(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or parsed.scheme in ("http", "https")


def test_no_page_loads_anything_from_another_host(site):
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = soup(page)
        for tag, attribute in LOADING.items():
            for element in html.find_all(tag):
                url = element.get(attribute, "")
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue  # an address, not a download
                assert not is_remote(url), f"{page}: <{tag} {attribute}={url}>"
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", str(html)), page


def test_no_stylesheet_imports_from_another_host(site):
    for sheet in site.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", css), sheet
