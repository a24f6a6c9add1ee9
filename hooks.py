"""MkDocs hooks: build-wide behaviour. Checks, editors' errors, reviews and reading grade, search data, all-or-nothing output."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import assets, editor_errors, seo
from site_build.checks import Problems
from site_build.facts import Facts, load_facts
from site_build.output import StagedSite
from site_build.pages import Review, long_date, read_front_matter, readability, review_of

log = get_plugin_logger("site_build")

_site = StagedSite()
_command = "build"
_reviews: dict[str, Review] = {}
_too_hard: list[str] = []
_stylesheet: tuple[list[str], str, str] = ([], "", "")  # the sources in docs/; the path and CSS published


_loaded: tuple[MkDocsConfig, Facts] | None = None


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
    """Check every page's front matter before anything is built; name pages past their review date."""
    facts, today = _facts(config), date.today()
    docs = Path(config.docs_dir)
    problems, overdue = [], []
    _reviews.clear()
    _too_hard.clear()
    for file in files.documentation_pages():
        shown = f"{docs.name}/{file.src_uri}"
        try:
            review = review_of(read_front_matter(Path(file.abs_src_path), shown, facts, today), facts)
        except Problems as found:
            problems.extend(found.lines)
            continue
        _reviews[file.src_uri] = review
        if review.overdue(today):
            overdue.append(f"{shown}: review overdue: it fell due on {long_date(review.due)}; have the page "
                           "reviewed, then set 'reviewed:' to the date of the review (publishing waits for it)")
    if problems:
        raise PluginError("\n".join(problems))
    if overdue and os.environ.get("REQUIRE_CURRENT_REVIEWS") == "1":
        raise PluginError("\n".join(overdue))
    for line in overdue:
        log.info(line)
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


def on_env(env, *, config: MkDocsConfig, files):
    # Theme templates (call bar, 404 page) read the same checked facts as pages do.
    facts = _facts(config)
    env.globals.update(clinic=facts.clinic, crisis=facts.crisis)
    # Material's templates are indented for their authors, and every {% %} line left its indent and
    # line break in each page: trimmed, a page is 1 KB (0.25 KB gzip) lighter, its markup the same.
    env.trim_blocks = env.lstrip_blocks = True
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    review = _reviews.get(page.file.src_uri)
    if review:
        context["review"] = {
            "reviewed": review.reviewed.isoformat(), "reviewed_text": long_date(review.reviewed),
            "due": review.due.isoformat(), "due_text": long_date(review.due),
            "reviewer": review.reviewer_name,
        }
    # What search engines and link previews read; main.html prints it in the page's head.
    context["open_graph"] = seo.open_graph(page, config)
    context["structured_data"] = seo.medical_web_page(page, config, _facts(config), review)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    limit = _facts(config).standards.max_reading_grade
    grade = readability(output).grade
    if grade > limit:
        _too_hard.append(f"{Path(config.docs_dir).name}/{page.file.src_uri}: reads at grade {grade}, above the limit of "
                         f"{limit:g} (data/standards.yml); use shorter sentences and everyday words, "
                         "and let the glossary explain hard terms")
    return output


@event_priority(-100)  # last, after every plugin that might still warn
def on_post_build(*, config: MkDocsConfig) -> None:
    if _too_hard and _command != "serve":
        raise PluginError("\n".join(_too_hard))
    for line in _too_hard:
        log.info(line)  # a preview shows the draft anyway
    _site.commit()


def on_build_error(*, error: Exception) -> None:
    _site.abandon()
