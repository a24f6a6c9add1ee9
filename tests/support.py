"""Helpers the tests share: running MkDocs, reading built pages as a visitor would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]

# What a copy of the project needs in order to build.
PROJECT_FILES = ["docs", "data", "overrides", "site_build", "macros.py", "hooks.py", "mkdocs.yml", "mkdocs.es.yml"]

BLOCKS = ["p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "caption"]


def mkdocs(project: Path, *args: str, command: str = "build", env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", command, *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def once(tmp_path_factory, worker_id: str, name: str, make) -> Path:
    """A folder that `make(folder)` fills once for the whole test run, even when pytest-xdist runs the
    tests in several processes: the first process to ask makes it where they all look, the others wait."""
    if worker_id == "master":  # one process: nothing to share
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def edit(file: Path, old: str, new: str) -> None:
    """Replace the first `old` in `file` with `new`, as an editor would; `old` must be there."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text_of(element) -> str:
    """The words of an element as a reader meets them: blocks apart, inline markup (abbr, a) joined."""
    parts = [block.get_text() for block in element.find_all(BLOCKS)] or [element.get_text()]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


# The site's editions: each language, and its folder in the built site.
EDITIONS = {"en": "", "es": "es/"}


def page_file(site: Path, page: str, lang: str = "en") -> Path:
    """The built file of a page named like its Markdown file, without .md ('index' is the home page), in
    the edition of `lang`."""
    edition = site / EDITIONS[lang] if EDITIONS[lang] else site
    return edition / "index.html" if page == "index" else edition / page / "index.html"


def source(page: str, lang: str = "en") -> Path:
    """docs/<page>.md, or its twin in another language: docs/<page>.es.md."""
    return ROOT / "docs" / (f"{page}.md" if lang == "en" else f"{page}.{lang}.md")


def front_matter(page: str, lang: str = "en") -> dict:
    """The front matter of docs/<page>.md (or of its twin in `lang`), read as plain YAML."""
    return yaml.safe_load(source(page, lang).read_text(encoding="utf-8").split("---")[1])


def doc_pages() -> list[str]:
    """The pages, by the name of their English file (each has a twin in every edition)."""
    return sorted(p.stem for p in (ROOT / "docs").glob("*.md") if not re.search(r"\.[a-z]{2}$", p.stem))


def edition_pages() -> list[tuple[str, str]]:
    """Every page of every edition, as (language, page)."""
    return [(lang, page) for lang in EDITIONS for page in doc_pages()]


def edition_ids(pairs) -> list[str]:
    return [f"{lang}:{page}" for lang, page in pairs]
