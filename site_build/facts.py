"""Load the facts under data/ and check them, so that an editor's slip stops the build with one clear line."""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path
from typing import Annotated

from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

from site_build.checks import Problems, Words, check_yaml

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
    reviewers: list[Reviewer] = []

    @model_validator(mode="after")
    def _ids_unique(self) -> Reviewers:
        ids = [r.id for r in self.reviewers]
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"the id {dupes[0]!r} is used twice; give each reviewer an id of their own")
        return self

    def get(self, reviewer_id: str) -> Reviewer | None:
        return next((r for r in self.reviewers if r.id == reviewer_id), None)


class Standards(Fact):
    review_cycle_months: int = Field(ge=1, le=60)
    max_reading_grade: float = Field(ge=1, le=20)
    max_image_kb: int = Field(ge=1, le=10_000)


class ReviewItem(Fact):
    says: Text  # the site's sentence, quoted exactly
    check: Text  # what a clinician should check


class PageReview(Fact):
    page: Text
    items: list[ReviewItem] = Field(min_length=1)

    @field_validator("page")
    @classmethod
    def _a_page(cls, value: str, info: ValidationInfo) -> str:
        pages = (info.context or {}).get("pages")  # known to the build only: see pages.unknown_pages_in_checklist
        if pages is not None and value not in pages:
            close = difflib.get_close_matches(value, pages, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"write a page's file name, such as '{min(pages)}'"
            raise ValueError(f"'{value}' is not a page in docs/; {hint}")
        return value


class ReviewChecklist(Fact):
    """What a clinician should check on each page before it is marked reviewed."""

    pages: list[PageReview] = []

    @field_validator("pages")
    @classmethod
    def _each_page_once(cls, value: list[PageReview]) -> list[PageReview]:
        names = [entry.page for entry in value]
        if twice := sorted({name for name in names if names.count(name) > 1}):
            raise ValueError(f"'{twice[0]}' is listed twice; put all of its items under one entry")
        return value


class Facts(Fact):
    clinic: Clinic
    routes: Routes
    side_effects: SideEffects
    crisis: Crisis
    glossary: Glossary
    reviewers: Reviewers
    standards: Standards
    review_checklist: ReviewChecklist


# Each data file and the model it must match; the file name is the fact's name.
FILES: dict[str, type[Fact]] = {
    "clinic": Clinic,
    "routes": Routes,
    "side_effects": SideEffects,
    "crisis": Crisis,
    "glossary": Glossary,
    "reviewers": Reviewers,
    "standards": Standards,
    "review_checklist": ReviewChecklist,
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
        if not path.exists():
            problems.append(f"{shown}: the file is missing; restore it from the last good version in Git")
            continue
        try:
            loaded[name] = check_yaml(path.read_text(encoding="utf-8"), shown, model, WORDS)
        except Problems as found:
            problems.extend(found.lines)
    if problems:
        raise PluginError("\n".join(problems))
    return Facts(**loaded)


WORDS = Words(name="fact name", missing="this fact is missing; add it (the comments at the top of the file show the shape)")
