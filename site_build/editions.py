"""The site's editions, one per language: English at the site's root, Spanish in es/.

Each edition is an ordinary MkDocs site with its own settings: mkdocs.yml, and mkdocs.<lang>.yml,
which inherits it (`INHERIT: mkdocs.yml`) and says only what differs (language, menu, search, date
line). `extra.editions` in mkdocs.yml lists them, mkdocs.yml's own first. One `mkdocs build` of
mkdocs.yml builds them all: the others into their folders of the same site, before the site is put
in place, so that a Spanish page that fails keeps the last good site whole.

A page is docs/<page>.md in English and docs/<page>.<lang>.md in another language; each edition
publishes it at the same address in its own folder (docs/side-effects.es.md is es/side-effects/),
and a link or menu entry written `side-effects.md` leads to the page of the reader's language.

A release (mike) publishes each edition as a project of its own on the branch: the first at the
root (1.0/, latest/), another in its folder (es/1.0/, es/latest/, with its own versions.json).
Material's version selector and its search find their files from the page's base, which must be
the release's own folder; so each edition of a release is built by its own `mike deploy`
(scripts/publish), and the links between the two follow that layout.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from site_build.languages import FIRST, LANGUAGES

# The release mike is building (scripts/publish), which it tells MkDocs in this variable.
RELEASE = "MIKE_DOCS_VERSION"


@dataclass(frozen=True)
class Edition:
    lang: str  # en, es: as theme.language and <html lang> write it
    name: str  # as its readers write it: English, Español
    path: str  # its folder from the site's root: "" or "es/"

    @property
    def first(self) -> bool:
        return self.lang == FIRST


def editions(config: MkDocsConfig) -> list[Edition]:
    """The editions mkdocs.yml lists (extra.editions), the first edition first."""
    listed = [Edition(item["lang"], item.get("name") or item["lang"], _folder(item.get("link") or ""))
              for item in config.extra.get("editions") or [] if isinstance(item, dict) and item.get("lang") in LANGUAGES]
    return sorted(listed, key=lambda e: not e.first) or [Edition(FIRST, LANGUAGES[FIRST], "")]


def _folder(link: str) -> str:
    """'./' and '/' are the site's root: ''; 'es/' and '/es' are 'es/'."""
    folder = posixpath.normpath("/" + link).strip("/")
    return f"{folder}/" if folder else ""


def language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def edition_of(config: MkDocsConfig) -> Edition:
    lang = language(config)
    return next((e for e in editions(config) if e.lang == lang), Edition(lang, LANGUAGES.get(lang, lang), ""))


def settings_file(first_settings: Path, edition: Edition) -> Path:
    """mkdocs.yml for the first edition, mkdocs.es.yml beside it for Spanish."""
    return first_settings if edition.first else first_settings.with_name(f"{first_settings.stem}.{edition.lang}.yml")


# --- Pages and their twins -------------------------------------------------------------------------

_LANGUAGE_SUFFIX = re.compile(r"(?P<page>.+)\.(?P<lang>[a-z]{2})\.md")


def page_language(src_uri: str) -> str:
    """The language a page file is written in: side-effects.es.md is Spanish, side-effects.md English."""
    match = _LANGUAGE_SUFFIX.fullmatch(src_uri)
    return match["lang"] if match and match["lang"] in LANGUAGES else FIRST


def twin(src_uri: str, lang: str) -> str:
    """The file of the same page in another language: twin('side-effects.md', 'es') is side-effects.es.md."""
    match = _LANGUAGE_SUFFIX.fullmatch(src_uri)
    page = match["page"] if match and match["lang"] in LANGUAGES else src_uri.removesuffix(".md")
    return f"{page}.md" if lang == FIRST else f"{page}.{lang}.md"


class EditionFiles(Files):
    """The files of an edition in another language: a link or a menu entry to `side-effects.md` finds
    the page written in the edition's language, side-effects.es.md."""

    def __init__(self, files: list[File], lang: str):
        super().__init__(files)
        self.lang = lang

    def get_file_from_path(self, path: str) -> File | None:
        if path.endswith(".md"):
            found = super().get_file_from_path(twin(path, self.lang))
            if found is not None:
                return found
        return super().get_file_from_path(path)


def edition_files(files: Files, config: MkDocsConfig) -> Files:
    """The files as the edition publishes them: its pages at the address of their English twin."""
    lang = language(config)
    if lang == FIRST:
        return files
    published = []
    for file in files:
        if file.is_documentation_page() and page_language(file.src_uri) == lang:
            address = File(twin(file.src_uri, FIRST), file.src_dir, file.dest_dir, config.use_directory_urls)
            file = File(file.src_uri, file.src_dir, file.dest_dir, config.use_directory_urls,
                        dest_uri=address.dest_uri, inclusion=file.inclusion)
            file.name = address.name  # index.es.md is the edition's home page
        published.append(file)
    return EditionFiles(published, lang)


def published_uri(file: File, config: MkDocsConfig) -> str:
    """Where a page of docs/ is written in its edition's folder: side-effects.es.md as side-effects/index.html."""
    if page_language(file.src_uri) == FIRST:
        return file.dest_uri
    return File(twin(file.src_uri, FIRST), file.src_dir, file.dest_dir, config.use_directory_urls).dest_uri


# --- Addresses ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where each edition of this build is published: the editions, the site's public address, and the
    release's folder (mike's version for links between pages, the canonical one for search engines).
    Read once, as a build starts: the language switch's links change with every page."""

    editions: tuple[Edition, ...]  # the first edition first
    here: Edition  # the edition being built
    site_url: str  # the site's root, as mkdocs.yml says (SITE_URL), before any edition or release folder
    release: str | None  # 1.1 while mike builds release 1.1
    canonical: str | None  # latest: search engines are pointed at the newest release

    def root(self, edition: Edition, release: str | None) -> str:
        """The edition's folder from the site's root: es/, or es/1.1/ in a release."""
        return edition.path + (f"{release}/" if release else "")

    def link(self, page_url: str, edition: Edition, to_url: str, to: Edition) -> str:
        """The relative link from a page of one edition (its url, such as side-effects/) to a page of
        another: it works wherever the site, or a release of it, is put."""
        here = self.root(edition, self.release) + page_url
        there = self.root(to, self.release) + to_url
        start = here if here.endswith("/") or not here else posixpath.dirname(here)
        link = posixpath.relpath(there or ".", start or ".")
        return link + "/" if (there.endswith("/") or not there) and not link.endswith("/") else link

    def address(self, edition: Edition, url: str = "") -> str:
        """A page's public address: the canonical release of its edition (https://…/es/latest/side-effects/)."""
        if not self.site_url:
            return ""
        return urljoin(self.site_url, self.root(edition, self.canonical) + url)


def layout(config: MkDocsConfig) -> Layout:
    """The layout of the build of `config`, as its on_config finds it (before mike's plugin adds the
    release's folder to site_url)."""
    release = os.environ.get(RELEASE) or None
    mike = config.plugins.get("mike")
    canonical = (mike.config.get("canonical_version") if mike else None) or release
    site_url = config.site_url or ""
    root = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    return Layout(tuple(editions(config)), edition_of(config), root, release, canonical if release else None)


def edition_site_url(layout: Layout) -> str | None:
    """The edition's own site_url: the site's, and the edition's folder (mike then adds the release's)."""
    return urljoin(layout.site_url, layout.here.path) if layout.site_url else None


# --- Building the other editions ------------------------------------------------------------------


def build_the_others(config: MkDocsConfig, layout: Layout, command: str) -> None:
    """`mkdocs build` of the first edition builds every other one into its folder of the same site
    (config.site_dir: the staging folder, or the preview's). A release builds one edition at a time."""
    from site_build import mkdocs_yml  # it imports the checks, which import this module

    if not layout.here.first or layout.release:
        return
    settings = Path(config.config_file_path)
    for edition in layout.editions[1:]:
        other, problems = mkdocs_yml.check(settings_file(settings, edition))
        if problems:
            raise PluginError("\n".join(problems))
        other.site_dir = os.path.join(config.site_dir, edition.path)
        other.plugins.on_startup(command=command, dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()


def release_folder(settings: Path) -> str:
    """The folder of the branch an edition's releases go into (mike's deploy_prefix): '' or 'es/'."""
    from mkdocs.config import load_config

    prefix = load_config(str(settings)).plugins["mike"].config["deploy_prefix"].strip("/")
    return f"{prefix}/" if prefix else ""


if __name__ == "__main__":  # scripts/publish: python -m site_build.editions release-folder mkdocs.es.yml
    import sys

    if sys.argv[1:2] == ["release-folder"] and len(sys.argv) == 3:
        print(release_folder(Path(sys.argv[2])))
    else:
        sys.exit("usage: python -m site_build.editions release-folder SETTINGS_FILE")
