"""Fixtures: one build of the real site per test session, and throwaway copies of the project."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from browsing import CHROMIUM_FLAGS
from support import EDITIONS, ROOT, copy_project, edit, mkdocs, once
from site_build.facts import Facts, load_facts


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The site as `mkdocs build` makes it from the repository, built once."""

    def build(folder: Path) -> None:
        result = mkdocs(ROOT, "--site-dir", str(folder / "site"))
        assert result.returncode == 0, result.stdout + result.stderr

    return once(tmp_path_factory, worker_id, "build", build) / "site"


@pytest.fixture(scope="session")
def facts() -> Facts:
    return load_facts(ROOT / "data")


@pytest.fixture(scope="session")
def facts_by_lang() -> dict[str, Facts]:
    """The facts as each edition words them."""
    return {lang: load_facts(ROOT / "data", lang) for lang in EDITIONS}


@pytest.fixture(scope="session")
def articles(tmp_path_factory, worker_id) -> dict[str, str]:
    """Each page's article HTML as the build's reading check gets it (MkDocs' page content), by file name."""
    from site_build.report import built_articles

    def build(folder: Path) -> None:
        (folder / "articles.json").write_text(json.dumps(built_articles(ROOT)), encoding="utf-8")

    return json.loads((once(tmp_path_factory, worker_id, "articles", build) / "articles.json").read_text(encoding="utf-8"))


class Project:
    """A copy of the project with the last good site already built into site/."""

    def __init__(self, root: Path):
        self.root = root
        self.site = root / "site"

    def edit(self, path: str, old: str, new: str) -> None:
        edit(self.root / path, old, new)

    def build(self, *args: str):
        return mkdocs(self.root, *args)


@pytest.fixture
def project(tmp_path: Path, site: Path) -> Project:
    copy = Project(copy_project(tmp_path / "project"))
    shutil.copytree(site, copy.site)
    return copy


# --- A real browser on the built site ----------------------------------------------------------------



class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def server(site: Path):
    """The built site over HTTP on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, started once per session."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Chromium is not installed: scripts/test installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


# --- Releases (scripts/publish into a throwaway repository) and real nginx serving them -------------

from releases import exported, hosted, releases  # noqa: E402,F401  (fixtures, shared by several modules)
