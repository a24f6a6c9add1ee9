"""What gets published: only the files of docs/ that belong on the site, each at an address of its own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, set_exclusions

if TYPE_CHECKING:
    from site_build.check import Sources


def listed_files(sources: Sources) -> list[File]:
    """Every file of docs/ as MkDocs names it, walked without following a shortcut that leads out.

    MkDocs follows every symbolic link while it lists docs/ (a link to / would walk the whole disk)
    and publishes what it finds; this walk steps over any link `shortcut_problem` refuses.
    """
    config, docs = sources.config, sources.docs
    files = []
    for path, shortcut in entries(sources.root, docs):
        if path.is_file() and not shortcut:
            files.append(File(path.relative_to(docs).as_posix(), config.docs_dir, config.site_dir, config.use_directory_urls))
    set_exclusions(files, config)
    return files


def entries(root: Path, docs: Path) -> Iterator[tuple[Path, str | None]]:
    """Every file and folder under docs/ with what is wrong with it if it is a shortcut (symbolic link).

    Into a folder only where it is safe, and not into hidden folders (MkDocs leaves them out).
    """
    seen = {os.path.realpath(docs)}
    folders = [docs]
    while folders:
        folder = folders.pop()
        for entry in sorted(folder.iterdir()):
            shortcut = shortcut_problem(root, entry) if entry.is_symlink() else None
            yield entry, shortcut
            if entry.is_dir() and not shortcut and not entry.name.startswith("."):
                real = os.path.realpath(entry)
                if real not in seen:  # a folder reached twice through shortcuts is walked once
                    seen.add(real)
                    folders.append(entry)


def shortcut_problem(root: Path, link: Path) -> str | None:
    """What is wrong with a symbolic link in docs/, in an editor's words, or None when it is safe."""
    if not link.exists():
        return "is a shortcut (symbolic link) to a file that does not exist; delete it"
    target = Path(os.path.realpath(link))
    try:
        inside = target.relative_to(os.path.realpath(root))
    except ValueError:
        inside = None
    if inside is None or any(part.startswith(".") for part in inside.parts):
        return (f"is a shortcut (symbolic link) to '{os.readlink(link)}', outside the files of the project, "
                "which would publish that file; copy the file into docs/ if it belongs on the site, or delete the shortcut")
    if target.is_dir() and Path(os.path.realpath(link.parent)).is_relative_to(target):
        return "is a shortcut (symbolic link) to a folder that holds it, so the site would never end; delete it"
    return None
