"""The crisis lines cannot be mistyped, and crisis help stands beside every first mention of suicide or self-harm."""

from __future__ import annotations

import re

import pytest

from site_build.crisis_help import missing_crisis_help
from support import ROOT, page_file, soup
from test_bad_edits import assert_edit_refused, assert_refused_cleanly, snapshot

CRISIS = (ROOT / "data" / "crisis.yml").read_text(encoding="utf-8")
NATIONAL = r"data/crisis\.yml: line \d+: {where}: \"{typed}\" is not {number}, the national number of .*; it never changes: write \"{number}\""
TYPED = r"data/crisis\.yml: line \d+: {where}: types a number \(\"{typed}\"\); write \{{number\}} where the number goes"

# (what the editor did, file, text replaced, replacement, the line the build must print)
CRISIS_EDITS = [
    ("988 mistyped as 998", "data/crisis.yml", 'number: "988"', 'number: "998"',
     NATIONAL.format(where="lifeline → number", typed="998", number="988")),
    ("911 mistyped as 912", "data/crisis.yml", 'number: "911"', 'number: "912"',
     NATIONAL.format(where="emergency → number", typed="912", number="911")),
    ("a letter in 911", "data/crisis.yml", 'number: "911"', 'number: "9l1"',
     NATIONAL.format(where="emergency → number", typed="9l1", number="911")),
    ("988 in full-width digits", "data/crisis.yml", 'number: "988"', 'number: "９８８"',
     NATIONAL.format(where="lifeline → number", typed="９８８", number="988")),
    ("911 in Arabic-Indic digits", "data/crisis.yml", 'number: "911"', 'number: "٩١١"',
     NATIONAL.format(where="emergency → number", typed="٩١١", number="911")),
    ("988 written as a number with a space", "data/crisis.yml", 'number: "988"', 'number: "98 8"',
     NATIONAL.format(where="lifeline → number", typed="98 8", number="988")),
    ("a different number typed in the words", "data/crisis.yml", "right now, call {number}.", "right now, call 912.",
     TYPED.format(where="emergency → when → en", typed="912")),
    ("a different number typed in the Spanish words", "data/crisis.yml", "ahora mismo, llame al {number}.", "ahora mismo, llame al 912.",
     TYPED.format(where="emergency → when → es", typed="912")),
    ("the line's own number typed in its name", "data/crisis.yml", '"{number} Suicide', '"988 Suicide',
     TYPED.format(where="lifeline → name → en", typed="988")),
    ("the line's own number typed in its Spanish name", "data/crisis.yml", "Línea {number} de", "Línea 988 de",
     TYPED.format(where="lifeline → name → es", typed="988")),
    ("a number in other digits typed in the words", "data/crisis.yml", "In an emergency, call {number}.", "In an emergency, call ٩١١.",
     TYPED.format(where="emergency → footer → en", typed="٩١١")),
    ("a number typed in the heading", "data/crisis.yml", "en: Help is here", "en: Call 988, help is here",
     r"data/crisis\.yml: line \d+: heading → en: types a number \(\"988\"\); write \{number\} where the number goes"),
    ("a number typed in the Spanish heading", "data/crisis.yml", "es: Hay ayuda", "es: Llame al 988, hay ayuda",
     r"data/crisis\.yml: line \d+: heading → es: types a number \(\"988\"\); write \{number\} where the number goes"),
    ("a misspelt {number}", "data/crisis.yml", "Call or text {number}", "Call or text {numbr}",
     r"data/crisis\.yml: line \d+: lifeline → when → en: \{numbr\} is not a value this entry has; use \{number\}"),
    ("a misspelt {number} in Spanish", "data/crisis.yml", "Llame o envíe un mensaje de texto al {number}", "Llame o envíe un mensaje de texto al {número}",
     r"data/crisis\.yml: line \d+: lifeline → when → es: \{número\} is not a value this entry has; use \{number\}"),
    ("a brace left open", "data/crisis.yml", "Call or text {number}", "Call or text {number",
     r"data/crisis\.yml: line \d+: lifeline → when → en: has a \{ or \} that is not part of a \{name\}; write \{number\} where the number goes"),
    ("the footer without its number", "data/crisis.yml", "In an emergency, call {number}.", "In an emergency, call for help.",
     r"data/crisis\.yml: line \d+: emergency → footer → en: never says \{number\}; write \{number\} where it goes"),
    ("the Spanish footer without its number", "data/crisis.yml", "En una emergencia, llame al {number}.", "En una emergencia, pida ayuda.",
     r"data/crisis\.yml: line \d+: emergency → footer → es: never says \{number\}; write \{number\} where it goes"),
    ("the Spanish words of the crisis box missing", "data/crisis.yml",
     "  es: >-\n    Si tiene pensamientos de suicidio o de hacerse daño, o si le preocupa otra persona, no tiene que\n"
     "    enfrentarlo sin apoyo. Pedir ayuda es un paso valiente.\n", "",
     r"data/crisis\.yml: line \d+: message: has no Spanish wording; add a line es: with the Spanish words below en:"),
    ("the Veterans option pressing 3", "data/crisis.yml", 'press: "1"', 'press: "3"',
     r"data/crisis\.yml: line \d+: lifeline → veterans → press: \"3\" is not what the 988 Lifeline publishes; it never changes here: write \"1\""),
    ("the Spanish option pressing 1", "data/crisis.yml", 'press: "2"', 'press: "1"',
     r"data/crisis\.yml: line \d+: lifeline → spanish → press: \"1\" is not what the 988 Lifeline publishes; it never changes here: write \"2\""),
    ("the Spanish text word changed", "data/crisis.yml", "word: AYUDA", "word: HELP",
     r"data/crisis\.yml: line \d+: lifeline → spanish → word: \"HELP\" is not what the 988 Lifeline publishes; it never changes here: write \"AYUDA\""),
    ("the TTY relay changed", "data/crisis.yml", 'relay: "711"', 'relay: "411"',
     r"data/crisis\.yml: line \d+: lifeline → tty → relay: \"411\" is not what the 988 Lifeline publishes; it never changes here: write \"711\""),
    ("the chat link sent elsewhere", "data/crisis.yml", "link: https://988lifeline.org/chat", "link: https://988-lifeline.example/chat",
     r"data/crisis\.yml: line \d+: lifeline → chat → link: \"https://988-lifeline\.example/chat\" is not what the 988 Lifeline publishes"),
    ("an option that never says its value", "data/crisis.yml", "en: Call {number} and press {press}.", "en: Call {number}.",
     r"data/crisis\.yml: line \d+: lifeline → veterans → how → en: never says \{press\}; write \{press\} where it goes"),
    ("a Spanish option that never says its value", "data/crisis.yml", "es: Llame al {number} y marque el {press}.\n", "es: Llame al {number}.\n",
     r"data/crisis\.yml: line \d+: lifeline → veterans → how → es: never says \{press\}; write \{press\} where it goes"),
]


@pytest.mark.parametrize("edit", CRISIS_EDITS, ids=[e[0] for e in CRISIS_EDITS])
def test_a_crisis_line_cannot_be_mistyped(project, edit):
    assert_edit_refused(project, edit)


@pytest.mark.parametrize("line", ["lifeline", "emergency"])
def test_a_deleted_crisis_line_is_refused(project, line):
    # The whole entry, from its name to the next one (or the end of the file).
    start = CRISIS.index(f"\n{line}:\n") + 1
    end = CRISIS.find("\n# ", start)
    project.edit("data/crisis.yml", CRISIS[start:end if end != -1 else None], "")
    before = snapshot(project.site)
    result = project.build()
    assert_refused_cleanly(project, result, rf"data/crisis\.yml: {line}: this fact is missing; add it")
    assert snapshot(project.site) == before


def test_an_unquoted_number_is_read_as_the_same_number(project):
    project.edit("data/crisis.yml", 'number: "911"', "number: 911")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert soup(page_file(project.site, "index")).find("a", href="tel:911")


# --- Crisis help beside the first mention of suicide or self-harm -----------------------------------

NEAR = (r'docs/{page}\.md: line \d+: "{words}" is said here without crisis help beside it; '
        r"put \{{\{{ crisis_box\(\) \}}\}} on its own line right after this {block}, before the next heading")

MENTION_EDITS = [
    ("suicidal, in a paragraph", "docs/future.md", "Looking ahead,", "Some people have suicidal thoughts. Looking ahead,",
     NEAR.format(page="future", words="suicidal", block="paragraph")),
    ("self-harm, in a paragraph", "docs/future.md", "Looking ahead,", "Self-harm is a risk for some. Looking ahead,",
     NEAR.format(page="future", words="Self-harm", block="paragraph")),
    ("self harm, without the dash", "docs/future.md", "Looking ahead,", "Some people self harm. Looking ahead,",
     NEAR.format(page="future", words="self harm", block="paragraph")),
    ("kill themselves", "docs/future.md", "Looking ahead,", "Some people think they might kill themselves. Looking ahead,",
     NEAR.format(page="future", words="kill themselves", block="paragraph")),
    ("suicide, in a list item", "docs/future.md", "## Care that fits each person\n",
     "## Care that fits each person\n\n- Thoughts of suicide can pass.\n- Help is there.\n",
     NEAR.format(page="future", words="suicide", block="list")),
    ("suicide, in a heading", "docs/future.md", "## Care that fits each person", "## Care for suicidal feelings",
     NEAR.format(page="future", words="suicidal", block="heading")),
    ("suicide, in a note", "docs/future.md", "Looking ahead,", "!!! note\n    Suicidal thoughts can pass.\n\nLooking ahead,",
     NEAR.format(page="future", words="Suicidal", block="block")),
    ("suicide, in emphasis", "docs/future.md", "Looking ahead,", "Some feel **suicidal**. Looking ahead,",
     NEAR.format(page="future", words="suicidal", block="paragraph")),
    ("a mention in a later section, the box only above it", "docs/index.md", "- [How does ketamine therapy work?]",
     "Thoughts of suicide can pass.\n\n- [How does ketamine therapy work?]",
     NEAR.format(page="index", words="suicide", block="paragraph")),
    ("the first mention without its box, a later one with it", "docs/treatment-process.md", "## How treatment is given\n",
     "## How treatment is given\n\nSome people have suicidal thoughts.\n",
     NEAR.format(page="treatment-process", words="suicidal", block="paragraph")),
    # The same rule on the Spanish pages, in Spanish words.
    ("suicidas, in a Spanish paragraph", "docs/future.es.md", "Mirando hacia adelante,",
     "Algunas personas tienen pensamientos suicidas. Mirando hacia adelante,",
     NEAR.format(page="future\\.es", words="suicidas", block="paragraph")),
    ("quitarse la vida", "docs/future.es.md", "Mirando hacia adelante,",
     "Algunas personas piensan en quitarse la vida. Mirando hacia adelante,",
     NEAR.format(page="future\\.es", words="quitarse la vida", block="paragraph")),
    ("autolesión, in a Spanish list", "docs/future.es.md", "## Una atención adaptada a cada persona\n",
     "## Una atención adaptada a cada persona\n\n- La autolesión es un riesgo.\n- Hay ayuda.\n",
     NEAR.format(page="future\\.es", words="autolesión", block="list")),
    ("hacerse daño, in a Spanish heading", "docs/future.es.md", "## Una atención adaptada a cada persona",
     "## Cuando alguien piensa en hacerse daño",
     NEAR.format(page="future\\.es", words="hacerse daño", block="heading")),
    ("suicidio, the first Spanish mention without its box", "docs/treatment-process.es.md", "## Cómo se da el tratamiento\n",
     "## Cómo se da el tratamiento\n\nAlgunas personas piensan en el suicidio.\n",
     NEAR.format(page="treatment-process\\.es", words="suicidio", block="paragraph")),
]


@pytest.mark.parametrize("edit", MENTION_EDITS, ids=[e[0] for e in MENTION_EDITS])
def test_a_mention_of_suicide_without_crisis_help_beside_it_is_refused(project, edit):
    _, path, old, new, expected = edit
    source = (project.root / path).read_text(encoding="utf-8")
    # The line named is the mention's own: where the edit put it.
    first = re.search(r"(?i)suicid|self|kill|quitar|autoles|hacerse", new)
    mention_line = source[: source.index(old)].count("\n") + 1 + new[: first.start()].count("\n")
    before = snapshot(project.site)
    project.edit(path, old, new)
    said = assert_refused_cleanly(project, project.build(), expected)
    assert f": line {mention_line}: " in said, said
    assert snapshot(project.site) == before


def test_a_mention_in_a_table_made_from_data_names_the_line_that_shows_the_table(project):
    project.edit("data/side_effects.yml", "  - name:\n      en: Confusion",
                 "  - name: {en: Thoughts of self-harm, es: Pensamientos de autolesión}\n"
                 "    detail: {en: Some people may have them., es: Algunas personas pueden tenerlos.}\n"
                 "  - name:\n      en: Confusion")
    before = snapshot(project.site)
    said = assert_refused_cleanly(project, project.build(), NEAR.format(page="side-effects", words="self-harm", block="table"))
    lines = (project.root / "docs" / "side-effects.md").read_text(encoding="utf-8").splitlines()
    table_line = next(n for n, text in enumerate(lines, start=1) if "side_effects_table()" in text)
    assert f": line {table_line}: " in said
    assert snapshot(project.site) == before


def test_crisis_help_right_after_the_mention_builds(project):
    project.edit("docs/future.md", "Looking ahead,", "Some people have suicidal thoughts.\n\n{{ crisis_box() }}\n\nLooking ahead,")
    result = project.build()
    assert result.returncode == 0, result.stderr
    paragraph = soup(page_file(project.site, "future")).find(string=re.compile("suicidal thoughts")).find_parent("p")
    assert "crisis-box" in paragraph.find_next_sibling()["class"]


@pytest.mark.parametrize("html, missing", [
    ("<p>Nothing to see.</p>", None),
    ("<p>Some feel suicidal.</p><section class='crisis-box'><p>suicide</p></section>", None),
    ("<p>Some feel suicidal.</p><!-- a note --><section class='crisis-box'></section>", None),
    ("<p>Some feel suicidal.</p><p>More.</p><section class='crisis-box'></section>", ("suicidal", "paragraph")),
    ("<section class='crisis-box'><p>thoughts of suicide</p></section><h2>Next</h2><p>Suicide.</p>", ("Suicide", "paragraph")),
    ("<p>A risk of self-<em>harm</em>.</p>", ("self-harm", "paragraph")),
    ("<p>A risk of self&#8209;harm.</p>", ("self\u2011harm", "paragraph")),
    ("<table><tr><td>Nausea</td><td>Suicidal thoughts</td></tr></table>", ("Suicidal", "table")),
    ("<div class='admonition'><p>Suicidal thoughts.</p><section class='crisis-box'></section></div>", None),
    ("<ul><li>One</li><li>taking their own life</li></ul><section class='crisis-box'></section>", None),
    ("<p>Pensamientos de suicidio.</p>", ("suicidio", "paragraph")),
    ("<p>Suicide<script>var x;</script></p><section class='crisis-box'></section>", None),
    ("<p>A decision.</p><p>Nauseous.</p>", None),
])
def test_the_rule_reads_the_words_as_a_visitor_does(html, missing):
    found = missing_crisis_help(html)
    assert (found and (found.words, found.block)) == missing if missing else found is None
