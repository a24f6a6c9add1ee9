"""What the browser tests share: the pages a visitor can open, the screens they use, and axe-core."""

from __future__ import annotations

from support import EDITIONS, ROOT, doc_pages

# Chromium as the tests and the benchmark start it: no sandbox (containers), no GPU, no calls home.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def visit(page, url: str):
    """Open a page as a visitor does, and wait for Material's script: it runs once the text has painted
    (overrides/main.html), and drives search, tooltips, the light/dark switch and the version menu."""
    response = page.goto(url)
    page.wait_for_selector("html.js", state="attached")  # Material's script sets it as it starts
    return response


def pages(langs=EDITIONS) -> list[str]:
    """Every page named like its Markdown file, and the page shown for an address that does not exist, in
    each edition: 'side-effects' in English, 'es/side-effects' in Spanish."""
    return [EDITIONS[lang] + page for lang in langs for page in [*doc_pages(), "404"]]


def lang_of(name: str) -> str:
    """The language of a page named as pages() names it."""
    return next((lang for lang, folder in EDITIONS.items() if folder and name.startswith(folder)), "en")


def url_of(server: str, page: str) -> str:
    folder, _, name = page.rpartition("/")
    return server + (folder + "/" if folder else "") + {"index": "", "404": "404.html"}.get(name, f"{name}/")


def path_of(page: str) -> str:
    """The path of a page's address, as links and search results point to it."""
    return "/" + url_of("", page)
