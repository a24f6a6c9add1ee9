"""Turn the build's complaints about a page into one line an editor can act on: file, line, what to do."""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error
from pydantic import BaseModel

# --- Mistakes inside {{ ... }} on a page ----------------------------------------------------------


def explain_macro_errors(names: Callable[[], dict[str, object]]) -> None:
    """Make a failed {{ ... }} stop the build with one line, instead of a traceback in the page.

    mkdocs-macros formats a rendering error with `format_error`, a singledispatch function meant to
    be extended; ours raises a PluginError, which MkDocs prints as one clean line before it stops.
    """

    @format_error.register
    def _undefined(error: jinja2.UndefinedError, markdown: str, page) -> str:
        line = _template_line(error) or 0
        known = names()
        if match := re.match(r"'(?P<name>[^']+)' is undefined", error.message or ""):
            name = match["name"]
            what = f"'{name}' is not a fact or macro this site knows; check its spelling"
            candidates = set(known)
        else:
            match = re.search(r"has no attribute '(?P<name>[^']+)'", error.message or "")
            name = match["name"] if match else "?"
            owner = _owner_before(markdown, line, name)
            what = f"'{owner}' has no fact named '{name}'; check its spelling"
            candidates = _fields_of(known.get(owner))
        raise PluginError(at(page, markdown, line, what + _did_you_mean(name, candidates)))

    @format_error.register
    def _syntax(error: jinja2.TemplateSyntaxError, markdown: str, page) -> str:
        from site_build.page_code import syntax_problem  # page_code reports its own lines through this module

        raise PluginError(at(page, markdown, *syntax_problem(error, markdown)))

    @format_error.register
    def _other(error: Exception, markdown: str, page) -> str:
        line = _template_line(error) or 0
        detail = re.sub(r"\S*<locals>\.", "", str(error))  # Python's inner names mean nothing to an editor
        what = f"{{{{ }}}} could not be filled in ({detail}); write it as 'Use facts on a page' in EDITING.md shows"
        raise PluginError(at(page, markdown, line, what))


def _fields_of(value: object) -> set[str]:
    """Names a page may write after `value.`: a fact's fields and derived properties."""
    if not isinstance(value, BaseModel):
        return set()
    kind = type(value)
    return set(kind.model_fields) | {name for name in dir(kind) if isinstance(getattr(kind, name), property)}


def _template_line(error: BaseException) -> int | None:
    # Jinja rewrites tracebacks so that frames of the page template carry the page's line numbers.
    line, tb = None, error.__traceback__
    while tb:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _owner_before(markdown: str, line: int, name: str) -> str | None:
    lines = markdown.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else markdown
    match = re.search(rf"(\w+)\.{re.escape(name)}\b", text)
    return match[1] if match else None


def _did_you_mean(name: str, candidates: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(c for c in candidates if not c.startswith("_")), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def at(page, markdown: str, line: int, what: str) -> str:
    """'docs/page.md: line N: what', with N counted in the file, front matter included."""
    path = Path(page.file.abs_src_path)
    shown = f"{path.parent.name}/{page.file.src_path}"
    if line:
        source = path.read_text(encoding="utf-8-sig")
        at = source.rfind(markdown) if markdown else -1
        offset = source.count("\n", 0, at) if at > 0 else 0
        return f"{shown}: line {line + offset}: {what}"
    return f"{shown}: {what}"


# --- MkDocs' own warnings about links and the menu, reworded ---------------------------------------

_REWORDED: list[tuple[re.Pattern, str]] = [
    (
        re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<link>[^']+)', but the target.* is not found among documentation files\.(?: Did you mean '(?P<hint>[^']+)'\?)?"),
        "the link '{link}' goes to a page that does not exist; fix the link{hint} or add the page",
    ),
    (
        re.compile(r"Doc file '(?P<src>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'.*"),
        "the link '{link}' does not name a page; link to a file such as 'side-effects.md'",
    ),
    (
        re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<link>[^']+)', but (?:there is no such anchor on this page|the doc '[^']+' does not contain an anchor '[^']+')\..*"),
        "the link '{link}' points to a heading that does not exist; check the part after '#' against the page's headings",
    ),
    (
        re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n(?P<pages>.*)", re.S),
        "this page is not in the menu; add it under 'nav:' in {settings}",
    ),
    (
        re.compile(r"A reference to '(?P<link>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\."),
        "{settings}: nav: '{link}' is not a page in docs/; fix the file name or add the page",
    ),
]


class _Quiet(logging.Filter):
    """Drops MkDocs' "Error reading page 'x.md':" line: the error that follows names the page itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not re.fullmatch(r"Error reading page '[^']+':", record.getMessage())


class _Reword(logging.Filter):
    def __init__(self, docs_dir: Path, settings: str):
        super().__init__()
        self.docs_dir, self.settings = docs_dir, settings

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern, template in _REWORDED:
            if match := pattern.fullmatch(message):
                record.msg, record.args = self._say(match, template), ()
                break
        return True

    def _say(self, match: re.Match, template: str) -> str:
        parts = match.groupdict()
        hint = f" (did you mean '{parts['hint']}'?)" if parts.get("hint") else ""
        what = template.format(link=parts.get("link"), hint=hint, settings=self.settings)
        if "pages" in parts:
            pages = re.findall(r"  - (.+)", parts["pages"])
            return "\n".join(f"{self.docs_dir.name}/{page}: {what}" for page in pages)
        if "src" not in parts:
            return what
        return f"{self._where(parts['src'], parts['link'])}: {what}"

    def _where(self, src: str, link: str) -> str:
        shown = f"{self.docs_dir.name}/{src}"
        try:
            lines = (self.docs_dir / src).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeError):
            return shown
        number = next((n for n, text in enumerate(lines, start=1) if link in text), None)
        return f"{shown}: line {number}" if number else shown


def reword_mkdocs_warnings(docs_dir: Path, settings: str = "mkdocs.yml") -> None:
    """`settings` is the edition's settings file, whose menu a page belongs in: mkdocs.yml, mkdocs.es.yml."""
    for name, wanted in [
        ("mkdocs.structure.pages", _Reword(docs_dir, settings)),
        ("mkdocs.structure.nav", _Reword(docs_dir, settings)),
        ("mkdocs.commands.build", _Quiet()),
    ]:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, (_Reword, _Quiet))]:
            logger.removeFilter(old)
        logger.addFilter(wanted)
