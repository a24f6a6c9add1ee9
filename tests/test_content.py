"""What a visitor reads: every page is built, and every fact of the client's article is on the site."""

from __future__ import annotations

import posixpath
import re

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from support import ROOT, doc_pages, front_matter, page_file, soup, text_of

SOURCE = (ROOT / "tests" / "source" / "ketamine-therapy.txt").read_text(encoding="utf-8")
# The menu, in order: (label, page) from the nav: of mkdocs.yml.
MENU = [tuple(*item.items()) for item in yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]]
FACTS = yaml.safe_load((ROOT / "tests" / "source_facts.yml").read_text(encoding="utf-8"))


def source_parts() -> list[str]:
    """The article's headings and sentences, one by one."""
    parts = []
    for line in SOURCE.splitlines():
        line = line.strip().lstrip("•").strip()
        parts += [part for part in re.split(r"(?<=[.!?:])\s+", line) if part]
    return parts


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_is_built_with_its_own_title_and_description(site, page):
    html = soup(page_file(site, page))
    meta = front_matter(page)
    assert html.h1 and html.h1.get_text(strip=True)
    assert html.title.get_text().startswith(meta["title"])
    assert html.find("meta", attrs={"name": "description"})["content"] == meta["description"]


def test_titles_and_descriptions_are_unique(site):
    pages = [soup(page_file(site, page)) for page in doc_pages()]
    titles = [p.title.get_text() for p in pages]
    descriptions = [p.find("meta", attrs={"name": "description"})["content"] for p in pages]
    assert len(set(titles)) == len(titles)
    assert len(set(descriptions)) == len(descriptions)


def test_every_part_of_the_article_is_accounted_for():
    listed = [entry["source"] for entry in FACTS]
    parts = source_parts()
    assert [part for part in parts if part not in listed] == []
    assert [entry for entry in listed if entry not in parts] == []


@pytest.mark.parametrize("entry", FACTS, ids=[f"{e['page']}:{e['source'][:40]}" for e in FACTS])
def test_each_fact_of_the_article_is_on_its_page(site, facts, entry):
    text = text_of(soup(page_file(site, entry["page"])).article)
    for phrase in entry["says"]:
        expected = phrase.format(**dict(facts))
        assert expected in text, f"{entry['page']}: {expected!r} not found"


# --- Claims keep the article's strength ---------------------------------------------------------------

# Words that hedge a claim in the article, and the words the site may keep for them.
ARTICLE_HEDGES = re.compile(r"\b(may|might|can|could|some|often|potential|seems|appears|indicates?|considered|"
                            r"typically|usually|promise|promising)\b", re.I)
SITE_HEDGES = {"may", "might", "can", "could", "some", "often", "usually", "possible", "possibly", "potential",
               "seems", "seem", "appears", "looks", "indicate", "indicates", "consider", "considered",
               "promise", "promising", "chance", "risk"}

# Words that make a claim stronger; a family of forms counts as one word ("shows", "showing").
STRONG = {
    "many": r"many", "most": r"most", "all": r"all", "every": r"every(one|thing|body)?",
    "always": r"always", "never": r"never", "show": r"show(s|n|ed|ing)?", "known": r"known",
    "proven": r"prov(en|ed|es|e|ing)", "will": r"will", "effective": r"effective(ly|ness)?|efficacy",
    "best": r"best", "whole": r"whole", "guarantee": r"guarantee[sd]?", "cure": r"cure[sd]?",
    "safe": r"safe(ty|ly|r|st)?", "ensure": r"ensure[sd]?|make sure", "reliable": r"reliabl[ey]",
    "simple": r"simpl(e|y|icity)", "holistic": r"holistic",
    "completely": r"completely", "fully": r"fully", "certainly": r"certainly", "definitely": r"definitely",
    "clearly": r"clearly",
}
STRONG_WORDS = {name: re.compile(rf"\b({forms})\b", re.I) for name, forms in STRONG.items()}


def is_sentence(source: str) -> bool:
    """A sentence of the article, not a heading or a label such as "Potential for Dependency:"."""
    return source[-1] in ".!?"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def filled(entry: dict, facts) -> list[str]:
    return [phrase.format(**dict(facts)) for phrase in entry["says"]]


@pytest.mark.parametrize("entry", FACTS, ids=[f"{e['page']}:{e['source'][:40]}" for e in FACTS])
def test_a_hedged_sentence_of_the_article_keeps_its_hedge_on_the_site(site, facts, entry):
    found = [h.lower() for h in ARTICLE_HEDGES.findall(entry["source"])] if is_sentence(entry["source"]) else []
    kept = entry.get("hedges", [])
    assert len(kept) == len(found), (
        f"tests/source_facts.yml: the article hedges with {found}; record in `hedges` the word the site keeps for each")
    assert set(kept) <= SITE_HEDGES, f"{set(kept) - SITE_HEDGES} is not a hedge"
    said = [word for phrase in filled(entry, facts) for word in words(phrase)]
    text = text_of(soup(page_file(site, entry["page"])).article)
    for hedge in set(kept):
        assert said.count(hedge) >= kept.count(hedge), f"no `says` keeps the hedge {hedge!r} of: {entry['source']}"
        for phrase in filled(entry, facts):
            if hedge in words(phrase):
                assert phrase in text, (f"{entry['page']}: the article's hedge is lost: {phrase!r} is no longer on "
                                        f"the page (article: {entry['source']!r}); keep {hedge!r}")


@pytest.mark.parametrize("entry", FACTS, ids=[f"{e['page']}:{e['source'][:40]}" for e in FACTS])
def test_no_says_phrase_is_stronger_than_its_article_sentence(facts, entry):
    for phrase in filled(entry, facts):
        stronger = [name for name, word in STRONG_WORDS.items() if word.search(phrase) and not word.search(entry["source"])]
        assert not stronger, f"{phrase!r} says {stronger} where the article does not: {entry['source']}"


@pytest.mark.parametrize("page", doc_pages())
def test_no_page_uses_a_strong_word_its_article_sentence_does_not(site, facts, page):
    """Every strong word on a page stands in a `says` phrase whose article sentence uses it too."""
    article = soup(page_file(site, page)).article
    # Crisis help and the footer make no claim of the article; a glossary term is a name, not a claim.
    for element in article.select(".crisis-box, .page-footer, dl.glossary dt"):
        element.decompose()
    text = text_of(article)
    allowed = []  # (start, end, strong words the article sentence allows there)
    for entry in (e for e in FACTS if e["page"] == page):
        allows = {name for name, word in STRONG_WORDS.items() if word.search(entry["source"])}
        for phrase in filled(entry, facts):
            allowed += [(m.start(), m.end(), allows) for m in re.finditer(re.escape(phrase), text)]
    for name, word in STRONG_WORDS.items():
        for match in word.finditer(text):
            covered = any(start <= match.start() and match.end() <= end and name in allows
                          for start, end, allows in allowed)
            context = text[max(0, match.start() - 60):match.end() + 60]
            assert covered, f"{page}: {match[0]!r} claims more than the article: …{context}…"


def test_every_claim_listed_for_the_clinical_reviewer_is_on_its_page(site, facts):
    for entry in facts.review_checklist.pages:
        text = text_of(soup(page_file(site, entry.page.removesuffix(".md"))).article)
        for item in entry.items:
            assert item.says in text, f"data/review_checklist.yml: {entry.page} no longer says {item.says!r}"


# --- Pages answer their question first -----------------------------------------------------------------


@pytest.mark.parametrize("page", doc_pages())
def test_every_page_opens_with_a_short_summary_before_its_first_sub_heading(site, page):
    article = soup(page_file(site, page)).article
    first = article.h1.find_next_sibling()
    assert first.name == "p", f"{page}: the page starts with <{first.name}>, not a summary"
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(first.get_text().split()))
    assert 1 <= len(sentences) <= 2 and len(words(first.get_text())) <= 40, f"{page}: {sentences}"


def section(html, heading_id: str) -> list:
    """The elements under the h2 with this id, up to the next h2."""
    heading = html.find("h2", id=heading_id)
    assert heading is not None, heading_id
    parts = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        parts.append(element)
    return parts


def test_the_contact_page_says_what_to_have_ready_when_calling_about_insurance(site):
    parts = section(soup(page_file(site, "contact")).article, "verify-your-insurance")
    items = [text_of(li) for part in parts if part.name == "ul" for li in part.find_all("li")]
    for needed in ("insurance card", "member ID", "date of birth", "medicines"):
        assert any(needed in item for item in items), f"{needed!r} is not in the list: {items}"


def test_the_treatment_page_lists_questions_to_ask_the_care_team_and_the_contact_page_links_there(site):
    parts = section(soup(page_file(site, "treatment-process")).article, "questions-to-ask-your-care-team")
    questions = [text_of(li) for part in parts if part.name == "ul" for li in part.find_all("li")]
    assert len(questions) >= 6 and all(q.endswith("?") for q in questions), questions
    links = soup(page_file(site, "contact")).article.find_all("a", href=re.compile(r"#questions-to-ask-your-care-team$"))
    assert links


def test_the_404_page_helps_the_visitor_on(site, facts):
    html = soup(site / "404.html")
    assert "can't find" in html.h1.get_text()
    assert html.find("a", href=facts.clinic.tel)
    article = html.article
    # Crisis help, a search, and every page of the site (its links are checked at any depth under a
    # sub-path in tests/test_hosting.py).
    assert article.select_one(".crisis-box") and article.find("a", href="tel:988") and article.find("a", href="sms:988")
    form = article.find("form", role="search")
    assert posixpath.normpath(form["action"]) == "/" and form.find("input", attrs={"name": "q"})
    listed = [(a.get_text(), a["href"]) for a in article.find("h2", id="pages").find_next("ul").find_all("a")]
    assert [(label, posixpath.normpath("/" + page.removesuffix(".md").replace("index", ""))) for label, page in MENU] == \
        [(label, posixpath.normpath(href)) for label, href in listed]
