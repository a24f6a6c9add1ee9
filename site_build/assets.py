"""The site's stylesheet and icon as visitors get them: the stylesheet minified, named after its content,
with Material's dark scheme; the icon inside each page.

`docs/assets/site.css` stays the readable source. The build publishes it minified under a name that
changes with its content (`assets/stylesheets/site.1a2b3c4d.min.css`), so hosts may let browsers keep
it for a year, as they keep Material's own files. Material's `palette.css` (12 KB, 2 KB gzip) is not
loaded: nearly all of it colours Material's named palettes, which custom colours never use; its few
rules that still apply (the dark scheme) go first in the site's stylesheet, taken from the installed
Material at build time, so an upgrade brings its new rules along.

The browser tab's icon (`docs/assets/favicon.svg`, 0.5 KB) goes into each page as a `data:` address:
0.1 KB of gzip in the page instead of a request of its own (0.4 KB, and its headers).

Each page's markup goes out with the blank lines and indents that Material's templates leave between
tags made one space, which a browser reads the same: 0.3 KB less gzip on every page.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import rcssmin
import tinycss2

# Rules for Material's named colours: `[data-md-color-primary=indigo]`, `[data-md-color-accent=red]`.
NAMED_COLOURS = ("[data-md-color-primary=", "[data-md-color-accent=")


def palette_rules(palette_css: str) -> str:
    """Material's palette stylesheet without the rules for its named colours: the dark scheme and the rest."""
    return "".join(_kept(tinycss2.parse_stylesheet(palette_css, skip_comments=True, skip_whitespace=True)))


def _kept(rules) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "at-rule" and rule.content is not None:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "qualified-rule":
            # A selector list, split at its commas (Material's selectors have none inside brackets).
            selectors = [s for s in tinycss2.serialize(rule.prelude).split(",") if not any(n in s for n in NAMED_COLOURS)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
    return kept


def material_palette(theme_dirs: list[str]) -> str | None:
    """The text of Material's palette stylesheet (`palette.<hash>.min.css`) in the theme's folders."""
    found = [css for folder in theme_dirs for css in sorted(Path(folder).glob("assets/stylesheets/palette.*.min.css"))]
    return found[0].read_text(encoding="utf-8") if found else None


def site_stylesheet(sources: list[Path], palette_css: str | None) -> tuple[str, str]:
    """(path in the site, CSS): the palette's rules, then each source in order, minified, named by a hash."""
    parts = [palette_rules(palette_css)] if palette_css else []
    parts += [source.read_text(encoding="utf-8") for source in sources]
    css = rcssmin.cssmin("\n".join(parts)) + "\n"
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    return f"assets/stylesheets/site.{digest}.min.css", css


def svg_data_uri(svg: str) -> str:
    """An SVG image as a `data:` address, to travel inside the page instead of as a request of its own."""
    svg = " ".join(svg.split())
    if "'" not in svg:
        svg = svg.replace('"', "'")  # in an address, ' needs no escaping and " does
    return "data:image/svg+xml," + quote(svg, safe=" /:=;,'()@!*+")


# Between two tags, a run of spaces and line breaks reads as one space; inside these elements, as written.
_AS_WRITTEN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|>\s\s+(?=<)", re.S | re.I)


def collapsed(html: str) -> str:
    """The page with every run of whitespace between two tags made one space (not in pre, textarea,
    script or style, where whitespace counts)."""
    return _AS_WRITTEN.sub(lambda m: m.group(1) or "> ", html)
