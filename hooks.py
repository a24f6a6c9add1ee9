"""MkDocs hooks: build-wide behaviour. They run the checks of site_build.check, put editors' errors in
their words, give templates the facts and review dates, and write the site all or nothing."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import check, content, editor_errors, glossary, preview, seo, third_party
from site_build.facts import Facts, load_facts
from site_build.output import StagedSite
from site_build.pages import long_date

log = get_plugin_logger("site_build")

_site = StagedSite()
_command = "build"
_sources: check.Sources | None = None
_page_problems: list[str] = []


def _facts(config: MkDocsConfig) -> Facts:
    return load_facts(Path(config.config_file_path).parent / "data")


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    editor_errors.reword_mkdocs_warnings(Path(config.docs_dir))
    content.leave_root_links_to_the_checks()
    third_party.explain_failed_downloads(Path(config.config_file_path).parent)
    # The macros plugin lists its setup on every build, and the date plugin says once per page when
    # a copy has no Git history; editors need only their warnings.
    for plugin in ("mkdocs_macros", "mkdocs_git_revision_date_localized_plugin"):
        logging.getLogger(f"mkdocs.plugins.{plugin}").setLevel(logging.WARNING)
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
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # robots.txt points at the sitemap; both follow site_url, so the address is written once.
    files.append(File.generated(config, "robots.txt", content=seo.robots_txt(config)))
    return files


def on_pre_build(*, config: MkDocsConfig) -> None:
    # mike adds the release's folder to site_url without the closing slash ("…/latest"); the 404 page,
    # which takes its links and Material's base from site_url, would then look one folder too high.
    if config.site_url and not config.site_url.endswith("/"):
        config.site_url += "/"


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
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    review = _sources.reviews.get(page.file.src_uri)
    if review:
        context["review"] = {
            "reviewed": review.reviewed.isoformat(), "reviewed_text": long_date(review.reviewed),
            "due": review.due.isoformat(), "due_text": long_date(review.due),
            "reviewer": review.reviewer.signed,
        }
    # What search engines and link previews read; main.html prints it in the page's head.
    if front := _sources.checked_front_matter.get(page.file.src_uri):
        context["open_graph"] = seo.open_graph(page, config, front)
        context["structured_data"] = seo.medical_web_page(page, config, _facts(config), front, review)
    return context


@event_priority(-100)  # last, after every plugin that might still warn
def on_post_build(*, config: MkDocsConfig) -> None:
    _site.commit()


def on_serve(server, *, config: MkDocsConfig, builder):
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
