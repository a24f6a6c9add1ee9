"""What gets published: only the files of docs/ that belong on the site, each at an address of its own."""

from __future__ import annotations

import math
import os
import re
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
        if path.is_file() and not shortcut and not stray(path):  # refused by docs_folder, and read no further
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
        kind = "folder" if target.is_dir() else "file"
        return (f"is a shortcut (symbolic link) to '{os.readlink(link)}', outside the project or hidden in it, and "
                f"the site would publish that {kind}; copy what belongs on the site into docs/, and delete the shortcut")
    if target.is_dir() and Path(os.path.realpath(link.parent)).is_relative_to(target):
        return "is a shortcut (symbolic link) to a folder that holds it, so the site would never end; delete it"
    return None


# --- What belongs in docs/ ---------------------------------------------------------------------------

# The kinds of file a page may use. Anything else in docs/ is a draft, a leftover or a mistake.
SITE_FILES = {".md", ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".pdf",
              ".woff", ".woff2"}
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico"}
OFFICE = {".doc", ".docx", ".docm", ".dot", ".dotx", ".xls", ".xlsx", ".xlsm", ".csv", ".ppt", ".pptx", ".pps", ".ppsx",
          ".odt", ".ods", ".odp", ".rtf", ".pages", ".numbers", ".key", ".wpd"}
# What computers leave in folders by themselves.
SYSTEM = {"thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx", "icon\r"}
# Backups, temporary files and copies, as editors, office programs and file managers name them.
LEFTOVER = re.compile(r"""(?ix) ^~ | ~$ | ^\#.*\#$                                  # ~$lock.docx, page.md~, #page.md#
                         | \.(bak|backup|tmp|temp|swp|swo|swx|orig|rej|old|save|sav|part|crdownload)$
                         | ^copy\ of\  | [\ _-]copy(\ \d+)?(\.\w+)?$ | \ \(\d+\)(\.\w+)?$  # Copy of x, x copy.md, x (1).md
                      """)


def docs_folder(sources: Sources) -> list[str]:
    """Shortcuts that lead out of the project, and files that do not belong on the site."""
    lines, refused = [], []
    for path, shortcut in entries(sources.root, sources.docs):
        if any(path.is_relative_to(folder) for folder in refused):
            continue  # its folder is named already
        what = shortcut or stray(path)
        if what:
            lines.append(f"{sources.shown(path)}: {what}")
            refused.append(path)
    return lines


def stray(path: Path) -> str | None:
    """Why a file or folder of docs/ does not belong on the site, and what to do with it."""
    name, folder = path.name, path.is_dir()
    if name.startswith(".") or name.lower() in SYSTEM:
        return (f"is a hidden {'folder' if folder else 'file'} that the computer or a program made, not part of the "
                "site; delete it, or move it out of docs/")
    if LEFTOVER.search(name):
        return "looks like a backup, a temporary file or a copy, which must not be published; delete it, or move it out of docs/"
    if folder:
        return None
    suffix = path.suffix.lower()
    if suffix in OFFICE:
        return ("is an office document, which may hold tracked changes, comments and the names of its authors; put its "
                "words on a page (or save it as PDF), and move the document out of docs/")
    if suffix not in SITE_FILES:
        return (f"this kind of file ({suffix or 'a name with no ending such as .md'}) is not part of the site; "
                "move it out of docs/, or delete it")
    return None


def image_sizes(sources: Sources) -> list[str]:
    """Images within the size in data/standards.yml: visitors on phones pay for every byte."""
    limit = sources.facts.standards.max_image_kb
    lines = []
    for file in sources.files:
        if Path(file.src_uri).suffix.lower() in IMAGES and not file.inclusion.is_excluded():
            size = math.ceil(os.path.getsize(file.abs_src_path) / 1024)
            if size > limit:
                lines.append(f"{sources.shown(file)}: is {size:,} KB, above the limit of {limit:,} KB (data/standards.yml); "
                             "save a smaller copy in its place (a photo: fewer pixels, as JPEG or WebP)")
    return lines


def addresses(sources: Sources) -> list[str]:
    """Two files for one address (future.md and future/index.md; README.md beside index.md): one would
    hide the other. Names that differ only in capitals are one name on many computers and hosts."""
    published = sorted((f for f in sources.files if not f.inclusion.is_excluded()),
                       key=lambda f: (f.dest_uri.lower(), f.src_uri != f.src_uri.lower(), f.src_uri.count("/"),
                                      Path(f.src_uri).stem == "README", f.src_uri))
    lines, first = [], {}
    for file in published:
        earlier = first.setdefault(file.dest_uri.lower(), file)
        if earlier is file:
            continue
        if earlier.dest_uri == file.dest_uri:
            where = "the home page" if file.url in ("", "./") else f"'{file.url}'"
            lines.append(f"{sources.shown(file)}: has the same address as {sources.shown(earlier)} ({where}), so one "
                         "would hide the other; keep one of the two files, with the words of both")
        else:
            lines.append(f"{sources.shown(file)}: differs from {sources.shown(earlier)} only in capital letters, which many "
                         "computers and web hosts take for the same name; rename one of them, or keep one")
    return lines
