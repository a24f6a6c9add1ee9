"""Help in a crisis is never far: the help bar and the foot of every page, and the crisis box beside any mention of suicide."""

from __future__ import annotations

import re

from browsing import pages
from support import page_file, soup, text_of

MENTION = re.compile(r"suicid|self[\s-]*harm|kill (?:them|your|my)sel", re.I)


def built(site, name: str):
    return soup(site / "404.html" if name == "404" else page_file(site, name))


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
    assert {"treatment-process", "glossary"} <= set(mentions)  # "suicidal thoughts", "Suicidal ideation"


def test_the_crisis_box_names_every_line_and_every_way_to_reach_it(site, facts):
    box = built(site, "index").select_one(".crisis-box")
    heading = box.find(re.compile("^h[1-6]$"))
    assert box["aria-labelledby"] == heading["id"]
    assert text_of(heading) == f"Support: {facts.crisis.heading}"
    text = text_of(box)
    for line in facts.crisis.lines:
        assert line.title in text and line.advice in text
        assert box.find("a", href=f"tel:{line.number}").get_text() == f"Call {line.number}"
        texts = box.find("a", href=f"sms:{line.number}")
        assert (texts.get_text() == f"Text {line.number}") if line.texts else texts is None
    lifeline = facts.crisis.lifeline
    options = box.select(".crisis-box__options > li")
    assert [text_of(option.strong) for option in options] == [f"{option.who}:" for option in lifeline.options]
    assert options[1].strong["lang"] == "es"
    # The Lifeline's public options, as it publishes them.
    assert [text_of(option) for option in options] == [
        "Chat: Chat online at 988lifeline.org/chat.",
        "En español: Call 988 and press 2, or text AYUDA to 988.",
        "Veterans: Call 988 and press 1.",
        "TTY users: Dial 711, then 988.",
    ]
    chat = options[0].find("a")
    assert chat["href"] == "https://988lifeline.org/chat" and chat.get_text() == "988lifeline.org/chat"


def test_every_number_the_crisis_box_shows_is_a_national_one(site, facts):
    box = built(site, "index").select_one(".crisis-box")
    assert set(re.findall(r"\d+", text_of(box))) == {"988", "911", "711", "1", "2"}
    for link in box.select('a[href^="tel:"], a[href^="sms:"]'):
        assert link.get_text().split()[-1] == link["href"].split(":")[1], link


def test_every_page_offers_the_clinic_988_and_911_in_its_header(site, facts):
    for name in pages():
        html = built(site, name)
        bar = html.select_one("header.md-header .help-bar")
        assert bar is not None and bar.find_parent("article") is None, name
        links = {a["href"]: " ".join(a.get_text().split()) for a in bar.find_all("a")}
        assert links == {
            facts.clinic.tel: f"Call {facts.clinic.phone}",
            "tel:988": "Call 988", "sms:988": "Text 988", "tel:911": "Call 911",
        }, name
        # Whose site this is, in the header of every page.
        assert facts.clinic.name in text_of(html.select_one(".md-header__title")), name


def test_the_foot_of_every_page_says_what_to_do_in_an_emergency(site, facts):
    for name in pages():
        footer = built(site, name).select_one("footer.md-footer")
        text = " ".join(footer.get_text(" ").split())
        assert "In an emergency, call 911. Ketamine treatment is not emergency care." in text, name
        assert facts.clinic.disclaimer in text and facts.clinic.phone in text, name
        assert "Material for MkDocs" not in text, name


def test_the_crisis_wording_is_calm(facts):
    # Safe-messaging practice: plain, hopeful words; no alarms, no shouting, no "commit".
    crisis = facts.crisis
    words = " ".join([crisis.heading, crisis.message, crisis.emergency.say("footer"), crisis.emergency.say("urgent"),
                      *(line.advice for line in crisis.lines), *("".join(text for text, _ in option.parts(crisis.lifeline.number)) for option in crisis.lifeline.options)])
    assert "!" not in words
    assert not re.search(r"\b[A-Z]{3,}\b", words.replace("TTY", "").replace("AYUDA", "")), "a word in capitals reads as shouting"
    assert not re.search(r"\b(urgent|immediately|warning|commit)", words, re.I)


def urgent_boxes(html) -> dict[str, object]:
    table = html.select_one("table.fact-table")
    return {" ".join(row.th.get_text().split()): row.select_one(".urgent-box") for row in table.tbody.find_all("tr")}


def test_a_side_effect_that_needs_medical_help_right_away_says_how_to_get_it(site, facts):
    boxes = urgent_boxes(built(site, "side-effects"))
    assert {name for name, box in boxes.items() if box} == {e.name for e in facts.side_effects.side_effects if e.urgent}
    assert boxes["Allergic reactions"]  # "They need medical help right away", in our source
    box = boxes["Allergic reactions"]
    heading = box.find("h2")
    # After the NHS care card: a hidden prefix names the kind of box, the heading says what to do.
    assert heading.find(class_="visually-hidden").get_text() == "Urgent advice: "
    assert " ".join(heading.get_text().split()) == "Urgent advice: Call 911 if you need medical help right away."
    assert [(a["href"], a.get_text()) for a in box.find_all("a")] == [("tel:911", "Call 911")]


def test_the_urgent_advice_follows_the_data_and_takes_a_heading_level(project):
    project.edit("data/side_effects.yml", "  - name: Confusion\n", "  - name: Confusion\n    urgent: true\n")
    project.edit("docs/side-effects.md", "{{ side_effects_table() }}", "## The table\n\n{{ side_effects_table(3) }}")
    result = project.build()
    assert result.returncode == 0, result.stderr
    boxes = urgent_boxes(soup(page_file(project.site, "side-effects")))
    assert sorted(name for name, box in boxes.items() if box) == ["Allergic reactions", "Confusion"]
    assert all(box.find("h3") and not box.find("h2") for box in boxes.values() if box)
