"""Data is text, never markup: hostile values in data/ and front matter reach every page as text only."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from support import EDITIONS, copy_project, doc_pages, mkdocs, page_file

# Everything that would be markup somewhere: HTML, an attribute breaking out of its quotes, the end of
# the JSON-LD script, an HTML comment, an entity, Markdown emphasis, a link, code, an attribute list,
# an abbreviation, an admonition.
HOSTILE = ('<script>alert("{tag}")</script> "><img src=x onerror=alert(1)> \' onmouseover=\'alert(2) '
           '</script><script>alert(3)</script> <!-- & &amp; &lt; *EMPH{tag}* [LINK{tag}](https://evil.example/) '
           '`CODE{tag}` {{: .evil }} *[ABBR]: gotcha !!! note \\ end {tag}')


def hostile(tag: str, *, start: str = "") -> str:
    return start + HOSTILE.format(tag=tag)


def both(value) -> dict:
    """A text visitors read, the same hostile value in both languages (each edition shows its own)."""
    return {"en": value, "es": value}


def set_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    """The site built from a copy whose every text fact, and one page's title and description, is hostile."""
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    data = root / "data"
    values = {
        "name": hostile("NAME", start="# "), "services": hostile("SERVICES", start="1. "),
        "disclaimer": hostile("DISCLAIMER", start="> "), "route": hostile("ROUTE", start="- "),
        "how": hostile("HOW", start="=== "), "caption": hostile("CAPTION"), "effect": hostile("EFFECT"),
        "detail": hostile("DETAIL"), "term": hostile("TERM"), "definition": hostile("DEFINITION"),
        "reviewer": hostile("REVIEWER"),
        # The crisis words may type no number and no braces (the build says to write {number}): the same without them.
        "heading": re.sub("[0-9{}]", "", hostile("HEADING")),
        "mark": 'Glu" onmouseover="alert(4)" x="tamate',  # a glossary mark: letters at both ends
    }
    set_yaml(data / "clinic.yml", lambda d: d.update(name=values["name"], services=both(values["services"]),
                                                     disclaimer=both(values["disclaimer"])))
    set_yaml(data / "routes.yml", lambda d: (d.update(caption=both(values["caption"])),
                                             d["routes"][0].update(name=both(values["route"]),
                                                                   how=both(values["how"] + " " + values["mark"]))))
    set_yaml(data / "side_effects.yml", lambda d: d["side_effects"][0].update(name=both(values["effect"]), detail=both(values["detail"])))
    set_yaml(data / "glossary.yml", lambda d: d["terms"][0].update(term=both(values["term"]), definition=both(values["definition"]),
                                                                   marks={"en": [values["mark"], "anesthetic"],
                                                                          "es": [values["mark"], "anestésico"]}))
    set_yaml(data / "reviewers.yml", lambda d: d.update(reviewers=[{"id": "jdoe", "name": values["reviewer"], "credentials": "MD"}]))
    set_yaml(data / "crisis.yml", lambda d: d.update(heading=both(values["heading"])))
    title = '<script>alert("TITLE")</script> "> {{ clinic.name }} & &amp; </title><img src=x onerror=alert(5)>'
    description = 'A "quoted" description </script><script>alert("DESCRIPTION")</script> with <b>tags</b> & more.'
    for page, suffix in [(root / "docs" / "future.md", ""), (root / "docs" / "future.es.md", " (ES)")]:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", "title: " + json.dumps(title + suffix), text, count=1, flags=re.M)
        text = re.sub(r"^description: .*$", "description: " + json.dumps(description + suffix), text, count=1, flags=re.M)
        # Reviewed yesterday: today may still be yesterday in the clinic's time zone.
        reviewed = (date.today() - timedelta(days=1)).isoformat()
        page.write_text(text.replace("\n---\n", f"\nreviewer: jdoe\nreviewed: {reviewed}\n---\n", 1), encoding="utf-8")
    result = mkdocs(root)
    assert result.returncode == 0, result.stdout + result.stderr
    values["title"] = " ".join(title.replace("{{ clinic.name }}", values["name"]).split())
    values["description"] = description
    return root / "site", values


def one_line(text: str) -> str:
    return " ".join(text.split())


def pages(site: Path):
    """Every page of both editions."""
    for lang, folder in EDITIONS.items():
        for name in [*doc_pages(), "404"]:
            path = site / folder / "404.html" if name == "404" else page_file(site, name, lang)
            yield f"{folder}{name}", path.read_text(encoding="utf-8")


def test_no_hostile_value_becomes_an_element_or_an_attribute(built):
    site, _ = built
    for name, html in pages(site):
        document = BeautifulSoup(html, "lxml")
        assert not [s for s in document.find_all("script") if "alert(" in (s.string or "") and s.get("type") != "application/ld+json"], name
        assert not document.find_all(attrs={"onerror": True}) and not document.find_all(attrs={"onmouseover": True}), name
        assert not document.find_all("img", src="x"), name
        assert not document.select(".evil") and not document.find_all("a", href=re.compile("evil")), name
        assert not [e for e in document.find_all(["em", "code", "h1", "li", "blockquote"]) if re.search(r"EMPH|CODE[A-Z]|NAME|SERVICES|DISCLAIMER|ROUTE", e.get_text()) and e.name != "li" or e.name == "li" and e.get_text().startswith(("#", "1.", ">", "="))], name
        assert not document.select(".admonition"), name
        # The text is still all there, to be read.
        assert "alert(" in document.get_text() or name == "404", name


def test_facts_show_as_their_own_words(built):
    site, values = built
    home = BeautifulSoup(page_file(site, "index").read_text(encoding="utf-8"), "lxml")
    talk = next(p for p in home.article.find_all("p") if "is here to offer" in p.get_text())
    assert one_line(talk.get_text()).startswith(f"{one_line(values['name'])} is here to offer {one_line(values['services'])}")
    inicio = BeautifulSoup(page_file(site, "index", "es").read_text(encoding="utf-8"), "lxml")
    talk = next(p for p in inicio.article.find_all("p") if "está aquí para ofrecer" in p.get_text())
    assert one_line(talk.get_text()).startswith(f"{one_line(values['name'])} está aquí para ofrecer {one_line(values['services'])}")
    footer = home.select_one(".site-footer__disclaimer")
    assert one_line(footer.get_text()) == one_line(values["disclaimer"])
    ways = BeautifulSoup(page_file(site, "ways-it-is-given").read_text(encoding="utf-8"), "lxml")
    table = ways.find("table")
    assert one_line(table.caption.get_text()) == one_line(values["caption"])
    assert one_line(table.tbody.th.get_text()) == one_line(values["route"])
    mark = table.find("abbr", string=values["mark"])
    assert mark is not None and mark["title"] == values["definition"]
    glossary = BeautifulSoup(page_file(site, "glossary").read_text(encoding="utf-8"), "lxml").find("dl", class_="glossary")
    term = next(dt for dt in glossary.find_all("dt") if "TERM" in dt.get_text())
    assert one_line(term.get_text()) == one_line(values["term"]) and re.fullmatch(r"[\w-]+", term["id"])


def test_the_head_says_the_title_and_description_as_text(built):
    site, values = built
    html = page_file(site, "future").read_text(encoding="utf-8")
    head = BeautifulSoup(html, "lxml").head
    assert head.title.get_text() == f"{values['title']} - Ketamine Therapy"
    assert head.find("meta", attrs={"name": "description"})["content"] == values["description"]
    assert head.find("meta", property="og:title")["content"] == values["title"]
    assert head.find("meta", property="og:description")["content"] == values["description"]
    [script] = head.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert (data["name"], data["description"]) == (values["title"], values["description"])
    assert data["publisher"]["name"] == values["name"] and data["reviewedBy"]["name"] == values["reviewer"]
    assert "</script" not in script.string.lower() and "<!--" not in script.string
    header = BeautifulSoup(html, "lxml").select_one(".md-header__topic[data-md-component=header-topic]")
    assert one_line(header.get_text()) == one_line(values["title"])
    assert "{{" not in html and "{%" not in html


@pytest.mark.parametrize("folder", EDITIONS.values(), ids=EDITIONS.keys())
def test_the_search_index_holds_text_only(built, folder):
    site, _ = built
    index = json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in index["docs"]:
        for field in ("title", "text"):
            fragment = BeautifulSoup(entry[field], "html.parser")
            assert not fragment.find_all(["script", "img"]) and not fragment.find_all(attrs={"onerror": True}), entry["location"]
