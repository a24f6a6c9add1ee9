"""An editor's mistake stops the build with one clear line, and the last good site stays as it was."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from guide import explains

# (what the editor did, file, text replaced, replacement, the line the build must print)
BAD_EDITS = [
    ("broken YAML", "data/clinic.yml", "name: ", "name ",
     r"data/clinic\.yml: line \d+: this is not valid YAML; this line is missing the colon after its name"),
    ("unclosed quote in YAML", "data/clinic.yml", "  en: addiction", '  en: "addiction',
     r"data/clinic\.yml: line \d+: this is not valid YAML; a quote is opened here but never closed"),
    ("tab-indented YAML", "data/side_effects.yml", "  - name:\n      en: Dizziness", "\t- name:\n      en: Dizziness",
     r"data/side_effects\.yml: line \d+: starts with a tab; indent with spaces only"),
    ("missing required fact", "data/routes.yml",
     "    uses:\n      en: Effective treatment for conditions such as major depressive disorder.\n"
     "      es: Un tratamiento eficaz para problemas como el trastorno depresivo mayor.\n", "",
     r"data/routes\.yml: line \d+: routes → entry 2 → uses: this fact is missing; add it"),
    ("malformed phone number", "data/clinic.yml", 'phone: "(', 'phone: "1 (',
     r'data/clinic\.yml: line \d+: phone: "1 \(\d{3}\) \d{3}-\d{4}" is not written like \(555\) 123-4567; write the area code'),
    ("misspelt fact name in a data file", "data/clinic.yml", "services:", "servces:",
     r"data/clinic\.yml: line \d+: servces: 'servces' is not a known fact name; did you mean 'services'\?"),
    ("typo in a fact's name on a page", "docs/index.md", "{{ clinic.services }}", "{{ clinic.servics }}",
     r"docs/index\.md: line \d+: 'clinic' has no fact named 'servics'; check its spelling \(did you mean 'services'\?\)"),
    ("unknown macro on a page", "docs/index.md", "{{ call_link() }}", "{{ call_lnk() }}",
     r"docs/index\.md: line \d+: 'call_lnk' is not a fact or macro this site knows; check its spelling \(did you mean 'call_link'\?\)"),
    ("unclosed {{ on a page", "docs/side-effects.md", "{{ side_effects_table() }}", "{{ side_effects_table()",
     r"docs/side-effects\.md: line \d+: a '\{\{' is never closed; end it with '\}\}'"),
    ("macro given what it does not take", "docs/index.md", "{{ call_link() }}", "{{ call_link(1, 2, 3) }}",
     r"docs/index\.md: line \d+: \{\{ \}\} could not be filled in \(call_link\(\) takes .*\); write it as 'Use facts on a page' in EDITING\.md shows"),
    ("braces written wrong", "docs/index.md", "{{ crisis_box() }}", "{% crisis_box() %}",
     r"docs/index\.md: line \d+: the braces are not written right \(.*\); check the \{\{ \}\} and \{% %\} on this line"),
    ("link to a page that does not exist", "docs/treatment-process.md", "(side-effects.md)", "(side-efects.md)",
     r"docs/treatment-process\.md: line \d+: the link 'side-efects\.md' goes to a page that does not exist; fix the link"),
    ("link to a heading that does not exist", "docs/treatment-process.md", "(side-effects.md)", "(side-effects.md#no-such-heading)",
     r"docs/treatment-process\.md: line \d+: the link 'side-effects\.md#no-such-heading' points to a heading that does not exist"),
    ("missing title", "docs/future.md", "title: The future of ketamine therapy\n", "",
     r"docs/future\.md: title: this is missing; add it to the front matter between the --- lines"),
    ("description too long", "docs/future.md", "description: ", "description: " + "Much more to say. " * 8,
     r"docs/future\.md: line \d+: description: is \d+ characters long; write 50 to 160 characters"),
    ("malformed review date", "docs/future.md", "title: ", "reviewed: 24/11/2026\ntitle: ",
     r'docs/future\.md: line \d+: reviewed: "24/11/2026" is not a date written YYYY-MM-DD; write it like 2026-11-24'),
    ("impossible review date", "docs/future.md", "title: ", "reviewed: 2026-02-30\ntitle: ",
     r'docs/future\.md: line \d+: reviewed: "2026-02-30" is not a real date; check the month and the day'),
    ("future review date", "docs/future.md", "title: ", "reviewed: 2999-01-01\ntitle: ",
     r"docs/future\.md: line \d+: reviewed: 2999-01-01 is in the future; write the date the page was actually reviewed"),
    ("unknown reviewer", "docs/future.md", "title:", "reviewer: dr-nobody\nreviewed: 2026-11-20\ntitle:",
     r"docs/future\.md: line \d+: reviewer: 'dr-nobody' is not listed in data/reviewers\.yml; add the reviewer there first"),
    ("misspelt front-matter name", "docs/future.md", "description:", "descripton:",
     r"docs/future\.md: line \d+: descripton: 'descripton' is not a known front-matter name; did you mean 'description'\?"),
    ("review date without a named reviewer", "docs/future.md", "title:", "reviewed: 2026-11-20\ntitle:",
     r"docs/future\.md: line \d+: reviewed: 2026-11-20 names no reviewer; a review counts only with the clinician who did it"),
    ("page without front matter", "docs/future.md", "---\ntitle", "title",
     r"docs/future\.md: the page has no front matter; start it with the --- block of docs/templates/new-page\.md"),
    ("review checklist naming no page", "data/review_checklist.yml", "  - page: future.md", "  - page: futur.md",
     r"data/review_checklist\.yml: line \d+: pages → entry \d+ → page: 'futur\.md' is not a page in docs/; did you mean 'future\.md'\?"),
    ("review checklist naming a page not in docs/", "data/review_checklist.yml", "  - page: future.md", "  - page: ../mkdocs.yml",
     r"data/review_checklist\.yml: line \d+: pages → entry \d+ → page: '\.\./mkdocs\.yml' is not a page in docs/; write a page's file name"),
    ("clinic's time zone misspelt", "mkdocs.yml", "time_zone: America/New_York", "time_zone: America/NewYork",
     r"mkdocs\.yml: extra: time_zone: 'America/NewYork' is not a time zone; write the clinic's"),
    # The same slips on a Spanish page, and a Spanish wording left out of the data.
    ("Spanish wording missing in a data file", "data/side_effects.yml", "      es: Mareos y náuseas\n", "",
     r"data/side_effects\.yml: line \d+: side_effects → entry 1 → name: has no Spanish wording; add a line es: with the Spanish words"),
    ("typo in a fact's name on a Spanish page", "docs/index.es.md", "{{ clinic.services }}", "{{ clinic.servicios }}",
     r"docs/index\.es\.md: line \d+: 'clinic' has no fact named 'servicios'; check its spelling \(did you mean 'services'\?\)"),
    ("unknown macro on a Spanish page", "docs/contact.es.md", "{{ call_link() }}", "{{ llamar() }}",
     r"docs/contact\.es\.md: line \d+: 'llamar' is not a fact or macro this site knows"),
    ("link to a page that does not exist, on a Spanish page", "docs/treatment-process.es.md", "(side-effects.md)", "(efectos-secundarios.md)",
     r"docs/treatment-process\.es\.md: line \d+: the link 'efectos-secundarios\.md' goes to a page that does not exist; fix the link"),
    ("link to a Spanish heading that does not exist", "docs/contact.es.md", "#preguntas-para-su-equipo-medico", "#preguntas-para-su-equipo-médico",
     r"docs/contact\.es\.md: line \d+: the link 'treatment-process\.md#preguntas-para-su-equipo-médico' points to a heading that does not exist"),
    ("missing title on a Spanish page", "docs/future.es.md", "title: El futuro de la terapia con ketamina\n", "",
     r"docs/future\.es\.md: title: this is missing; add it to the front matter between the --- lines"),
    ("description too long on a Spanish page", "docs/future.es.md", "description: ", "description: " + "Mucho más que decir. " * 8,
     r"docs/future\.es\.md: line \d+: description: is \d+ characters long; write 50 to 160 characters"),
    ("two Spanish pages with one title", "docs/future.es.md", "title: El futuro de la terapia con ketamina", "title: ¿Qué es la terapia con ketamina?",
     r"docs/future\.es\.md: line 2: title: \"¿Qué es la terapia con ketamina\?\" is also the title of docs/index\.es\.md"),
    ("a paragraph of a Spanish page left in English", "docs/future.es.md", "## La investigación",
     "Research goes on, and ketamine therapy could become a key part of mental health care for you.\n\n## La investigación",
     r"docs/future\.es\.md: line \d+: this text is still in English; write it in Spanish \(the English page is docs/future\.md\)"),
    ("a Spanish title left in English", "docs/future.es.md", "title: El futuro de la terapia con ketamina", "title: The future of ketamine therapy",
     r"docs/future\.es\.md: line 2: title: is the English page's title; write it in Spanish"),
]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def complaints(output: str) -> list[str]:
    """What the build said was wrong: its ERROR and WARNING lines and their continuations."""
    lines, keep = [], False
    for line in output.splitlines():
        if re.match(r"^(ERROR|WARNING)\s+-", line):
            keep = True
            lines.append(re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line))
        elif re.match(r"^(INFO|DEBUG)\s+-", line) or line.startswith("Aborted with") or not line.strip():
            keep = False
        elif keep:
            lines.append(line)
    return lines


def assert_refused_cleanly(project, result, expected: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    said = complaints(output)
    assert len(said) == 1, output
    assert re.match(expected, said[0]), said[0]
    assert "; " in said[0], "the line says what to do"
    assert explains(said[0]), f"EDITING.md does not explain: {said[0]}"
    return said[0]


@pytest.mark.parametrize("edit", BAD_EDITS, ids=[e[0] for e in BAD_EDITS])
def test_a_bad_edit_is_refused_with_one_clear_line(project, edit):
    assert_edit_refused(project, edit)


def assert_edit_refused(project, edit) -> str:
    """Make the edit in the project's copy and build: one clear line naming the edited line, the site kept."""
    _, path, old, new, expected = edit
    before = snapshot(project.site)
    source = (project.root / path).read_text(encoding="utf-8")
    edited_line = source[: source.index(old)].count("\n") + 1
    project.edit(path, old, new)
    result = project.build()
    said = assert_refused_cleanly(project, result, expected)
    if reported := re.search(r": line (\d+): ", said):
        # The line named is the one the editor changed (a missing fact or wording: the entry it belongs
        # to, above; a text written over several lines: the line of its name, which starts it).
        lines = source.split("\n")
        starts = edited_line
        while starts > 1 and re.match(r"\s+\S", lines[starts - 1]) and not re.match(r"\s*[\w-]+:|\s*- ", lines[starts - 1]):
            starts -= 1
        if "this fact is missing" in said or "wording; add" in said:
            assert int(reported[1]) < edited_line
        else:
            assert int(reported[1]) in (edited_line, starts), said
    assert snapshot(project.site) == before, "the last good site must be kept"
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site-")] == []
    return said


def test_a_page_listed_twice_in_the_review_checklist_is_refused(project):
    before = snapshot(project.site)
    project.edit("data/review_checklist.yml", "  - page: future.md", "  - page: glossary.md")
    result = project.build()
    assert_refused_cleanly(project, result, r"data/review_checklist\.yml: line \d+: pages: 'glossary\.md' is listed twice; "
                                            r"put all of its items under one entry")
    assert snapshot(project.site) == before


def test_a_page_left_out_of_the_menu_is_refused(project):
    before = snapshot(project.site)
    template = project.root / "docs" / "templates" / "new-page.md"
    (project.root / "docs" / "new-page.md").write_text(template.read_text())
    result = project.build()
    assert_refused_cleanly(project, result, r"docs/new-page\.md: this page is not in the menu; add it under 'nav:' in mkdocs\.yml")
    assert snapshot(project.site) == before


def test_a_misspelt_page_in_the_spanish_menu_is_named_from_both_sides(project):
    before = snapshot(project.site)
    project.edit("mkdocs.es.yml", "crisis-help.md", "crisis-halp.md")
    result = project.build()
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    said = complaints(result.stdout + result.stderr)
    assert sorted(said) == ["docs/crisis-help.es.md: this page is not in the menu; add it under 'nav:' in mkdocs.es.yml",
                            "mkdocs.es.yml: nav: 'crisis-halp.md' is not a page in docs/; fix the file name or add the page"]
    assert all(explains(line) for line in said)
    assert snapshot(project.site) == before


@pytest.mark.parametrize("page", ["future", "index"])
def test_a_page_without_its_spanish_twin_is_refused(project, page):
    before = snapshot(project.site)
    (project.root / "docs" / f"{page}.es.md").unlink()
    assert_refused_cleanly(project, project.build(), rf"docs/{page}\.md: has no Spanish twin; add docs/{page}\.es\.md: copy "
                                                     rf"docs/{page}\.md to it and write it in Spanish")
    assert snapshot(project.site) == before


def test_a_spanish_page_left_as_a_copy_of_the_english_one_is_refused(project):
    before = snapshot(project.site)
    (project.root / "docs" / "who-qualifies.es.md").write_text((project.root / "docs" / "who-qualifies.md").read_text())
    assert_refused_cleanly(project, project.build(), r"docs/who-qualifies\.es\.md: is the same as docs/who-qualifies\.md; "
                                                     r"write it in Spanish")
    assert snapshot(project.site) == before


def test_a_spanish_page_without_its_english_page_is_refused(project):
    before = snapshot(project.site)
    (project.root / "docs" / "costs.es.md").write_text((project.root / "docs" / "templates" / "new-page.es.md").read_text())
    project.edit("mkdocs.es.yml", "\nnav:\n", "\nnav:\n  - Costos: costs.md\n")
    assert_refused_cleanly(project, project.build(), r"docs/costs\.es\.md: has no English page docs/costs\.md; write the English page first")
    assert snapshot(project.site) == before


def test_a_good_build_replaces_the_site_whole(project):
    (project.site / "stale.html").write_text("left over from an old build")
    project.edit("docs/future.md", "seems bright.", "seems bright. An edited sentence.")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert not (project.site / "stale.html").exists()
    assert "An edited sentence." in (project.site / "future" / "index.html").read_text()
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site-")] == []
