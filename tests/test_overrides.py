"""A Material template the site copies stays Material's own, apart from the additions it marks."""

from __future__ import annotations

import re
from pathlib import Path

import material

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
        "and add the two marked additions back")
    additions = re.findall(r"\{#- site:.*?\{#- /site -#\}", ours, flags=re.S)
    assert len(additions) == 3 and "help_bar(clinic, crisis)" in additions[2] and "clinic.name | e" in additions[1]
