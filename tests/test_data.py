"""Facts live once, in data/: pages, tables and links are made from them and follow every change."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from support import EDITIONS, ROOT, doc_pages, page_file, soup, text_of


def repository_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [name for name in listed if not name.startswith("tests/") and (ROOT / name).is_file()]


def files_mentioning(pattern: re.Pattern) -> list[str]:
    found = []
    for name in repository_files():
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if pattern.search(text):
            found.append(name)
    return found


def test_the_phone_number_is_written_in_exactly_one_file(facts):
    area, exchange, line = re.findall(r"\d+", facts.clinic.phone)
    # Any way of writing it: (856) 666-2441, 856-666-2441, +18566662441, 856.666.2441 ...
    anywhere = re.compile(rf"{area}\D{{0,2}}{exchange}\D?{line}|{exchange}\D?{line}")
    assert files_mentioning(anywhere) == ["data/clinic.yml"]


def test_the_clinic_name_is_written_in_exactly_one_file(facts):
    assert files_mentioning(re.compile(re.escape(facts.clinic.name))) == ["data/clinic.yml"]


def test_every_page_has_a_call_link_made_from_the_data(site, facts):
    for lang, page in [(lang, page) for lang in EDITIONS for page in [*doc_pages(), "404"]]:
        html = soup(site / EDITIONS[lang] / "404.html" if page == "404" else page_file(site, page, lang))
        links = html.find_all("a", href=facts.clinic.tel)
        assert links, page
        assert all(facts.clinic.phone in link.get_text() for link in links), page
        dialled = {a["href"] for a in html.select('a[href^="tel:"]')}
        assert dialled <= {facts.clinic.tel} | {f"tel:{line.number}" for line in facts.crisis.lines}, page


def table_rows(table) -> list[list[str]]:
    return [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")]


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_route_table_is_made_from_the_data(site, facts_by_lang, lang):
    facts = facts_by_lang[lang]
    words = facts.interface.routes_table
    table = soup(page_file(site, "ways-it-is-given", lang)).find("table")
    assert table.caption.get_text(strip=True) == facts.routes.caption
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * 4
    assert [text_of(th) for th in table.thead.find_all("th")] == words.columns
    rows = table_rows(table)
    assert len(rows) == len(facts.routes.routes)
    for row, route in zip(rows, facts.routes.routes):
        assert row[0] == route.name
        assert route.how in row[1] and words.also_called.format(also_called=route.also_called) in row[1]
        assert (route.setting or "") in row[1]
        assert row[2] == (route.speed or words.not_stated)
        assert row[3] == route.uses
    assert all(th["scope"] == "row" for th in table.tbody.find_all("th"))


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_side_effect_table_is_made_from_the_data(site, facts_by_lang, lang):
    facts = facts_by_lang[lang]
    table = soup(page_file(site, "side-effects", lang)).find("table")
    assert table.caption.get_text(strip=True) == facts.side_effects.caption
    assert [text_of(th) for th in table.thead.find_all("th")] == facts.interface.side_effects_table.columns
    for box in table.select(".urgent-box"):
        box.decompose()  # what to do, from data/crisis.yml (tests/test_crisis_help.py)
    assert table_rows(table) == [[e.name, e.detail] for e in facts.side_effects.side_effects]


def test_no_page_types_a_table_or_a_number_by_hand():
    for page in (ROOT / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"^\s*\|.*\|\s*$", text, re.M), f"{page.name} has a Markdown table"
        assert "<table" not in text and "tel:" not in text, page.name


def test_a_changed_fact_reaches_every_page_and_link(project, facts):
    clinic = project.root / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text().replace(facts.clinic.phone, "(555) 010-0199"))
    effects = project.root / "data" / "side_effects.yml"
    data = yaml.safe_load(effects.read_text())
    data["side_effects"].append({"name": {"en": "Tiredness after a session", "es": "Cansancio después de una sesión"},
                                 "detail": {"en": "A test entry.", "es": "Una entrada de prueba."}})
    effects.write_text(yaml.safe_dump(data, allow_unicode=True))

    result = project.build()
    assert result.returncode == 0, result.stderr

    built = sorted(project.site.rglob("*.html"))
    assert len(built) == (len(doc_pages()) + 1) * len(EDITIONS)
    for path in built:
        html = path.read_text(encoding="utf-8")
        assert facts.clinic.phone not in html and facts.clinic.tel not in html, path
        assert "(555) 010-0199" in html and 'href="tel:+15550100199"' in html, path
    table = soup(page_file(project.site, "side-effects")).find("table")
    assert table_rows(table)[-1] == ["Tiredness after a session", "A test entry."]
    table = soup(page_file(project.site, "side-effects", "es")).find("table")
    assert table_rows(table)[-1] == ["Cansancio después de una sesión", "Una entrada de prueba."]
