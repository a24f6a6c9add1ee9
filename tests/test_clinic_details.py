"""The clinic's optional facts (address, opening hours, email, whether it offers ketamine therapy) show once filled in, never before."""

from __future__ import annotations

import re

import pytest

from support import EDITIONS, page_file, soup
from test_bad_edits import assert_refused_cleanly, snapshot

FILLED = {
    "address:": "address: 1 Test Street, Testville, NJ 00000",
    "opening_hours:": "opening_hours:\n  en: Monday to Friday, 9 am to 5 pm\n  es: De lunes a viernes, de 9 a. m. a 5 p. m.",
    "email:": "email: help@example.org",
    "offers_ketamine_therapy:": "offers_ketamine_therapy: true",
}


def footer_text(html) -> str:
    return " ".join(html.select_one("footer.md-footer .site-footer").get_text(" ").split())


def test_facts_the_article_does_not_give_are_left_out_until_filled_in(site, facts):
    assert (facts.clinic.address, facts.clinic.opening_hours, facts.clinic.email, facts.clinic.offers_ketamine_therapy) == (None,) * 4
    for lang in EDITIONS:
        for page in ["index", "contact"]:
            html = soup(page_file(site, page, lang))
            text = footer_text(html)
            assert not re.search(r"Open |Email|offer|Horario|Correo|ofrece", text)
            assert not html.select('a[href^="mailto:"]')


def test_filled_in_facts_show_at_the_foot_of_every_page(project, facts):
    for key, line in FILLED.items():
        project.edit("data/clinic.yml", f"\n{key}\n", f"\n{line}\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    said = {"en": ["Open Monday to Friday, 9 am to 5 pm", "Email help@example.org", f"{facts.clinic.name} offers ketamine therapy."],
            "es": ["Horario: De lunes a viernes, de 9 a. m. a 5 p. m.", "Correo electrónico: help@example.org",
                   f"{facts.clinic.name} ofrece terapia con ketamina."]}
    for lang, folder in EDITIONS.items():
        for html in [soup(page_file(project.site, "index", lang)), soup(page_file(project.site, "future", lang)),
                     soup(project.site / folder / "404.html")]:
            text = footer_text(html)
            assert "1 Test Street, Testville, NJ 00000" in text
            assert all(words in text for words in said[lang]), text
            assert html.select_one('.site-footer a[href="mailto:help@example.org"]').get_text() == "help@example.org"


def test_a_clinic_that_does_not_offer_ketamine_therapy_says_so(project, facts):
    project.edit("data/clinic.yml", "\noffers_ketamine_therapy:\n", "\noffers_ketamine_therapy: false\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert f"{facts.clinic.name} does not itself offer ketamine therapy." in footer_text(soup(page_file(project.site, "index")))
    assert f"{facts.clinic.name} no ofrece directamente terapia con ketamina." in footer_text(soup(page_file(project.site, "index", "es")))


@pytest.mark.parametrize("email", ["help at example.org", "help@example", "@example.org"])
def test_a_mistyped_email_is_refused(project, email):
    project.edit("data/clinic.yml", "\nemail:\n", f'\nemail: "{email}"\n')
    before = snapshot(project.site)
    assert_refused_cleanly(project, project.build(), rf'data/clinic\.yml: line \d+: email: "{re.escape(email)}" is not an email address; write it like info@example\.org')
    assert snapshot(project.site) == before
