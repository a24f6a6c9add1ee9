"""What a page may hold: nothing that makes a visitor's browser contact another website, nothing the
site's Content-Security-Policy would silently block, images described for people who cannot see
them, and links that work on every copy and release of the site.

The rules read HTML, whatever made it (Markdown, raw HTML, a macro), decide by what an element or an
attribute does rather than by a list of examples, and name the line of the file it came from.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from mkdocs.structure.files import File


if TYPE_CHECKING:
    from site_build.check import Article, Sources

# Attributes whose address a browser fetches or contacts by itself, on any element. `href` also does,
# except on a link a visitor chooses to follow (a, area), which may lead anywhere.
FETCHED = {"src", "srcset", "imagesrcset", "poster", "data", "background", "lowsrc", "dynsrc", "manifest",
           "codebase", "archive", "href", "xlink:href"}
FOLLOWED = {"a", "area"}
SENT_TO = {"action", "formaction"}  # where a form sends what visitors type

# What an element is, in an editor's words.
KINDS = {"img": "the image", "image": "the image", "feimage": "the image", "picture": "the image",
         "input": "the image button", "video": "the video", "audio": "the sound", "track": "the subtitles",
         "iframe": "the embedded page", "frame": "the embedded page", "link": "the linked file",
         "use": "the drawing", "script": "the script", "object": "the embedded file", "embed": "the embedded file"}

# Hosts that only the editor's own computer answers: the preview (127.0.0.1:8000, localhost:8000).
LOCAL_HOSTS = re.compile(r"localhost|.*\.localhost|127(\.\d+){3}|0\.0\.0\.0|::1|\[::1\]")

IMAGE_FILE = re.compile(r"\.(png|jpe?g|gif|webp|avif|svg|bmp|tiff?|heic)$", re.I)
# Alt text that says nothing of what an image shows: a file name, a camera's name for it, a placeholder.
NO_DESCRIPTION = re.compile(r"(?i)(.*\.(png|jpe?g|gif|webp|avif|svg|bmp|tiff?|heic))|((img|image|dsc|pic|photo|screenshot)[\s_-]*\d*)"
                            r"|picture|graphic|icon|alt|alt text|placeholder|untitled|logo|banner")


# --- Addresses -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """Where a URL written in a page leads, seen from the page's own site."""

    url: str
    kind: str  # "here" (this site, written relative), "own" (this site's absolute address), "computer"
    #            (the preview or a file on the editor's computer), "root" (/page/: the web server's root),
    #            "elsewhere" (another website), "code" (javascript:), "data", "contact" (mailto:, tel:, sms:)
    path: str = ""  # for "own", "computer" and "root": the path from the site's root
    fragment: str = ""


def address(url: str, site_url: str | None) -> Address:
    # Browsers ignore spaces around an address and tabs or newlines inside it, and read \ as /.
    written = url
    url = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("javascript", "vbscript"):
        return Address(written, "code")
    if scheme == "data":
        return Address(written, "data")
    if scheme in ("mailto", "tel", "sms"):
        return Address(written, "contact")
    if scheme == "file":
        return Address(written, "computer", parts.path, parts.fragment)
    if scheme and scheme not in ("http", "https"):
        return Address(written, "elsewhere")
    host = parts.hostname or ""
    path = parts.path
    if scheme and not parts.netloc:  # "https:example.org/x": browsers read the host from the path
        host, _, path = path.lstrip("/").partition("/")
        path = "/" + path
    if not host and not scheme:
        if url.startswith("/"):
            return Address(written, "root", path, parts.fragment)
        return Address(written, "here")
    if LOCAL_HOSTS.fullmatch(host.lower()):
        return Address(written, "computer", path, parts.fragment)
    own = urlsplit(site_url or "")
    if own.hostname and host.lower().removeprefix("www.") == own.hostname.lower().removeprefix("www."):
        return Address(written, "own", path, parts.fragment)
    return Address(written, "elsewhere")


def relative_link(target: Address, sources: Sources, page: File | None) -> str:
    """What to write instead of an absolute address: the relative link to the page's own file."""
    path = unquote(target.path).lstrip("/")
    base = urlsplit(sources.site_url or "").path.strip("/")
    candidates = [path]
    if base and (path + "/").startswith(base + "/"):
        candidates.insert(0, path[len(base):].lstrip("/"))  # with the site's sub-path
    # A release published with mike lives under its version (1.2/, latest/).
    candidates += [re.sub(r"^(latest|\d+\.\d+)/", "", c) for c in candidates]
    by_url = {_page_path(f.url): f for f in sources.files if not f.inclusion.is_excluded()}
    for candidate in candidates:
        found = by_url.get(_page_path(candidate))
        if found:
            start = posixpath.dirname(page.src_uri) if page else ""
            link = posixpath.relpath(found.src_uri, start or ".")
            return f"the relative link '{link}{'#' + target.fragment if target.fragment else ''}'"
    return "a relative link to the file of the page, such as 'side-effects.md'"


def as_written(url: str, sources: Sources, page: File | None) -> str:
    """A relative address as the editor wrote it in the page's Markdown (MkDocs writes
    'assets/a.png' of docs/future.md as '../assets/a.png', seen from the page's address future/)."""
    parts = urlsplit(url)
    if page is None or parts.scheme or parts.netloc or url.startswith("/") or not parts.path:
        return url
    target = _page_path(posixpath.normpath(posixpath.join(page.url, unquote(parts.path))))
    found = next((f for f in sources.files if _page_path(f.url) == target), None)
    if found is None:
        return url
    link = posixpath.relpath(found.src_uri, posixpath.dirname(page.src_uri) or ".")
    return link + (f"#{parts.fragment}" if parts.fragment else "")


def _page_path(url: str) -> str:
    """'glossary/', 'glossary', 'glossary/index.html' and './' → 'glossary' and ''."""
    return url.removesuffix("index.html").removeprefix("./").strip("/")


# --- Finding the line --------------------------------------------------------------------------------


class Lines:
    """Finds the line of the file that a problem in the HTML came from, by the text the editor wrote."""

    def __init__(self, text: str, start: int = 0):
        self.text, self.lower, self.start = text, text.lower(), start
        self.cursor = start - 1  # problems come in the order of the page: look after the last one first

    def of(self, needles: list[str]) -> int | None:
        for needle in filter(None, needles):
            for variant in dict.fromkeys([needle, escape(needle, quote=False), unquote(needle)]):
                at = self.lower.find(variant.lower(), self.cursor + 1)
                if at < 0:
                    at = self.lower.find(variant.lower(), self.start)
                if at >= 0:
                    self.cursor = at
                    return self.text.count("\n", 0, at) + 1
        return None

    def say(self, shown: str, needles: list[str], what: str) -> str:
        line = self.of(needles)
        return f"{shown}: line {line}: {what}" if line else f"{shown}: {what}"


# --- The rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """What the rules apply to: a page's article (styles blocked, images described) or a file in docs/."""

    sources: Sources
    page: File | None
    styles_blocked: bool = True  # pages yes; an SVG drawing shown as an image may style itself


class _SaidByTheChecks(logging.Filter):
    """Drops MkDocs' warning about a link starting with '/': page_content names it (in raw HTML too),
    with the relative link to write."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not re.match(r"Doc file '[^']+' contains an absolute link ", record.getMessage())


def leave_root_links_to_the_checks() -> None:
    logger = logging.getLogger("mkdocs.structure.pages")
    if not any(isinstance(f, _SaidByTheChecks) for f in logger.filters):
        logger.addFilter(_SaidByTheChecks())


def page_content(article: Article) -> list[str]:
    """Every element of a page's article that loads, runs or links what it must not, or hides an image."""
    lines = Lines(article.text, article.body_start)
    rules = Rules(article.sources, article.file)
    found = []
    for element in article.soup.find_all(True):
        problem = _problem(element, rules) or _undescribed(element, rules)
        if problem:
            found.append(lines.say(article.shown, *problem))
    return found


def asset_files(sources: Sources) -> list[str]:
    """The stylesheets, scripts and drawings of docs/ and of the theme's overrides load nothing from
    another website either (the privacy plugin would try to download what they name, and fail here)."""
    paths = [Path(f.abs_src_path) for f in sources.files if not f.inclusion.is_excluded()]
    if custom := sources.config.theme.custom_dir:
        paths += sorted(p for p in Path(custom).rglob("*") if p.is_file())
    found = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in (".css", ".js", ".svg"):
            found += _file_problems(sources, path, path.read_text(encoding="utf-8-sig", errors="replace"), suffix)
    return found


# How the privacy plugin finds a script's downloads: a quoted address of a .css, .js or .json file.
SCRIPT_DOWNLOAD = re.compile(r"[\"'](?P<url>(?:https?:)?//[^\"']+\.(?:css|js(?:on)?))[\"']", re.I)


def _file_problems(sources: Sources, path: Path, text: str, suffix: str) -> list[str]:
    lines, shown = Lines(text), sources.shown(path)
    if suffix == ".svg":  # opened on its own, a drawing is a page: it may load or run nothing either
        rules = Rules(sources, None, styles_blocked=False)
        return [lines.say(shown, *problem)
                for element in BeautifulSoup(text, "lxml").find_all(True) if (problem := _problem(element, rules))]
    urls = css_addresses(text) if suffix == ".css" else (m["url"] for m in SCRIPT_DOWNLOAD.finditer(text))
    return [lines.say(shown, [url], elsewhere("the file", url))
            for url in urls if address(url, sources.site_url).kind == "elsewhere"]


def _problem(element: Tag, rules: Rules) -> tuple[list[str], str] | None:
    """(what to look for in the file, what is wrong; what to do) for the first problem of an element."""
    tag = element.name
    if tag == "script":
        return [element.get("src"), "<script"], ("a <script> would not run on the live site, whose security rules "
                                                  "block scripts written in a page; remove it (pages hold words, not code)")
    if tag in ("object", "embed", "applet"):
        return [f"<{tag}"], f"<{tag}> is blocked by the security rules of the live site; link to the file instead"
    if tag == "base":
        return ["<base"], "<base> changes where every link on the page leads; remove it"
    if tag == "meta" and element.get("http-equiv") is not None:
        return ["http-equiv", "<meta"], ("<meta http-equiv> can send visitors elsewhere or change the rules of the page; "
                                         "remove it, and link to where it should lead instead")
    if tag == "style":
        return _styled(element.get_text(), ["<style"], rules) or (None if not rules.styles_blocked else (
            ["<style"], "a <style> block would be ignored on the live site, whose security rules block styles "
                        "written in a page; remove it (the styles of the site apply)"))
    for name, value in element.attrs.items():
        if isinstance(value, list):
            value = " ".join(value)
        if problem := _attribute(element, name, value, rules):
            return problem
    return None


def _attribute(element: Tag, name: str, value: str, rules: Rules) -> tuple[list[str], str] | None:
    tag = element.name
    if name.startswith("on"):
        return [f"{name}=", f"<{tag}"], (f"'{name}=' is code inside a tag, which the security rules of the live site block; "
                                         "remove it (pages hold words, not code)")
    if re.match(r"\s*(java|vb)script:", re.sub(r"[\t\n\r]", "", value), re.I):
        return [value, f"{name}="], (f"the address '{_short(value)}' runs code, which the security rules of the live "
                                     "site block; link to a page or a website instead")
    if name == "srcdoc":
        return ["srcdoc=", f"<{tag}"], ("srcdoc= writes a whole page inside this one, out of reach of the checks; "
                                        "remove it, and link to a page instead")
    if name == "style":
        if not rules.styles_blocked:
            return _styled(value, ["style="], rules)
        return _styled(value, ["style="], rules) or (
            ["style=", f"<{tag}"], ('style="…" would be ignored on the live site, whose security rules block styles '
                                    "written in a page; remove it (the styles of the site apply)"))
    if name == "ping":
        return [value, "ping="], (f"ping= tells another website ('{_short(value)}') each time the link is followed; "
                                  'remove ping="…"')
    if name in SENT_TO:
        where = address(value, rules.sources.site_url)
        if where.kind in ("elsewhere", "computer"):
            return [value, f"{name}="], (f"the form sends what visitors type to '{_short(value)}', outside this site; "
                                         "remove the form, and link to that website instead")
        return None
    if name not in FETCHED:
        return None
    fetched = not (tag in FOLLOWED and name in ("href", "xlink:href"))
    urls = _candidates(value) if name in ("srcset", "imagesrcset") else [value]
    for url in urls:
        if problem := _address_problem(element, name, url, fetched, rules):
            return problem
    return None


def _address_problem(element: Tag, name: str, url: str, fetched: bool, rules: Rules) -> tuple[list[str], str] | None:
    where = address(url, rules.sources.site_url)
    kind = _kind(element, name)
    if where.kind == "elsewhere" and fetched:
        return [url], elsewhere(kind, url) + ", or link to it instead"
    if where.kind == "data" and fetched and element.name not in ("img", "source", "image", "feimage", "input"):
        return [url[:40]], (f"{kind} is written into the page as a data: address, which the security rules of the "
                            "live site block; save the file in docs/assets/ and use it from there")
    if where.kind in ("own", "computer", "root"):
        said = "the link" if not fetched else f"the address of {kind}"
        leads = {"own": "leads to the public address of this site, which is wrong on every other copy and release of it",
                 "computer": "leads to your own computer (the preview, or a file), which visitors cannot reach",
                 "root": "starts at the root of the web server, which is wrong on every release of the site"}[where.kind]
        return [url], f"{said} '{_short(url)}' {leads}; write {relative_link(where, rules.sources, rules.page)} instead"
    return None


def elsewhere(kind: str, url: str) -> str:
    return (f"{kind} '{_short(url)}' is on another website, and every browser that opens the page would fetch it from there; "
            "save the file in docs/assets/ and use it from there")


def _kind(element: Tag, attribute: str) -> str:
    if attribute in ("poster", "background"):
        return "the picture"
    if element.name == "source" and element.parent is not None:
        element = element.parent  # a <source> of a <picture>, <video> or <audio>
    return KINDS.get(element.name, "the file")


def _styled(css: str, needles: list[str], rules: Rules) -> tuple[list[str], str] | None:
    """A style that loads a file from another website (url(), @import, image-set())."""
    for url in css_addresses(css):
        if address(url, rules.sources.site_url).kind == "elsewhere":
            return [url, *needles], (f"the style loads '{_short(url)}' from another website, and every browser that "
                                     "opens the page would fetch it from there; remove it (the styles of the site apply)")
    return None


def css_addresses(css: str) -> Iterator[str]:
    pattern = r"""url\(\s*(['"]?)(?P<a>.*?)\1\s*\)|@import\s+(['"])(?P<b>.*?)\3|image-set\(\s*(['"])(?P<c>.*?)\5"""
    for match in re.finditer(pattern, css, re.I | re.S):
        yield match["a"] or match["b"] or match["c"] or ""


def _candidates(srcset: str) -> list[str]:
    """The addresses of a srcset ("a.png 1x, b.png 2x"), read as browsers read it: an address runs to the
    next space (so a data: address keeps its commas); then its size, if any, runs to the next comma."""
    found, rest = [], srcset
    while rest := rest.lstrip(" \t\n\r\f,"):
        match = re.match(r"(\S+)(.*)", rest, re.S)
        url, rest = match[1], match[2]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            rest = rest.partition(",")[2]
        found.append(url)
    return found


def _undescribed(element: Tag, rules: Rules) -> tuple[list[str], str] | None:
    """An image without a text alternative: a screen reader has nothing to say for it."""
    tag = element.name
    if element.get("aria-hidden") == "true" or element.get("role") in ("presentation", "none"):
        return None
    if tag == "svg" and not element.find_parent("svg"):
        if element.get("aria-label") or element.get("aria-labelledby") or element.find("title"):
            return None
        return ["<svg"], ('a drawing (<svg>) has no text alternative; add aria-label="what it shows" to it, '
                          'or aria-hidden="true" if it is only decoration')
    if not (tag == "img" or (tag == "input" and str(element.get("type", "")).lower() == "image")
            or (tag == "area" and element.get("href"))):
        return None
    src = as_written(element.get("src") or element.get("href") or "", rules.sources, rules.page)
    alt = " ".join(str(element.get("alt", "")).split())
    kind = KINDS.get(tag, "the clickable area")
    if not alt:
        return [src, f"<{tag}"], (f"{kind} '{_short(src)}' has no alt text (what a screen reader says instead); "
                                  f"describe what it shows: ![What it shows]({_short(src)})")
    if NO_DESCRIPTION.fullmatch(alt) or alt.lower() in (PurePosixPath(src).name.lower(), PurePosixPath(src).stem.lower()):
        return [src, f"<{tag}"], (f"{kind} '{_short(src)}' has the alt text '{alt}', which does not say what it shows; "
                                  "describe it in a few words instead")
    return None


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 80 else value[:77] + "..."
