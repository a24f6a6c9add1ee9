"""A page is content, not code: inside {{ }} only the documented facts and macros, rendered in Jinja's sandbox."""

from __future__ import annotations

import re

import jinja2
import pytest

from guide import GUIDE, explains
from support import ROOT
from test_bad_data import JARGON, refused_by_the_build
from site_build import page_code
from site_build.page_code import Allowed, allowed_in, check_page


@pytest.fixture(scope="module")
def allowed() -> Allowed:
    return allowed_in(ROOT / "mkdocs.yml")


HOME = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
WHERE = "## Learn more"  # the line the snippets go before, on the home page


def refusal(snippet: str, allowed: Allowed) -> str:
    """The one line the home page gets with `snippet` added before one of its headings."""
    lines = check_page(HOME.replace(WHERE, f"{snippet}\n\n{WHERE}"), "docs/index.md", allowed)
    assert len(lines) == 1, lines
    said = lines[0]
    assert said.startswith(f"docs/index.md: line {HOME[:HOME.index(WHERE)].count(chr(10)) + 1}: "), said
    assert "; " in said and explains(said), f"EDITING.md does not explain: {said}"
    assert not JARGON.search(said) and "Jinja" not in said and "<" not in said, said
    return said


# What a hostile or careless page may try, and the kind of line it must get.
REFUSED = {
    # Python and the build's internals, through Jinja's and the macros plugin's own names
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}": "'cycler' is not a fact or macro this site knows",
    "{{ lipsum.__globals__['os'] }}": "'lipsum' is not a fact or macro",
    "{{ joiner.__init__.__globals__ }}": "'joiner' is not a fact or macro",
    "{{ namespace.__init__.__globals__ }}": "'namespace' is not a fact or macro",
    "{{ range.__self__ }}": "'range' is not a fact or macro",
    "{{ dict(a=1) }}": "'dict' is not a fact or macro",
    "{{ self._TemplateReference__context }}": "'self' is not a fact or macro",
    "{{ config }}": "'config' is not a fact or macro",
    "{{ config.site_url }}": "'config' is not a fact or macro",
    "{{ context() }}": "'context' is not a fact or macro",
    "{{ macros_info() }}": "'macros_info' is not a fact or macro",
    "{{ now() }}": "'now' is not a fact or macro",
    "{{ fix_url('x') }}": "'fix_url' is not a fact or macro",
    "{{ environment }}": "'environment' is not a fact or macro",
    "{{ plugin }}": "'plugin' is not a fact or macro",
    "{{ git }}": "'git' is not a fact or macro",
    "{{ macros }}": "'macros' is not a fact or macro",
    "{{ filters_builtin }}": "'filters_builtin' is not a fact or macro",
    "{{ page.file.abs_src_path }}": "'page' is not a fact or macro",
    "{{ navigation }}": "'navigation' is not a fact or macro",
    "{{ files }}": "'files' is not a fact or macro",
    "{{ extra }}": "'extra' is not a fact or macro",
    "{{ crisis }}": "'crisis' is not a fact or macro",  # a fact group of the templates', not of pages
    "{{ _private }}": "'_private' is not a fact or macro",
    "{{ title }}": "'title' is not a fact or macro",  # front-matter names are variables to the macros plugin
    "{{ reviewed }}": "'reviewed' is not a fact or macro",
    # Facts: one at a time, by their documented names
    "{{ clinic }}": "'clinic' is a group of facts; write one of them, such as {{ clinic.name }}",
    "{{ clinic.phone }}": "'clinic' has no fact named 'phone' that pages may use",
    "{{ clinic.tel }}": "'clinic' has no fact named 'tel' that pages may use",
    "{{ clinic.__class__ }}": "'clinic' has no fact named '__class__'",
    "{{ clinic.model_dump() }}": "'clinic' has no fact named 'model_dump'",
    "{{ clinic.servics }}": "'clinic' has no fact named 'servics'; check its spelling (did you mean 'services'?)",
    "{{ clinic.__class__.__mro__ }}": "'clinic' has no fact named '__class__'",
    "{{ clinic.name.__class__.__mro__ }}": "{{ }} may hold only a fact or a macro, not anything after a fact or a macro",
    "{{ clinic.name.upper() }}": "{{ }} may hold only a fact or a macro, not anything after a fact or a macro",
    "{{ clinic['name'] }}": "not square brackets after a name",
    "{{ clinic.name | upper }}": "not a filter ('upper')",
    "{{ clinic.name | e }}": "not a filter ('e')",
    "{{ call_link() | safe }}": "not a filter ('safe')",
    "{{ clinic.name is defined }}": "not a test ('defined')",
    "{{ clinic.name ~ '!' }}": "not a calculation or a condition",
    "{{ 7 * 7 }}": "not a calculation or a condition",
    "{{ clinic.name if clinic }}": "not a calculation or a condition",
    "{{ 'Hello' }}": "not a plain value",
    "{{ [clinic.name] }}": "not a list",
    # Macros: with their brackets, given what they take
    "{{ call_link }}": "'call_link' is a ready-made block and needs its brackets; write {{ call_link() }}",
    "{{ glossary }}": "'glossary' is a ready-made block and needs its brackets",
    "{{ call_link.__globals__ }}": "'call_link' is a ready-made block and needs its brackets",
    "{{ call_link().__class__ }}": "not anything after a fact or a macro",
    "{{ call_lnk() }}": "'call_lnk' is not a fact or macro this site knows; check its spelling (did you mean 'call_link'?)",
    "{{ call_link(1, 2, 3) }}": "{{ }} could not be filled in (call_link() takes at most 1 value, not 3)",
    "{{ call_link(5) }}": "(call_link() takes text in quotes for label, not 5)",
    "{{ call_link(clinic.name) }}": '(call_link() takes only plain values, such as 3 or "Call")',
    "{{ call_link(label=cycler) }}": "(call_link() takes only plain values",
    "{{ call_link(lable='Call') }}": "(call_link() has no setting named 'lable' (did you mean 'label'?))",
    "{{ crisis_box(7) }}": "(crisis_box() takes a whole number from 2 to 6 for level, not 7)",
    "{{ crisis_box(1) }}": "(crisis_box() takes a whole number from 2 to 6 for level, not 1)",
    "{{ crisis_box(-2) }}": "not -2)",
    "{{ crisis_box('3') }}": 'not "3")',
    "{{ crisis_box(2.5) }}": "not 2.5)",
    "{{ crisis_box(true) }}": "not true)",
    "{{ crisis_box(*[3]) }}": "(crisis_box() takes only plain values",
    "{{ crisis_box(**{'level': 3}) }}": "(crisis_box() takes only plain values",
    "{{ crisis_box(level=3, level=4) }}": "(crisis_box() is given 'level' twice)",
    "{{ routes_table(1) }}": "(routes_table() takes no values, not 1)",
    # Statements: none is documented, so none is allowed
    "{% set x = config %}": "'{% set %}' cannot be used on a page",
    "{% set x %}{{ clinic.name }}{% endset %}": "'{% set %}' cannot be used on a page",
    "{% for x in range(3) %}{{ x }}{% endfor %}": "'{% for %}' cannot be used on a page",
    "{% if clinic %}yes{% endif %}": "'{% if %}' cannot be used on a page",
    "{% if clinic %}": "'{% if %}' cannot be used on a page",  # unclosed: said the same way
    "{% include 'index.md' %}": "'{% include %}' cannot be used on a page",
    "{% import 'x.html' as x %}": "'{% import %}' cannot be used on a page",
    "{% from 'x.html' import y %}": "'{% from %}' cannot be used on a page",
    "{% extends 'main.html' %}": "'{% extends %}' cannot be used on a page",
    "{% macro m() %}x{% endmacro %}": "'{% macro %}' cannot be used on a page",
    "{% call call_link() %}x{% endcall %}": "'{% call %}' cannot be used on a page",
    "{% filter upper %}x{% endfilter %}": "'{% filter %}' cannot be used on a page",
    "{% with x = 1 %}{% endwith %}": "'{% with %}' cannot be used on a page",
    "{% block b %}{% endblock %}": "'{% block %}' cannot be used on a page",
    "{% autoescape false %}{{ clinic.name }}{% endautoescape %}": "'{% autoescape %}' cannot be used on a page",
    "{% raw %}{{ config }}{% endraw %}": "'{% raw %}' cannot be used on a page",
    "{% print clinic.name %}": "'{% print %}' cannot be used on a page",
    "{%- set x = 1 -%}": "'{% set %}' cannot be used on a page",
    # Braces in the Markdown: code spans, code blocks and HTML comments are filled in too
    "`{{ config }}`": "'config' is not a fact or macro",
    "    {{ context() }}": "'context' is not a fact or macro",
    "<!-- {{ cycler.__init__ }} -->": "'cycler' is not a fact or macro",
    # Braces not written right
    "{% crisis_box() %}": "the braces are not written right ('crisis_box' is written inside {% %}, where a fact or macro needs {{ }})",
    "{{ }}": "the braces are not written right (nothing is written between {{ and }})",
    "{% %}": "the braces are not written right (nothing is written between {% and %})",
    "{{ clinic. }}": "the braces are not written right (a name is missing after a dot)",
    "{{ clinic.name x }}": "the braces are not written right ('x' stands where '}}' belongs)",
    "{{ clinic.name": "a '{{' is never closed; end it with '}}'",
    "Text {% and more": "a '{%' is never closed; end it with '%}'",
    "## A heading {#its-id}": "a '{#' is never closed; end it with '#}' (to give a heading an id, write { #its-id } with a space)",
}


@pytest.mark.parametrize("snippet, expected", REFUSED.items(), ids=REFUSED.keys())
def test_only_the_documented_facts_and_macros_may_be_used(allowed, snippet, expected):
    assert expected in refusal(snippet, allowed)


@pytest.mark.parametrize("snippet", [
    "{{ clinic.name }}", "{{ clinic.services }}", "{{ call_link() }}", '{{ call_link("Call us") }}', "{{ call_link(label='Call') }}",
    "{{ crisis_box() }}", "{{ crisis_box(2) }}", "{{ crisis_box(level=6) }}", "{{ routes_table() }}", "{{ side_effects_table() }}",
    "{{ glossary() }}", "{{- clinic.name -}}", "{# a note for editors, not shown #}", "Plain words } and { braces",
])
def test_what_the_guide_documents_is_allowed(allowed, snippet):
    assert check_page(HOME.replace(WHERE, f"{snippet}\n\n{WHERE}"), "docs/index.md", allowed) == []


def test_the_allow_list_is_what_the_readme_and_the_guide_document(allowed):
    """Both tables list exactly what pages may use: a macro added to macros.py and to both tables is allowed."""
    allowed_names = {f"{group}.{fact}" for group, facts in allowed.facts.items() for fact in facts} | {f"{name}()" for name in allowed.macros}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tables = {
        "README.md, Facts and macros": readme[readme.index("## Facts and macros"):readme.index("## Editorial standards")],
        "EDITING.md, Use facts on a page": GUIDE[GUIDE.index("## Use facts on a page"):GUIDE.index("## Add a page")],
    }
    for name, section in tables.items():
        rows = re.findall(r"^\| `\{\{ ([\w.]+(?:\(\))?) \}\}` \|", section, re.M)
        assert len(rows) == len(set(rows)), f"{name} lists a name twice"
        assert set(rows) == allowed_names, f"{name} lists {sorted(set(rows) - allowed_names)} that pages may not use, and misses {sorted(allowed_names - set(rows))}"


def test_the_plugins_own_macros_are_not_the_sites(allowed):
    assert set(allowed.macros) == {"call_link", "crisis_box", "routes_table", "side_effects_table", "glossary"}


@pytest.mark.parametrize("template, variables", [
    ("{{ cycler.__init__.__globals__ }}", {}),
    ("{{ lipsum }}", {}),
    ("{{ range(3) }}", {}),
    ("{{ call_link.__globals__ }}", {}),
    ("{{ clinic.__class__.__mro__ }}", {}),
    ("{{ clinic.name.__class__ }}", {}),
    ("{{ call_link.__code__.co_consts }}", {}),
    ("{{ config.__init__.__globals__ }}", {"config": object()}),
    ("{{ clinic.name | upper }}", {}),
    ("{% include 'mkdocs.yml' %}", {}),
])
def test_pages_are_rendered_in_jinjas_sandbox_as_a_second_wall(allowed, facts, template, variables):
    """Were the allow-list ever to miss something, the sandbox still refuses Python's insides."""
    box = page_code.sandboxed(jinja2.Environment(undefined=jinja2.StrictUndefined), allowed.macros)
    with pytest.raises((jinja2.exceptions.SecurityError, jinja2.UndefinedError, jinja2.TemplateError, TypeError)):
        box.from_string(template).render(clinic=facts.clinic, **variables)


def test_facts_print_as_text_in_the_sandbox(allowed):
    from types import SimpleNamespace
    box = page_code.sandboxed(jinja2.Environment(), allowed.macros)
    clinic = SimpleNamespace(name="# <b>Bold</b> *and* [a](link) {: .x} & 1. `code`")
    out = box.from_string("{{ clinic.name }}").render(clinic=clinic)
    assert "<b>" not in out and "*" not in out and "[" not in out and "{" not in out and "`" not in out
    assert out.startswith("&#35;") and "&lt;b&gt;Bold&lt;/b&gt;" in out and "&amp;" in out


# --- The same refusals from a real build: one line, the right line, the last good site kept ----------

@pytest.mark.parametrize("snippet, expected", [
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}",
     r"docs/index\.md: line \d+: 'cycler' is not a fact or macro this site knows; use one listed in 'Use facts on a page' in EDITING\.md"),
    ("{{ clinic }}", r"docs/index\.md: line \d+: 'clinic' is a group of facts; write one of them, such as \{\{ clinic\.name \}\}"),
    ("{{ clinic.phone }}", r"docs/index\.md: line \d+: 'clinic' has no fact named 'phone' that pages may use; use one listed in"),
    ("{{ call_link }}", r"docs/index\.md: line \d+: 'call_link' is a ready-made block and needs its brackets; write \{\{ call_link\(\) \}\}"),
    ("{{ clinic.name | upper }}", r"docs/index\.md: line \d+: \{\{ \}\} may hold only a fact or a macro, not a filter \('upper'\); write it as"),
    ("{% include 'index.md' %}", r"docs/index\.md: line \d+: '\{% include %\}' cannot be used on a page \(a page is words, not a program\); write only"),
    ("{{ crisis_box(7) }}", r"docs/index\.md: line \d+: \{\{ \}\} could not be filled in \(crisis_box\(\) takes a whole number from 2 to 6 for level, not 7\)"),
    ("Write `{{ macros_info() }}` here.", r"docs/index\.md: line \d+: 'macros_info' is not a fact or macro this site knows"),
], ids=["Python through cycler", "a whole fact group", "an undocumented fact", "a macro without brackets",
        "a filter", "an include", "a heading level out of range", "inside a code span"])
def test_a_page_that_reaches_for_code_is_refused_by_the_build(project, snippet, expected):
    refused_by_the_build(project, "docs/index.md", "## Learn more", f"{snippet}\n\n## Learn more", expected)


def test_front_matter_cannot_switch_the_checks_off(project):
    refused_by_the_build(project, "docs/index.md", "description:", "render_macros: false\ndescription:",
                         r"docs/index\.md: line 3: render_macros: 'render_macros' is not a known front-matter name; check its spelling")


# --- Front matter: a fact is filled in, anything else in braces refused ----------------------------------

@pytest.mark.parametrize("old, new, expected", [
    ("title: The future of ketamine therapy", "title: The future {{ config }}",
     r"docs/future\.md: line 2: title: 'config' is not a fact or macro this site knows; use one listed in"),
    ("description: ", "description: Call {{ call_link() }} today. ",
     r"docs/future\.md: line 3: description: 'call_link\(\)' makes a part of a page and cannot go here; write a fact such as"),
    ("title: The future of ketamine therapy", "title: The future {% if true %}now{% endif %}",
     r"docs/future\.md: line 2: title: '\{% if %\}' cannot be used on a page"),
], ids=["the config in a title", "a macro in a description", "a statement in a title"])
def test_front_matter_takes_facts_only(project, old, new, expected):
    refused_by_the_build(project, "docs/future.md", old, new, expected)


def test_a_fact_in_a_title_is_filled_in(project, facts):
    project.edit("docs/future.md", "title: The future of ketamine therapy", "title: The future of ketamine therapy at {{ clinic.name }}")
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project.site / "future" / "index.html").read_text(encoding="utf-8")
    assert f"<title>The future of ketamine therapy at {facts.clinic.name} - " in html and "{{" not in html
