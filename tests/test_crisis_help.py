"""Help in a crisis is never far: wherever a page speaks of suicide, the crisis box names where to turn, calmly."""

from __future__ import annotations

import re

from browsing import pages
from support import page_file, soup, text_of


def built(site, name: str):
    return soup(site / "404.html" if name == "404" else page_file(site, name))


def test_the_home_page_and_every_page_that_mentions_suicide_has_the_crisis_box(site, facts):
    mentions = []
    for name in pages():
        article = built(site, name).article
        boxes = article.select(".crisis-box")
        for box in boxes:
            box.decompose()
        if name == "index" or re.search(r"suicid", text_of(article), re.I):
            mentions.append(name)
            assert boxes, f"{name} speaks of suicide but has no crisis box"
    assert "treatment-process" in mentions  # "Thoughts of suicide can fade" is on that page


def test_the_crisis_box_names_every_line_with_a_way_to_reach_it(site, facts):
    box = built(site, "index").select_one(".crisis-box")
    heading = box.find(re.compile("^h[1-6]$"))
    assert box["aria-labelledby"] == heading["id"]
    assert text_of(heading).endswith(facts.crisis.heading)
    for line in facts.crisis.lines:
        assert line.name in text_of(box) and line.when in text_of(box)
        assert box.find("a", href=f"tel:{line.number}")
        assert bool(box.find("a", href=f"sms:{line.number}")) == line.text


def test_the_crisis_wording_is_calm(facts):
    # Safe-messaging practice: plain, hopeful words; no alarms, no shouting, no "commit".
    crisis = facts.crisis
    words = " ".join([crisis.heading, crisis.message, *(line.when for line in crisis.lines)])
    assert "!" not in words
    assert not re.search(r"\b[A-Z]{3,}\b", words), "a word in capitals reads as shouting"
    assert not re.search(r"\b(urgent|immediately|warning|commit)", words, re.I)
