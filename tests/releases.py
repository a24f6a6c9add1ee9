"""Releases made the way a maintainer makes them: scripts/publish in a throwaway Git repository, then scripts/export."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from nginx import Nginx
from support import ROOT, copy_project, edit, once

# Two folders deep, so that nothing may assume the site sits at the root of its host.
SUB_PATH = "/clinic/ketamine/"
SITE_URL = "https://ketamine-therapy.example.org" + SUB_PATH

# When each release's changes were committed: the pages' "last updated" dates must come from these.
FIRST_COMMIT = "2025-01-10T12:00:00-05:00"
SECOND_COMMIT = "2025-03-14T12:00:00-04:00"
NEW_IN_1_1 = "This sentence is new in release 1.1."

# A clinician for the copies: the real data/reviewers.yml lists nobody until the clinic does.
REVIEWER = "reviewers:\n  - id: test-reviewer\n    name: Test Reviewer\n    credentials: MD\n"


def review_today(page: str) -> str:
    """A page's text, reviewed today by the test reviewer (its front matter says so)."""
    return re.sub(r"(?m)^title:", f"reviewer: test-reviewer\nreviewed: {date.today().isoformat()}\ntitle:", page, count=1)


# What scripts/publish needs besides what a build needs.
RELEASE_FILES = ["CHANGELOG.md", "deploy", "scripts/publish", "scripts/export"]

# Stand-ins for the two slow steps of scripts/publish: the copy shares the .venv of this test run,
# and the whole test suite is the one running now. The second notes that it ran, and fails on demand.
STUB_SETUP = "#!/bin/sh\nexit 0\n"
STUB_TEST = '#!/bin/sh\necho ran >> "$RELEASE_TESTS_LOG"\nexit "${RELEASE_TESTS_EXIT:-0}"\n'

# A hook that notes, for every MkDocs build of a release (mike starts its own), what it was told.
PROBE = '''"""Test probe: notes REQUIRE_CURRENT_REVIEWS as each MkDocs build of a release sees it."""
import os

_command = None


def on_startup(*, command, dirty):
    global _command
    _command = command


def on_config(config):
    if _command == "build":
        with open(os.environ["RELEASE_PROBE_LOG"], "a") as log:
            log.write(os.environ.get("REQUIRE_CURRENT_REVIEWS", "unset") + "\\n")
'''


class ReleaseRepo:
    """A copy of the project under Git, with its own gh-pages branch."""

    def __init__(self, root: Path, logs: Path):
        self.root = root
        self.tests_log = logs / "tests-ran.log"
        self.probe_log = logs / "builds.log"

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            # Whoever runs the tests, Git behaves the same and needs no identity of theirs.
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Site Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
            "GIT_COMMITTER_NAME": "Site Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
            "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL,
            "RELEASE_TESTS_LOG": str(self.tests_log), "RELEASE_PROBE_LOG": str(self.probe_log),
            **extra,
        }

    def git(self, *args: str, **env: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, env=self.env(**env),
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout

    def commit(self, message: str, date: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)

    def edit(self, path: str, old: str, new: str) -> None:
        edit(self.root / path, old, new)

    def run(self, *command: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.root / command[0]), *command[1:]], cwd=self.root, env=self.env(**env),
                              capture_output=True, text=True, timeout=300)

    def publish(self, version: str, **env: str) -> subprocess.CompletedProcess:
        return self.run("scripts/publish", version, **env)

    def has_branch(self) -> bool:
        return subprocess.run(["git", "rev-parse", "--verify", "--quiet", "gh-pages"], cwd=self.root,
                              capture_output=True).returncode == 0

    def branch_entries(self) -> dict[str, str]:
        """Every path on the gh-pages branch, with its Git mode (120000 would be a symlink)."""
        listing = self.git("ls-tree", "-r", "gh-pages")
        return {line.split("\t", 1)[1]: line.split()[0] for line in listing.splitlines()}

    def show(self, path: str) -> str:
        return self.git("show", f"gh-pages:{path}")


def make_release_repo(root: Path, logs: Path) -> ReleaseRepo:
    copy_project(root)
    for name in RELEASE_FILES:
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    for name, text in [("scripts/setup", STUB_SETUP), ("scripts/test", STUB_TEST)]:
        (root / name).write_text(text, encoding="utf-8")
        (root / name).chmod(0o755)
    # A release needs every page reviewed by a named clinician, within its review date
    # (REQUIRE_CURRENT_REVIEWS): in the copy, a test reviewer reviews them today, so these tests check
    # publishing, not the calendar. tests/test_editorial.py checks what stops a release build.
    (root / "data" / "reviewers.yml").write_text(REVIEWER, encoding="utf-8")
    for page in (root / "docs").glob("*.md"):
        page.write_text(review_today(page.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "probe_hooks.py").write_text(PROBE, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - probe_hooks.py\n", 1),
                      encoding="utf-8")
    (root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    (root / ".gitignore").write_text("/.venv\n/site/\n", encoding="utf-8")
    repo = ReleaseRepo(root, logs)
    repo.git("init", "-q", "-b", "main")
    repo.commit("The site as it stands", FIRST_COMMIT)
    return repo


@pytest.fixture(scope="session")
def releases(tmp_path_factory, worker_id) -> ReleaseRepo:
    """Releases 1.0 and 1.1 published with scripts/publish; 1.1 changes the home page."""

    def publish(logs: Path) -> None:
        repo = make_release_repo(logs / "project", logs)
        first = repo.publish("1.0")
        assert first.returncode == 0, first.stdout + first.stderr
        index = repo.root / "docs" / "index.md"
        index.write_text(index.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{NEW_IN_1_1}\n", encoding="utf-8")
        repo.edit("CHANGELOG.md", "## 1.0", "## 1.1\n\n- The home page has a new sentence.\n\n## 1.0")
        repo.commit("Add a sentence to the home page", SECOND_COMMIT)
        second = repo.publish("1.1")
        assert second.returncode == 0, second.stdout + second.stderr

    logs = once(tmp_path_factory, worker_id, "releases", publish)
    return ReleaseRepo(logs / "project", logs)


@pytest.fixture(scope="session")
def exported(releases, tmp_path_factory, worker_id) -> Path:
    """The gh-pages branch written out by scripts/export, into the sub-path of a web root."""

    def export(www: Path) -> None:
        result = releases.run("scripts/export", str(www / SUB_PATH.strip("/")))
        assert result.returncode == 0, result.stderr

    return once(tmp_path_factory, worker_id, "www", export) / SUB_PATH.strip("/")


@pytest.fixture(scope="session")
def hosted(exported, tmp_path_factory):
    """nginx serving the exported releases under SUB_PATH with the shipped rules; yields the base URL."""
    www = Path(str(exported).removesuffix(SUB_PATH.rstrip("/")))
    with Nginx(www, SUB_PATH, tmp_path_factory.mktemp("nginx")) as base:
        yield base
