"""MkDocs hooks: build-wide behaviour. Data checks, clear errors for editors, an all-or-nothing site folder."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import editor_errors, seo
from site_build.facts import load_facts
from site_build.output import StagedSite

_site = StagedSite()
_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    editor_errors.reword_mkdocs_warnings(Path(config.docs_dir))
    if _command != "serve":  # serve builds into a temporary folder of its own
        _site.begin(config)
    return config


def on_env(env, *, config: MkDocsConfig, files):
    # Theme templates (call bar, 404 page) read the same checked facts as pages do.
    facts = load_facts(Path(config.config_file_path).parent / "data")
    env.globals.update(clinic=facts.clinic, crisis=facts.crisis)
    return env


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # robots.txt points at the sitemap; both follow site_url, so the address is written once.
    files.append(File.generated(config, "robots.txt", content=seo.robots_txt(config)))
    return files


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    # What search engines and link previews read; main.html prints it in the page's head.
    facts = load_facts(Path(config.config_file_path).parent / "data")
    context["open_graph"] = seo.open_graph(page, config)
    context["structured_data"] = seo.medical_web_page(page, config, facts)
    return context


@event_priority(-100)  # last, after every plugin that might still warn
def on_post_build(*, config: MkDocsConfig) -> None:
    _site.commit()


def on_build_error(*, error: Exception) -> None:
    _site.abandon()
