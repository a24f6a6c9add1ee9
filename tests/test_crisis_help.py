"""Help in a crisis is never far: the help bar and the foot of every page, and the crisis box beside any mention of suicide."""

from __future__ import annotations

import re

import pytest

from browsing import lang_of, pages
from support import EDITIONS, page_file, soup, text_of

MENTION = re.compile(r"suicid|self[\s-]*harm|kill (?:them|your|my)sel|autolesi|quitar(?:se|te|me) la vida|hacerse daño", re.I)


def built(site, name: str):
    folder, _, page = name.rpartition("/")
    return soup(site / folder / "404.html" if page == "404" else page_file(site, page, lang_of(name)))


def test_the_crisis_box_stands_right_after_the_first_mention_of_suicide(site):
    mentions = []
    for name in pages():
        article = built(site, name).article
        for part in article.select(".page-footer"):
            part.decompose()  # the template's date line
        blocks = [block for block in article.find_all(recursive=False) if "crisis-box" not in block.get("class", [])]
        first = next((block for block in blocks if MENTION.search(text_of(block))), None)
        if first is None:
            continue
        mentions.append(name)
        following = first.find_next_sibling()
        assert following is not None and "crisis-box" in following.get("class", []), \
            f"{name}: the first mention of suicide ({text_of(first)[:60]!r}) has no crisis box right after it"
    # "suicidal thoughts", "Suicidal ideation"; "pensamientos suicidas", "Ideación suicida"
    assert {f"{folder}{page}" for folder in EDITIONS.values() for page in ["treatment-process", "glossary"]} <= set(mentions)


# The Lifeline's public options, as it publishes them, in each edition's words.
LIFELINE_OPTIONS = {
    "en": ["Chat: Chat online at 988lifeline.org/chat.", "En español: Call 988 and press 2, or text AYUDA to 988.",
           "Veterans: Call 988 and press 1.", "TTY users: Dial 711, then 988."],
    "es": ["Chat: Converse por chat en 988lifeline.org/chat.",
           "En español: Llame al 988 y marque el 2, o envíe AYUDA por mensaje de texto al 988.",
           "Veteranos: Llame al 988 y marque el 1.", "Personas que usan TTY: Marque el 711 y luego el 988."],
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_crisis_box_names_every_line_and_every_way_to_reach_it(site, facts_by_lang, lang):
    facts = facts_by_lang[lang]
    words = facts.interface
    box = built(site, EDITIONS[lang] + "index").select_one(".crisis-box")
    heading = box.find(re.compile("^h[1-6]$"))
    assert box["aria-labelledby"] == heading["id"]
    assert text_of(heading) == f"{words.support} {facts.crisis.heading}"
    text = text_of(box)
    for line in facts.crisis.lines:
        assert line.title in text and line.advice in text
        assert box.find("a", href=f"tel:{line.number}").get_text() == words.actions.call.format(number=line.number)
        texts = box.find("a", href=f"sms:{line.number}")
        assert (texts.get_text() == words.actions.text.format(number=line.number)) if line.texts else texts is None
    lifeline = facts.crisis.lifeline
    options = box.select(".crisis-box__options > li")
    assert [text_of(option.strong) for option in options] == [f"{option.who}:" for option in lifeline.options]
    assert options[1].strong["lang"] == "es"
    assert [text_of(option) for option in options] == LIFELINE_OPTIONS[lang]
    chat = options[0].find("a")
    assert chat["href"] == "https://988lifeline.org/chat" and chat.get_text() == "988lifeline.org/chat"


def test_spanish_crisis_help_says_to_call_988_and_press_2_or_text_ayuda(site):
    """A Spanish reader in a crisis finds, on every Spanish page, how to reach the Lifeline in Spanish."""
    for name in pages(["es"]):
        html = built(site, name)
        bar = text_of(html.select_one(".help-bar"))
        assert "988" in bar and html.select_one('.help-bar a[href="tel:988"]'), name
        box = html.select_one(".crisis-box")
        if box is not None:
            assert "Llame al 988 y marque el 2, o envíe AYUDA por mensaje de texto al 988." in text_of(box), name


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_number_the_crisis_box_shows_is_a_national_one(site, lang):
    box = built(site, EDITIONS[lang] + "index").select_one(".crisis-box")
    assert set(re.findall(r"\d+", text_of(box))) == {"988", "911", "711", "1", "2"}
    for link in box.select('a[href^="tel:"], a[href^="sms:"]'):
        assert link.get_text().split()[-1] == link["href"].split(":")[1], link


# What the help bar's links say (their text, as read out), in each edition.
HELP_BAR = {"en": ["Call {phone}", "Call 988", "Text 988", "Call 911"],
            "es": ["Llamar al {phone}", "Llamar al 988", "Mensaje al 988", "Llamar al 911"]}


def test_every_page_offers_the_clinic_988_and_911_in_its_header(site, facts):
    for name in pages():
        html = built(site, name)
        bar = html.select_one("header.md-header .help-bar")
        assert bar is not None and bar.find_parent("article") is None, name
        links = {a["href"]: " ".join(a.get_text().split()) for a in bar.find_all("a")}
        said = [words.format(phone=facts.clinic.phone) for words in HELP_BAR[lang_of(name)]]
        assert links == dict(zip([facts.clinic.tel, "tel:988", "sms:988", "tel:911"], said)), name
        # Whose site this is, in the header of every page.
        assert facts.clinic.name in text_of(html.select_one(".md-header__title")), name


EMERGENCY = {"en": "In an emergency, call 911. Ketamine treatment is not emergency care.",
             "es": "En una emergencia, llame al 911. El tratamiento con ketamina no es atención de emergencia."}


def test_the_foot_of_every_page_says_what_to_do_in_an_emergency(site, facts_by_lang):
    for name in pages():
        facts = facts_by_lang[lang_of(name)]
        footer = built(site, name).select_one("footer.md-footer")
        text = " ".join(footer.get_text(" ").split())
        assert EMERGENCY[lang_of(name)] in text, name
        assert facts.clinic.disclaimer in text and facts.clinic.phone in text, name
        assert "Material for MkDocs" not in text, name


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_crisis_wording_is_calm(facts_by_lang, lang):
    # Safe-messaging practice: plain, hopeful words; no alarms, no shouting, no "commit".
    crisis = facts_by_lang[lang].crisis
    words = " ".join([crisis.heading, crisis.message, crisis.emergency.say("footer"), crisis.emergency.say("urgent"),
                      *(line.advice for line in crisis.lines), *("".join(text for text, _ in option.parts(crisis.lifeline.number)) for option in crisis.lifeline.options)])
    assert "!" not in words
    assert not re.search(r"\b[A-Z]{3,}\b", words.replace("TTY", "").replace("AYUDA", "")), "a word in capitals reads as shouting"
    assert not re.search(r"\b(urgent|immediately|warning|commit|urgente|inmediatamente|advertencia|cometer)", words, re.I)


def urgent_boxes(html) -> dict[str, object]:
    table = html.select_one("table.fact-table")
    return {" ".join(row.th.get_text().split()): row.select_one(".urgent-box") for row in table.tbody.find_all("tr")}


URGENT = {"en": ("Allergic reactions", "Urgent advice: Call 911 if you need medical help right away.", "Call 911"),
          "es": ("Reacciones alérgicas", "Consejo urgente: Llame al 911 si necesita ayuda médica de inmediato.", "Llamar al 911")}


@pytest.mark.parametrize("lang", EDITIONS)
def test_a_side_effect_that_needs_medical_help_right_away_says_how_to_get_it(site, facts_by_lang, lang):
    facts = facts_by_lang[lang]
    name, said, action = URGENT[lang]
    boxes = urgent_boxes(built(site, EDITIONS[lang] + "side-effects"))
    assert {name for name, box in boxes.items() if box} == {e.name for e in facts.side_effects.side_effects if e.urgent}
    box = boxes[name]  # "They need medical help right away", in our source
    heading = box.find("h2")
    # After the NHS care card: a hidden prefix names the kind of box, the heading says what to do.
    assert heading.find(class_="visually-hidden").get_text() == facts.interface.urgent_advice + " "
    assert " ".join(heading.get_text().split()) == said
    assert [(a["href"], a.get_text()) for a in box.find_all("a")] == [("tel:911", action)]


def test_the_urgent_advice_follows_the_data_and_takes_a_heading_level(project):
    project.edit("data/side_effects.yml", "      es: Confusión\n", "      es: Confusión\n    urgent: true\n")
    project.edit("docs/side-effects.md", "{{ side_effects_table() }}", "## The table\n\n{{ side_effects_table(3) }}")
    result = project.build()
    assert result.returncode == 0, result.stderr
    boxes = urgent_boxes(soup(page_file(project.site, "side-effects")))
    assert sorted(name for name, box in boxes.items() if box) == ["Allergic reactions", "Confusion"]
    assert all(box.find("h3") and not box.find("h2") for box in boxes.values() if box)
    # The data is one: the Spanish table says it too, at the level its own page gives.
    boxes = urgent_boxes(soup(page_file(project.site, "side-effects", "es")))
    assert sorted(name for name, box in boxes.items() if box) == ["Confusión", "Reacciones alérgicas"]
    assert all(box.find("h2") for box in boxes.values() if box)
