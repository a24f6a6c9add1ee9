"""MkDocs hooks: build-wide behaviour. Data checks, clear errors for editors, an all-or-nothing site folder."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from site_build import editor_errors
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
    if _command in ("build", "gh-deploy"):  # serve builds into a folder of its own; mike only reads the config
        _site.begin(config)
    # Only a release that mike builds (scripts/publish) has other versions to list; in a preview or a
    # plain build the version selector would ask for a versions.json that is not there.
    if not os.environ.get("MIKE_DOCS_VERSION"):
        config.extra.pop("version", None)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    # mike adds the release's folder to site_url without the closing slash ("…/latest"); the 404 page,
    # which takes its links and Material's base from site_url, would then look one folder too high.
    if config.site_url and not config.site_url.endswith("/"):
        config.site_url += "/"


def on_env(env, *, config: MkDocsConfig, files):
    # Theme templates (call bar, 404 page) read the same checked facts as pages do.
    facts = load_facts(Path(config.config_file_path).parent / "data")
    env.globals.update(clinic=facts.clinic, crisis=facts.crisis)
    return env


@event_priority(-100)  # last, after every plugin that might still warn
def on_post_build(*, config: MkDocsConfig) -> None:
    _site.commit()


def on_build_error(*, error: Exception) -> None:
    _site.abandon()
