"""Check YAML against a pydantic model and explain each problem in one line an editor can act on."""

from __future__ import annotations

import codecs
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from site_build.languages import LANGUAGES as LANGUAGE_CODES
from site_build.languages import LanguageProblem


class Problems(Exception):
    """What is wrong, one line per problem, each naming the file, the line or key, and what to do."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Words:
    """How problems are put for one kind of file."""

    name: str  # what a key is called: "fact", "front-matter name"
    missing: str  # what to do when a required key is missing


def read_text(path: Path, shown: str) -> str:
    """A data file or a page as text, as MkDocs reads pages: UTF-8, with or without a byte-order mark."""
    raw = path.read_bytes()
    # UTF-16 (some Windows editors' "Unicode") starts with its own mark, and is full of NUL bytes.
    bad = 0 if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else raw.find(b"\0")
    try:
        if bad >= 0:
            raise UnicodeDecodeError("utf-8", raw, bad, bad + 1, "not text")
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise Problems([f"{shown}: line {line}: the file is not saved as UTF-8 (the text here cannot be read); "
                        "save it as UTF-8 (your editor's Save As or Encoding menu)"]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_yaml(text: str, shown: str, model: type[BaseModel], words: Words, *,
               first_line: int = 1, context: dict | None = None) -> BaseModel:
    """`text` parsed and validated as `model`; line numbers count from `first_line` in file `shown`."""
    offset = first_line - 1
    for number, line in enumerate(text.split("\n"), start=first_line):
        if re.match(r"^ *\t", line):
            raise Problems([f"{shown}: line {number}: starts with a tab; indent with spaces only"])
        if found := _invisible(line):
            raise Problems([f"{shown}: line {number}: {found}"])
    try:
        # Parsed once: the node tree gives each key's line, and the data is built from it.
        loader, tree = compose(text, _Loader, _FastLoader)
    except yaml.MarkedYAMLError as error:
        raise Problems([f"{shown}: {_yaml_mistake(error, text, offset)}"]) from None
    try:
        if twice := _written_twice(tree):
            raise Problems([f"{shown}: line {twice[2] + offset}: {_key(twice[0])}: is written twice, on lines "
                            f"{twice[1] + offset} and {twice[2] + offset}; keep one and delete the other"])
        data = loader.construct_document(tree) if tree is not None else None
    except yaml.MarkedYAMLError as error:
        raise Problems([f"{shown}: {_yaml_mistake(error, text, offset)}"]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise Problems([f"{shown}: this is empty or not a list of 'name: value' lines; restore it from Git"])
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        lang = (context or {}).get("lang")
        raise Problems(_Explainer(shown, tree, offset, words, model, lang).problems(error.errors())) from None


def foreign_digit(text: str) -> str | None:
    """A digit that is not 0-9 (full-width, Arabic-Indic...), named for an editor who cannot tell it apart."""
    for char in text:
        if char.isdigit() and not char.isascii():
            return f'the digit "{char}", which is not a plain 0 to 9 ({unicodedata.name(char, "another script").lower()})'
    return None


# Blank letters that some fonts draw as nothing at all.
_BLANK_LETTERS = "\u115f\u1160\u2800\u3164\uffa0"


def _invisible(line: str) -> str | None:
    """A character an editor cannot see (a tab, a no-break space, a zero-width space, a control character):
    it makes a fact differ from what the screen shows, or breaks the YAML in ways no one can spot."""
    for column, char in enumerate(line):
        kind = unicodedata.category(char)
        if char == " " or not (kind in ("Cc", "Cf", "Zs", "Zl", "Zp") or char in _BLANK_LETTERS):
            continue
        if char == "\t":
            what, do = "tab", "type spaces instead"
        else:
            name = unicodedata.name(char, "control character").lower()
            what = f"{name} (U+{ord(char):04X})"
            do = "type an ordinary space instead" if kind == "Zs" else "retype the text at that point to remove it"
        before = line[:column].strip()[-24:]
        where = f'after "{before}"' if before else "at the start of the line"
        return f"has an invisible {what} {where}; {do}"
    return None


def _date_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads it, except that an impossible date (2026-02-30) stays text for the model to explain."""


class _FastLoader(yaml.CSafeLoader):
    """_Loader reading with libyaml."""


for _reader in (_Loader, _FastLoader):
    _reader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def compose(text: str, loader: type, fast: type) -> tuple[yaml.BaseLoader, yaml.Node | None]:
    """The YAML node tree of `text`, and the loader that built it (to construct the data, then dispose of).
    `fast` (libyaml) reads it ten times faster than `loader` (PyYAML's Python reader): at 900 pages
    the front matter alone took 2 s. A text libyaml refuses is read again by `loader`, whose words
    for the mistake the editor's line is made of (libyaml words them otherwise)."""
    reader = fast(text)
    try:
        return reader, reader.get_single_node()
    except yaml.MarkedYAMLError:
        reader.dispose()
    reader = loader(text)
    try:
        return reader, reader.get_single_node()
    except yaml.MarkedYAMLError:
        reader.dispose()
        raise


def _written_twice(node: yaml.Node | None, loc: tuple = ()) -> tuple[tuple, int, int] | None:
    """The first name written twice in one block, at any depth, with both its lines (YAML would keep the
    second silently)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key, value in node.value:
            name, line = key.value if isinstance(key, yaml.ScalarNode) else id(key), key.start_mark.line + 1
            if name in seen:
                return loc + (name,), seen[name], line
            seen[name] = line
            if found := _written_twice(value, loc + (name,)):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if found := _written_twice(item, loc + (index,)):
                return found
    return None


def _key(loc: tuple) -> str:
    """Where a value is, as an editor finds it: 'routes → entry 2 → name'."""
    return " → ".join(f"entry {part + 1}" if isinstance(part, int) else str(part) for part in loc) or "the file"


# The YAML parser's words for the slips editors make most, in plain words.
_YAML_HINTS = {
    "mapping values are not allowed here": "a colon is in an unexpected place (put text that has a colon inside quotes)",
    "could not find expected ':'": "a line is missing the colon after its name",
    "found unexpected end of stream": "a quote is opened here but never closed",
    "expected '<document start>', but found '<block mapping start>'": "this line is missing the colon after its name",
}


def _yaml_mistake(error: yaml.MarkedYAMLError, text: str, offset: int) -> str:
    hint = _YAML_HINTS.get(error.problem)
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return "this is not valid YAML; check the colons, quotes and indentation"
    line = mark.line + 1
    if error.problem == "found unexpected end of stream" and error.context_mark:
        line = error.context_mark.line + 1  # where the quote was opened
    elif error.problem.startswith("expected '<document start>'"):
        # The parser notices only at the next name; the slip is on the line of text before it.
        lines = text.split("\n")
        line = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), line)
    if hint:
        return f"line {line + offset}: this is not valid YAML; {hint}"
    return f"line {line + offset}: this is not valid YAML; check the colons, quotes and indentation on this line and the one above"


class At(ValueError):
    """A problem a model finds in one of its own parts (a name used twice): `loc` says which part, so
    that the line named is that part's, not the model's first line."""

    def __init__(self, loc: tuple, message: str):
        super().__init__(message)
        self.loc = loc


@dataclass
class _Explainer:
    shown: str
    tree: yaml.Node
    offset: int
    words: Words
    model: type[BaseModel]
    lang: str | None = None  # the language being read, where a text is written in several

    def problems(self, issues: list[dict[str, Any]]) -> list[str]:
        """One line per problem; a misspelt name is reported once, with the name it should be."""
        missing = {issue["loc"] for issue in issues if issue["type"] == "missing"}
        misspelt: dict[tuple, str] = {}
        for issue in issues:
            loc = issue["loc"]
            if issue["type"] == "extra_forbidden":
                siblings = [m[-1] for m in missing if m[:-1] == loc[:-1]]
                if close := difflib.get_close_matches(str(loc[-1]), siblings, n=1):
                    misspelt[loc] = close[0]
                    missing.discard(loc[:-1] + (close[0],))
        lines = []
        for issue in issues:
            loc = issue["loc"]
            if loc in misspelt:
                lines.append(self._at(loc, f"{loc[-1]!r} is not a known {self.words.name}; did you mean {misspelt[loc]!r}?"))
            elif issue["type"] != "missing" or loc in missing:
                lines.append(self._explain(issue))
        return lines

    def _at(self, loc: tuple, what: str) -> str:
        line = _line_of(self.tree, loc)
        return f"{self.shown}: {f'line {line + self.offset}: ' if line else ''}{_key(loc)}: {what}"

    def _explain(self, issue: dict[str, Any]) -> str:
        loc, kind = issue["loc"], issue["type"]
        if kind == "missing":
            what = self.words.missing
        elif kind == "extra_forbidden":
            what = f"{loc[-1]!r} is not a known {self.words.name}; check its spelling"
        elif kind == "value_error":  # our own words, from a model's validator
            error = (issue.get("ctx") or {}).get("error")
            if isinstance(error, At):
                loc = loc + error.loc
            if not isinstance(error, LanguageProblem):
                loc = self._in_language(loc)
            what = str(error) if error else issue["msg"].removeprefix("Value error, ")
        else:
            loc = self._in_language(loc)
            node = _node_at(self.tree, loc)
            written = node.value if isinstance(node, yaml.ScalarNode) else None
            what = wrong_value(kind, issue.get("input"), written, issue.get("ctx") or {}, _bounds(self.model, loc))
        return self._at(loc, what)

    def _in_language(self, loc: tuple) -> tuple:
        """Where a text is written in several languages, the problem is in the one being read: `→ es`,
        on its own line. A mark of a glossary term is then counted inside its language's list."""
        if self.lang is None:
            return loc
        for cut in range(len(loc), 0, -1):
            node = _node_at(self.tree, loc[:cut])
            if isinstance(node, yaml.MappingNode) and any(key.value == self.lang for key, _ in node.value) \
                    and all(key.value in LANGUAGE_CODES for key, _ in node.value):
                return loc[:cut] + (self.lang,) + loc[cut:]
        return loc


# What pydantic expected, by the kind of its complaint.
_EXPECTED = {
    "string_type": "text", "list_type": "list", "model_type": "entry", "dict_type": "entry",
    "model_attributes_type": "entry", "int_type": "whole number", "int_parsing": "whole number",
    "int_from_float": "whole number", "float_type": "number", "float_parsing": "number",
    "greater_than_equal": "in range", "less_than_equal": "in range", "greater_than": "in range",
    "less_than": "in range", "finite_number": "in range", "bool_type": "yes/no", "bool_parsing": "yes/no",
    "date_type": "date", "date_parsing": "date", "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
}


def wrong_value(kind: str, value: Any, written: str | None, ctx: dict, bounds: tuple | None = None) -> str:
    """What is wrong with a value and what to do, in an editor's words (never pydantic's).

    `written` is the value as the editor typed it, when known; `bounds` the least and greatest number allowed."""
    expected = _EXPECTED.get(kind)
    shown = written if written is not None else str(value)
    if value is None or kind == "string_too_short" or (isinstance(value, (list, dict, str)) and not value and expected != "yes/no"):
        return "is empty; write it, or restore it from Git"
    if kind == "too_short":
        return "has no entries; add at least one, in the form the comments at the top of the file show"
    if kind == "string_pattern_mismatch":
        return f"{str(value)!r} is not in the expected form; copy the form of the other entries"
    if kind == "literal_error":
        return f"{str(value)!r} is not one of {ctx.get('expected', 'the choices')}; write one of those"
    if expected == "text":
        if isinstance(value, (bool, int, float, date)):
            return f'{shown} is read as {_read_as(value)}, not as text; put it in double quotes: "{shown}"'
        if isinstance(value, list):
            return "is a list, where one text is expected; write the text on this line (in double quotes if it starts with [ or -)"
        return "has names under it, where one text is expected; write the text on this line (in double quotes if it has a colon)"
    if expected == "list":
        if isinstance(value, dict):
            return 'has names under it, where a list is expected; start each entry with "- ", as the other entries do'
        return f'is one value, where a list is expected; write it as a list, like [{shown}], or one "- " line per item'
    if expected == "entry":
        if isinstance(value, list):
            return "is a list, where names and values are expected (such as name: …); copy the form of the other entries"
        return "is one value, where names and values are expected (such as name: …); copy the form of the other entries"
    if expected in ("whole number", "number", "in range"):
        low, high, whole = bounds or (None, None, expected == "whole number")
        want = "a whole number" if whole else "a number"
        if low is not None and high is not None:
            want += f" from {low:g} to {high:g}"
        if isinstance(value, (bool, date)):
            return f"{shown} is read as {_read_as(value)}, not as a number; write {want}"
        if isinstance(value, str):
            return f'"{value}" is not written as a number; write {want}, without quotes'
        if isinstance(value, (list, dict)):
            return f"is {'a list' if isinstance(value, list) else 'a block of names'}, not a number; write {want}"
        if isinstance(value, float) and expected == "whole number":
            return f"{shown} is not a whole number; write {want}"
        return f"is {shown}; write {want}"
    if expected == "date":
        if isinstance(value, bool):
            return f"{written or 'this'} is read as yes or no (true or false), not as a date; write it like 2026-11-24"
        if isinstance(value, (list, dict)):
            return f"is {'a list' if isinstance(value, list) else 'a block of names'}, not a date; write it like 2026-11-24"
        return f'"{shown}" is not a date written YYYY-MM-DD; write it like 2026-11-24'
    if expected == "yes/no":
        if isinstance(value, (list, dict)):
            return f"is {'a list' if isinstance(value, list) else 'a block of names'}, not yes or no; write true or false"
        return f"{shown} is not yes or no; write true or false"
    return "is not in the expected form; copy the form of the other entries"


def _read_as(value: Any) -> str:
    if isinstance(value, bool):
        return "yes or no (true or false)"
    return "a date" if isinstance(value, date) else "a number"


@functools.lru_cache(maxsize=32)
def _schema(model: type[BaseModel]) -> dict:
    return model.model_json_schema()


def _bounds(model: type[BaseModel], loc: tuple) -> tuple | None:
    """The least and greatest number the model allows at `loc`, as its JSON schema gives them, and
    whether it must be a whole number."""
    schema = _schema(model)
    node: dict = schema
    for part in loc:
        node = _resolved(schema, node)
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    node = _resolved(schema, node)
    if "minimum" in node or "maximum" in node:
        return node.get("minimum"), node.get("maximum"), node.get("type") == "integer"
    return None


def _resolved(schema: dict, node: dict) -> dict:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    options = [option for option in node.get("anyOf", []) if option.get("type") != "null"]
    return _resolved(schema, options[0]) if len(options) == 1 else node


def _node_at(node: yaml.Node | None, loc: tuple) -> yaml.Node | None:
    """The YAML node at `loc`, if the file has one there."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line of the deepest part of `loc` present in the YAML (a name's own line, even when its value
    starts below it), so an editor knows where to look."""
    if len(loc) == 1 and not any(key.value == loc[0] for key, _ in getattr(node, "value", [])):
        return None  # missing at the top: there is no line to point at
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((key, value) for key, value in node.value if key.value == part), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
