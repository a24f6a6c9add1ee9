"""Every page in every language: each English page has its Spanish twin (docs/<page>.es.md) and each
Spanish page its English one, written in its own language; and which twins changed after the other.

The checks read the page files only (no build): the English edition's build names a page without its
twin, the Spanish edition's a page left in English. The content report (scripts/report) names a
Spanish page whose English twin changed after it, by their dates in Git.
"""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from site_build import editions
from site_build.checks import read_text
from site_build.languages import FIRST, LANGUAGES
from site_build.pages import FRONT_MATTER

if TYPE_CHECKING:
    from site_build.check import Sources

# Words nearly every sentence of a language has, and the other language lacks: a paragraph with more
# of the first edition's than of its own edition's is still in English.
COMMON = {
    "en": frozenset("the and of to is are you your with for that this it be can may or what how who which "
                    "when have has will not from they their them an about".split()),
    "es": frozenset("el la los las de del que y es son su sus con para por una un unos unas puede pueden se "
                    "le les lo como más usted cuando qué cómo quién".split()),
}
# A paragraph is read for its language once it has this many words (a name or a label may be in either).
ENOUGH_WORDS = 8


def missing(sources: Sources) -> list[str]:
    """A page of this edition's menu without its twin in another edition. Each edition names its own
    pages; a page not yet in the menu is named by MkDocs first (add it there, then its twin)."""
    here = editions.edition_of(sources.config)
    menu = set(_menu_pages(sources.config.nav))
    lines = []
    for page in sorted(sources.pages, key=lambda p: p.src_uri):
        if editions.twin(page.src_uri, FIRST) not in menu:
            continue
        for edition in editions.editions(sources.config):
            if edition == here:
                continue
            twin = sources.docs / editions.twin(page.src_uri, edition.lang)
            if not twin.is_file():
                lines.append(_missing_line(sources, page.src_uri, twin, edition.lang))
    return lines


def _menu_pages(nav) -> list[str]:
    """The pages a menu (mkdocs.yml's `nav:`) lists, as it writes them: 'side-effects.md'."""
    if isinstance(nav, str):
        return [nav.removeprefix("./")]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _menu_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in _menu_pages(item)]
    return []


def _missing_line(sources: Sources, src_uri: str, twin: Path, lang: str) -> str:
    shown, twin_shown = f"{sources.docs.name}/{src_uri}", sources.shown(twin)
    if lang == FIRST:
        return (f"{shown}: has no English page {twin_shown}; write the English page first (or delete this one, "
                "if the page was removed)")
    return (f"{shown}: has no {LANGUAGES[lang]} twin; add {twin_shown}: copy {shown} to it and write it in "
            f"{LANGUAGES[lang]} (the {LANGUAGES[lang]} edition must have every page)")


def untranslated(sources: Sources) -> list[str]:
    """A page of an edition in another language that is still its English twin, whole or in part."""
    here = editions.edition_of(sources.config)
    if here.first:
        return []
    lines = []
    for page in sorted(sources.pages, key=lambda p: p.src_uri):
        path = Path(page.abs_src_path)
        english = sources.docs / editions.twin(page.src_uri, FIRST)
        if not english.is_file():
            continue  # missing() names it
        shown = sources.shown(path)
        text, original = read_text(path, shown), read_text(english, sources.shown(english))
        if " ".join(_body(text).split()) == " ".join(_body(original).split()):
            lines.append(f"{shown}: is the same as {sources.shown(english)}; write it in {LANGUAGES[here.lang]}")
            continue
        if line := _first_in(text, FIRST, here.lang):
            lines.append(f"{shown}: line {line}: this text is still in English; write it in {LANGUAGES[here.lang]} "
                         f"(the English page is {sources.shown(english)})")
            continue
        lines += _same_front_matter(sources, shown, text, original, here.lang)
    return lines


def _body(text: str) -> str:
    match = FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def _words(text: str) -> list[str]:
    # Facts and blocks in {{ }}, link addresses and HTML tags are no words of the page's language.
    text = re.sub(r"\{\{.*?\}\}|\]\([^)]*\)|<[^>]*>|`[^`]*`", " ", text)
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower())


def _reads_as(words: list[str], lang: str, own: str) -> bool:
    theirs = sum(word in COMMON[lang] for word in words)
    ours = sum(word in COMMON[own] for word in words)
    return len(words) >= ENOUGH_WORDS and theirs >= 3 and theirs > ours


def _first_in(text: str, lang: str, own: str) -> int | None:
    """The first line of a paragraph of the page's body (or of a title or description) in `lang`."""
    match = FRONT_MATTER.match(text)
    start = match.end() if match else 0
    offset = text.count("\n", 0, start)
    block, first = [], None
    for number, line in enumerate(text[start:].split("\n") + [""], start=offset + 1):
        if line.strip() and not re.match(r"\s*(?:[-*+]|\d+\.)\s", line):
            block.append(line)
            first = first or number
            continue
        if block and _reads_as(_words(" ".join(block)), lang, own):
            return first
        block, first = ([line], number) if line.strip() else ([], None)
    return None


def _same_front_matter(sources: Sources, shown: str, text: str, original: str, lang: str) -> list[str]:
    """A title or description left as the English page has it: tabs and search results would show it."""
    lines = []
    for name in ("title", "description"):
        mine, theirs = _field(text, name), _field(original, name)
        if mine and mine[1] == (theirs or (0, None))[1]:
            lines.append(f"{shown}: line {mine[0]}: {name}: is the English page's {name}; write it in {LANGUAGES[lang]}")
    return lines


def _field(text: str, name: str) -> tuple[int, str] | None:
    match = re.search(rf"(?m)^{name}\s*:\s*(.+)$", text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, " ".join(match[1].strip().strip("\"'").split())


# --- Which twin changed last (the content report) --------------------------------------------------


def last_changed(root: Path, path: Path) -> datetime | None:
    """When the file's text last changed in Git (None outside Git, or for a file Git does not know)."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cI", "--", str(path)], cwd=root,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    stamp = result.stdout.strip()
    return datetime.fromisoformat(stamp) if result.returncode == 0 and stamp else None


def needs_update(root: Path, page: Path, english: Path) -> bool:
    """Whether the English twin changed after the page in another language (by their last commits)."""
    mine, theirs = last_changed(root, page), last_changed(root, english)
    return mine is not None and theirs is not None and theirs > mine
