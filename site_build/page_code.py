"""What a page may write inside {{ }}, and how it is filled in: facts as plain text, in Jinja's sandbox.

A page is content, not code. Jinja's parser reads the page, and every part of its syntax tree must be
on the allow-list below: a fact (`clinic.name`), or a macro that macros.py registers, called with
plain values of the kinds it takes. Anything else stops the build with one line, before the page is
rendered; the page is then rendered in Jinja's sandbox, as a second wall.
"""

from __future__ import annotations

import difflib
import inspect
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import jinja2
from jinja2 import nodes
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from pydantic import Field, TypeAdapter, ValidationError

from site_build import editor_errors

# --- The allow-list: README's "Facts and macros" and EDITING.md's "Use facts on a page" list it -----

# The facts a page may write, by group: {{ clinic.name }}. The macros are those macros.py registers.
FACTS: dict[str, tuple[str, ...]] = {"clinic": ("name", "services")}

# A heading level a macro may take: a box that opens with its own heading sits under an h1 at least.
HeadingLevel = Annotated[int, Field(ge=2, le=6)]

GUIDE = "'Use facts on a page' in EDITING.md"


@dataclass(frozen=True)
class Allowed:
    """What one kind of text may write inside {{ }}: facts by group, and macros by name."""

    facts: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: FACTS)
    macros: Mapping[str, Callable] = field(default_factory=dict)


class NotAllowed(Exception):
    """Something inside {{ }} or {% %} that a page may not use: the line, and what to do, in plain words."""

    def __init__(self, line: int, what: str):
        super().__init__(what)
        self.line, self.what = line, what


# Each statement Jinja knows, by the word an editor types after {%.
_STATEMENTS = {
    nodes.For: "for", nodes.If: "if", nodes.Macro: "macro", nodes.CallBlock: "call", nodes.FilterBlock: "filter",
    nodes.With: "with", nodes.Block: "block", nodes.Include: "include", nodes.Import: "import",
    nodes.FromImport: "from", nodes.Extends: "extends", nodes.Assign: "set", nodes.AssignBlock: "set",
    nodes.EvalContextModifier: "autoescape", nodes.ExprStmt: "do", nodes.Break: "break", nodes.Continue: "continue",
}


# Every word Jinja (and its common extensions) reads after {% as a statement.
_STATEMENT_WORDS = {
    *_STATEMENTS.values(), "print", "elif", "else", "raw", "trans", "pluralize", "debug",
    *(f"end{word}" for word in [*_STATEMENTS.values(), "raw", "trans"]),
}


def check(source: str, allowed: Allowed, env: jinja2.Environment | None = None) -> None:
    """Raise NotAllowed for the first thing in `source` (a page's Markdown) that is not on the allow-list.

    `env` gives the markers ({{ }} and {% %}, or others that mkdocs.yml sets)."""
    env = env or jinja2.Environment()
    try:
        tokens = [token for token in env.lexer.tokeniter(source, None) if token[1] != "whitespace"]
        for index, (line, kind, _) in enumerate(tokens):
            # No statement is allowed, so the first {% says enough ({% raw %} even hides braces from the parser).
            if kind in ("block_begin", "raw_begin"):
                word = "raw" if kind == "raw_begin" else tokens[index + 1][2] if index + 1 < len(tokens) else ""
                if word in _STATEMENT_WORDS:
                    raise NotAllowed(line, _statement_refused(word))
                detail = (f"'{word}' is written inside {{% %}}, where a fact or macro needs {{{{ }}}}" if word != "%}"
                          else "nothing is written between {% and %}")
                raise NotAllowed(line, f"the braces are not written right ({detail}); check the {{{{ }}}} and {{% %}} on this line")
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError as error:
        raise NotAllowed(*syntax_problem(error, source)) from None
    for node in tree.body:
        while isinstance(node, (nodes.Scope, nodes.OverlayScope)) and node.body:  # {% autoescape %} comes wrapped
            node = node.body[0]
        if not isinstance(node, nodes.Output):
            word = next((word for kind, word in _STATEMENTS.items() if isinstance(node, kind)), type(node).__name__.lower())
            raise NotAllowed(node.lineno or 1, _statement_refused(word))
        for part in node.nodes:
            if not isinstance(part, nodes.TemplateData):
                _expression(part, allowed)


def _statement_refused(word: str) -> str:
    return (f"'{{% {word} %}}' cannot be used on a page (a page is words, not a program); "
            f"write only {{{{ }}}} with a fact or macro from {GUIDE}")


def _expression(node: nodes.Node, allowed: Allowed) -> None:
    """One {{ }}: a fact, or a macro called with plain values."""
    line = node.lineno
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name in allowed.facts:
        group, name = node.node.name, node.attr
        if name not in allowed.facts[group]:
            close = _did_you_mean(name, allowed.facts[group])
            if close:
                raise NotAllowed(line, f"'{group}' has no fact named '{name}'; check its spelling{close}")
            raise NotAllowed(line, f"'{group}' has no fact named '{name}' that pages may use; use one listed in {GUIDE}")
        return
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in allowed.macros:
        _arguments(node, allowed.macros[node.node.name])
        return
    root = _root(node)
    if isinstance(root, nodes.Name):
        if root.name not in allowed.facts and root.name not in allowed.macros:
            raise NotAllowed(line, _unknown(root.name, allowed))
        first = _parent_of(node, root)
        if root.name in allowed.facts and isinstance(first, nodes.Getattr) and first.attr not in allowed.facts[root.name]:
            raise NotAllowed(line, f"'{root.name}' has no fact named '{first.attr}' that pages may use; use one listed in {GUIDE}")
        if root is node and root.name in allowed.facts:
            example = f"{{{{ {root.name}.{allowed.facts[root.name][0]} }}}}"
            raise NotAllowed(line, f"'{root.name}' is a group of facts; write one of them, such as {example}")
        if root.name in allowed.macros and (root is node or isinstance(node, nodes.Getattr) and node.node is root):
            raise NotAllowed(line, f"'{root.name}' is a ready-made block and needs its brackets; write {{{{ {root.name}() }}}}")
    raise NotAllowed(line, f"{{{{ }}}} may hold only a fact or a macro, not {_described(node, allowed)}; "
                           f"write it as {GUIDE} shows")


def _root(node: nodes.Node) -> nodes.Node:
    """The name a chain such as `cycler.__init__.__globals__` or `x.y()[0]` starts from."""
    while isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Filter, nodes.Test)) and node.node is not None:
        node = node.node
    return node


def _parent_of(node: nodes.Node, root: nodes.Node) -> nodes.Node | None:
    """The part of a chain right after its first name: `.__class__` in `clinic.__class__.__mro__`."""
    while node is not None and node is not root:
        if getattr(node, "node", None) is root:
            return node
        node = getattr(node, "node", None)
    return None


def _unknown(name: str, allowed: Allowed) -> str:
    close = _did_you_mean(name, [*allowed.facts, *allowed.macros])
    if close:
        return f"'{name}' is not a fact or macro this site knows; check its spelling{close}"
    return f"'{name}' is not a fact or macro this site knows; use one listed in {GUIDE}"


def _did_you_mean(name: str, candidates) -> str:
    close = difflib.get_close_matches(name, sorted(c for c in candidates if not c.startswith("_")), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _described(node: nodes.Node, allowed: Allowed) -> str:
    """What stands inside {{ }}, in an editor's words."""
    if isinstance(node, nodes.Filter):
        return f"a filter ('{node.name}')"
    if isinstance(node, nodes.Test):
        return f"a test ('{node.name}')"
    if isinstance(node, (nodes.Getitem, nodes.Slice)):
        return "square brackets after a name"
    if isinstance(node, (nodes.Const, nodes.TemplateData)):
        return "a plain value (write words outside the braces)"
    if isinstance(node, (nodes.List, nodes.Tuple, nodes.Dict)):
        return "a list"
    if isinstance(node, (nodes.BinExpr, nodes.UnaryExpr, nodes.Concat, nodes.Compare, nodes.CondExpr)):
        return "a calculation or a condition"
    if isinstance(node, (nodes.Getattr, nodes.Call)):
        return "anything after a fact or a macro"
    return "this"


# --- A macro's arguments ---------------------------------------------------------------------------


def _arguments(call: nodes.Call, macro: Callable) -> None:
    """A macro takes plain values (a number, text in quotes, true or false) of the kinds its signature
    says, within their limits (a heading level from 2 to 6)."""
    name = call.node.name

    def refused(detail: str) -> NotAllowed:
        return NotAllowed(call.lineno, f"{{{{ }}}} could not be filled in ({detail}); write it as {GUIDE} shows")

    if call.dyn_args is not None or call.dyn_kwargs is not None:
        raise refused(f"{name}() takes only plain values, such as 3 or \"Call\"")
    keys = [keyword.key for keyword in call.kwargs]
    if twice := next((key for key in keys if keys.count(key) > 1), None):
        raise refused(f"{name}() is given '{twice}' twice")
    values = []
    for value in [*call.args, *(keyword.value for keyword in call.kwargs)]:
        if isinstance(value, nodes.Neg) and isinstance(value.node, nodes.Const):
            value = nodes.Const(-value.node.value)
        if not isinstance(value, nodes.Const) or not isinstance(value.value, (str, int, float, bool)):
            raise refused(f"{name}() takes only plain values, such as 3 or \"Call\"")
        values.append(value.value)
    args, kwargs = values[:len(call.args)], dict(zip((k.key for k in call.kwargs), values[len(call.args):]))
    signature = inspect.signature(macro)
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError as error:
        raise refused(_binding_problem(name, signature, args, kwargs, str(error))) from None
    hints = _hints(macro)
    for parameter, value in bound.arguments.items():
        kind = hints.get(parameter)
        if kind is None:
            continue
        try:
            TypeAdapter(kind).validate_python(value, strict=True)
        except ValidationError:
            raise refused(f"{name}() takes {_wanted(kind)} for {parameter}, not {_jinja(value)}") from None


def _binding_problem(name: str, signature: inspect.Signature, args: list, kwargs: dict, error: str) -> str:
    parameters = list(signature.parameters)
    if "too many positional" in error:
        most = len([p for p in signature.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)])
        return f"{name}() takes {'no values' if not most else f'at most {most} value' + ('s' if most > 1 else '')}, not {len(args)}"
    if match := re.search(r"unexpected keyword argument '(\w+)'", error):
        return f"{name}() has no setting named '{match[1]}'{_did_you_mean(match[1], parameters)}"
    if match := re.search(r"multiple values for argument '(\w+)'", error):
        return f"{name}() is given '{match[1]}' twice"
    if match := re.search(r"missing a required argument: '(\w+)'", error):
        return f"{name}() needs a value for '{match[1]}'"
    return f"{name}() does not take these values"


def _hints(macro: Callable) -> dict[str, Any]:
    try:
        return typing.get_type_hints(macro, include_extras=True)
    except (NameError, TypeError):
        return {}


def _wanted(kind: Any) -> str:
    schema = TypeAdapter(kind).json_schema()
    low, high = schema.get("minimum"), schema.get("maximum")
    if schema.get("type") in ("integer", "number"):
        what = "a whole number" if schema["type"] == "integer" else "a number"
        return what + (f" from {low:g} to {high:g}" if low is not None and high is not None else "")
    return {"string": "text in quotes", "boolean": "true or false"}.get(schema.get("type"), "another kind of value")


def _jinja(value: Any) -> str:
    """A value as a page writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


# --- Braces not written right ------------------------------------------------------------------------


def syntax_problem(error: jinja2.TemplateSyntaxError, source: str) -> tuple[int, str]:
    """Where braces are not written right, and what is wrong, in plain words."""
    if unclosed := _unclosed(source):
        line, opener, closer = unclosed
        hint = " (to give a heading an id, write { #its-id } with a space)" if opener == "{#" else ""
        return line, f"a '{opener}' is never closed; end it with '{closer}'{hint}"
    message = (error.message or "").split(". ")[0].rstrip(".")  # Jinja's first sentence, without its own hints
    closing = {"end of print statement": "}}", "end of statement block": "%}"}
    if match := re.match(r"Encountered unknown tag '(\w+)'", message):
        detail = f"'{match[1]}' is written inside {{% %}}, where a fact or macro needs {{{{ }}}}"
    elif re.match(r"[Ee]xpected an expression, got 'end of print statement'", message):
        detail = "nothing is written between {{ and }}"
    elif match := re.match(r"expected token '([^']+)', got '([^']+)'", message):
        detail = f"'{match[2]}' stands where '{closing.get(match[1], match[1])}' belongs"
    elif message == "expected name or number":
        detail = "a name is missing after a dot"
    elif match := re.match(r"unexpected char '(.+)' at \d+", message):
        detail = f"{match[1]} cannot stand there"
    elif match := re.match(r"unexpected '(.+)'", message):
        detail = f"'{closing.get(match[1], match[1])}' is out of place"
    else:
        detail = message[:1].lower() + message[1:]
    return error.lineno, f"the braces are not written right ({detail}); check the {{{{ }}}} and {{% %}} on this line"


def _unclosed(source: str) -> tuple[int, str, str] | None:
    """The first {{, {% or {# that its line never closes: the line, the opener and its closer."""
    pairs = {"{{": "}}", "{%": "%}", "{#": "#}"}
    for number, text in enumerate(source.split("\n"), start=1):
        for match in re.finditer(r"\{[{%#]", text):
            opener = match[0]
            if pairs[opener] not in text[match.end():]:
                return number, opener, pairs[opener]
    return None


# --- Facts are text, never markup ----------------------------------------------------------------

# What Markdown (with this site's extensions) reads as markup inside a line of text: emphasis, code,
# links and images, attribute lists, abbreviations, HTML. HTML's own characters are escaped too.
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]{}!|]")
# What it reads as markup at the start of a line: a heading, a quote, a list, a rule, an admonition.
_MARKDOWN_LINE_START = re.compile(r"^(?:[#>+=:-]|\d+(?=[.)]))")


def as_text(value: Any) -> Markup:
    """What {{ }} prints for a value: a macro's HTML as it is, anything else (a fact) as plain text
    that neither the browser nor Markdown can read as markup. Jinja calls it for every {{ }}."""
    if hasattr(value, "__html__"):
        return Markup(value)
    text = " ".join(str(value).split())  # one line: a line break could start a Markdown block
    text = str(escape(text))
    text = _MARKDOWN_INLINE.sub(lambda m: f"&#{ord(m[0])};", text)
    text = _MARKDOWN_LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m[0][:1]) + m[0][1:], text)
    return Markup(text)


# --- The sandbox -----------------------------------------------------------------------------------


def sandboxed(env: jinja2.Environment, macros: dict[str, Any]) -> ImmutableSandboxedEnvironment:
    """A sandboxed copy of the macros plugin's environment (same markers, same handling of unknown
    names) that knows the site's macros and nothing else: no range, lipsum, cycler or namespace, no
    filters or tests, no loader for {% include %}; and that prints facts as text."""
    box = ImmutableSandboxedEnvironment(
        block_start_string=env.block_start_string, block_end_string=env.block_end_string,
        variable_start_string=env.variable_start_string, variable_end_string=env.variable_end_string,
        comment_start_string=env.comment_start_string, comment_end_string=env.comment_end_string,
        line_statement_prefix=env.line_statement_prefix, line_comment_prefix=env.line_comment_prefix,
        trim_blocks=env.trim_blocks, lstrip_blocks=env.lstrip_blocks, newline_sequence=env.newline_sequence,
        keep_trailing_newline=env.keep_trailing_newline, undefined=env.undefined, finalize=as_text,
    )
    box.globals = dict(macros)
    box.filters, box.tests = {}, {}
    return box


def page_macros(env) -> dict[str, Any]:
    """The macros the site's own module (macros.py) registers; not the plugin's built-ins, such as
    context() and macros_info(), which print the build's internals."""
    module = env.config["module_name"]
    return {name: macro for name, macro in env.macros.items() if getattr(macro, "__module__", None) == module}


def render_in_sandbox(env) -> None:
    """Have the macros plugin fill in pages in the sandbox: it offers no setting for it, so its
    environment is replaced (once per build) before the first page is rendered."""
    if not isinstance(env.env, ImmutableSandboxedEnvironment):
        env._env = sandboxed(env.env, page_macros(env))


# --- Front matter: facts only, filled in as plain text ----------------------------------------------


def fill_in_facts(text: str, facts: Any) -> str:
    """`text` (a page's title or description) with its facts filled in, as plain text on one line.

    Raises ValueError, in an editor's words, for anything in braces but a documented fact."""
    if not any(marker in text for marker in ("{{", "{%", "{#")):
        return " ".join(text.split())
    try:
        check(text, Allowed(FACTS, {}))
    except NotAllowed as problem:
        blocks = [call for call in _parsed(text).find_all(nodes.Call) if isinstance(call.node, nodes.Name)]
        if blocks:
            raise ValueError(f"'{blocks[0].node.name}()' makes a part of a page and cannot go here; write a fact "
                             "such as {{ clinic.name }}, or the words themselves") from None
        raise ValueError(problem.what) from None
    parts = []
    for node in _parsed(text).body:
        for part in node.nodes:  # each is text, or a fact: check() let nothing else through
            parts.append(part.data if isinstance(part, nodes.TemplateData) else getattr(getattr(facts, part.node.name), part.attr))
    return " ".join("".join(parts).split())


def _parsed(text: str) -> nodes.Template:
    try:
        return jinja2.Environment().parse(text)
    except jinja2.TemplateSyntaxError:
        return nodes.Template([])


# --- Pages, as the macros plugin renders them ----------------------------------------------------------


def check_page(source: str, shown: str, allowed: Allowed, env: jinja2.Environment | None = None) -> list[str]:
    """The problem line for a page's text (front matter and all) as it is in docs/, or nothing."""
    match = YAML_RE.match(source)
    markdown = source[match.end():] if match else source
    try:
        check(markdown, allowed, env)
    except NotAllowed as problem:
        offset = source[:len(source) - len(markdown)].count("\n")
        return [f"{shown}: line {problem.line + offset}: {problem.what}"]
    return []


def guard(env) -> None:
    """Before the macros plugin renders a page: refuse what the page may not use, with one line, and
    render it in the sandbox."""
    render_in_sandbox(env)
    try:
        check(env.markdown, Allowed(FACTS, page_macros(env)), env.env)
    except NotAllowed as problem:
        raise PluginError(editor_errors.at(env.page, env.markdown, problem.line, problem.what)) from None


def allowed_in(config_file: Path) -> Allowed:
    """The allow-list of a project, from its mkdocs.yml and macros.py, without building it."""
    config = load_config(str(config_file))
    plugin = config.plugins["macros"]
    plugin.on_config(config)
    return Allowed(FACTS, page_macros(plugin))
