"""A Material or MkDocs template the site copies stays their own, apart from the additions it marks."""

from __future__ import annotations

import re
from pathlib import Path

import material
import mkdocs

from support import ROOT

TEMPLATES = Path(material.__file__).parent / "templates"


def without_comments_and_additions(template: str) -> list[str]:
    # Our additions sit between {#- site: ... -#} and {#- /site -#}; comments are not markup.
    template = re.sub(r"\{#- site:.*?\{#- /site -#\}", "", template, flags=re.S)
    template = re.sub(r"\{#.*?#\}", "", template, flags=re.S)
    return [line.strip() for line in template.splitlines() if line.strip()]


def test_the_header_is_materials_own_with_the_clinics_name_and_the_help_bar_added():
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")
    assert without_comments_and_additions(ours) == without_comments_and_additions(theirs), (
        "Material's partials/header.html has changed: copy it to overrides/partials/header.html again "
        "and add the marked additions back")
    additions = re.findall(r"\{#- site:.*?\{#- /site -#\}", ours, flags=re.S)
    assert len(additions) == 4 and "clinic.name | e" in additions[1]
    assert "partials/languages.html" in additions[2] and "help_bar(clinic, crisis)" in additions[3]


def test_the_sitemap_is_mkdocs_own_with_each_pages_twins_added():
    ours = (ROOT / "overrides" / "sitemap.xml").read_text(encoding="utf-8")
    theirs = (Path(mkdocs.__file__).parent / "templates" / "sitemap.xml").read_text(encoding="utf-8")
    ours = ours.replace(' xmlns:xhtml="http://www.w3.org/1999/xhtml"', "", 1)
    assert without_comments_and_additions(ours) == without_comments_and_additions(theirs), (
        "MkDocs' templates/sitemap.xml has changed: copy it to overrides/sitemap.xml again and add the "
        "xhtml namespace and the marked twins back")
