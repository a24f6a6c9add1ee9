"""An editor's mistake stops the build with one clear line, and the last good site stays as it was."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

# (what the editor did, file, text replaced, replacement, the line the build must print)
BAD_EDITS = [
    ("broken YAML", "data/clinic.yml", "name: ", "name ",
     r"data/clinic\.yml: line \d+: this is not valid YAML; check the colons, quotes and indentation"),
    ("tab-indented YAML", "data/side_effects.yml", "  - name: Dizziness", "\t- name: Dizziness",
     r"data/side_effects\.yml: line \d+: starts with a tab; indent with spaces only"),
    ("missing required fact", "data/routes.yml", "    uses: It is an effective", "    # uses: It is an effective",
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
    ("link to a page that does not exist", "docs/treatment-process.md", "(side-effects.md)", "(side-efects.md)",
     r"docs/treatment-process\.md: line \d+: the link 'side-efects\.md' goes to a page that does not exist; fix the link"),
    ("link to a heading that does not exist", "docs/treatment-process.md", "(side-effects.md)", "(side-effects.md#no-such-heading)",
     r"docs/treatment-process\.md: line \d+: the link 'side-effects\.md#no-such-heading' points to a heading that does not exist"),
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


def assert_refused_cleanly(project, result, expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    said = complaints(output)
    assert len(said) == 1, output
    assert re.match(expected, said[0]), said[0]
    assert "; " in said[0], "the line says what to do"


@pytest.mark.parametrize("edit", BAD_EDITS, ids=[e[0] for e in BAD_EDITS])
def test_a_bad_edit_is_refused_with_one_clear_line(project, edit):
    _, path, old, new, expected = edit
    before = snapshot(project.site)
    project.edit(path, old, new)
    result = project.build()
    assert_refused_cleanly(project, result, expected)
    assert snapshot(project.site) == before, "the last good site must be kept"
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site-")] == []


def test_a_page_left_out_of_the_menu_is_refused(project):
    before = snapshot(project.site)
    (project.root / "docs" / "new-page.md").write_text("# A new page\n")
    result = project.build()
    assert_refused_cleanly(project, result, r"docs/new-page\.md: this page is not in the menu; add it under 'nav:' in mkdocs\.yml")
    assert snapshot(project.site) == before


def test_a_good_build_replaces_the_site_whole(project):
    (project.site / "stale.html").write_text("left over from an old build")
    project.edit("docs/future.md", "seems bright.", "seems bright. An edited sentence.")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert not (project.site / "stale.html").exists()
    assert "An edited sentence." in (project.site / "future" / "index.html").read_text()
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site-")] == []
