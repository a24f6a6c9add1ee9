"""The editorial standards each page is held to: its front matter, its review dates and its clinical review checklist."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import jinja2
import jinja2.meta
from mkdocs.utils.meta import YAML_RE
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationInfo, field_validator

from site_build.checks import Problems, Words, check_yaml
from site_build.facts import WORDS as FACT_WORDS
from site_build.facts import Facts, ReviewChecklist

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# The front matter block exactly as MkDocs finds it: between lines of three dashes at the top.
FRONT_MATTER = YAML_RE

DESCRIPTION_LENGTH = (50, 160)  # long enough to say something, short enough for search results

WORDS = Words(
    name="front-matter name",
    missing="this is missing; add it to the front matter between the --- lines (see docs/templates/new-page.md)",
)


class FrontMatter(BaseModel):
    # A misspelt name ("reveiwed") is an error, not a setting silently ignored.
    model_config = ConfigDict(extra="forbid")

    title: Text
    description: Text
    reviewed: date
    reviewer: Text | None = None
    # Material's own page settings, allowed as they are.
    hide: list[str] | None = None
    search: dict[str, Any] | None = None

    @field_validator("description")
    @classmethod
    def _fits_search_results(cls, value: str) -> str:
        low, high = DESCRIPTION_LENGTH
        if not low <= len(value) <= high:
            raise ValueError(f"is {len(value)} characters long; write {low} to {high} characters (search engines show about that many)")
        return value

    @field_validator("reviewed", mode="before")
    @classmethod
    def _a_real_past_date(cls, value: Any, info: ValidationInfo) -> date:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f'"{value}" is not a real date; check the month and the day') from None
        if type(value) is not date:
            raise ValueError(f'"{value}" is not a date written YYYY-MM-DD; write it like 2026-11-24')
        today = (info.context or {}).get("today", date.today())
        if value > today:
            raise ValueError(f"{value.isoformat()} is in the future; write the date the page was actually reviewed")
        return value

    @field_validator("reviewer")
    @classmethod
    def _a_known_reviewer(cls, value: str | None, info: ValidationInfo) -> str | None:
        facts: Facts | None = (info.context or {}).get("facts")
        if value is not None and facts is not None and facts.reviewers.get(value) is None:
            raise ValueError(f"'{value}' is not listed in data/reviewers.yml; add the reviewer there first, or fix the id")
        return value


@dataclass(frozen=True)
class Review:
    reviewed: date
    due: date
    reviewer_name: str | None

    def overdue(self, today: date) -> bool:
        return self.due <= today


def read_front_matter(path: Path, shown: str, facts: Facts, today: date) -> FrontMatter:
    source = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(source)
    if not match:
        raise Problems([f"{shown}: the page has no front matter; start it with the --- block of docs/templates/new-page.md"])
    return check_yaml(match[1], shown, FrontMatter, WORDS, first_line=2, context={"facts": facts, "today": today})


def review_of(meta: FrontMatter, facts: Facts) -> Review:
    reviewer = facts.reviewers.get(meta.reviewer) if meta.reviewer else None
    due = add_months(meta.reviewed, facts.standards.review_cycle_months)
    return Review(meta.reviewed, due, reviewer.name if reviewer else None)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_date(day: date) -> str:
    """24 November 2026: the NHS way of writing dates, unambiguous on both sides of the Atlantic."""
    return f"{day.day} {day:%B %Y}"


# --- The clinical review checklist --------------------------------------------------------------


def unknown_pages_in_checklist(data_dir: Path, pages: list[str]) -> list[str]:
    """Problem lines for entries of data/review_checklist.yml that name no page of the build."""
    path = data_dir / "review_checklist.yml"
    try:
        check_yaml(path.read_text(encoding="utf-8"), f"{data_dir.name}/{path.name}", ReviewChecklist, FACT_WORDS,
                   context={"pages": sorted(pages)})
    except Problems as found:
        return found.lines
    return []


# --- Which facts a page draws on -----------------------------------------------------------------


def names_used(markdown: str) -> set[str]:
    """The facts and macros a page names inside {{ ... }}."""
    return jinja2.meta.find_undeclared_variables(jinja2.Environment().parse(markdown))
