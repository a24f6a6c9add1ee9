"""MkDocs hooks: build-wide behaviour. They run the checks of site_build.check, put editors' errors in
their words, give templates the facts and review dates, build every edition and write the site all or
nothing."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.utils import CountHandler
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import assets, check, content, editions, editor_errors, git_dates, glossary, seo, third_party
from site_build.facts import Facts, load_facts
from site_build.languages import long_date
from site_build.output import StagedSite
from site_build.pages import clinic_time_zone

log = get_plugin_logger("site_build")


@dataclass
class _Build:
    """One MkDocs build of one edition. The first edition's build runs the others inside its own
    (editions.build_the_others), and MkDocs loads this module once for both: each build keeps its
    state here, the innermost last."""

    config: MkDocsConfig
    command: str
    sources: check.Sources
    layout: editions.Layout
    site: StagedSite | None = None  # the outermost build writes the site, all or nothing
    page_problems: list[str] = field(default_factory=list)
    warnings: CountHandler = field(default_factory=CountHandler)  # this build's, for MkDocs' strict mode
    stylesheet: tuple[list[str], str, str] = ([], "", "")  # the sources in docs/; the path and CSS published
    changed: dict[str, int] | None = None  # when each file in docs/ last changed in Git (site_build/git_dates.py)

    def __post_init__(self) -> None:
        self.warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def end(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    @property
    def lang(self) -> str:
        return editions.language(self.config)

    @cached_property
    def facts(self) -> Facts:
        """The checked facts, read once a build: every page asks, and 900 pages made 900 reads."""
        return load_facts(Path(self.config.config_file_path).parent / "data", self.lang)


_builds: list[_Build] = []
_command = "build"


def _current() -> _Build:
    return _builds[-1]


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)  # before mike's plugin, which adds the release's folder to site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    editor_errors.reword_mkdocs_warnings(Path(config.docs_dir), Path(config.config_file_path).name)
    content.leave_root_links_to_the_checks()
    third_party.explain_failed_downloads(Path(config.config_file_path).parent)
    # The macros plugin lists its setup on every build; editors need only its warnings.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
    nested = bool(_builds)
    command = _builds[-1].command if nested else _command
    # The sources are checked before MkDocs lists docs/ (it would follow a shortcut anywhere).
    build = _Build(config, command, check.Sources(config, preview=command == "serve"), editions.layout(config))
    config.site_url = editions.edition_site_url(build.layout)
    # serve builds into a folder of its own; mike only reads the config; an edition built inside
    # another is written with it.
    if command in ("build", "gh-deploy") and not nested:
        build.site = StagedSite()
        build.site.begin(config)
    _builds.append(build)
    _say(check.source_problems(build.sources), build.sources)
    # Only a release that mike builds (scripts/publish) has other versions to list; in a preview or a
    # plain build the version selector would ask for a versions.json that is not there.
    if not os.environ.get(editions.RELEASE):
        config.extra.pop("version", None)
    build.stylesheet = _minified_stylesheet(config)
    # The browser tab's icon travels inside each page (site_build/assets.py).
    favicon = Path(config.docs_dir) / config.theme["favicon"]
    if favicon.suffix == ".svg" and favicon.is_file():
        config.theme["favicon"] = assets.svg_data_uri(favicon.read_text(encoding="utf-8"))
    return config


def _minified_stylesheet(config: MkDocsConfig) -> tuple[list[str], str, str]:
    """The stylesheets in docs/ become one, minified and named by its content (site_build/assets.py):
    the sources, and the path and CSS published."""
    docs = Path(config.docs_dir)
    sources = [path for path in config.extra_css if (docs / path).is_file()]
    palette = assets.material_palette(config.theme.dirs) if config.theme.get("palette") else None
    if not sources and not palette:
        return [], "", ""
    path, css = assets.site_stylesheet([docs / source for source in sources], palette)
    config.extra_css = [path, *(other for other in config.extra_css if other not in sources)]
    return sources, path, css


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = _current()
    if build.layout.here.first:
        # robots.txt points at every edition's sitemap; all follow site_url, so the address is written once.
        files.append(File.generated(config, "robots.txt", content=seo.robots_txt(build.layout)))
    sources, path, css = build.stylesheet
    for source in sources:
        files.remove(files.get_file_from_path(source))
    if path:
        files.append(File.generated(config, path, content=css))
    return editions.edition_files(files, config)


def on_pre_build(*, config: MkDocsConfig) -> None:
    # mike adds the release's folder to site_url without the closing slash ("…/latest"); the 404 page,
    # which takes its links and Material's base from site_url, would then look one folder too high.
    if config.site_url and not config.site_url.endswith("/"):
        config.site_url += "/"
    build, first = _current(), _builds[0]
    if build is not first and first.config.docs_dir == config.docs_dir:
        build.changed = first.changed  # the editions share docs/: its history is read once, by the first
        return
    build.changed = git_dates.last_changes(Path(config.docs_dir))
    if build.changed is not None and build is first and git_dates.shallow_on_ci(Path(config.docs_dir)):
        log.warning("this checkout has only the newest commit, so every page would show its date; fetch the "
                    "whole history (GitHub Actions: actions/checkout with fetch-depth: 0; GitLab CI: GIT_DEPTH: 0)")


@event_priority(50)  # before the macros plugin, which would fill in {{ }} in a title a second time
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material prints the title and description from page.meta into the page as they are: give it the
    # checked texts, escaped for HTML.
    if front := _current().sources.checked_front_matter.get(page.file.src_uri):
        page.meta.update(seo.page_meta(front))
    return markdown


# The article as published, after every plugin that changes it, but before the privacy plugin (-100)
# downloads what it names.
@event_priority(-99)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    problems = check.page_problems(check.Article(build.sources, page.file, html, rendered=page.markdown))
    if problems:
        build.page_problems.extend(problems)
        return ""  # refused: nothing of it reaches the plugins after this one
    # A glossary word explains itself where it first appears on the page, not at every use.
    return glossary.first_use_only(html)


def on_env(env, *, config: MkDocsConfig, files):
    build = _current()
    # Every page's problems at once, before anything is written (the privacy plugin has finished its
    # downloads: one that failed would stop MkDocs on a traceback as it copies the files).
    _say(build.page_problems + third_party.failed_downloads(files, Path(config.config_file_path).parent), build.sources)
    # Theme templates (help bar, footer, 404 page) read the same checked facts as pages do, and the
    # interface's words, in the edition's language.
    facts = build.facts
    env.globals.update(clinic=facts.clinic, crisis=facts.crisis, words=facts.interface)
    # Each page's twins, for the sitemap (overrides/sitemap.xml), which names them for search engines too.
    env.globals["twins_of"] = lambda page: seo.twins(page, build.layout)
    # Material's templates are indented for their authors, and every {% %} line left its indent in each
    # page: stripped, a page is 2 KB (0.13 KB gzip) lighter, its markup the same. (Not trim_blocks: the
    # line break after a tag can be the only space between two words, as in the help bar.)
    env.lstrip_blocks = True
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    build = _current()
    review = build.sources.reviews.get(page.file.src_uri)
    if review:
        context["review"] = {
            "reviewed": review.reviewed.isoformat(), "reviewed_text": long_date(review.reviewed, build.lang),
            "due": review.due.isoformat(), "due_text": long_date(review.due, build.lang),
            "reviewer": review.reviewer.signed,
        }
    # The date line's last change: the build's date for a page Git does not know (a copy outside Git, a new page).
    changed = (build.changed or {}).get(page.file.src_uri)
    day = (datetime.fromtimestamp(changed, ZoneInfo(clinic_time_zone(Path(config.config_file_path)))).date()
           if changed is not None else build.sources.today)
    context["updated"] = long_date(day, build.lang)
    # The language switch in the header leads to this page's own twin; the page's head (main.html) and
    # the sitemap name each twin for search engines.
    twins = seo.twins(page, build.layout)
    context["alternates"] = twins
    # What search engines and link previews read; main.html prints it in the page's head.
    if front := build.sources.checked_front_matter.get(page.file.src_uri):
        context["open_graph"] = seo.open_graph(page, config, front, twins)
        context["structured_data"] = seo.medical_web_page(page, config, build.facts, front, review)
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":  # the switch, and a link on the page, lead to each edition's home page
        build = _current()
        homes = seo.homes(build.layout)
        context["alternates"] = homes
        data = Path(config.config_file_path).parent / "data"
        context["other_editions"] = [
            {"lang": t.edition.lang, "address": t.link,
             "invitation": load_facts(data, t.edition.lang).interface.not_found.this_language}
            for t in homes if t.edition.lang != build.lang]
    return context


# Last, after every plugin that changes the page (the privacy plugin rewrites its addresses).
@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return assets.collapsed(output)


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return assets.collapsed(output_content) if template_name.endswith(".html") else output_content


@event_priority(-100)  # last, after every plugin that might still warn
def on_post_build(*, config: MkDocsConfig) -> None:
    # The other editions go into this build's site before it is put in place: all of it, or none. A
    # strict build that has warned stops right after this: the others would only warn again.
    build = _current()
    if not (config.strict and build.warnings.get_counts()):
        editions.build_the_others(config, build.layout, build.command)
    _builds.pop().end()
    if build.site:
        build.site.commit()


def on_serve(server, *, config: MkDocsConfig, builder):
    from site_build import preview  # here: its web server's modules are for the preview only

    # A failed build shows its lines in the browser, instead of a page that never loads.
    preview.BrowserPreview(server, Path(config.config_file_path))
    return server


def on_build_error(*, error: Exception) -> None:
    # An edition that fails stops the build it runs in too (and MkDocs may call this after the failed
    # build's on_post_build, in strict mode): every build under way ends, and the site is kept.
    while _builds:
        build = _builds.pop()
        build.end()
        if build.site:
            build.site.abandon()


def _say(problems: list[str], sources: check.Sources) -> None:
    """Stop the build with the problems, one line each; name what is only worth knowing."""
    for note in sources.notes:
        log.info(note)
    sources.notes.clear()
    if problems:
        raise PluginError("\n".join(problems))
