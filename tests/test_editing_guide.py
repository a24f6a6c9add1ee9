"""EDITING.md works: every command it gives an editor is run here, as the guide says to run it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from guide import commands
from support import ROOT, copy_project, page_file



@pytest.fixture
def editor_copy(tmp_path: Path) -> Path:
    """A copy of the project as an editor has it, sharing the installed packages of this run."""
    root = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "scripts", root / "scripts")
    shutil.copy2(ROOT / "requirements.txt", root / "requirements.txt")
    (root / ".venv").symlink_to(ROOT / ".venv" if (ROOT / ".venv").exists() else Path(sys.prefix))
    return root


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.3)
    return None


def test_the_guide_gives_exactly_the_commands_tested_here():
    assert commands() == ["scripts/serve", "cp docs/templates/new-page.md docs/your-page-name.md",
                          "cp docs/templates/new-page.es.md docs/your-page-name.es.md", "scripts/report", "scripts/check"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_preview_serves_the_site_and_follows_edits(editor_copy):
    # The guide's command, on a free port (extra arguments go to mkdocs serve, the last address wins),
    # so that a preview an editor left running, or a second test run, does not get in the way.
    address = f"127.0.0.1:{free_port()}"
    preview_url = f"http://{address}/"
    preview = subprocess.Popen(["bash", "-c", f"{commands()[0]} --dev-addr {address}"], cwd=editor_copy, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        home = wait_for(lambda: fetch(preview_url), 90)
        assert home and "What is ketamine therapy?" in home
        page = editor_copy / "docs" / "future.md"
        page.write_text(page.read_text().replace("seems bright.", "seems bright. Saved a moment ago."))
        assert wait_for(lambda: "Saved a moment ago." in (fetch(preview_url + "future/") or ""), 30)
    finally:
        os.killpg(preview.pid, signal.SIGTERM)
        preview.wait(timeout=30)


def test_adding_a_page_as_the_guide_says(editor_copy):
    result = run(commands()[1], editor_copy)
    assert result.returncode == 0, result.stderr
    config = editor_copy / "mkdocs.yml"
    # Step 4 of "Add a page": a menu line in the same form as the others.
    config.write_text(config.read_text().replace("\nnav:\n", "\nnav:\n  - Your menu label: your-page-name.md\n", 1))
    # Step 5: its Spanish twin, in the Spanish menu under the English file's name.
    result = run(commands()[2], editor_copy)
    assert result.returncode == 0, result.stderr
    spanish = editor_copy / "mkdocs.es.yml"
    spanish.write_text(spanish.read_text().replace("\nnav:\n", "\nnav:\n  - La pregunta del menú: your-page-name.md\n", 1))
    built = run(".venv/bin/python -m mkdocs build", editor_copy)
    assert built.returncode == 0, built.stdout + built.stderr
    page = page_file(editor_copy / "site", "your-page-name").read_text()
    assert "The question this page answers" in page and "This page has not yet been checked by a clinician." in page
    page = page_file(editor_copy / "site", "your-page-name", "es").read_text()
    assert "La pregunta que responde esta página" in page and "Esta página todavía no ha pasado por una revisión clínica." in page


def test_the_content_report_as_the_guide_runs_it(editor_copy):
    result = run(commands()[3], editor_copy)
    assert result.returncode == 0, result.stderr
    assert "docs/side-effects.md" in result.stdout and "grade" in result.stdout


def test_the_check_as_the_guide_runs_it(editor_copy):
    assert run(commands()[4], editor_copy).returncode == 0
    page = editor_copy / "docs" / "future.md"
    line = page.read_text().splitlines().index(next(l for l in page.read_text().splitlines() if l.startswith("description:"))) + 1
    page.write_text(page.read_text().replace("description:", "descripton:"))
    result = run(commands()[4], editor_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == [
        f"ERROR   -  docs/future.md: line {line}: descripton: 'descripton' is not a known front-matter name; did you mean 'description'?"]
