"""MkDocs hooks: build-wide behaviour. They run the checks of site_build.check, put editors' errors in
their words, give templates the facts and review dates, and write the site all or nothing."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import assets, check, content, editor_errors, git_dates, glossary, seo, third_party
from site_build.facts import Facts, load_facts
from site_build.output import StagedSite
from site_build.pages import clinic_time_zone, long_date

log = get_plugin_logger("site_build")

_site = StagedSite()
_command = "build"
_sources: check.Sources | None = None
_page_problems: list[str] = []
_stylesheet: tuple[list[str], str, str] = ([], "", "")  # the sources in docs/; the path and CSS published
_loaded: tuple[MkDocsConfig, Facts] | None = None
_changed: dict[str, int] | None = None  # when each file in docs/ last changed in Git (site_build/git_dates.py)


def _facts(config: MkDocsConfig) -> Facts:
    """The checked facts, read once a build: every page asks, and 900 pages made 900 reads."""
    global _loaded
    if _loaded is None or _loaded[0] is not config:  # `mkdocs serve` reads the config again for each build
        _loaded = (config, load_facts(Path(config.config_file_path).parent / "data"))
    return _loaded[1]


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    editor_errors.reword_mkdocs_warnings(Path(config.docs_dir))
    content.leave_root_links_to_the_checks()
    third_party.explain_failed_downloads(Path(config.config_file_path).parent)
    # The macros plugin lists its setup on every build; editors need only its warnings.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
    if _command in ("build", "gh-deploy"):  # serve builds into a folder of its own; mike only reads the config
        _site.begin(config)
    # The sources are checked before MkDocs lists docs/ (it would follow a shortcut anywhere).
    global _sources
    _sources = check.Sources(config, preview=_command == "serve")
    _page_problems.clear()
    _say(check.source_problems(_sources), _sources)
    # Only a release that mike builds (scripts/publish) has other versions to list; in a preview or a
    # plain build the version selector would ask for a versions.json that is not there.
    if not os.environ.get("MIKE_DOCS_VERSION"):
        config.extra.pop("version", None)
    _minify_stylesheets(config)
    # The browser tab's icon travels inside each page (site_build/assets.py).
    favicon = Path(config.docs_dir) / config.theme["favicon"]
    if favicon.suffix == ".svg" and favicon.is_file():
        config.theme["favicon"] = assets.svg_data_uri(favicon.read_text(encoding="utf-8"))
    return config


def _minify_stylesheets(config: MkDocsConfig) -> None:
    """The stylesheets in docs/ become one, minified and named by its content (site_build/assets.py)."""
    global _stylesheet
    _stylesheet = ([], "", "")
    docs = Path(config.docs_dir)
    sources = [path for path in config.extra_css if (docs / path).is_file()]
    palette = assets.material_palette(config.theme.dirs) if config.theme.get("palette") else None
    if not sources and not palette:
        return
    path, css = assets.site_stylesheet([docs / source for source in sources], palette)
    config.extra_css = [path, *(other for other in config.extra_css if other not in sources)]
    _stylesheet = (sources, path, css)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # robots.txt points at the sitemap; both follow site_url, so the address is written once.
    files.append(File.generated(config, "robots.txt", content=seo.robots_txt(config)))
    sources, path, css = _stylesheet
    for source in sources:
        files.remove(files.get_file_from_path(source))
    if path:
        files.append(File.generated(config, path, content=css))
    return files


def on_pre_build(*, config: MkDocsConfig) -> None:
    # mike adds the release's folder to site_url without the closing slash ("…/latest"); the 404 page,
    # which takes its links and Material's base from site_url, would then look one folder too high.
    if config.site_url and not config.site_url.endswith("/"):
        config.site_url += "/"
    global _changed
    _changed = git_dates.last_changes(Path(config.docs_dir))
    if _changed is not None and git_dates.shallow_on_ci(Path(config.docs_dir)):
        log.warning("this checkout has only the newest commit, so every page would show its date; fetch the "
                    "whole history (GitHub Actions: actions/checkout with fetch-depth: 0; GitLab CI: GIT_DEPTH: 0)")


@event_priority(50)  # before the macros plugin, which would fill in {{ }} in a title a second time
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material prints the title and description from page.meta into the page as they are: give it the
    # checked texts, escaped for HTML.
    if front := _sources.checked_front_matter.get(page.file.src_uri):
        page.meta.update(seo.page_meta(front))
    return markdown


# The article as published, after every plugin that changes it, but before the privacy plugin (-100)
# downloads what it names.
@event_priority(-99)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    problems = check.page_problems(check.Article(_sources, page.file, html, rendered=page.markdown))
    if problems:
        _page_problems.extend(problems)
        return ""  # refused: nothing of it reaches the plugins after this one
    # A glossary word explains itself where it first appears on the page, not at every use.
    return glossary.first_use_only(html)


def on_env(env, *, config: MkDocsConfig, files):
    # Every page's problems at once, before anything is written (the privacy plugin has finished its
    # downloads: one that failed would stop MkDocs on a traceback as it copies the files).
    _say(_page_problems + third_party.failed_downloads(files, Path(config.config_file_path).parent), _sources)
    # Theme templates (help bar, footer, 404 page) read the same checked facts as pages do.
    facts = _facts(config)
    env.globals.update(clinic=facts.clinic, crisis=facts.crisis)
    # Material's templates are indented for their authors, and every {% %} line left its indent in each
    # page: stripped, a page is 2 KB (0.13 KB gzip) lighter, its markup the same. (Not trim_blocks: the
    # line break after a tag can be the only space between two words, as in the help bar.)
    env.lstrip_blocks = True
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    review = _sources.reviews.get(page.file.src_uri)
    if review:
        context["review"] = {
            "reviewed": review.reviewed.isoformat(), "reviewed_text": long_date(review.reviewed),
            "due": review.due.isoformat(), "due_text": long_date(review.due),
            "reviewer": review.reviewer.signed,
        }
    # The date line's last change: the build's date for a page Git does not know (a copy outside Git, a new page).
    changed = (_changed or {}).get(page.file.src_uri)
    day = (datetime.fromtimestamp(changed, ZoneInfo(clinic_time_zone(Path(config.config_file_path)))).date()
           if changed is not None else _sources.today)
    context["updated"] = long_date(day)
    # What search engines and link previews read; main.html prints it in the page's head.
    if front := _sources.checked_front_matter.get(page.file.src_uri):
        context["open_graph"] = seo.open_graph(page, config, front)
        context["structured_data"] = seo.medical_web_page(page, config, _facts(config), front, review)
    return context


@event_priority(-100)  # last, after every plugin that might still warn
def on_post_build(*, config: MkDocsConfig) -> None:
    _site.commit()


def on_serve(server, *, config: MkDocsConfig, builder):
    from site_build import preview  # here: its web server's modules are for the preview only

    # A failed build shows its lines in the browser, instead of a page that never loads.
    preview.BrowserPreview(server, Path(config.config_file_path))
    return server


def on_build_error(*, error: Exception) -> None:
    _site.abandon()


def _say(problems: list[str], sources: check.Sources) -> None:
    """Stop the build with the problems, one line each; name what is only worth knowing."""
    for note in sources.notes:
        log.info(note)
    sources.notes.clear()
    if problems:
        raise PluginError("\n".join(problems))
