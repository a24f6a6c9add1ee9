"""The GitHub Actions workflow: valid by GitHub's schema, tests every push, publishes on a version tag."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from support import ROOT, copy_project, edit
from test_bad_edits import complaints
from test_editing_guide import editor_copy  # noqa: F401  (fixture)

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def schema_check(path) -> subprocess.CompletedProcess:
    # check-jsonschema ships SchemaStore's schema for workflows, so this needs no network.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=60)


def test_the_workflow_passes_githubs_schema():
    result = schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_mistake(tmp_path):
    broken = tmp_path / "site.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:"), encoding="utf-8")
    assert schema_check(broken).returncode != 0


def test_every_push_is_tested_and_a_version_tag_is_published_from_the_whole_history():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    push = workflow[True]["push"]  # YAML 1.1 reads the key `on` as true
    assert push["branches"] == ["**"] and push["tags"] == ["v*"]
    assert "pull_request" in workflow[True]
    test, publish = workflow["jobs"]["test"], workflow["jobs"]["publish"]
    assert test["if"] == "github.event_name == 'pull_request' || github.ref_type == 'branch'"
    assert {"run": ".ci/run"} in test["steps"]
    assert 'scripts/publish "${GITHUB_REF_NAME#v}"' in [step.get("run") for step in publish["steps"]]
    assert publish["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert publish["permissions"] == {"contents": "write"}
    for job in (test, publish):
        checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0


# --- Refusals as annotations on the file and line, the content report in the job summary ----------------


def step(named: str) -> dict:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["test"]["steps"]
    return next(s for s in steps if s.get("name", "").startswith(named))


def run_step(named: str, cwd, **env: str) -> subprocess.CompletedProcess:
    found = step(named)
    assert found["shell"] == "bash"  # GitHub runs it as bash -eo pipefail: a refusal fails the step
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", found["run"]], cwd=cwd,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def test_a_refusal_is_annotated_on_its_file_and_line(editor_copy):  # noqa: F811
    page = editor_copy / "docs" / "future.md"
    page.write_text(page.read_text().replace("seems bright.", "seems bright. ![A nurse](https://example.com/nurse.png)"))
    line = next(n for n, text in enumerate(page.read_text().splitlines(), start=1) if "nurse.png" in text)
    result = run_step("Check and build the site", editor_copy)
    assert result.returncode == 1
    said = complaints("\n".join(line for line in result.stdout.splitlines() if not line.startswith("::")))
    assert len(said) == 1 and said[0].startswith(f"docs/future.md: line {line}: the image "), result.stdout
    message = said[0].split(f": line {line}: ", 1)[1]
    assert [a for a in result.stdout.splitlines() if a.startswith("::")] == [
        f"::error file=docs/future.md,line={line}::{message}"]


def test_the_checks_lines_are_annotated_too(tmp_path, capsys):
    from site_build import check
    from site_build.annotate import annotations

    root = copy_project(tmp_path / "project")
    edit(root / "data" / "clinic.yml", "services:", "servces:")
    edit(root / "mkdocs.yml", "  - Words to know: glossary.md\n", "  - Words to know: glossary.md\n  - Again: glossary.md\n")
    menu = (root / "mkdocs.yml").read_text().splitlines().index("  - Again: glossary.md") + 1
    fact = (root / "data" / "clinic.yml").read_text().splitlines().index(next(
        line for line in (root / "data" / "clinic.yml").read_text().splitlines() if line.startswith("servces:"))) + 1
    assert check.main(["-f", str(root / "mkdocs.yml")]) == 1
    assert list(annotations(capsys.readouterr().err.splitlines())) == [
        f"::error file=mkdocs.yml,line={menu}::nav: 'glossary.md' is in the menu twice (also on line {menu - 1}); "
        "keep one of the two lines",
        f"::error file=data/clinic.yml,line={fact}::servces: 'servces' is not a known fact name; did you mean 'services'?"]


def test_what_becomes_an_annotation():
    from site_build.annotate import annotations

    said = [
        "INFO    -  Cleaning site directory",
        "ERROR   -  docs/a b.md: line 3: 50% of it, a: b; fix it",  # GitHub reads %, : and , in its own way
        "docs/future.md: title: this is missing; add it",  # a further line of the same error, with no line number
        "INFO    -  docs/future.md: review overdue: it fell due on 1 May 2026; have the page reviewed",
        "WARNING -  overrides/main.html: line 9: the file 'x' is on another website; save it",
        "Aborted with a BuildError!",
    ]
    assert list(annotations(said)) == [
        "::error file=docs/a b.md,line=3::50%25 of it, a: b; fix it",
        "::error file=docs/future.md::title: this is missing; add it",
        "::warning file=docs/future.md::review overdue: it fell due on 1 May 2026; have the page reviewed",
        "::error file=overrides/main.html,line=9::the file 'x' is on another website; save it",
    ]


def test_the_content_report_goes_into_the_job_summary(editor_copy, tmp_path):  # noqa: F811
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps\n")
    result = run_step("Put the content report", editor_copy, GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0, result.stderr
    text = summary.read_text()
    assert text.startswith("earlier steps\n## Content report\n\n```text\n") and text.endswith("```\n")
    assert "docs/side-effects.md" in text and "grade" in text  # the report itself: see test_editorial
