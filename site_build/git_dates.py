"""When each page's text last changed in Git: one `git log` for the whole site, not one a page.

A page's date is that of the newest commit that changed it, following it back through a move or a
rename (a commit that only moved it changed none of its text), as `git log --follow` dates one file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def last_changes(docs: Path) -> dict[str, int] | None:
    """Each file in docs/ that Git knows (by its path in docs/, as MkDocs' src_uri) and the time of its
    last change, in seconds since 1970 (the author's date); None where there is no Git history to read."""
    try:
        log = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--no-show-signature", "-M", "--name-status", "-z",
             "--relative", "--format=%x00%at", "--", "."],
            cwd=docs, capture_output=True, text=True, encoding="utf-8", errors="replace", check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):  # not a Git repository, or no Git
        return None
    changed: dict[str, int] = {}
    wanted: dict[str, str] = {}  # a name in an older commit → the file as it is named now
    # -z: "\0<time>\0" opens each commit, newest first; then "<status>\0<path>\0" per file changed
    # ("R<score>\0<old>\0<new>\0" for a move).
    fields = log.split("\0")
    at, index = 0, 0
    while index < len(fields):
        field = fields[index].strip("\n")
        if field == "" and index + 1 < len(fields) and fields[index + 1].isdigit():
            at, index = int(fields[index + 1]), index + 2
            continue
        if not field:
            index += 1
            continue
        if field[0] in "RC":
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            now = new if new not in wanted else wanted.pop(new)
            if field[0] == "R" and now not in changed:
                wanted[old] = now  # moved: its last change is further back, under its old name
            elif now not in changed:
                changed[now] = at
            continue
        path = fields[index + 1]
        index += 2
        now = wanted.pop(path, path)
        if field[0] != "D" and now not in changed:
            changed[now] = at
    return changed


def shallow_on_ci(docs: Path) -> bool:
    """A CI checkout without the history (GitHub Actions and GitLab CI fetch one commit unless told
    otherwise): every page would show the date of that one commit."""
    if not (os.environ.get("GITHUB_ACTIONS") or os.environ.get("GITLAB_CI")):
        return False
    result = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=docs, capture_output=True, text=True)
    return result.stdout.strip() == "true"
