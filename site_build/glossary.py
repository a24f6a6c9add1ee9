"""A glossary word explains itself where it first appears on a page, not at every use (STYLE.md)."""

from __future__ import annotations

import re

# The <abbr> that Markdown's abbr extension writes in the text, and macros.py in the tables.
ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def first_use_only(article_html: str) -> str:
    """The article with each glossary term marked once: at its first use (any of its marks, such as
    IV or intravenous, counts as a use of the term); later uses are plain words."""
    seen: set[str] = set()

    def mark_once(found: re.Match) -> str:
        meaning = found[1]
        if meaning in seen:
            return found[2]
        seen.add(meaning)
        return found[0]

    return ABBR.sub(mark_once, article_html)
