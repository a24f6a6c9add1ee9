"""Only what belongs on the site is published: no shortcut out of the project, no stray or oversized
file, one file per address, each page once in the menu."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from guide import explains
from support import ROOT, copy_project
from test_bad_edits import assert_refused_cleanly, snapshot


def shortcut(target: str, name: str):
    return lambda root: os.symlink(target, root / "docs" / name)


def file(name: str, content: bytes = b"x"):
    def make(root: Path):
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return make


def page(name: str):
    return lambda root: file(name, (ROOT / "docs" / "future.md").read_bytes())(root)


def hidden_in_project(root: Path):
    (root / ".env").write_text("PASSWORD=secret\n")
    os.symlink("../.env", root / "docs" / "settings.md")


def menu_twice(root: Path):
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Words to know: glossary.md\n",
                                                 "  - Words to know: glossary.md\n  - The future again: ./future.md\n"))


def menu_label(settings: str, old: str, new: str):
    """An edit to a menu label, in mkdocs.yml or the Spanish edition's mkdocs.es.yml."""
    def make(root: Path):
        config = root / settings
        text = config.read_text(encoding="utf-8")
        assert old in text
        config.write_text(text.replace(old, new, 1), encoding="utf-8")
    return make


MARKUP_LABEL = r"line \d+: nav: the menu label '.*' has markup in it \(< or >\), which every page would carry as code; write the label in plain words"


# (what the editor did, how, the file named, what the line says)
SHORTCUT = r"is a shortcut \(symbolic link\) to "
LEFTOVER = r"looks like a backup, a temporary file or a copy, which must not be published; delete it, or move it out of docs/"
HIDDEN = r"is a hidden (file|folder) that the computer or a program made, not part of the site; delete it"
MISTAKES = [
    ("shortcut to a system file", shortcut("/etc/hostname", "hostname"), "docs/hostname",
     SHORTCUT + r"'/etc/hostname', outside the project or hidden in it, and the site would publish that file; "
                r"copy what belongs on the site into docs/, and delete the shortcut"),
    ("shortcut to a page outside", shortcut("/etc/hostname", "about.md"), "docs/about.md", SHORTCUT + r"'/etc/hostname', outside"),
    ("shortcut to a folder outside", shortcut("/etc", "system"), "docs/system",
     SHORTCUT + r"'/etc', outside the project or hidden in it, and the site would publish that folder"),
    ("shortcut to the whole disk", shortcut("/", "root"), "docs/root", SHORTCUT + r"'/', outside"),
    ("shortcut to a hidden file of the project", hidden_in_project, "docs/settings.md", SHORTCUT + r"'\.\./\.env', outside"),
    ("shortcut that leads nowhere", shortcut("gone.md", "old.md"), "docs/old.md", SHORTCUT + r"a file that does not exist; delete it"),
    ("shortcut to its own folder", shortcut(".", "loop"), "docs/loop",
     SHORTCUT + r"a folder that holds it, so the site would never end; delete it"),
    ("shortcut to a folder above", shortcut("..", "assets/up"), "docs/assets/up", SHORTCUT + r"a folder that holds it"),
    ("backup", file("future.md.bak"), "docs/future.md.bak", LEFTOVER),
    ("editor's backup", file("future.md~"), "docs/future.md~", LEFTOVER),
    ("editor's swap file", file("assets/.site.css.swp"), "docs/assets/.site.css.swp", HIDDEN),
    ("office lock file", file("~$leaflet.docx"), "docs/~$leaflet.docx", LEFTOVER),
    ("copy of a page", page("future copy.md"), "docs/future copy.md", LEFTOVER),
    ("download twice", page("contact (1).md"), "docs/contact (1).md", LEFTOVER),
    ("Windows copy", page("future - Copy.md"), "docs/future - Copy.md", LEFTOVER),
    ("temporary file", file("assets/upload.tmp"), "docs/assets/upload.tmp", LEFTOVER),
    ("Mac folder settings", file(".DS_Store"), "docs/.DS_Store", HIDDEN),
    ("Windows thumbnails", file("assets/Thumbs.db"), "docs/assets/Thumbs.db", HIDDEN),
    ("an editor program's folder", file(".obsidian/workspace.json"), "docs/.obsidian", HIDDEN),
    ("an environment file", file(".env"), "docs/.env", HIDDEN),
    ("Word document", file("leaflet.docx"), "docs/leaflet.docx",
     r"is an office document, which may hold tracked changes, comments and the names of its authors; put its words on a page"),
    ("spreadsheet", file("assets/prices.xlsx"), "docs/assets/prices.xlsx", r"is an office document"),
    ("old Word document", file("consent.doc"), "docs/consent.doc", r"is an office document"),
    ("text notes", file("notes.txt"), "docs/notes.txt",
     r"this kind of file \(\.txt\) is not part of the site; move it out of docs/, or delete it"),
    ("a web page in HTML", file("offer.html", b"<script>alert(1)</script>"), "docs/offer.html", r"this kind of file \(\.html\)"),
    ("a file without an ending", file("README"), "docs/README", r"this kind of file \(a name with no ending such as \.md\)"),
    ("a heavy photo", file("assets/photo.jpg", b"\xff" * 250_000), "docs/assets/photo.jpg",
     r"is 245 KB, above the limit of 200 KB \(data/standards\.yml\); save a smaller copy in its place"),
    ("a heavy drawing", file("assets/map.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * 300_000 + b"</svg>"),
     "docs/assets/map.svg", r"is \d+ KB, above the limit of 200 KB"),
    ("a page and a folder for one address", page("future/index.md"), "docs/future/index.md",
     r"has the same address as docs/future\.md \('future/'\), so one would hide the other; keep one of the two files"),
    ("README beside index", page("README.md"), "docs/README.md", r"has the same address as docs/index\.md \(the home page\)"),
    ("names that differ in capitals", page("Glossary.md"), "docs/Glossary.md",
     r"differs from docs/glossary\.md only in capital letters, which many computers and web hosts take for the same name"),
    ("a page twice in the menu", menu_twice, "mkdocs.yml",
     r"line \d+: nav: '\./future\.md' is in the menu twice \(also on line \d+\); keep one of the two lines"),
    # The theme copies a menu label into every page as it is written: markup there is code on every page.
    ("a script in a menu label", menu_label("mkdocs.yml", "  - Words to know:", '  - "Words <script>alert(1)</script>":'),
     "mkdocs.yml", MARKUP_LABEL),
    ("an image in a menu label", menu_label("mkdocs.yml", "  - Help in a crisis:", '  - "<img src=https://t.example/p.gif>Help":'),
     "mkdocs.yml", MARKUP_LABEL),
    ("bold in a menu label", menu_label("mkdocs.yml", "  - Words to know:", "  - <b>Words</b> to know:"),
     "mkdocs.yml", MARKUP_LABEL),
    ("a link in a Spanish menu label", menu_label("mkdocs.es.yml", "  - Ayuda en una crisis:",
                                                  "  - '<a href=\"https://example.com\">Ayuda</a>':"),
     "mkdocs.es.yml", MARKUP_LABEL),
]

ALLOWED = [
    ("a shortcut to a file of the site", shortcut("favicon.svg", "assets/heart.svg")),
    ("a PDF", file("assets/leaflet.pdf", b"%PDF-1.4\n")),
    ("an image at the limit", file("assets/photo.jpg", b"\xff" * 200 * 1024)),
    ("a font", file("assets/font.woff2")),
    ("a menu label with an ampersand and a question mark", menu_label("mkdocs.yml", "  - Words to know:", "  - Words & terms?:")),
]


def check_copy(tmp_path, make) -> list[str]:
    from site_build import check, mkdocs_yml

    root = copy_project(tmp_path / "project")
    make(root)
    config, problems = mkdocs_yml.check(root / "mkdocs.yml")
    assert not problems
    said: list[str] = []
    for edition_config, found in check.each_edition(root / "mkdocs.yml", config):  # its files and pages too
        assert not found
        said += [line for line in check.source_problems(check.Sources(edition_config)) if line not in said]
    return said


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_what_does_not_belong_is_refused(tmp_path, mistake):
    _, make, shown, expected = mistake
    said = check_copy(tmp_path, make)
    assert len(said) == 1, said
    assert said[0].startswith(f"{shown}: ") and re.match(expected, said[0][len(shown) + 2:]), said[0]
    assert "; " in said[0] and explains(said[0]), said[0]


@pytest.mark.parametrize("allowed", ALLOWED, ids=[a[0] for a in ALLOWED])
def test_what_belongs_passes(tmp_path, allowed):
    assert check_copy(tmp_path, allowed[1]) == []


# One of each kind through a real build: one line, the last good site kept, nothing of it published.
BUILT = ["shortcut to a system file", "shortcut to the whole disk", "shortcut that leads nowhere", "shortcut to its own folder",
         "backup", "Word document", "Mac folder settings", "a heavy photo", "a page and a folder for one address",
         "README beside index", "a page twice in the menu", "a script in a menu label", "a link in a Spanish menu label"]


@pytest.mark.parametrize("name", BUILT)
def test_the_build_stops_on_what_does_not_belong(project, name):
    _, make, shown, expected = next(m for m in MISTAKES if m[0] == name)
    before = snapshot(project.site)
    make(project.root)
    result = project.build()
    assert_refused_cleanly(project, result, re.escape(f"{shown}: ") + expected)
    assert snapshot(project.site) == before
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site-")] == []


def test_a_system_file_is_never_published(project):
    # What the issue found: a shortcut to /etc/hostname was published as /hostname.
    os.symlink("/etc/hostname", project.root / "docs" / "hostname")
    project.build()
    assert not (project.site / "hostname").exists()
    (project.root / "docs" / "hostname").unlink()
    shutil.rmtree(project.site)
    result = project.build()
    assert result.returncode == 0, result.stderr
