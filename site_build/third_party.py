"""What Material's privacy plugin cannot download from another website, said in one clean line.

The plugin downloads at build time whatever a page or the theme names on another website, to serve
it from this site. When it cannot (no network, a wrong address) it printed a traceback, or a warning
in its own words once per page. The checks of site_build.content refuse such files in pages,
stylesheets and settings before the plugin sees them; what is left (a theme template) is explained
here, and a download that failed anyway stops the build before MkDocs tries to copy it.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from material.plugins.privacy.parser import FragmentParser
from mkdocs.structure.files import Files

from site_build.content import Lines, elsewhere

if TYPE_CHECKING:
    from site_build.check import Article

# The tags the plugin rewrites, found as the plugin finds them (material/plugins/privacy/plugin.py).
REWRITTEN = re.compile(r"<(?:(?:a|link|image)[^>]+href|(?:script|img)[^>]+src)=['\"]?(?:https?:)?//[^>]+>", re.I)


def where(root: Path, text: str) -> str:
    """The first file of the settings or the theme that holds `text`, with its line."""
    config = root / "mkdocs.yml"
    for path in [config, *sorted((root / "overrides").rglob("*")), *sorted((root / "docs").rglob("*"))]:
        if path.is_file() and path.suffix in (".yml", ".html", ".css", ".js", ".md"):
            body = path.read_text(encoding="utf-8", errors="replace")
            if text in body:
                return f"{path.relative_to(root).as_posix()}: line {body[: body.index(text)].count(chr(10)) + 1}"
    return config.name


class _Reworded(logging.Filter):
    """The plugin's "Couldn't retrieve <url>: <error>", once per address, where it is written."""

    def __init__(self, root: Path):
        super().__init__()
        self.root, self.said = root, set()

    def filter(self, record: logging.LogRecord) -> bool:
        match = re.match(r"Couldn't retrieve (?P<url>\S+): ", record.getMessage())
        if not match:
            return True
        if match["url"] in self.said:
            return False
        self.said.add(match["url"])
        record.msg, record.args = (f"{where(self.root, match['url'])}: {elsewhere('the file', match['url'])} "
                                   "(the build could not download it to serve it from this site)"), ()
        return True


def explain_failed_downloads(root: Path) -> None:
    logger = logging.getLogger("mkdocs.material.privacy")
    for old in [f for f in logger.filters if isinstance(f, _Reworded)]:
        logger.removeFilter(old)
    logger.addFilter(_Reworded(root))


def failed_downloads(files: Files, root: Path) -> list[str]:
    """Files the plugin promised MkDocs but could not download (MkDocs would stop on a traceback)."""
    return [f"{where(root, file.url)}: {elsewhere('the file', file.url)} (the build could not download it "
            "to serve it from this site)"
            for file in files if file.abs_src_path and not file.generated_by and not os.path.exists(file.abs_src_path)]


def unreadable_tags(article: Article) -> list[str]:
    """A tag linking to another website with a '>' inside its quotes: the plugin cuts the tag there
    and stops the build with a message of several lines."""
    lines = Lines(article.text, article.body_start)
    found = []
    for match in REWRITTEN.finditer(article.html):
        parser = FragmentParser()
        parser.feed(match[0])
        parser.close()
        if parser.result is None:
            url = re.search(r"(?:href|src)=['\"]?([^'\"\s>]*)", match[0])[1]
            found.append(lines.say(article.shown, [url], f"the tag that links to '{url}' has a '>' inside its quotes, "
                                                         "which the build cannot read; write &gt; instead of >"))
    return found
