"""The editorial standards each page is held to: its front matter, its review dates and its clinical review checklist."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
import jinja2.meta
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE
from mkdocs.utils.yaml import get_yaml_loader, yaml_load
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from site_build.checks import Problems, Words, check_yaml, foreign_digit, read_text, wrong_value
from site_build.facts import WORDS as FACT_WORDS
from site_build.facts import Facts, Reviewer, ReviewChecklist
from site_build.languages import long_date  # noqa: F401  (the checks' and the report's dates)
from site_build.page_code import fill_in_facts

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
    # A medical review: who did it (an id from data/reviewers.yml) and when. Both, or neither: a page
    # never claims a review without the clinician who did it.
    reviewer: Text | None = None
    # Strict: not a number of seconds since 1970, as pydantic would take.
    reviewed: date | None = Field(default=None, validate_default=True, strict=True)
    # Material's own page settings, allowed as they are.
    hide: list[str] | None = None
    search: dict[str, Any] | None = None

    @field_validator("title", "description")
    @classmethod
    def _facts_filled_in(cls, value: str, info: ValidationInfo) -> str:
        # Browser tabs, search results and link previews show these: a fact is filled in here, as on the
        # page, rather than shown as {{ }}; anything else in braces is refused, as on the page.
        facts: Facts | None = (info.context or {}).get("facts")
        value = fill_in_facts(value, facts) if facts is not None else value
        low, high = DESCRIPTION_LENGTH
        if info.field_name == "description" and not low <= len(value) <= high:
            raise ValueError(f"is {len(value)} characters long; write {low} to {high} characters (search engines show about that many)")
        return value

    @field_validator("reviewer")
    @classmethod
    def _a_known_reviewer(cls, value: str | None, info: ValidationInfo) -> str | None:
        facts: Facts | None = (info.context or {}).get("facts")
        if value is not None and facts is not None and facts.reviewers.get(value) is None:
            raise ValueError(f"'{value}' is not listed in data/reviewers.yml; add the reviewer there first, or fix the id")
        return value

    @field_validator("reviewed", mode="before")
    @classmethod
    def _written_yyyy_mm_dd(cls, value: Any, info: ValidationInfo) -> Any:
        if "reviewer" not in info.data:
            return None  # the reviewer's own line says what is wrong
        reviewer = info.data["reviewer"]
        if value is None:
            if reviewer is not None:
                raise ValueError(f"the review by '{reviewer}' has no date; add reviewed: with the date of the review, written YYYY-MM-DD")
            return None
        if not isinstance(value, str):
            return value  # a date, or a number, yes/no, a list... which the date type refuses in plain words
        if digit := foreign_digit(value):
            raise ValueError(f'"{value}" has {digit}; type the date again with the keyboard\'s own digits, like 2026-11-24')
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            raise ValueError(wrong_value("date_type", value, value, {}))
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f'"{value}" is not a real date; check the month and the day') from None

    @field_validator("reviewed")
    @classmethod
    def _in_the_past_with_its_reviewer(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None:
            return None
        reviewer = info.data.get("reviewer")
        today = (info.context or {}).get("today", date.today())
        if value > today:
            raise ValueError(f"{value.isoformat()} is in the future; write the date the page was actually reviewed")
        if reviewer is None:
            raise ValueError(f"{value.isoformat()} names no reviewer; a review counts only with the clinician who did it: "
                             "add reviewer: with their id from data/reviewers.yml, or delete this line")
        return value


@dataclass(frozen=True)
class Review:
    reviewed: date
    due: date
    reviewer: Reviewer

    def overdue(self, today: date) -> bool:
        return self.due <= today


def read_front_matter(path: Path, shown: str, facts: Facts, today: date) -> FrontMatter:
    match = FRONT_MATTER.match(read_text(path, shown))
    if not match:
        raise Problems([f"{shown}: the page has no front matter; start it with the --- block of docs/templates/new-page.md"])
    return check_yaml(match[1], shown, FrontMatter, WORDS, first_line=2, context={"facts": facts, "today": today})


def titles_twice(pages: dict[Path, tuple[str, FrontMatter]]) -> list[str]:
    """A title that another page already has: browser tabs, search results and link previews would not
    tell the two apart. `pages` maps each page's file to its name as shown and its front matter."""
    problems, seen = [], {}
    for path, (shown, meta) in pages.items():
        first = seen.setdefault(" ".join(meta.title.casefold().split()), shown)
        if first != shown:
            source = read_text(path, shown)
            line = source[:re.search(r"^title\s*:", source, re.M).start()].count("\n") + 1
            problems.append(f'{shown}: line {line}: title: "{meta.title}" is also the title of {first}; '
                            "give each page a title of its own (browser tabs and search results show it)")
    return problems


def review_of(meta: FrontMatter, facts: Facts) -> Review | None:
    """The page's medical review, or None until a named clinician has reviewed it."""
    if meta.reviewed is None or meta.reviewer is None:
        return None
    due = add_months(meta.reviewed, facts.standards.review_cycle_months)
    return Review(meta.reviewed, due, facts.reviewers.get(meta.reviewer))


def clinic_today(config_file: Path, now: datetime | None = None) -> date:
    """Today where the clinic is: the time zone that mkdocs.yml gives the Git dates, so that a page's
    dates never disagree (a build on a server in UTC would otherwise be a day ahead each evening)."""
    zone = ZoneInfo(clinic_time_zone(config_file))
    return (now.astimezone(zone) if now else datetime.now(zone)).date()


@functools.lru_cache(maxsize=4)
def clinic_time_zone(config_file: Path) -> str:
    with open(config_file, "rb") as settings:  # from a file, MkDocs' loader reads what it INHERITs too
        config = yaml_load(settings, get_yaml_loader(yaml.CLoader))
    zone = (config.get("extra") or {}).get("time_zone")
    try:
        ZoneInfo(zone.strip())
    except (AttributeError, ValueError, ZoneInfoNotFoundError):
        raise PluginError(f"{config_file.name}: extra: time_zone: '{zone or ''}' is not a time zone; write the "
                          "clinic's, such as America/New_York") from None
    return zone.strip()


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


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
