"""Editorial standards the build keeps without a programmer: review dates and plain language."""

from __future__ import annotations

import calendar
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from site_build.facts import load_facts
from site_build.languages import long_date
from site_build.pages import clinic_time_zone, clinic_today
from site_build.reading import readability
from support import EDITIONS, ROOT, doc_pages, edition_ids, edition_pages, front_matter, mkdocs, page_file, soup
from test_bad_edits import assert_refused_cleanly, snapshot


def months_later(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def spelled(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


# A reviewer for copies of the project: the real data/reviewers.yml lists nobody until the clinic does.
REVIEWER = ("reviewers:\n  - id: test-reviewer\n    name: Test Reviewer\n    credentials: PMHNP-BC\n"
            "    role: Medical Director\n")


def reviewed_by_test_reviewer(project, page: str, day: date, lang: str = "en") -> None:
    """In the project's copy: the test reviewer is listed, and reviewed the page (in `lang`) on `day`."""
    (project.root / "data" / "reviewers.yml").write_text(REVIEWER, encoding="utf-8")
    name = f"{page}.md" if lang == "en" else f"{page}.{lang}.md"
    project.edit(f"docs/{name}", "\ntitle:", f"\nreviewer: test-reviewer\nreviewed: {day.isoformat()}\ntitle:")


def date_line(html) -> str:
    lines = html.select(".page-dates")
    assert len(lines) == 1, "one date line"
    return " ".join(lines[0].get_text().split())


# The date line of a page no clinician has reviewed, in each edition.
UNREVIEWED = {
    "en": r"This page has not yet been checked by a clinician\. · Last updated \d{1,2} [A-Z][a-z]+ \d{4}",
    "es": r"Esta página todavía no ha pasado por una revisión clínica\. · Última actualización: \d{1,2} de [a-z]+ de \d{4}",
}


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_a_page_no_clinician_has_reviewed_says_so_and_claims_no_review(site, lang, page):
    assert "reviewer" not in front_matter(page, lang) and "reviewed" not in front_matter(page, lang)
    html = soup(page_file(site, page, lang))
    line = date_line(html)
    assert re.fullmatch(UNREVIEWED[lang], line), line
    assert not re.search(r"reviewed|revisad[oa]", html.get_text(), re.I)
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_a_page_a_named_clinician_reviewed_says_who_and_when_in_one_date_line(project):
    day = date.today() - timedelta(days=3)
    reviewed_by_test_reviewer(project, "future", day)
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = soup(page_file(project.site, "future"))
    line = date_line(html)
    due = months_later(day, 12)
    assert re.fullmatch(rf"Page last reviewed: {spelled(day)} by Test Reviewer, PMHNP-BC · Next review due: {spelled(due)}"
                        r" · Last updated \d{1,2} [A-Z][a-z]+ \d{4}", line), line
    assert [t["datetime"] for t in html.select(".page-dates time")] == [day.isoformat(), due.isoformat()]
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["lastReviewed"] == day.isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer", "honorificSuffix": "PMHNP-BC",
                                  "jobTitle": "Medical Director"}
    # The other pages still say that no clinician has checked them, its Spanish twin too: each is reviewed apart.
    assert "not yet been checked" in date_line(soup(page_file(project.site, "index")))
    assert "todavía no ha pasado por una revisión clínica" in date_line(soup(page_file(project.site, "future", "es")))


def test_a_spanish_page_a_named_clinician_reviewed_says_who_and_when_in_spanish(project):
    day = date.today() - timedelta(days=3)
    reviewed_by_test_reviewer(project, "future", day, "es")
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = soup(page_file(project.site, "future", "es"))
    due = months_later(day, 12)
    assert re.fullmatch(rf"Última revisión de la página: {long_date(day, 'es')}, por Test Reviewer, PMHNP-BC · "
                        rf"Próxima revisión: {long_date(due, 'es')} · Última actualización: \d{{1,2}} de [a-z]+ de \d{{4}}",
                        date_line(html)), date_line(html)
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", long_date(day, "es"))
    assert [t["datetime"] for t in html.select(".page-dates time")] == [day.isoformat(), due.isoformat()]
    assert json.loads(html.find("script", type="application/ld+json").string)["lastReviewed"] == day.isoformat()


def test_a_page_past_its_review_date_is_named_but_still_previews(project):
    two_years_ago = date.today() - timedelta(days=730)
    for lang, page in edition_pages():
        reviewed_by_test_reviewer(project, page, two_years_ago if page == "future" else date.today(), lang)
    due = months_later(two_years_ago, 12)

    result = project.build()
    assert result.returncode == 0, result.stderr
    assert f"docs/future.md: review overdue: it fell due on {spelled(due)}; have the page reviewed" in result.stderr

    before = snapshot(project.site)
    refused = mkdocs(project.root, env={"REQUIRE_CURRENT_REVIEWS": "1"})
    said = assert_refused_cleanly(project, refused, r"docs/future\.md: review overdue: it fell due on")
    assert spelled(due) in said
    assert snapshot(project.site) == before
    # The Spanish twin, reviewed on the same day, is named too, once the English edition passes.
    project.edit("docs/future.md", f"reviewed: {two_years_ago.isoformat()}", f"reviewed: {date.today().isoformat()}")
    refused = mkdocs(project.root, env={"REQUIRE_CURRENT_REVIEWS": "1"})
    assert_refused_cleanly(project, refused, r"docs/future\.es\.md: review overdue: it fell due on")
    assert snapshot(project.site) == before


def test_a_release_build_names_each_page_no_clinician_has_reviewed(project):
    for lang, page in edition_pages():
        if (lang, page) != ("es", "who-qualifies"):
            reviewed_by_test_reviewer(project, page, date.today(), lang)
    assert project.build().returncode == 0, "an ordinary build or preview goes on"
    before = snapshot(project.site)
    refused = mkdocs(project.root, env={"REQUIRE_CURRENT_REVIEWS": "1"})
    assert_refused_cleanly(project, refused, r"docs/who-qualifies\.es\.md: not yet reviewed by a clinician; have a clinician "
                                             r"listed in data/reviewers\.yml review it, then add reviewer: and reviewed:")
    assert snapshot(project.site) == before


@pytest.mark.parametrize("edit, expected", [
    (("\ntitle:", "\nreviewer: test-reviewer\ntitle:"),
     r"docs/future\.md: reviewed: the review by 'test-reviewer' has no date; add reviewed: with the date of the review"),
    (("\ntitle:", "\nreviewed: 2026-01-05\ntitle:"),
     r"docs/future\.md: line 2: reviewed: 2026-01-05 names no reviewer; a review counts only with the clinician who did it"),
])
def test_a_review_is_a_date_and_a_named_clinician_together(project, edit, expected):
    (project.root / "data" / "reviewers.yml").write_text(REVIEWER, encoding="utf-8")
    project.edit("docs/future.md", *edit)
    before = snapshot(project.site)
    assert_refused_cleanly(project, project.build(), expected)
    assert snapshot(project.site) == before


@pytest.mark.parametrize("credentials", ["\"  \"", "M.D.1", "MD <b>", "\"\""])
def test_a_reviewer_needs_real_credentials(project, credentials):
    (project.root / "data" / "reviewers.yml").write_text(REVIEWER.replace("PMHNP-BC", credentials), encoding="utf-8")
    before = snapshot(project.site)
    said = assert_refused_cleanly(project, project.build(), r"data/reviewers\.yml: line 4: reviewers → entry 1 → credentials: ")
    assert "is empty" in said or "is not written like credentials; write the letters only, such as MD or PMHNP-BC" in said
    assert snapshot(project.site) == before


def test_today_is_the_clinics_today_as_the_git_dates_are():
    # 10 pm in New Jersey on 24 November is already 25 November in UTC.
    late_evening = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)
    assert clinic_today(ROOT / "mkdocs.yml", late_evening) == date(2026, 11, 24)
    assert clinic_time_zone(ROOT / "mkdocs.yml") == "America/New_York"


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_reads_at_the_plain_language_grade(articles, facts, page):
    # The build's own measure, on what the build measures: the article, read as a reader reads it.
    assert readability(articles[f"{page}.md"]).grade <= facts.standards.max_reading_grade


@pytest.mark.parametrize("page", doc_pages())
def test_every_spanish_page_reads_at_the_plain_language_level(articles, facts, page):
    # INFLESZ: Szigriszt-Pazos's reading ease, measured with Spanish syllables.
    reading = readability(articles[f"{page}.es.md"], "es")
    assert reading.inflesz >= facts.standards.min_inflesz
    assert reading.grade is None and reading.fernandez_huerta > 0


def test_the_spanish_measure_leaves_the_english_one_as_it_was(articles):
    import textstat

    english, syllables = readability(articles["future.md"]), textstat.syllable_count("anesthetic ketamine")
    spanish = readability(articles["future.es.md"], "es")
    assert readability(articles["future.md"]) == english
    assert textstat.syllable_count("anesthetic ketamine") == syllables  # textstat's own language is untouched
    assert readability(articles["future.es.md"], "es") == spanish


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


DIFÍCIL = ("No obstante la considerable heterogeneidad metodológica, las investigaciones contemporáneas demuestran "
           "sistemáticamente la modulación farmacológica de la neurotransmisión glutamatérgica, mejorando "
           "sustancialmente la sintomatología depresiva refractaria al tratamiento convencional. ") * 8


def test_a_spanish_page_too_hard_to_read_stops_the_build(project):
    project.edit("docs/future.es.md", "Mirando hacia adelante,", DIFÍCIL + "\n\nMirando hacia adelante,")
    before = snapshot(project.site)
    said = assert_refused_cleanly(project, project.build(), r"docs/future\.es\.md: reads at INFLESZ -?\d+\.\d, below the limit "
                                                            r"of 55 \(data/standards\.yml; aim at 65 or more\); use shorter sentences")
    assert float(re.search(r"INFLESZ (-?\d+\.\d)", said)[1]) < 55
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
    day = date.today() - timedelta(days=3)
    reviewed_by_test_reviewer(project, "future", day)
    result = content_report(project)
    assert result.returncode == 0, result.stderr
    table, *rest = result.stdout.split("\n\n")
    header, *lines = table.splitlines()
    assert header.split()[:4] == ["page", "words", "grade", "SMOG"]
    rows = {line.split()[0]: line for line in lines}
    assert sorted(rows) == [f"docs/{page}.md" for page in doc_pages()]
    for page in doc_pages():
        row = rows[f"docs/{page}.md"]
        words, grade, smog = row.split()[1:4]
        # The report's figures are the build's measure, Flesch-Kincaid and SMOG alike.
        reading = readability(articles[f"{page}.md"])
        assert (int(words), float(grade), float(smog)) == (reading.words, reading.grade, reading.smog)
        assert reading.words > 50 and reading.grade <= 8 and reading.smog > 0
        if page == "future":
            assert f"{spelled(day)} (Test Reviewer, PMHNP-BC)" in row and spelled(months_later(day, 12)) in row
        else:
            assert re.search(r"  not yet  +-  ", row), row
    assert "side_effects.yml" in rows["docs/side-effects.md"]
    assert "routes.yml" in rows["docs/ways-it-is-given.md"]
    assert "clinic.yml" in rows["docs/index.md"] and "crisis.yml" in rows["docs/index.md"]
    assert "NMDA" in rows["docs/how-it-works.md"]

    # Then the Spanish edition, graded on the INFLESZ scale.
    spanish = rest[rest.index("Spanish edition") + 1]
    header, *lines = spanish.splitlines()
    assert header.split()[:5] == ["page", "words", "INFLESZ", "F-Huerta", "translation"]
    rows = {line.split()[0]: line for line in lines}
    assert sorted(rows) == [f"docs/{page}.es.md" for page in doc_pages()]
    for page in doc_pages():
        row = rows[f"docs/{page}.es.md"]
        words, inflesz, huerta, translation = row.split()[1:5]
        reading = readability(articles[f"{page}.es.md"], "es")
        assert (int(words), float(inflesz), float(huerta)) == (reading.words, reading.inflesz, reading.fernandez_huerta)
        assert reading.inflesz >= facts.standards.min_inflesz
        assert translation == "-", row  # outside Git, no English page is known to have changed after it
        assert re.search(r"  not yet  +-  ", row), row
    assert "routes.yml" in rows["docs/ways-it-is-given.es.md"] and "TEPT" in rows["docs/how-it-works.es.md"]


def test_the_content_report_names_a_translation_its_english_page_changed_after(project):
    git = lambda *args, when: subprocess.run(  # noqa: E731  (Git in the project's copy, at a given time)
        ["git", *args], cwd=project.root, check=True, capture_output=True,
        env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Editor",
             "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
             "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    (project.root / ".gitignore").write_text("/site/\n", encoding="utf-8")
    git("init", "-q", "-b", "main", when="2025-01-10T12:00:00-05:00")
    git("add", "-A", when="2025-01-10T12:00:00-05:00")
    git("commit", "-qm", "Both editions", when="2025-01-10T12:00:00-05:00")
    project.edit("docs/future.md", "seems bright.", "seems bright. A sentence the translation does not have yet.")
    git("commit", "-qam", "The English page changes", when="2025-03-14T12:00:00-04:00")
    result = content_report(project)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("docs/")}
    assert "UPDATE: English changed after" in rows["docs/future.es.md"]
    assert all("UPDATE" not in row for name, row in rows.items() if name != "docs/future.es.md"), rows

    # Once the translation follows, it is up to date.
    project.edit("docs/future.es.md", "parece brillante.", "parece brillante. Una frase nueva.")
    git("commit", "-qam", "The Spanish page follows", when="2025-03-15T12:00:00-04:00")
    result = content_report(project)
    assert not [line for line in result.stdout.splitlines() if line.startswith("docs/") and "UPDATE" in line]

def test_the_content_report_lists_what_the_clinical_reviewer_should_check(project, facts):
    result = content_report(project)
    assert result.returncode == 0, result.stderr
    checklist = result.stdout[result.stdout.index("For the clinical reviewer"):]
    assert facts.review_checklist.pages
    for entry in facts.review_checklist.pages:
        section = checklist.split(f"\ndocs/{entry.page}\n")[1].split("\ndocs/")[0]
        for item in entry.items:
            assert f'"{item.says}"\n    Check: {item.check}' in section
    # Each claim as the Spanish page words it, below the English one.
    spanish = load_facts(project.root / "data", "es")
    for entry in spanish.review_checklist.pages:
        for item in entry.items:
            assert f'    In Spanish (docs/{entry.page.removesuffix(".md")}.es.md): "{item.says}"\n' in checklist
    assert "NOT ON THE PAGE" not in checklist

    # A sentence reworded on its page without the checklist is pointed out.
    entry = facts.review_checklist.pages[0]
    said = entry.items[0].says
    project.edit(f"docs/{entry.page}", said.split()[-1], "REWORDED")
    result = content_report(project)
    assert f'"{said}" [NOT ON THE PAGE: update data/review_checklist.yml]' in result.stdout
