"""Facts and front matter say what they mean: a slip in data/ or at the top of a page stops the build with one clear line."""

from __future__ import annotations

import re

import pytest
import yaml

from guide import explains
from support import ROOT
from test_bad_edits import assert_refused_cleanly, snapshot
from site_build.checks import Problems, check_yaml
from site_build.facts import FILES, WORDS, check_languages

# Words from Python or pydantic that must never reach an editor.
JARGON = re.compile(r"input should|valid (string|integer|number|dict|list)|Traceback|Error\b|\bNone\b|<class|pydantic|type=", re.I)


def refused_by_the_build(project, path: str, old: str, new: str, expected: str, *, line: int | None = None) -> str:
    """Make the edit in a copy of the project, build it and check the refusal as test_bad_edits does.

    The line named is the edited line, or `line` when the slip shows on another one."""
    before = snapshot(project.site)
    source = (project.root / path).read_text(encoding="utf-8")
    edited_line = source[: source.index(old)].count("\n") + 1
    project.edit(path, old, new)
    said = assert_refused_cleanly(project, project.build(), expected)
    assert not JARGON.search(said), said
    assert f": line {line or edited_line}: " in said, said
    assert snapshot(project.site) == before, "the last good site must be kept"
    return said


def one_line(text: str, name: str, *, first_line: int = 1, context: dict | None = None, model=None, words=WORDS) -> str:
    """The one line that checking `text` as data/<name>.yml (or as `model`) gives, in an editor's words: in
    every language, as the build checks data."""
    with pytest.raises(Problems) as refused:
        check_languages(text, f"data/{name}.yml", model or FILES[name], words, first_line=first_line, context=context)
    lines = refused.value.lines
    assert len(lines) == 1, lines
    said = lines[0]
    assert "; " in said and explains(said), f"EDITING.md does not explain: {said}"
    assert not JARGON.search(said), said
    return said


def data(name: str) -> str:
    return (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- 1. Phone numbers: plain digits only ------------------------------------------------------------

FOREIGN_DIGITS = {
    "full-width": "(８５６) 666-2441",
    "Arabic-Indic": "(856) ٦٦٦-2441",
    "Extended Arabic-Indic": "(856) 666-۲۴۴۱",
    "Devanagari": "(८५६) 666-2441",
    "Bengali": "(856) 666-২441",
    "mathematical bold": "(856) 𝟔66-2441",
    "superscript": "(856) 666-244¹",
}


@pytest.mark.parametrize("phone", FOREIGN_DIGITS.values(), ids=FOREIGN_DIGITS.keys())
def test_a_phone_number_takes_plain_digits_only(phone):
    text = data("clinic")
    said = one_line(text.replace('"(856) 666-2441"', f'"{phone}"'), "clinic")
    assert said.startswith(f"data/clinic.yml: line {line_of(text, 'phone:')}: phone: "), said
    assert "not a plain 0 to 9" in said and "keyboard's own digits" in said


def test_a_phone_number_with_foreign_digits_is_refused_by_the_build(project):
    refused_by_the_build(project, "data/clinic.yml", '"(856) 666-2441"', '"(８５６) ６６６-２４４１"',
                         r'data/clinic\.yml: line \d+: phone: "\(８５６\) ６６６-２４４１" has the digit "８", which is not a plain 0 to 9')


def test_a_review_date_takes_plain_digits_only(project):
    refused_by_the_build(project, "docs/future.md", "---\n\n# The future", "reviewed: ٢٠٢٦-11-25\n---\n\n# The future",
                         r'docs/future\.md: line 4: reviewed: "٢٠٢٦-\d\d-\d\d" has the digit "٢", which is not a plain 0 to 9')


# --- 2. Files saved as UTF-8 (a byte-order mark is fine) --------------------------------------------

NOT_UTF8 = r"{}: line {}: the file is not saved as UTF-8 \(the text here cannot be read\); save it as UTF-8"


def save_as(project, path: str, encoding: str, old: str = "", new: str = "") -> int:
    """Save a file of the copy in another encoding, with an edit; returns the line of the edit."""
    file = project.root / path
    text = file.read_text(encoding="utf-8")
    file.write_bytes(text.replace(old, new, 1).encode(encoding))
    return line_of(text, old) if old else 1


@pytest.mark.parametrize("path, encoding, old, new", [
    ("data/clinic.yml", "latin-1", "es: servicios de tratamiento de adicciones", "es: servicios de tratamiento de adicción"),
    ("docs/future.md", "cp1252", "seems bright.", "seems bright \u2013 we hope."),
    ("docs/future.md", "utf-16", "", ""),
], ids=["Latin-1 data", "Windows dash on a page", "UTF-16 page"])
def test_a_file_not_saved_as_utf8_is_refused(project, path, encoding, old, new):
    before = snapshot(project.site)
    line = save_as(project, path, encoding, old, new)
    said = assert_refused_cleanly(project, project.build(), NOT_UTF8.format(re.escape(path), line))
    assert not JARGON.search(said)
    assert snapshot(project.site) == before


@pytest.mark.parametrize("encoding, old, new", [
    # The file's first letters beyond ASCII (its Spanish) are where another encoding shows first.
    ("cp1252", "es: Anestésico", "es: \u201cAnestésico\u201d"),
    ("mac-roman", "es: Anestésico", "es: Anestésico"),
    ("utf-16", "", ""),
    ("utf-16-le", "", ""),  # no byte-order mark: the NUL bytes give it away
    ("utf-32", "", ""),
], ids=["Windows quotes", "Mac accents", "UTF-16", "UTF-16 without a mark", "UTF-32"])
def test_any_encoding_but_utf8_is_named_with_its_line(tmp_path, encoding, old, new):
    from site_build.checks import read_text
    text = data("glossary")
    path = tmp_path / "glossary.yml"
    path.write_bytes(text.replace(old, new, 1).encode(encoding))
    with pytest.raises(Problems) as refused:
        read_text(path, "data/glossary.yml")
    [said] = refused.value.lines
    assert re.fullmatch(NOT_UTF8.format(r"data/glossary\.yml", line_of(text, old) if old else 1) + r" \(.*\)", said), said
    assert explains(said)


def test_a_byte_order_mark_or_windows_line_ends_are_fine_in_pages_and_data(project, facts):
    for path in ["docs/future.md", "data/clinic.yml", "data/glossary.yml"]:
        file = project.root / path
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    for path in ["docs/side-effects.md", "data/routes.yml"]:
        file = project.root / path
        file.write_bytes(file.read_bytes().replace(b"\n", b"\r\n"))
    result = project.build()
    assert result.returncode == 0, result.stdout + result.stderr
    future = (project.site / "future" / "index.html").read_text(encoding="utf-8")
    assert "<title>The future of ketamine therapy - " in future and "\ufeff" not in future
    assert facts.clinic.name in future


# --- 2. Invisible characters, named with their line ---------------------------------------------

INVISIBLE = {
    "no-break space": "\u00a0", "narrow no-break space": "\u202f", "em space": "\u2003",
    "ideographic space": "\u3000", "zero width space": "\u200b", "zero width joiner": "\u200d",
    "word joiner": "\u2060", "byte-order mark inside the text": "\ufeff", "soft hyphen": "\u00ad",
    "right-to-left override": "\u202e", "left-to-right mark": "\u200e", "bell": "\x07",
    "escape": "\x1b", "vertical tab": "\x0b", "form feed": "\x0c", "next line (C1)": "\x85",
    "line separator": "\u2028", "paragraph separator": "\u2029", "Hangul filler": "\u3164",
    "tab inside a value": "\t",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
@pytest.mark.parametrize("name, old", [
    ("clinic", "  en: addiction treatment"),
    ("clinic", "  es: servicios de tratamiento"),
    ("glossary", "      en: Glutamate"),
    ("crisis", "  es: Hay ayuda si está"),
    ("interface", "    es: Ayuda por teléfono"),
    ("routes", "# The ways ketamine can be given"),  # even in a comment: nobody can see it there either
], ids=["English fact", "Spanish fact", "English term", "Spanish crisis words", "Spanish interface words", "comment"])
def test_an_invisible_character_is_named_with_its_line(char, name, old):
    text = data(name)
    cut = len(old) - 3
    said = one_line(text.replace(old, old[:cut] + char + old[cut:], 1), name)
    assert said.startswith(f"data/{name}.yml: line {line_of(text, old)}: has an invisible "), said
    shown = re.search(r'after "(.+)"; ', said)[1]  # the words just before it, to find the spot
    assert old[:cut].strip().endswith(shown) and len(shown) >= 10, said


def test_a_tab_inside_a_value_is_not_taken_for_an_indent():
    text = data("clinic")
    said = one_line(text.replace("  es: servicios", "  es:\tservicios"), "clinic")
    assert said == f'data/clinic.yml: line {line_of(text, "  es: servicios")}: has an invisible tab after "es:"; type spaces instead'


@pytest.mark.parametrize("path, old, new, expected", [
    ("data/clinic.yml", "es: servicios de tratamiento", "es: servicios de\u00a0tratamiento",
     r'data/clinic\.yml: line \d+: has an invisible no-break space \(U\+00A0\) after "es: servicios de"; type an ordinary space instead'),
    ("docs/future.md", "title: The future", "title: The\u200b future",
     r'docs/future\.md: line 2: has an invisible zero width space \(U\+200B\) after "title: The"; retype the text'),
], ids=["no-break space in data", "zero-width space in a title"])
def test_an_invisible_character_is_refused_by_the_build(project, path, old, new, expected):
    refused_by_the_build(project, path, old, new, expected)


# --- 2. A name written twice -------------------------------------------------------------------------

@pytest.mark.parametrize("name, old, extra, where, first", [
    ("clinic", "services:", 'phone: "(555) 111-2222"\n', "phone", 'phone: "(856)'),
    ("clinic", "  es: servicios de tratamiento de adicciones\n", "  es: servicios\n", "services → es", "es: servicios de tratamiento"),
    ("clinic", "# Shown at the foot", "name: Another Clinic\n", "name", "name: The Haven"),
    ("routes", "      es: A menudo, en una clínica.\n", "      es: En casa.\n", "routes → entry 1 → setting → es", "es: A menudo"),
    ("glossary", "      en: [antidepressant, antidepressants]\n", "      en: [antidepressive]\n",
     "terms → entry 2 → marks → en", "en: [antidepressant,"),
    ("standards", "max_reading_grade: 8\n", "review_cycle_months: 24\n", "review_cycle_months", "review_cycle_months: 12"),
    ("crisis", '    relay: "711"\n', '    relay: 711\n', "lifeline → tty → relay", 'relay: "711"'),
    ("side_effects", "      es: Confusión\n", "      es: Confusión otra vez\n", "side_effects → entry 5 → name → es", "es: Confusión\n"),
    ("interface", "  es: Español\n", "  es: Castellano\n", "language_name → es", "es: Español\n"),
])
def test_a_name_written_twice_names_both_lines(name, old, extra, where, first):
    text = data(name)
    edited = text.replace(old, old + extra, 1) if old.endswith("\n") else text.replace(old, extra + old, 1)
    said = one_line(edited, name)
    assert said == (f"data/{name}.yml: line {line_of(edited, extra)}: {where}: is written twice, on lines "
                    f"{line_of(edited, first)} and {line_of(edited, extra)}; keep one and delete the other")


def test_a_name_written_twice_in_the_front_matter_counts_the_page_lines():
    from site_build.pages import WORDS as PAGE_WORDS, FrontMatter
    said = one_line("title: A page\ndescription: x\nreviewed: 2026-01-01\ndescription: y\n", "page", first_line=2,
                    model=FrontMatter, words=PAGE_WORDS)
    assert said.startswith("data/page.yml: line 5: description: is written twice, on lines 3 and 5; ")


@pytest.mark.parametrize("path, old, new, expected", [
    ("data/clinic.yml", "services:", 'phone: "(555) 111-2222"\nservices:',
     r"data/clinic\.yml: line 13: phone: is written twice, on lines 10 and 13; keep one and delete the other"),
    ("docs/future.md", "---\n\n# The future", "description: A second description that is long enough to pass the length check.\n---\n\n# The future",
     r"docs/future\.md: line 4: description: is written twice, on lines 3 and 4; keep one and delete the other"),
], ids=["phone twice", "description twice in the front matter"])
def test_a_name_written_twice_is_refused_by_the_build(project, path, old, new, expected):
    refused_by_the_build(project, path, old, new, expected)


# --- 2. Wrong types, in an editor's words ----------------------------------------------------------

# What an editor may type where something else is expected, as YAML reads it.
WRONG_VALUES = {
    "a number": "8566662441", "a decimal": "4.5", "yes": "yes", "no": "no", "on": "on", "off": "Off",
    "true": "TRUE", "a blank": "", "null": "null", "a tilde": "~", "empty quotes": '""', "only spaces in quotes": '"   "',
    "a date": "2026-01-01", "a date and time": "2026-01-01 10:30:00", "a list": "[a, b]", "an empty list": "[]",
    "a mapping": "{a: b}", "an empty mapping": "{}", "a list below": "\n  - a\n  - b", "names below": "\n  first: a\n  second: b",
    "negative": "-3", "infinity": ".inf", "not a number": ".nan", "hexadecimal": "0x1F",
}


def values_to_replace(text: str):
    """Every name's value in a YAML text (the first entry of each list): its name, line and where it is."""
    def walk(node, loc):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(value, yaml.ScalarNode) or not isinstance(value.value, list) or value.flow_style:
                    yield loc + (key.value,), key.start_mark.line + 1, value
                else:
                    yield from walk(value, loc + (key.value,))
        elif isinstance(node, yaml.SequenceNode) and node.value:
            yield from walk(node.value[0], loc + (0,))
    yield from walk(yaml.compose(text), ())


# The interface's words are all of one kind (a text in each language, some with their {names}).
INTERFACE_SAMPLE = ("language_name", "actions", "routes_table")


def wrong_value_cases():
    from site_build.pages import FrontMatter, WORDS as PAGE_WORDS
    front = (ROOT / "docs" / "future.md").read_text(encoding="utf-8").split("---")[1].lstrip("\n")
    sources = [(name, data(name), FILES[name], WORDS, 1) for name in FILES]
    sources.append(("future.md front matter", front, FrontMatter, PAGE_WORDS, 2))
    for name, text, model, words, first_line in sources:
        spanish = 0
        for loc, line, node in values_to_replace(text):
            if name == "interface" and loc[0] not in INTERFACE_SAMPLE:
                continue  # every text of it is the same kind of value: a sample is enough
            if loc[-1] == "es":  # a text's Spanish words are read as its English ones are: a sample of each file
                spanish += 1
                if spanish > 2:
                    continue
            start, end = node.start_mark.index, node.end_mark.index
            for label, wrong in WRONG_VALUES.items():
                if wrong.startswith("\n"):  # a block below the name, indented under it
                    column = text.rfind("\n", 0, start) + 1
                    key_column = len(text[column:start]) - len(text[column:start].lstrip(" -"))
                    wrong = wrong.replace("\n  ", "\n" + " " * (key_column + 2))
                kept = text[start:end][len(text[start:end].rstrip()):]  # a folded text's last line break
                edited = text[:start].rstrip(" ") + ("" if wrong.startswith("\n") else " ") + wrong + kept + text[end:]
                key = " → ".join(f"entry {p + 1}" if isinstance(p, int) else p for p in loc)
                yield pytest.param(edited, model, words, first_line, line + first_line - 1, key, id=f"{name}: {key} = {label}")


@pytest.mark.parametrize("edited, model, words, first_line, line, key", list(wrong_value_cases()))
def test_a_wrong_value_is_explained_in_plain_words_on_its_line(edited, model, words, first_line, line, key, facts):
    from datetime import date
    try:
        check_languages(edited, "file.yml", model, words, first_line=first_line, context={"facts": facts, "today": date.today()})
    except Problems as refused:
        # One line, or one for each entry of a list given where one entry belongs.
        assert len(refused.lines) == 1 or len({line.split(": ")[2] for line in refused.lines}) == len(refused.lines), refused.lines
        first = re.match(r"file\.yml: line (\d+): (.+?): ", refused.lines[0])
        assert first and first[2].startswith(key) and line <= int(first[1]) <= line + 2, refused.lines[0]
        for said in refused.lines:
            assert "; " in said and explains(said), f"EDITING.md does not explain: {said}"
            assert not JARGON.search(said), said
            assert not re.search(r"\[\]|\{\}|'[^']*', '|datetime|\bTrue\b|\bFalse\b", said), f"Python's way of writing a value: {said}"


def test_a_value_that_fits_is_taken_as_written():
    from site_build.facts import Glossary, Routes, Standards
    standards = check_yaml("review_cycle_months: 6\nmax_reading_grade: 7.5\ntarget_inflesz: 70\nmin_inflesz: 60.5\n"
                           "max_image_kb: 150\n", "s", Standards, WORDS)
    assert (standards.max_reading_grade, standards.min_inflesz, standards.max_image_kb) == (7.5, 60.5, 150)
    both = "{en: x, es: y}"
    route = f"routes:\n  - name: {both}\n    also_called: {both}\n    how: {both}\n    uses: {both}\n    setting:\n"
    routes = check_languages(f"caption: {both}\n" + route, "r", Routes, WORDS)
    assert routes["es"].routes[0].setting is None  # left blank: not stated
    assert (routes["en"].caption, routes["es"].caption) == ("x", "y")
    glossary = ("terms:\n  - term: {en: Neuron, es: Neurona}\n    marks:\n      en:\n        - neurons\n        - neuron\n"
                "      es: [neuronas]\n    definition: {en: A nerve cell., es: Una célula nerviosa.}\n")
    marks = check_languages(glossary, "g", Glossary, WORDS)
    assert (marks["en"].terms[0].marks, marks["es"].terms[0].marks) == (["neurons", "neuron"], ["neuronas"])


@pytest.mark.parametrize("path, old, new, expected", [
    ("data/clinic.yml", '"(856) 666-2441"', "8566662441",
     r'data/clinic\.yml: line 10: phone: 8566662441 is read as a number, not as text; put it in double quotes: "8566662441"'),
    ("data/clinic.yml", "  en: addiction treatment services", "  en: yes",
     r'data/clinic\.yml: line 14: services → en: yes is read as yes or no \(true or false\), not as text; put it in double quotes: "yes"'),
    ("data/clinic.yml", "  es: servicios de tratamiento de adicciones", "  es:",
     r"data/clinic\.yml: line 15: services → es: is empty; write it, or restore it from Git"),
    ("data/standards.yml", "review_cycle_months: 12", "review_cycle_months: 0",
     r"data/standards\.yml: line \d+: review_cycle_months: is 0; write a whole number from 1 to 60"),
    ("data/glossary.yml", "en: [glutamate]", "en: glutamate",
     r'data/glossary\.yml: line \d+: terms → entry 6 → marks → en: is one value, where a list is expected; write it as a list, like \[glutamate\]'),
    ("docs/future.md", "title: The future of ketamine therapy", "title: 2030",
     r'docs/future\.md: line 2: title: 2030 is read as a number, not as text; put it in double quotes: "2030"'),
    ("docs/future.md", "---\n\n# The future", "reviewed: yes\n---\n\n# The future",
     r"docs/future\.md: line 4: reviewed: yes is read as yes or no \(true or false\), not as a date; write it like 2026-11-24"),
], ids=["phone as a number", "yes as text", "blank Spanish value", "number out of range", "one mark, not a list",
        "title as a number", "yes as a date"])
def test_a_wrong_value_is_refused_by_the_build(project, path, old, new, expected):
    refused_by_the_build(project, path, old, new, expected)


# --- 2. Names are unique; a glossary mark is a real term ---------------------------------------------

def glossary_with(old: str, new: str) -> str:
    text = data("glossary")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("lang, mark", [
    *(("en", mark) for mark in ["it", "It", "the", "and", "for", "with", "you", "may", "can", "use", "people", "more"]),
    *(("es", mark) for mark in ["de", "La", "que", "para", "puede", "usted", "más", "también"]),
])
def test_an_everyday_word_is_not_a_glossary_mark(lang, mark):
    marks = {"en": "[glutamate]", "es": "[glutamato]"}[lang]
    said = one_line(glossary_with(f"{lang}: {marks}", f"{lang}: {marks[:-1]}, {mark}]"), "glossary")
    assert said.endswith(f'marks → {lang} → entry 2: "{mark}" is an everyday word, so it would be explained all over the site; mark only medical terms')


@pytest.mark.parametrize("mark", ["a", "I", "x", "'5'", "A1", "é"])
def test_a_glossary_mark_has_at_least_two_letters(mark):
    said = one_line(glossary_with("en: [glutamate]", f"en: [glutamate, {mark}]"), "glossary")
    assert "a mark needs at least two letters" in said


@pytest.mark.parametrize("mark", ['"(ECT)"', '"ECT)"', "-ketamine", '"ketamine."', '"*NMDA*"', '"ECT+"', '"[IV]"', '"NMDA\\\\"'])
def test_a_glossary_mark_is_a_whole_word(mark):
    said = one_line(glossary_with("es: [glutamato]", f"es: [glutamato, {mark}]"), "glossary")
    assert "must start and end with a letter or a digit" in said


def test_an_acronym_may_look_like_a_common_word():
    check_languages(glossary_with("en: [glutamate]", "en: [glutamate, US, OR]").replace("es: [glutamato]", "es: [glutamato, EE, DE]"),
                    "g", FILES["glossary"], WORDS)


@pytest.mark.parametrize("old, new, kind", [
    ("en: [glutamate]", "en: [glutamate, IV]", 'the mark "IV" is listed under both "Glutamate" and "Intravenous \\(IV\\)"'),
    ("en: [glutamate]", "en: [glutamate, iv]", 'the mark "IV" is listed under both "Glutamate" \\(as "iv"\\) and "Intravenous \\(IV\\)"'),
    ("en: [glutamate]", "en: [glutamate, Esketamine]", 'the mark "Esketamine" is listed under both "Esketamine" \\(as "esketamine"\\) and "Glutamate"'),
    ("es: [glutamato]", "es: [glutamato, Anestesia]", 'the mark "Anestesia" is listed under both "Anestésico" \\(as "anestesia"\\) and "Glutamato"'),
    ("en: Neuron\n", "en: Glutamate\n", 'term → en: "Glutamate" is also the term of entry {Glutamate}'),
    ("en: Neuron\n", "en: GLUTAMATE\n", 'term → en: "GLUTAMATE" is also the term of entry {Glutamate}'),
    ("en: Neuron\n", "en: Intravenous  IV\n", 'term → en: "Intravenous IV" is also the term of entry {Intravenous (IV)}'),  # one id on the glossary page
    ("es: Neurona\n", "es: glutamato\n", 'term → es: "glutamato" is also the term of entry {Glutamate}'),
])
def test_glossary_terms_and_marks_are_unique(old, new, kind):
    entries = {entry["term"]["en"]: number for number, entry in enumerate(yaml.safe_load(glossary_with("", ""))["terms"], start=1)}
    kind = re.sub(r"\{([^}]+)\}", lambda name: str(entries[name[1]]), kind)
    said = one_line(glossary_with(old, new), "glossary")
    assert re.search(kind + "; ", said), said


@pytest.mark.parametrize("name, old, new, where", [
    ("routes", "en: By mouth", "en: Nasal spray", "routes → entry 4 → name → en"),
    ("routes", "en: By mouth", "en: nasal  SPRAY", "routes → entry 4 → name → en"),
    ("routes", "es: Por la boca", "es: Aerosol nasal", "routes → entry 4 → name → es"),
    ("side_effects", "en: Confusion", "en: Dizziness and nausea", "side_effects → entry 5 → name → en"),
    ("side_effects", "es: Confusión", "es: mareos y NÁUSEAS", "side_effects → entry 5 → name → es"),
])
def test_route_and_side_effect_names_are_unique(name, old, new, where):
    text = data(name)
    said = one_line(text.replace(old, new), name)
    assert said.startswith(f"data/{name}.yml: line {line_of(text, old)}: {where}: ") and "is also the name of entry" in said


def test_reviewer_ids_are_unique():
    text = ("reviewers:\n  - id: jdoe\n    name: Jane Doe\n    credentials: MD\n"
            "  - id: jdoe\n    name: John Doe\n    credentials: MD\n")
    said = one_line(text, "reviewers")
    assert said.startswith('data/reviewers.yml: line 5: reviewers → entry 2 → id: "jdoe" is also the id of entry 1; ')


@pytest.mark.parametrize("path, old, new, expected", [
    ("data/glossary.yml", "en: [glutamate]", "en: [glutamate, it]",
     r'data/glossary\.yml: line \d+: terms → entry \d+ → marks → en → entry 2: "it" is an everyday word, so it would be explained all over the site; mark only medical terms'),
    ("data/glossary.yml", "es: [glutamato]", "es: [glutamato, que]",
     r'data/glossary\.yml: line \d+: terms → entry \d+ → marks → es → entry 2: "que" is an everyday word, so it would be explained all over the site; mark only medical terms'),
    ("data/glossary.yml", "en: [glutamate]", "en: [glutamate, a]",
     r'data/glossary\.yml: line \d+: terms → entry \d+ → marks → en → entry 2: "a" is too short to be a term; a mark needs at least two letters'),
    ("data/glossary.yml", "en: [glutamate]", 'en: [glutamate, "(NMDA)"]',
     r'data/glossary\.yml: line \d+: terms → entry \d+ → marks → en → entry 2: "\(NMDA\)" must start and end with a letter or a digit'),
    ("data/glossary.yml", "en: [phencyclidine]", "en: [phencyclidine, ecT]",
     r'data/glossary\.yml: line \d+: terms → entry \d+ → marks → en → entry 2: the mark "ecT" is listed under both "Electroconvulsive therapy \(ECT\)" \(as "ECT"\) and "Phencyclidine"; keep it under one'),
    ("data/glossary.yml", "en: Phencyclidine\n", "en: neuron\n",
     r'data/glossary\.yml: line \d+: terms → entry \d+ → term → en: "neuron" is also the term of entry \d+; give each glossary entry its own term, or merge the two'),
    ("data/routes.yml", "en: By mouth", "en: IV Infusion",
     r'data/routes\.yml: line \d+: routes → entry 4 → name → en: "IV Infusion" is also the name of entry 1; give each route its own name, or merge the two'),
], ids=["everyday word as a mark", "everyday Spanish word as a mark", "one-letter mark", "mark in brackets",
        "mark under two terms, in other capitals", "term twice", "route name twice"])
def test_a_name_that_is_not_unique_is_refused_by_the_build(project, path, old, new, expected):
    refused_by_the_build(project, path, old, new, expected)


def test_two_pages_with_one_title_are_refused(project):
    refused_by_the_build(project, "docs/future.md", "title: The future of ketamine therapy", "title: what is  KETAMINE therapy?",
                         r'docs/future\.md: line 2: title: "what is KETAMINE therapy\?" is also the title of docs/index\.md; '
                         r"give each page a title of its own")


@pytest.mark.parametrize("first, second", [("Side effects", "Side effects"), ("Side effects", "SIDE EFFECTS"),
                                           ("Side effects", " Side   effects ")])
def test_page_titles_are_compared_as_a_reader_reads_them(tmp_path, first, second):
    from site_build.pages import FrontMatter, titles_twice
    pages = {}
    for name, title in [("a.md", first), ("b.md", second)]:
        path = tmp_path / name
        path.write_text(f"---\ndescription: x\ntitle: {title}\n---\n# Page\n", encoding="utf-8")
        pages[path] = (f"docs/{name}", FrontMatter.model_construct(title=title.strip()))
    assert titles_twice(pages) == [f'docs/b.md: line 3: title: "{second.strip()}" is also the title of docs/a.md; '
                                   "give each page a title of its own (browser tabs and search results show it)"]


# --- 3. A fact is plain words: braces are for pages ----------------------------------------------------

@pytest.mark.parametrize("name, old, new", [
    ("clinic", "name: The Haven Detox-New Jersey", 'name: "{{ config.site_name }}"'),
    ("clinic", "en: addiction treatment services", "en: addiction {% if true %}treatment{% endif %}"),
    ("clinic", "es: servicios de tratamiento de adicciones", "es: servicios {{ lipsum() }}"),
    ("glossary", "en: A medicine used to treat depression.", "en: A medicine {# hidden #} for depression."),
    ("routes", "en: By mouth", "en: By mouth {{ cycler.__init__ }}"),
    ("side_effects", "es: Confusión", "es: Confusión {{"),
    ("interface", "es: Este sitio en español", "es: Este sitio {% raw %}en español"),
])
def test_braces_in_a_fact_are_refused(name, old, new):
    text = data(name)
    said = one_line(text.replace(old, new), name)
    assert said.startswith(f"data/{name}.yml: line {line_of(text, old)}: ") and "braces work only on pages" in said


def test_a_fact_with_braces_is_refused_by_the_build(project):
    refused_by_the_build(project, "data/clinic.yml", "name: The Haven Detox-New Jersey", 'name: "{{ config }}"',
                         r'data/clinic\.yml: line \d+: name: has "\{\{" in it, but braces work only on pages \(a fact is plain words\); '
                         "write the words themselves")
