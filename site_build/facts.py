"""Load the facts under data/ and check them, so that an editor's slip stops the build with one clear line."""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path
from typing import Annotated, Any

import yaml
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# Written the way people in the US read a number; the tel: link is derived from it.
PHONE = re.compile(r"^\((\d{3})\) (\d{3})-(\d{4})$")


class Fact(BaseModel):
    # A misspelt key is an error, not a fact silently dropped.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Clinic(Fact):
    name: Text
    phone: Text
    services: Text
    disclaimer: Text

    @field_validator("phone")
    @classmethod
    def _us_phone(cls, value: str) -> str:
        if not PHONE.match(value):
            raise ValueError(
                f'"{value}" is not written like (555) 123-4567; write the area code in brackets, '
                "a space, three digits, a dash and four digits"
            )
        return value

    @property
    def tel(self) -> str:
        return "tel:+1" + "".join(PHONE.match(self.phone).groups())


class Route(Fact):
    name: Text
    also_called: Text
    how: Text
    setting: Text | None = None
    speed: Text | None = None
    uses: Text


class Routes(Fact):
    caption: Text
    routes: list[Route] = Field(min_length=1)


class SideEffect(Fact):
    name: Text
    detail: Text


class SideEffects(Fact):
    caption: Text
    side_effects: list[SideEffect] = Field(min_length=1)


class CrisisLine(Fact):
    name: Text
    number: Annotated[str, StringConstraints(pattern=r"^\d{3,}$")]
    text: bool
    when: Text


class Crisis(Fact):
    heading: Text
    message: Text
    lines: list[CrisisLine] = Field(min_length=1)


class Term(Fact):
    term: Text
    marks: list[Text] = Field(min_length=1)
    definition: Text


class Glossary(Fact):
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _marks_unique(self) -> Glossary:
        seen: dict[str, str] = {}
        for entry in self.terms:
            for mark in entry.marks:
                if mark in seen:
                    raise ValueError(f'the mark "{mark}" is listed under both "{seen[mark]}" and "{entry.term}"; keep it under one')
                seen[mark] = entry.term
        return self


class Reviewer(Fact):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    name: Text
    role: Text | None = None


class Reviewers(Fact):
    review_cycle_months: int = Field(ge=1, le=60)
    reviewers: list[Reviewer] = []

    @model_validator(mode="after")
    def _ids_unique(self) -> Reviewers:
        ids = [r.id for r in self.reviewers]
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"the id {dupes[0]!r} is used twice; give each reviewer an id of their own")
        return self

    def get(self, reviewer_id: str) -> Reviewer | None:
        return next((r for r in self.reviewers if r.id == reviewer_id), None)


class Facts(Fact):
    clinic: Clinic
    routes: Routes
    side_effects: SideEffects
    crisis: Crisis
    glossary: Glossary
    reviewers: Reviewers


# Each data file and the model it must match; the file name is the fact's name.
FILES: dict[str, type[Fact]] = {
    "clinic": Clinic,
    "routes": Routes,
    "side_effects": SideEffects,
    "crisis": Crisis,
    "glossary": Glossary,
    "reviewers": Reviewers,
}


def load_facts(data_dir: Path) -> Facts:
    """All facts, checked; cached until a data file changes (so `mkdocs serve` sees edits)."""
    paths = [data_dir / f"{name}.yml" for name in FILES]
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None for p in paths)
    return _load(data_dir, stamp)


@functools.lru_cache(maxsize=4)
def _load(data_dir: Path, _stamp: tuple) -> Facts:
    problems: list[str] = []
    loaded: dict[str, Fact] = {}
    for name, model in FILES.items():
        path = data_dir / f"{name}.yml"
        shown = f"{data_dir.name}/{path.name}"
        try:
            loaded[name] = _read(path, shown, model)
        except _Problems as found:
            problems.extend(found.lines)
    if problems:
        raise PluginError("\n".join(problems))
    return Facts(**loaded)


class _Problems(Exception):
    def __init__(self, lines: list[str]):
        self.lines = lines


def _read(path: Path, shown: str, model: type[Fact]) -> Fact:
    if not path.exists():
        raise _Problems([f"{shown}: the file is missing; restore it from the last good version in Git"])
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^ *\t", line):
            raise _Problems([f"{shown}: line {number}: starts with a tab; indent with spaces only"])
    try:
        data = yaml.safe_load(text)
        tree = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        hint = _YAML_HINTS.get(error.problem, "check the colons, quotes and indentation")
        raise _Problems([f"{shown}: {where}this is not valid YAML; {hint} on this line and the one above"]) from None
    if not isinstance(data, dict):
        raise _Problems([f"{shown}: the file is empty or not a list of 'name: value' facts; restore it from Git"])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _Problems(_problems(shown, tree, error.errors())) from None


# The YAML parser's words for the slips editors make most, in plain words.
_YAML_HINTS = {
    "mapping values are not allowed here": "a colon is in an unexpected place (put text that has a colon inside quotes)",
    "could not find expected ':'": "a line is missing the colon after its name",
    "found unexpected end of stream": "a quote is opened but never closed",
}


def _problems(shown: str, tree: yaml.Node, issues: list[dict[str, Any]]) -> list[str]:
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
            lines.append(_at(shown, tree, loc, f"{loc[-1]!r} is not a known fact name; did you mean {misspelt[loc]!r}?"))
        elif issue["type"] != "missing" or loc in missing:
            lines.append(_explain(shown, tree, issue))
    return lines


def _at(shown: str, tree: yaml.Node, loc: tuple, what: str) -> str:
    key = " → ".join(f"entry {part + 1}" if isinstance(part, int) else str(part) for part in loc) or "the file"
    line = _line_of(tree, loc)
    return f"{shown}: {f'line {line}: ' if line else ''}{key}: {what}"


def _explain(shown: str, tree: yaml.Node, issue: dict[str, Any]) -> str:
    loc = issue["loc"]
    kind = issue["type"]
    if kind == "missing":
        what = "this fact is missing; add it (the comments at the top of the file show the shape)"
    elif kind == "extra_forbidden":
        what = f"{loc[-1]!r} is not a known fact name; check its spelling"
    elif kind == "string_too_short":
        what = "is empty; write the fact, or restore it from Git"
    elif kind == "string_pattern_mismatch":
        what = f"{issue['input']!r} is not in the expected form; copy the form of the other entries"
    else:
        what = issue["msg"].removeprefix("Value error, ")
        what = f"{what[0].lower()}{what[1:]}"
        if kind != "value_error":
            what += "; copy the form of the other entries"
    return _at(shown, tree, loc, what)


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line of the deepest part of `loc` present in the YAML, so an editor knows where to look."""
    if len(loc) == 1 and not any(key.value == loc[0] for key, _ in getattr(node, "value", [])):
        return None  # a fact missing at the top: there is no line to point at
    line = None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line
