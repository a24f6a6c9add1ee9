"""MkDocs hooks: build-wide behaviour. Checks, editors' errors, reviews and reading grade, search data, all-or-nothing output."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import crisis_help, editor_errors, glossary, reading, seo
from site_build.checks import Problems
from site_build.facts import Facts, load_facts
from site_build.output import StagedSite
from site_build.pages import (FrontMatter, Review, clinic_today, long_date, read_front_matter, review_of,
                              titles_twice, unknown_pages_in_checklist)

log = get_plugin_logger("site_build")

_site = StagedSite()
_command = "build"
_reviews: dict[str, Review | None] = {}
_front: dict[str, FrontMatter] = {}  # each page's checked front matter, its facts filled in
_too_hard: list[str] = []


def _facts(config: MkDocsConfig) -> Facts:
    return load_facts(Path(config.config_file_path).parent / "data")


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    editor_errors.reword_mkdocs_warnings(Path(config.docs_dir))
    # The macros plugin lists its setup on every build, and the date plugin says once per page when
    # a copy has no Git history; editors need only their warnings.
    for plugin in ("mkdocs_macros", "mkdocs_git_revision_date_localized_plugin"):
        logging.getLogger(f"mkdocs.plugins.{plugin}").setLevel(logging.WARNING)
    if _command in ("build", "gh-deploy"):  # serve builds into a folder of its own; mike only reads the config
        _site.begin(config)
    # Only a release that mike builds (scripts/publish) has other versions to list; in a preview or a
    # plain build the version selector would ask for a versions.json that is not there.
    if not os.environ.get("MIKE_DOCS_VERSION"):
        config.extra.pop("version", None)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Check every page's front matter before anything is built; name pages past their review date."""
    facts, today = _facts(config), clinic_today(Path(config.config_file_path))
    docs = Path(config.docs_dir)
    problems, unpublishable, front = [], [], {}
    _reviews.clear()
    _front.clear()
    _too_hard.clear()
    for file in files.documentation_pages():
        shown = f"{docs.name}/{file.src_uri}"
        try:
            meta = read_front_matter(Path(file.abs_src_path), shown, facts, today)
        except Problems as found:
            problems.extend(found.lines)
            continue
        front[Path(file.abs_src_path)] = (shown, meta)
        _front[file.src_uri] = meta
        review = _reviews[file.src_uri] = review_of(meta, facts)
        if review is None:
            unpublishable.append((f"{shown}: not yet reviewed by a clinician; have a clinician listed in data/reviewers.yml "
                                  "review it, then add reviewer: and reviewed: (publishing waits for it)", False))
        elif review.overdue(today):
            unpublishable.append((f"{shown}: review overdue: it fell due on {long_date(review.due)}; have the page "
                                  "reviewed, then set 'reviewed:' to the date of the review (publishing waits for it)", True))
    problems.extend(titles_twice(front))
    # The checklist's pages are known only now (load_facts checked its shape).
    problems += unknown_pages_in_checklist(Path(config.config_file_path).parent / "data",
                                           [file.src_uri for file in files.documentation_pages()])
    if problems:
        raise PluginError("\n".join(problems))
    if unpublishable and os.environ.get("REQUIRE_CURRENT_REVIEWS") == "1":
        raise PluginError("\n".join(line for line, _ in unpublishable))
    # A preview names overdue reviews; that a page is not yet reviewed, the page itself says.
    for line, overdue in unpublishable:
        if overdue:
            log.info(line)
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
    if front := _front.get(page.file.src_uri):
        page.meta.update(seo.page_meta(front))
    return markdown


def on_env(env, *, config: MkDocsConfig, files):
    # Theme templates (call bar, 404 page) read the same checked facts as pages do.
    facts = _facts(config)
    env.globals.update(clinic=facts.clinic, crisis=facts.crisis)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    review = _reviews.get(page.file.src_uri)
    if review:
        context["review"] = {
            "reviewed": review.reviewed.isoformat(), "reviewed_text": long_date(review.reviewed),
            "due": review.due.isoformat(), "due_text": long_date(review.due),
            "reviewer": review.reviewer.signed,
        }
    # What search engines and link previews read; main.html prints it in the page's head.
    if front := _front.get(page.file.src_uri):
        context["open_graph"] = seo.open_graph(page, config, front)
        context["structured_data"] = seo.medical_web_page(page, config, _facts(config), front, review)
    return context


@event_priority(-100)  # the article as published, after every plugin that changes it
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    # Crisis help stands right after the first mention of suicide or self-harm (EDITING.md).
    if mention := crisis_help.missing_crisis_help(html):
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        raise PluginError(crisis_help.refusal(shown, source, page.markdown, mention))
    # A glossary word explains itself where it first appears on the page, not at every use.
    html = glossary.first_use_only(html)
    # The article alone: the menu and the footer around it are not the page's prose.
    if problem := reading.too_hard(shown, html, _facts(config).standards.max_reading_grade):
        _too_hard.append(problem)
    return html


@event_priority(-100)  # last, after every plugin that might still warn
def on_post_build(*, config: MkDocsConfig) -> None:
    if _too_hard and _command != "serve":
        raise PluginError("\n".join(_too_hard))
    for line in _too_hard:
        log.info(line)  # a preview shows the draft anyway
    _site.commit()


def on_build_error(*, error: Exception) -> None:
    _site.abandon()
