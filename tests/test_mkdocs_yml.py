"""A broken mkdocs.yml is named on its line in an editor's words, before MkDocs says it its own way."""

from __future__ import annotations

import os
import re
import subprocess
from types import SimpleNamespace

import pytest

from support import ROOT, copy_project
from test_bad_edits import assert_refused_cleanly, complaints
from test_editing_guide import editor_copy  # noqa: F401  (fixture)

# (what the editor did, text replaced, replacement, the line the check must print)
BAD_SETTINGS = [
    ("a name without its colon", "strict: true", "strict true",
     r"mkdocs\.yml: line \d+: this is not valid YAML; this line is missing the colon after its name"),
    ("a colon inside a value", "site_name: Ketamine Therapy", "site_name: Ketamine: Therapy",
     r"mkdocs\.yml: line \d+: this is not valid YAML; a colon is in an unexpected place"),
    ("a quote never closed", "  name: material", '  name: "material',
     r"mkdocs\.yml: line \d+: this is not valid YAML; a quote is opened here but never closed"),
    ("a tab in the menu", "  - How does it work?", "\t- How does it work?",
     r"mkdocs\.yml: line \d+: starts with a tab; indent with spaces only"),
    ("a misspelt setting", "strict: true", "strickt: true",
     r"mkdocs\.yml: line \d+: 'strickt' is not a setting MkDocs knows; check its spelling \(did you mean 'strict'\?\)"),
    ("a misspelt plugin", "  search:", "  serch:",
     r"mkdocs\.yml: line \d+: plugins: 'serch' is not a plugin this site has; check its spelling \(did you mean 'search'\?\)"),
    ("a misspelt plugin setting", "    lang: en\n  macros:", "    langs: en\n  macros:",
     r"mkdocs\.yml: line \d+: plugins → search: 'langs' is not a setting of this plugin; check its spelling \(did you mean 'lang'\?\)"),
    ("a plugin listed twice", "  mike:", "  search: {}\n  mike:",
     r"mkdocs\.yml: line \d+: plugins → search: is written twice, on lines \d+ and \d+; keep one and delete the other"),
    ("a menu entry that is a number", "  - Words to know: glossary.md", "  - 42",
     r"mkdocs\.yml: line \d+: nav: this menu entry is not written like the others; write it as '- Menu label: page-name\.md'"),
    ("a menu entry with two labels", "  - Words to know: glossary.md", "  - Words to know: glossary.md\n    Glossary: glossary.md",
     r"mkdocs\.yml: line \d+: nav: this menu entry is not written like the others"),
    ("a misspelt Markdown extension", "  - admonition", "  - admonitions",
     r"mkdocs\.yml: line \d+: markdown_extensions: 'admonitions' is not a Markdown extension this site has; check its spelling \(did you mean 'admonition'\?\)"),
    ("a misspelt extension setting", "      permalink: false", "      permalinks: false",
     r"mkdocs\.yml: line \d+: markdown_extensions → toc: 'permalinks' is not a setting of this extension; check its spelling"),
    ("a misspelt theme", "  name: material", "  name: materal",
     r"mkdocs\.yml: line \d+: theme: 'materal' is not a theme this site has; check its spelling \(did you mean 'material'\?\)"),
    ("a folder that is not there", "  custom_dir: overrides", "  custom_dir: overides",
     r"mkdocs\.yml: line \d+: theme: 'overides' is not in the project; check its spelling, or restore it from Git"),
    ("yes or no written as a word", "strict: true", "strict: sure",
     r"mkdocs\.yml: line \d+: strict: this should be true or false; write it like the lines around it"),
]


@pytest.fixture(scope="module")
def settings_copy(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("settings") / "project")
    return root, (root / "mkdocs.yml").read_text(encoding="utf-8")


def check_settings(root, capsys) -> SimpleNamespace:
    from site_build import check

    code = check.main(["-f", str(root / "mkdocs.yml"), "--mkdocs-yml"])
    said = capsys.readouterr()
    return SimpleNamespace(returncode=code, stdout=said.out, stderr=said.err)


@pytest.mark.parametrize("bad", BAD_SETTINGS, ids=[b[0] for b in BAD_SETTINGS])
def test_a_broken_setting_is_named_on_its_line(settings_copy, capsys, bad):
    root, good = settings_copy
    _, old, new, expected = bad
    assert old in good
    edited_line = good[: good.index(old)].count("\n") + 1  # where a longer entry starts
    (root / "mkdocs.yml").write_text(good.replace(old, new, 1), encoding="utf-8")
    try:
        said = assert_refused_cleanly(None, check_settings(root, capsys), expected)
    finally:
        (root / "mkdocs.yml").write_text(good, encoding="utf-8")
    assert int(re.search(r": line (\d+): ", said)[1]) == edited_line, said


# The Spanish edition's settings (mkdocs.es.yml) are read the same way.
BAD_SPANISH_SETTINGS = [
    ("a misspelt setting", "site_name: Terapia", "site_nme: Terapia",
     r"mkdocs\.es\.yml: line \d+: 'site_nme' is not a setting MkDocs knows; check its spelling \(did you mean 'site_name'\?\)"),
    ("a misspelt plugin setting", "    lang: es", "    langs: es",
     r"mkdocs\.es\.yml: line \d+: plugins → search: 'langs' is not a setting of this plugin; check its spelling \(did you mean 'lang'\?\)"),
    ("a tab in the menu", "  - ¿Cómo funciona?", "\t- ¿Cómo funciona?", r"mkdocs\.es\.yml: line \d+: starts with a tab; indent with spaces only"),
    ("a menu entry that is a number", "  - Ayuda en una crisis: crisis-help.md", "  - 42",
     r"mkdocs\.es\.yml: line \d+: nav: this menu entry is not written like the others"),
    ("a name without its colon", "site_name: Terapia", "site_name Terapia",
     r"mkdocs\.es\.yml: line \d+: this is not valid YAML; this line is missing the colon after its name"),
]


@pytest.mark.parametrize("bad", BAD_SPANISH_SETTINGS, ids=[b[0] for b in BAD_SPANISH_SETTINGS])
def test_a_broken_spanish_setting_is_named_on_its_line(settings_copy, capsys, bad):
    root, _ = settings_copy
    spanish = root / "mkdocs.es.yml"
    good = spanish.read_text(encoding="utf-8")
    _, old, new, expected = bad
    edited_line = good[: good.index(old)].count("\n") + 1
    spanish.write_text(good.replace(old, new, 1), encoding="utf-8")
    try:
        said = assert_refused_cleanly(None, check_settings(root, capsys), expected)
    finally:
        spanish.write_text(good, encoding="utf-8")
    assert int(re.search(r": line (\d+): ", said)[1]) == edited_line, said


def test_the_settings_as_they_are_pass(settings_copy, capsys):
    result = check_settings(settings_copy[0], capsys)
    assert result.returncode == 0 and result.stderr == ""


def test_the_preview_does_not_start_on_broken_settings_and_says_why(editor_copy):  # noqa: F811
    config = editor_copy / "mkdocs.yml"
    text = config.read_text()
    line = text[: text.index("  search:")].count("\n") + 1
    config.write_text(text.replace("  search:", "  serch:"))
    result = subprocess.run(["scripts/serve"], cwd=editor_copy, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert complaints(result.stderr) == [f"mkdocs.yml: line {line}: plugins: 'serch' is not a plugin this site has; "
                                         "check its spelling (did you mean 'search'?)"]



def test_no_settings_file_or_one_not_in_utf8(tmp_path, capsys):
    from site_build import check

    missing = SimpleNamespace(returncode=check.main(["-f", str(tmp_path / "mkdocs.yml")]), stdout="", stderr=capsys.readouterr().err)
    assert_refused_cleanly(None, missing, r"mkdocs\.yml: there is no such file here; run the command in the project's folder")
    (tmp_path / "mkdocs.yml").write_bytes("site_name: Kétamine\n".encode("latin-1"))
    latin = SimpleNamespace(returncode=check.main(["-f", str(tmp_path / "mkdocs.yml")]), stdout="", stderr=capsys.readouterr().err)
    assert_refused_cleanly(None, latin, r"mkdocs\.yml: is not saved as UTF-8 text; save it again as UTF-8")
