"""Crisis help beside any mention of suicide or self-harm: the rule EDITING.md states, checked on a page's article.

The rule (OWNERS.md): on a page whose visible text mentions suicide or self-harm, the crisis box stands
in the same section as the first mention, right after the paragraph, list, table or other block that
holds it. The check reads the article's HTML (what MkDocs' `on_page_content` gives), once, with lxml.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import lxml.html

from site_build.pages import FRONT_MATTER

# Words that speak of suicide or self-harm, in any form, in English and in Spanish: suicide, suicidal,
# self-harm, self harm, self-injury, "kill themselves", "take their own life"; suicidio, suicida,
# autolesión, "quitarse la vida", "hacerse daño", "lastimarse", "matarse", "acabar con su vida"...
_DASH = r"[\s\-\u00ad\u2010-\u2015]*"
_OWN = r"(?:su|mi|tu|sus|mis|tus|nuestra)\s+(?:propia\s+)?vida"
MENTION = re.compile(
    r"\bsuicid\w*"
    rf"|\bself{_DASH}(?:harm|injur|destruct)\w*"
    r"|\bkill(?:s|ed|ing)?\s+(?:my|your|him|her|them|our|one)sel(?:f|ves)\b|\bkill(?:s|ed|ing)?\s+themself\b"
    r"|\b(?:end|ends|ended|ending|take|takes|took|taking)\s+(?:my|your|his|her|their|one's|our)\s+(?:own\s+)?li(?:fe|ves)\b"
    rf"|\bauto{_DASH}(?:lesi|lesion|agres|destruc|da[ñn])\w*"
    r"|\b(?:quitar|quit[oóaáe]|quitando)\w*\s+(?:la\s+)?vida\b|\bquitar(?:se|me|te|nos)?\s+la\s+vida\b"
    rf"|\b(?:acabar|acab[oóaáe]\w*|terminar|termin[oóaáe]\w*|poner\s+fin\s+a)\s+con\s+{_OWN}\b|\bponer\s+fin\s+a\s+{_OWN}\b"
    r"|\bhacer(?:se|me|te|nos)\s+(?:\w+\s+)?da[ñn]o\b|\bda[ñn]o\s+a\s+s[ií]\s+mism[oa]s?\b"
    r"|\bse\s+(?:hace|hacen|hizo|hicieron|haga|hagan)\s+(?:\w+\s+)?da[ñn]o\b|\blastimar(?:se|me|te|nos)\b|\bse\s+lastim\w+"
    r"|\bmatar(?:se|me|te|nos)\b|\bse\s+(?:mata|matan|mató|mataron|quiere\s+matar)\b",
    re.IGNORECASE,
)

# A quick look at the raw HTML before parsing it: markup may split the words ("self-<em>harm</em>").
MAY_MENTION = re.compile(r"suicid|self|kill|li(?:fe|ves)|auto|vida|da[ñn]o|lastim|mat", re.IGNORECASE)

# The crisis box component (overrides/partials/components.html) carries this class.
CRISIS_BOX = "crisis-box"

# Elements whose text starts and ends a run of words; inline elements (a, abbr, em...) join theirs.
BLOCKS = {"address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
          "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
          "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br"}
NOT_TEXT = {"script", "style", "template"}

KINDS = {"p": "paragraph", "ul": "list", "ol": "list", "dl": "list", "li": "list item", "table": "table",
         "blockquote": "quote", "details": "section", "h1": "heading", "h2": "heading", "h3": "heading",
         "h4": "heading", "h5": "heading", "h6": "heading"}


@dataclass(frozen=True)
class Mention:
    """The first mention of suicide or self-harm that has no crisis box right after it."""

    words: str  # as written on the page: "suicidal", "Self-harm"
    block: str  # what holds it: "paragraph", "list", "table", "heading"...


def missing_crisis_help(article_html: str, root: lxml.html.HtmlElement | None = None) -> Mention | None:
    """The page's first mention of suicide or self-harm, if the crisis box is not right after the block that holds it.
    `root` is the article already parsed, as below, where the caller has it."""
    if not MAY_MENTION.search(article_html):
        return None  # most pages: no need to parse
    if root is None:
        root = lxml.html.fragment_fromstring(article_html, create_parent="div")
    for block in _children(root):
        if _is_crisis_box(block):
            continue
        found = MENTION.search(_text(block))
        if not found:
            continue
        holders = [block]  # from the outermost block to the innermost one that holds the words
        while (inner := next((child for child in _children(holders[-1]) if child.tag in BLOCKS
                              and not _is_crisis_box(child) and MENTION.search(_text(child))), None)) is not None:
            holders.append(inner)
        if any(_is_crisis_box(_next(holder)) for holder in holders):
            return None
        return Mention(found[0], KINDS.get(block.tag, "block"))
    return None


def refusal(shown: str, source: str, rendered: str, mention: Mention) -> str:
    """The one line that stops the build: the page, the line of the mention, what to do."""
    line = mention_line(source, rendered, mention)
    where = f"{shown}: line {line}" if line else shown
    return (f'{where}: "{mention.words}" is said here without crisis help beside it; put {{{{ crisis_box() }}}} '
            f"on its own line right after this {mention.block}, before the next heading")


def mention_line(source: str, rendered: str, mention: Mention) -> int | None:
    """The line of the page's file that holds the mention, or the {{ macro }} that wrote it.

    `source` is the page's file, `rendered` its Markdown once the macros have filled in their {{ }}.
    The two are aligned line by line: text an editor typed is the same in both, and a {{ macro }}
    line is replaced by what it wrote.
    """
    match = FRONT_MATTER.match(source)
    body = source[match.end():] if match else source
    offset = source.count("\n", 0, len(source) - len(body.lstrip("\n")))
    source_lines, rendered_lines = body.lstrip("\n").splitlines(), rendered.splitlines()
    found = _first_rendered_line(rendered_lines, mention.words)
    if found is None:
        return None
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, source_lines, rendered_lines, autojunk=False).get_opcodes():
        if j1 <= found < j2:
            # Lines added by a macro (replace, insert) belong to the line that called it.
            line = max(i1 - 1, 0) if i1 == i2 else i1 + min(found - j1, i2 - i1 - 1)
            return offset + line + 1
    return None


def _first_rendered_line(lines: list[str], words: str) -> int | None:
    """The first line whose visible words (outside the crisis box, tags and their attributes) mention these words."""
    in_box = False
    first_any = None
    for number, line in enumerate(lines):
        if f'class="{CRISIS_BOX}"' in line:
            in_box = True
        if in_box:
            in_box = "</section>" not in line
            continue
        if line.startswith("*["):  # a glossary definition for the abbr extension, not shown as text
            continue
        for found in MENTION.finditer(re.sub(r"<[^>]*>", " ", line)):
            if found[0].lower() == words.lower():
                return number
            first_any = number if first_any is None else first_any
    return first_any


def _children(element) -> list:
    return [child for child in element if isinstance(child.tag, str)]


def _next(element):
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):  # a comment
        following = following.getnext()
    return following


def _is_crisis_box(element) -> bool:
    return element is not None and CRISIS_BOX in (element.get("class") or "").split()


def _text(element) -> str:
    """The element's words as a reader meets them: blocks apart, inline markup joined."""
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str):  # a comment: only the text after it is read
            parts.append(node.tail or "")
            return
        if node.tag in NOT_TEXT or _is_crisis_box(node):
            parts.append(" ")
        else:
            spaced = node.tag in BLOCKS
            parts.append(" " if spaced else "")
            parts.append(node.text or "")
            for child in node:
                walk(child)
            parts.append(" " if spaced else "")
        parts.append(node.tail or "")

    parts.append(element.text or "")
    for child in element:
        walk(child)
    return " ".join("".join(parts).split())
