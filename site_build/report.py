"""The content report: for every page, its words, reading grades, review dates and the facts it draws on;
then what a clinician should check on each page (data/review_checklist.yml)."""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

import lxml.html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority

from site_build.checks import Problems, read_text
from site_build.facts import Facts, load_facts
from site_build.pages import FRONT_MATTER, clinic_today, long_date, names_used, read_front_matter, review_of
from site_build.reading import readability

ROOT = Path(__file__).resolve().parents[1]


class _Articles(BasePlugin):
    """Keeps each page's article as the build's reading check measures it."""

    def __init__(self) -> None:
        self.html: dict[str, str] = {}

    @event_priority(-100)
    def on_page_content(self, html: str, *, page, config, files) -> str:
        self.html[page.file.src_uri] = html
        return html


def built_articles(root: Path) -> dict[str, str]:
    """Builds the site (into a folder that is thrown away) and returns each page's article HTML."""
    with tempfile.TemporaryDirectory() as folder:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(Path(folder) / "site"))
        articles = _Articles()
        config.plugins["content-report"] = articles
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return articles.html


def checklist_lines(facts: Facts, articles: dict[str, str]) -> list[str]:
    lines = []
    for entry in facts.review_checklist.pages:
        text = " ".join(lxml.html.fragment_fromstring(articles[entry.page], create_parent="div").text_content().split())
        lines += ["", f"docs/{entry.page}"] if lines else [f"docs/{entry.page}"]
        for item in entry.items:
            missing = "" if item.says in text else " [NOT ON THE PAGE: update data/review_checklist.yml]"
            lines += [f'  - "{item.says}"{missing}', f"    Check: {item.check}"]
    return lines


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from macros import DRAWS_ON

    # The build's own lines, as `mkdocs build` prints them; its progress notes are left out.
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING, stream=sys.stderr)
    try:
        articles = built_articles(ROOT)
    except MkDocsException as error:  # the build has printed what is wrong; this is its last word
        print(error, file=sys.stderr)
        print("The report needs a site that builds: fix the line above, then run it again.", file=sys.stderr)
        return 1
    facts, today = load_facts(ROOT / "data"), clinic_today(ROOT / "mkdocs.yml")
    limit = facts.standards.max_reading_grade
    rows = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        src = path.name
        if src not in articles:  # left out of the build (exclude_docs): the Spanish twins, for now
            continue
        shown = f"docs/{src}"
        try:
            review = review_of(read_front_matter(path, shown, facts, today), facts)
        except Problems as found:  # cannot happen after a good build, but say so plainly if it does
            print("\n".join(found.lines), file=sys.stderr)
            return 1
        html = articles[src]
        reading = readability(html)
        source = read_text(path, shown)
        markdown = source[FRONT_MATTER.match(source).end():]
        sources = sorted({DRAWS_ON[name] for name in names_used(markdown) if name in DRAWS_ON})
        abbrs = lxml.html.fragment_fromstring(html, create_parent="div").iter("abbr")
        terms = sorted({abbr.text_content() for abbr in abbrs}, key=str.lower)
        used = [f"{source}.yml" for source in sources]
        if terms:
            used.append(f"glossary.yml terms ({', '.join(terms)})")
        if review is None:
            reviewed, due = "not yet", "-"
        else:
            reviewed = f"{long_date(review.reviewed)} ({review.reviewer.signed})"
            due = long_date(review.due) + (" OVERDUE" if review.overdue(today) else "")
        rows.append((shown, str(reading.words), f"{reading.grade:.1f}", f"{reading.smog:.1f}", reviewed, due,
                     "; ".join(used) or "-"))
    header = ("page", "words", "grade", "SMOG", "reviewed", "due", "facts used")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(6)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[6])
    print(f"\nGrade is the Flesch-Kincaid grade; the limit is {limit:g} (data/standards.yml). SMOG, the formula "
          "most used for health material, is shown beside it. Both read the article's prose only. "
          f"Reviews fall due {facts.standards.review_cycle_months} months after 'reviewed:'; "
          "'not yet' means no clinician listed in data/reviewers.yml has reviewed the page.")
    checklist = checklist_lines(facts, articles)
    if checklist:
        count = sum(len(entry.items) for entry in facts.review_checklist.pages)
        print(f"\nFor the clinical reviewer: {count} claims to check (data/review_checklist.yml)\n")
        print("\n".join(checklist))
    return 0


if __name__ == "__main__":
    sys.exit(main())
