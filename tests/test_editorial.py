"""Editorial standards the build keeps without a programmer: review dates and plain language."""

from __future__ import annotations

import calendar
import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest

from site_build.reading import readability
from support import doc_pages, front_matter, mkdocs, page_file, soup
from test_bad_edits import assert_refused_cleanly, snapshot


def months_later(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def spelled(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_says_when_it_was_reviewed_and_is_due(site, facts, page):
    reviewed = front_matter(page)["reviewed"]
    due = months_later(reviewed, facts.standards.review_cycle_months)
    line = " ".join(soup(page_file(site, page)).select_one(".page-review").get_text().split())
    assert line == f"Page last reviewed: {spelled(reviewed)} · Next review due: {spelled(due)}"


def test_a_page_past_its_review_date_is_named_but_still_previews(project):
    two_years_ago = date.today() - timedelta(days=730)
    page = project.root / "docs" / "future.md"
    page.write_text(re.sub(r"reviewed: .*", f"reviewed: {two_years_ago.isoformat()}", page.read_text()))
    due = months_later(two_years_ago, 12)

    result = project.build()
    assert result.returncode == 0, result.stderr
    assert f"docs/future.md: review overdue: it fell due on {spelled(due)}; have the page reviewed" in result.stderr

    before = snapshot(project.site)
    refused = mkdocs(project.root, env={"REQUIRE_CURRENT_REVIEWS": "1"})
    said = assert_refused_cleanly(project, refused, r"docs/future\.md: review overdue: it fell due on")
    assert spelled(due) in said
    assert snapshot(project.site) == before


def test_a_named_reviewer_is_shown_on_the_page(project):
    (project.root / "data" / "reviewers.yml").write_text(
        "reviewers:\n  - id: test-reviewer\n    name: Test Reviewer, MD\n    role: Medical Director\n")
    project.edit("docs/future.md", "reviewed:", "reviewer: test-reviewer\nreviewed:")
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = soup(page_file(project.site, "future"))
    line = " ".join(html.select_one(".page-review").get_text().split())
    assert line.endswith("· Reviewed by Test Reviewer, MD")
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer, MD"}


@pytest.mark.parametrize("page", doc_pages())
def test_search_engines_read_when_each_page_was_reviewed(site, page):
    data = json.loads(soup(page_file(site, page)).find("script", type="application/ld+json").string)
    meta = front_matter(page)
    assert data["lastReviewed"] == meta["reviewed"].isoformat()
    assert ("reviewedBy" in data) == ("reviewer" in meta)


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_reads_at_the_plain_language_grade(articles, facts, page):
    # The build's own measure, on what the build measures: the article, read as a reader reads it.
    assert readability(articles[f"{page}.md"]).grade <= facts.standards.max_reading_grade


HARD = ("Notwithstanding considerable methodological heterogeneity, contemporary investigations "
        "consistently demonstrate pharmacological modulation of glutamatergic neurotransmission, "
        "substantially ameliorating treatment-refractory depressive symptomatology. ") * 8

# Hard prose wherever an editor may put it: a paragraph, a box that opens, raw HTML.
HARD_PLACES = {
    "paragraph": HARD,
    "details": f"<details><summary>More</summary>{HARD}</details>",
    "div": f'<div class="note">{HARD}</div>',
}


@pytest.mark.parametrize("place", HARD_PLACES.values(), ids=HARD_PLACES.keys())
def test_a_page_too_hard_to_read_stops_the_build(project, place):
    project.edit("docs/future.md", "Looking ahead,", place + "\n\nLooking ahead,")
    before = snapshot(project.site)
    result = project.build()
    said = assert_refused_cleanly(project, result, r"docs/future\.md: reads at grade \d+\.\d, above the limit of 8 \(data/standards\.yml\); use shorter sentences")
    assert float(re.search(r"grade (\d+\.\d)", said)[1]) > 8
    assert snapshot(project.site) == before


def test_a_page_nested_too_deeply_to_read_stops_the_build(project):
    project.edit("docs/future.md", "Looking ahead,", "<div>" * 2100 + HARD + "</div>" * 2100 + "\n\nLooking ahead,")
    before = snapshot(project.site)
    assert_refused_cleanly(project, project.build(), r"docs/future\.md: its HTML is nested too deeply to be read")
    assert snapshot(project.site) == before


def content_report(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_build.report"], cwd=project.root,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_the_content_report_lists_every_page(project, articles, facts):
    result = content_report(project)
    assert result.returncode == 0, result.stderr
    table, *_ = result.stdout.split("\n\n")
    header, *lines = table.splitlines()
    assert header.split()[:4] == ["page", "words", "grade", "SMOG"]
    rows = {line.split()[0]: line for line in lines}
    assert sorted(rows) == [f"docs/{page}.md" for page in doc_pages()]
    for page in doc_pages():
        row = rows[f"docs/{page}.md"]
        reviewed = front_matter(page)["reviewed"]
        words, grade, smog = row.split()[1:4]
        # The report's figures are the build's measure, Flesch-Kincaid and SMOG alike.
        reading = readability(articles[f"{page}.md"])
        assert (int(words), float(grade), float(smog)) == (reading.words, reading.grade, reading.smog)
        assert reading.words > 50 and reading.grade <= 8 and reading.smog > 0
        assert spelled(reviewed) in row and spelled(months_later(reviewed, 12)) in row
    assert "side_effects.yml" in rows["docs/side-effects.md"]
    assert "routes.yml" in rows["docs/ways-it-is-given.md"]
    assert "clinic.yml" in rows["docs/index.md"] and "crisis.yml" in rows["docs/index.md"]
    assert "NMDA" in rows["docs/how-it-works.md"]


def test_the_content_report_lists_what_the_clinical_reviewer_should_check(project, facts):
    result = content_report(project)
    assert result.returncode == 0, result.stderr
    checklist = result.stdout[result.stdout.index("For the clinical reviewer"):]
    assert facts.review_checklist.pages
    for entry in facts.review_checklist.pages:
        section = checklist.split(f"\ndocs/{entry.page}\n")[1].split("\ndocs/")[0]
        for item in entry.items:
            assert f'"{item.says}"\n    Check: {item.check}' in section
    assert "NOT ON THE PAGE" not in checklist

    # A sentence reworded on its page without the checklist is pointed out.
    entry = facts.review_checklist.pages[0]
    said = entry.items[0].says
    project.edit(f"docs/{entry.page}", said.split()[-1], "REWORDED")
    result = content_report(project)
    assert f'"{said}" [NOT ON THE PAGE: update data/review_checklist.yml]' in result.stdout
