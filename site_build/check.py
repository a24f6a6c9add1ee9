"""Every check of the site, with or without a build: `python -m site_build.check [SITE_FOLDER]`.

The same plain functions run in two places: hooks.py calls them during every MkDocs build, and this
module runs them on their own, before a build (settings, data, the files in docs/, each page's front
matter) and, given a built site folder, after one (each built page). A host that runs no MkDocs
hooks (Zensical) still gets every check: `python -m site_build.check && build && python -m
site_build.check site/`.

A check takes `Sources` (SOURCE_CHECKS) or one `Article` (PAGE_CHECKS) and returns, or raises as
`Problems`, lines written `file: line N: what is wrong; what to do`. To add one, write the function
and append it to the list.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import lxml.html
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, file_sort_key
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from site_build import content, crisis_help, editions, mkdocs_yml, published, third_party, twins
from site_build.checks import Problems
from site_build.facts import Facts, load_facts
from site_build.languages import FIRST
from site_build.pages import (FRONT_MATTER, FrontMatter, Review, clinic_today, long_date, read_front_matter,
                               review_of, titles_twice, unknown_pages_in_checklist)
from site_build.reading import too_hard


@dataclass
class Sources:
    """The project as the checks read it: its settings and files, before or without a build."""

    config: MkDocsConfig
    preview: bool = False  # `mkdocs serve`: a draft may still read too hard
    notes: list[str] = field(default_factory=list)  # said to the editor, but not refused

    @cached_property
    def today(self) -> date:
        # The clinic's today: a page's review and Git dates are in its time zone (see clinic_today).
        return clinic_today(Path(self.config.config_file_path))

    @property
    def root(self) -> Path:
        return Path(os.path.abspath(self.config.config_file_path)).parent

    @property
    def docs(self) -> Path:
        return Path(self.config.docs_dir)

    def shown(self, path: Path | File) -> str:
        """How a message names a file: from the project's folder, such as docs/index.md."""
        if isinstance(path, File):
            return f"{self.docs.name}/{path.src_uri}"
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @cached_property
    def site_url(self) -> str | None:
        """The site's public address as mkdocs.yml sets it (`mkdocs serve` puts its own in the config)."""
        with open(self.config.config_file_path, "rb") as settings:
            return yaml_load(settings, get_yaml_loader(yaml.CLoader, config=self.config)).get("site_url")

    @cached_property
    def settings_tree(self) -> yaml.Node | None:
        """mkdocs.yml's YAML nodes, which know their lines: read once for the checks that point at one."""
        return mkdocs_yml.tree_of(Path(self.config.config_file_path), self.config)

    @cached_property
    def facts(self) -> Facts:
        return load_facts(self.root / "data")  # once a build: each page's checks ask

    @cached_property
    def files(self) -> list[File]:
        """Every file in docs/ that MkDocs may read, as MkDocs names it (src_uri, url, inclusion)."""
        return published.listed_files(self)

    @property
    def pages(self) -> list[File]:
        """The Markdown pages MkDocs builds (not docs/templates/, which it leaves out)."""
        return [f for f in self.files if f.is_documentation_page() and f.inclusion.is_included()]

    @cached_property
    def front_matter(self) -> dict[str, FrontMatter | Problems]:
        found: dict[str, FrontMatter | Problems] = {}
        for page in self.pages:
            try:
                found[page.src_uri] = read_front_matter(Path(page.abs_src_path), self.shown(page), self.facts, self.today)
            except Problems as problems:
                found[page.src_uri] = problems
        return found

    @cached_property  # every page asks: once, not once a page
    def checked_front_matter(self) -> dict[str, FrontMatter]:
        """The front matter of each page that passed its checks, its facts filled in."""
        return {src: meta for src, meta in self.front_matter.items() if isinstance(meta, FrontMatter)}

    @cached_property
    def reviews(self) -> dict[str, Review | None]:
        """Each page's medical review, or None until a named clinician has reviewed it."""
        return {src: review_of(meta, self.facts) for src, meta in self.checked_front_matter.items()}


@dataclass
class Article:
    """One page as the checks read it: its Markdown file, and the HTML the build made of it."""

    sources: Sources
    file: File
    html: str  # the article only (what `on_page_content` gives): no menu, header or footer
    rendered: str | None = None  # the Markdown with its {{ }} filled in, where a build has it

    @property
    def shown(self) -> str:
        return self.sources.shown(self.file)

    @property
    def lang(self) -> str:
        """The language the page is written in: its edition's."""
        return editions.page_language(self.file.src_uri)

    @cached_property
    def text(self) -> str:
        """The Markdown file as the editor sees it, front matter included (line numbers count from it)."""
        return Path(self.file.abs_src_path).read_text(encoding="utf-8-sig")

    @property
    def body_start(self) -> int:
        """Where the page's own words start in `text`, after the front matter."""
        match = FRONT_MATTER.match(self.text)
        return match.end() if match else 0

    @cached_property
    def parsed(self) -> tuple[lxml.html.HtmlElement, bool]:
        """The article parsed once for every page check that reads it (none of them changes it), and
        whether it is nested deeper than the parser reads by default (256 levels)."""
        parser = lxml.html.HTMLParser()
        root = lxml.html.fragment_fromstring(self.html, create_parent="div", parser=parser)
        return root, any("Excessive depth" in error.message for error in parser.error_log)

    @property
    def tree(self) -> lxml.html.HtmlElement:
        return self.parsed[0]


Check = Callable[[Sources], Iterable[str]]
PageCheck = Callable[[Article], Iterable[str]]


# --- The checks that were here before this module: data, front matter, reviews, reading grade -----


def data(sources: Sources) -> list[str]:
    sources.facts  # load_facts raises PluginError with one line per problem
    return []


def front_matter(sources: Sources) -> list[str]:
    return [line for meta in sources.front_matter.values() if isinstance(meta, Problems) for line in meta.lines]


def reviews_due(sources: Sources) -> list[str]:
    """Pages without a named clinician's review, or past their review date: refused when publishing
    (REQUIRE_CURRENT_REVIEWS=1). Otherwise an overdue page is named, and one not yet reviewed says so itself."""
    unreviewed, overdue = [], []
    for src, review in sources.reviews.items():
        shown = f"{sources.docs.name}/{src}"
        if review is None:
            unreviewed.append(f"{shown}: not yet reviewed by a clinician; have a clinician listed in data/reviewers.yml "
                              "review it, then add reviewer: and reviewed: (publishing waits for it)")
        elif review.overdue(sources.today):
            overdue.append(f"{shown}: review overdue: it fell due on {long_date(review.due)}; have the page "
                           "reviewed, then set 'reviewed:' to the date of the review (publishing waits for it)")
    if os.environ.get("REQUIRE_CURRENT_REVIEWS") == "1":
        return unreviewed + overdue
    sources.notes.extend(overdue)
    return []


def titles(sources: Sources) -> list[str]:
    """Two pages with one title: browser tabs, search results and link previews would not tell them apart.
    Two files for one address are left to `published.addresses`, which says to keep one of them."""
    addresses = Counter(page.url.casefold() for page in sources.pages)
    pages = {Path(page.abs_src_path): (sources.shown(page), sources.checked_front_matter[page.src_uri])
             for page in sorted(sources.pages, key=_menu_order)  # as MkDocs orders them: index.md first
             if page.src_uri in sources.checked_front_matter and addresses[page.url.casefold()] == 1}
    return titles_twice(pages)


def _menu_order(page: File) -> tuple:
    """MkDocs' order of files (index.md first), by the English file's name: index.es.md first too."""
    english = editions.twin(page.src_uri, FIRST)
    return file_sort_key(File(english, page.src_dir, page.dest_dir, False))


def review_checklist(sources: Sources) -> list[str]:
    """Entries of data/review_checklist.yml that name no page of the site (by its English file: the
    checklist says what each language's page says)."""
    return unknown_pages_in_checklist(sources.root / "data", [editions.twin(page.src_uri, FIRST) for page in sources.pages])


def crisis_help_near_mentions(article: Article) -> list[str]:
    """Crisis help right after the first mention of suicide or self-harm (EDITING.md)."""
    mention = crisis_help.missing_crisis_help(article.html, article.tree)
    if mention is None:
        return []
    return [crisis_help.refusal(article.shown, article.text, article.rendered or article.text, mention)]


def reading_grade(article: Article) -> list[str]:
    tree, deep = article.parsed  # a page nested deeper is read again, as deep as the measure reads
    line = too_hard(article.shown, article.html if deep else tree, article.sources.facts.standards, article.lang)
    if line and article.sources.preview:  # a preview shows the draft anyway
        article.sources.notes.append(line)
        return []
    return [line] if line else []


# --- The lists: add a check here ---------------------------------------------------------------------

SOURCE_CHECKS: list[Check] = [
    published.docs_folder,
    published.addresses,
    mkdocs_yml.menu,
    mkdocs_yml.theme_files,
    data,
    front_matter,
    titles,
    review_checklist,
    reviews_due,
    published.image_sizes,
    content.asset_files,
    twins.missing,
    twins.untranslated,
]

PAGE_CHECKS: list[PageCheck] = [
    content.page_content,
    third_party.unreadable_tags,
    crisis_help_near_mentions,
    reading_grade,
]


def problems(checks: Iterable[Callable], subject) -> list[str]:
    """Every check's lines, in order, each line once (two checks may meet the same broken file)."""
    lines: list[str] = []
    for check in checks:
        try:
            found = list(check(subject))
        except Problems as raised:
            found = raised.lines
        except MkDocsException as raised:  # a PluginError from load_facts
            found = str(raised).splitlines()
        lines.extend(line for line in found if line not in lines)
    return lines


def source_problems(sources: Sources) -> list[str]:
    return problems(SOURCE_CHECKS, sources)


def page_problems(article: Article) -> list[str]:
    return problems(PAGE_CHECKS, article)


# --- On its own ------------------------------------------------------------------------------------

# What the theme adds inside a built page's <article> around the page's own content.
THEME_PARTS = "aside.md-source-file, footer.page-footer, .md-content__button"


def article_html(page_html: str) -> str:
    """A built page's article as the build's checks saw it: without the parts the theme adds."""
    from bs4 import BeautifulSoup  # here only: a build does without it

    article = BeautifulSoup(page_html, "lxml").select_one("article")
    if article is None:
        return ""
    for part in article.select(THEME_PARTS):
        part.decompose()
    return article.decode_contents()


def built_page_problems(sources: Sources, site: Path) -> list[str]:
    """Each page of the edition, in the built site (`site`: its edition in its folder, such as site/es/)."""
    lines: list[str] = []
    for page in sources.pages:
        dest = editions.edition_of(sources.config).path + editions.published_uri(page, sources.config)
        built = site / dest
        if not built.is_file():
            lines.append(f"{sources.shown(page)}: {site.name}/{dest} is missing; build the site again, then check it")
            continue
        article = Article(sources, page, article_html(built.read_text(encoding="utf-8")))
        lines.extend(line for line in page_problems(article) if line not in lines)
    return lines


def say(level: str, line: str) -> None:
    # The form of MkDocs' own lines, so that the check and the build read the same.
    print(f"{level:<8}-  {line}", file=sys.stderr)


def each_edition(config_file: Path, config: MkDocsConfig) -> Iterator[tuple[MkDocsConfig | None, list[str]]]:
    """Every edition's settings: mkdocs.yml's (already checked, as `config`), then each other one's
    (mkdocs.es.yml), checked; with what is wrong in them (the settings are None when refused)."""
    for edition in editions.editions(config):
        yield (config, []) if edition.first else mkdocs_yml.check(editions.settings_file(config_file, edition))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_build.check", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder whose pages to check too, such as site/")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the settings file (mkdocs.yml)")
    parser.add_argument("--mkdocs-yml", action="store_true", help="check only the settings file, as MkDocs reads it first")
    args = parser.parse_args(argv)

    config, lines = mkdocs_yml.check(args.config_file)
    checked: list[Sources] = []
    for edition_config, found in each_edition(args.config_file, config) if config is not None else []:
        lines += [line for line in found if line not in lines]
        if edition_config is None or args.mkdocs_yml:
            continue
        sources = Sources(edition_config)
        checked.append(sources)
        found = source_problems(sources)
        if not found and args.site:
            found = built_page_problems(sources, args.site)
        lines += [line for line in found if line not in lines]
    for note in (note for sources in checked for note in sources.notes):
        say("INFO", note)
    for line in lines:
        say("ERROR", line)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
