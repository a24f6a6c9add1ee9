"""The GitHub Actions workflow: valid by GitHub's schema, tests every push, publishes on a version tag."""

from __future__ import annotations

import subprocess
import sys

import yaml

from support import ROOT

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
    test, publish = workflow["jobs"]["test"], workflow["jobs"]["publish"]
    assert {"run": ".ci/run"} in test["steps"]
    assert 'scripts/publish "${GITHUB_REF_NAME#v}"' in [step.get("run") for step in publish["steps"]]
    assert publish["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert publish["permissions"] == {"contents": "write"}
    for job in (test, publish):
        checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0
