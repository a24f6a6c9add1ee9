"""`python -m site_build.check` runs the build's checks with no build, and on a built site without hooks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from support import ROOT, copy_project, edit, mkdocs
from guide import explains
from test_bad_edits import BAD_EDITS, assert_refused_cleanly, complaints


def run_check(project, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_build.check", *map(str, args)], cwd=project,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def test_the_site_passes_before_and_after_its_build(site):
    before = run_check(ROOT)
    assert before.returncode == 0 and complaints(before.stderr) == [], before.stderr
    after = run_check(ROOT, site)
    assert after.returncode == 0 and complaints(after.stderr) == [], after.stderr


# The bad edits the build refuses before it renders a page: the check says the same line with no build.
SOURCE_EDITS = [e for e in BAD_EDITS if e[1].startswith("data/") or "front" in e[0] or "review" in e[0]
                or e[0] in ("missing title", "description too long", "unknown reviewer")]


@pytest.mark.parametrize("bad", SOURCE_EDITS, ids=[e[0] for e in SOURCE_EDITS])
def test_the_check_refuses_what_the_build_refuses_with_the_line_it_says(tmp_path, capsys, bad):
    from site_build import check

    _, path, old, new, expected = bad  # test_bad_edits holds the build to the same line
    root = copy_project(tmp_path / "project")
    edit(root / path, old, new)
    code = check.main(["-f", str(root / "mkdocs.yml")])
    said = capsys.readouterr()
    assert_refused_cleanly(None, SimpleNamespace(returncode=code, stdout=said.out, stderr=said.err), expected)


def test_the_check_says_what_the_build_says(project):
    project.edit("docs/future.md", "description:", "descripton:")
    checked = run_check(project.root)
    said = assert_refused_cleanly(project, checked, r"docs/future\.md: line \d+: descripton: ")
    assert complaints(project.build().stderr) == [said]


def test_a_page_past_review_is_named_and_refused_only_for_publishing(project):
    (project.root / "data" / "reviewers.yml").write_text(
        "reviewers:\n  - id: test-reviewer\n    name: Test Reviewer\n    credentials: MD\n", encoding="utf-8")
    # Every page reviewed yesterday (today may still be yesterday in the clinic's time zone), but one long ago.
    for page in (project.root / "docs").glob("*.md"):
        reviewed = date.today() - timedelta(days=800 if page.name == "future.md" else 1)
        page.write_text(page.read_text().replace("\n---\n", f"\nreviewer: test-reviewer\nreviewed: {reviewed}\n---\n", 1))
    named = run_check(project.root)
    assert named.returncode == 0 and "docs/future.md: review overdue" in named.stderr
    refused = run_check(project.root, env={"REQUIRE_CURRENT_REVIEWS": "1"})
    assert_refused_cleanly(project, refused, r"docs/future\.md: review overdue: it fell due on")


def test_a_site_built_without_the_hooks_is_still_checked(tmp_path):
    # Zensical reads mkdocs.yml and the macros but runs no MkDocs hooks: the built pages are checked after.
    # Here the templates get their facts from a hook that does nothing else.
    # Here the templates get their facts and words, and the Spanish pages their addresses, from a hook that
    # does nothing else; each edition is built on its own.
    root = copy_project(tmp_path / "project")
    (root / "facts_only.py").write_text(
        "from pathlib import Path\nfrom site_build.editions import edition_files, language\n"
        "from site_build.facts import load_facts\n\n"
        "def on_files(files, config):\n"
        "    return edition_files(files, config)\n\n"
        "def on_env(env, config, files):\n"
        "    facts = load_facts(Path(config.config_file_path).parent / 'data', language(config))\n"
        "    env.globals.update(clinic=facts.clinic, crisis=facts.crisis, words=facts.interface)\n")
    edit(root / "mkdocs.yml", "hooks:\n  - hooks.py\n", "hooks:\n  - facts_only.py\n")
    hard = ("Notwithstanding considerable methodological heterogeneity, contemporary investigations "
            "consistently demonstrate pharmacological modulation of glutamatergic neurotransmission. ") * 8
    edit(root / "docs" / "future.md", "Looking ahead,", hard + "\n\nLooking ahead,")
    built = mkdocs(root)
    assert built.returncode == 0, built.stderr
    built = mkdocs(root, "--config-file", "mkdocs.es.yml", "--site-dir", str(root / "site" / "es"))
    assert built.returncode == 0, built.stderr
    checked = run_check(root, "site")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert [re.sub(r"grade \d+\.\d", "grade N", line) for line in complaints(checked.stderr)] == [
        "docs/future.md: reads at grade N, above the limit of 8 (data/standards.yml); use shorter sentences "
        "and everyday words, and let the glossary explain hard terms"]


def test_a_check_is_a_plain_function_added_to_a_list(monkeypatch, capsys):
    from site_build import check

    monkeypatch.setattr(check, "SOURCE_CHECKS", [*check.SOURCE_CHECKS, lambda sources: [f"{sources.docs.name}/x.md: a; b"]])
    monkeypatch.setattr(check, "PAGE_CHECKS", [*check.PAGE_CHECKS, lambda page: []])
    assert check.main(["-f", str(ROOT / "mkdocs.yml")]) == 1
    assert complaints(capsys.readouterr().err) == ["docs/x.md: a; b"]


def test_a_site_built_before_a_page_was_added_says_so(project):
    for name in ["new-page.md", "new-page.es.md"]:
        (project.root / "docs" / name).write_text((project.root / "docs" / "templates" / name).read_text())
    edit(project.root / "mkdocs.yml", "\nnav:\n", "\nnav:\n  - New: new-page.md\n")
    edit(project.root / "mkdocs.es.yml", "\nnav:\n", "\nnav:\n  - Nueva: new-page.md\n")
    checked = run_check(project.root, "site")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert complaints(checked.stderr) == [
        "docs/new-page.md: site/new-page/index.html is missing; build the site again, then check it",
        "docs/new-page.es.md: site/es/new-page/index.html is missing; build the site again, then check it"]
    assert all(explains(line) for line in complaints(checked.stderr))
