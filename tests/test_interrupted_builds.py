"""A build stopped half-way, by Ctrl-C or killed outright, leaves the last good site and nothing else."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from support import edit
from test_bad_edits import complaints, snapshot

# A hook that holds the build half-way, after it has begun writing its staging folder.
SLOW_HOOK = """
import os, time
from pathlib import Path

def on_pre_build(config):
    Path(os.environ["BUILD_MARKER"]).touch()
    time.sleep(120)
"""


# `mkdocs build` as a terminal starts it, where Ctrl-C raises KeyboardInterrupt (a shell may start a
# background job, such as this test run, with Ctrl-C ignored, and Python then leaves it ignored).
MKDOCS_BUILD = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build']; cli()")


def staging_folders(project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site-"))


def start_slow_build(project, tmp_path) -> subprocess.Popen:
    (project.root / "slow.py").write_text(SLOW_HOOK)
    edit(project.root / "mkdocs.yml", "  - hooks.py\n", "  - hooks.py\n  - slow.py\n")
    marker = tmp_path / "building"
    build = subprocess.Popen(
        [sys.executable, "-c", MKDOCS_BUILD], cwd=project.root, text=True, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BUILD_MARKER": str(marker)},
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert build.poll() is None and time.monotonic() < deadline, build.communicate()[0]
        time.sleep(0.05)
    assert staging_folders(project), "the build is half-way: its staging folder is there"
    return build


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_a_build_stopped_half_way_leaves_the_last_good_site_and_nothing_else(project, tmp_path, stop):
    before = snapshot(project.site)
    build = start_slow_build(project, tmp_path)
    build.send_signal(stop)
    output, _ = build.communicate(timeout=60)
    assert build.returncode == 1
    assert "Traceback" not in output and complaints(output) == [], output
    assert output.strip().splitlines()[-1] == "Aborted!"
    assert staging_folders(project) == []
    assert snapshot(project.site) == before


def test_the_next_build_clears_what_a_killed_build_left(project, tmp_path):
    build = start_slow_build(project, tmp_path)
    build.kill()  # SIGKILL: nothing runs, the staging folder stays
    build.communicate(timeout=60)
    left = staging_folders(project)
    assert left
    # A folder of a build still running (here: this test's own process) is not touched.
    running = project.root / f".site-{os.getpid()}-running"
    running.mkdir()
    edit(project.root / "mkdocs.yml", "  - slow.py\n", "")
    edit(project.root / "docs" / "future.md", "seems bright.", "seems bright. Built again.")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert staging_folders(project) == [running.name]
    assert "Built again." in (project.site / "future" / "index.html").read_text()


def test_a_site_caught_between_two_builds_is_put_back(project):
    # Killed between moving the old site aside and putting the new one in place: the old one returns.
    aside = project.root / ".site-old-999999999-abcd1234"
    aside.mkdir()
    project.site.rename(aside / "site")
    edit(project.root / "docs" / "future.md", "description:", "descripton:")
    before = snapshot(aside / "site")
    result = project.build()
    assert result.returncode == 1
    assert snapshot(project.site) == before and staging_folders(project) == []
