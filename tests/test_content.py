"""What a visitor reads: every page of each edition is built, and every fact of the client's article is on
the site, in English and in Spanish, no stronger than the article says it."""

from __future__ import annotations

import posixpath
import re

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from support import EDITIONS, ROOT, doc_pages, edition_ids, edition_pages, front_matter, page_file, soup, text_of

SOURCE = (ROOT / "tests" / "source" / "ketamine-therapy.txt").read_text(encoding="utf-8")
SETTINGS = {"en": "mkdocs.yml", "es": "mkdocs.es.yml"}
# Each edition's menu, in order: (label, page) from the nav: of its settings.
MENU = {lang: [tuple(*item.items()) for item in yaml_load((ROOT / name).read_text(encoding="utf-8"))["nav"]]
        for lang, name in SETTINGS.items()}
# Each sentence of the article, and where each edition says it (tests/source_facts.yml, source_facts.es.yml).
FACTS_FILES = {"en": "source_facts.yml", "es": "source_facts.es.yml"}
ALL_FACTS = {lang: yaml.safe_load((ROOT / "tests" / name).read_text(encoding="utf-8")) for lang, name in FACTS_FILES.items()}
FACTS = ALL_FACTS["en"]
ENTRIES = [(lang, entry) for lang, entries in ALL_FACTS.items() for entry in entries]
ENTRY_IDS = [f"{lang}:{e['page']}:{e['source'][:40]}" for lang, e in ENTRIES]


def source_parts() -> list[str]:
    """The article's headings and sentences, one by one."""
    parts = []
    for line in SOURCE.splitlines():
        line = line.strip().lstrip("•").strip()
        parts += [part for part in re.split(r"(?<=[.!?:])\s+", line) if part]
    return parts


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_every_page_is_built_with_its_own_title_and_description(site, lang, page):
    html = soup(page_file(site, page, lang))
    meta = front_matter(page, lang)
    assert html.h1 and html.h1.get_text(strip=True)
    assert html.title.get_text().startswith(meta["title"])
    assert html.find("meta", attrs={"name": "description"})["content"] == meta["description"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_titles_and_descriptions_are_unique(site, lang):
    pages = [soup(page_file(site, page, lang)) for page in doc_pages()]
    titles = [p.title.get_text() for p in pages]
    descriptions = [p.find("meta", attrs={"name": "description"})["content"] for p in pages]
    assert len(set(titles)) == len(titles)
    assert len(set(descriptions)) == len(descriptions)


def test_each_spanish_page_has_its_own_title_and_description_not_the_english_ones():
    for page in doc_pages():
        english, spanish = front_matter(page), front_matter(page, "es")
        assert spanish["title"] != english["title"] and spanish["description"] != english["description"], page


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_part_of_the_article_is_accounted_for(lang):
    listed = [entry["source"] for entry in ALL_FACTS[lang]]
    parts = source_parts()
    assert [part for part in parts if part not in listed] == []
    assert [entry for entry in listed if entry not in parts] == []
    # In the same order, on the same pages, in every edition.
    assert [(e["source"], e["page"]) for e in ALL_FACTS[lang]] == [(e["source"], e["page"]) for e in FACTS]


@pytest.mark.parametrize("lang, entry", ENTRIES, ids=ENTRY_IDS)
def test_each_fact_of_the_article_is_on_its_page(site, facts_by_lang, lang, entry):
    text = text_of(soup(page_file(site, entry["page"], lang)).article)
    for phrase in entry["says"]:
        expected = phrase.format(**dict(facts_by_lang[lang]))
        assert expected in text, f"{lang}: {entry['page']}: {expected!r} not found"


# --- Claims keep the article's strength ---------------------------------------------------------------

# Words that hedge a claim in the article, and the words the site may keep for them.
ARTICLE_HEDGES = re.compile(r"\b(may|might|can|could|some|often|potential|seems|appears|indicates?|considered|"
                            r"typically|usually|promise|promising)\b", re.I)
SITE_HEDGES = {"may", "might", "can", "could", "some", "often", "usually", "possible", "possibly", "potential",
               "seems", "seem", "appears", "looks", "indicate", "indicates", "consider", "considered",
               "promise", "promising", "chance", "risk"}
# The words the Spanish edition keeps for them (a hedge may be more than one word: "a menudo").
SITE_HEDGES_ES = {"puede", "pueden", "podría", "podrían", "pudiera", "algunos", "algunas", "alguna", "a menudo",
                  "por lo general", "normalmente", "posible", "posibles", "posibilidad", "potencial", "parece",
                  "parecen", "indican", "indica", "considera", "consideran", "se considera", "tal vez", "quizás",
                  "prometedor", "prometedora", "promesa", "riesgo"}

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
# The same strong words in Spanish, by the English word they stand for: a Spanish page may use one only
# where the article's sentence uses the English word. "Seguro" is also insurance ("su seguro"), and
# "probado" also "tried": only their strong senses count.
STRONG_ES = {
    "many": r"muchos|muchas", "most": r"la mayoría|la mayor parte", "all": r"tod[oa]s|todo el mundo",
    "always": r"siempre", "never": r"nunca|jamás", "show": r"muestra[n]?|mostr\w+|demuestra[n]?|demostr\w+",
    "known": r"conocid[oa]s?|se sabe", "proven": r"comprobad[oa]s?|(?:está|están|ha sido|han sido)\s+probad[oa]s?",
    "effective": r"eficaz|eficaces|eficacia|efectiv[oa]s?|efectividad",
    "best": r"(?:el|la|los|las|lo|que)\s+mejor(?:es)?", "whole": r"enter[oa]", "guarantee": r"garantiz\w+|garantía",
    "cure": r"cura[ns]?|curar|curación", "ensure": r"asegur\w+",
    "safe": r"(?<!su )(?<!mi )(?<!el )(?<!del )(?<!un )(?<!tu )segur[oa]s?|seguridad|sin riesgos?",
    "reliable": r"confiable|fiable", "simple": r"simple|sencill[oa]s?", "holistic": r"holístic[oa]s?",
    "completely": r"completamente|por completo", "fully": r"totalmente|plenamente", "certainly": r"ciertamente|sin duda",
    "definitely": r"definitivamente", "clearly": r"claramente",
}
STRONG_WORDS_ES = {name: re.compile(rf"\b(?:{forms})\b", re.I) for name, forms in STRONG_ES.items()}
STRONG_IN = {"en": STRONG_WORDS, "es": STRONG_WORDS_ES}
HEDGES_IN = {"en": SITE_HEDGES, "es": SITE_HEDGES_ES}


def is_sentence(source: str) -> bool:
    """A sentence of the article, not a heading or a label such as "Potential for Dependency:"."""
    return source[-1] in ".!?"


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def uses(phrase: str, hedge: str) -> int:
    """How many times a hedge (a word, or words: "a menudo") stands in a phrase, as whole words, case aside."""
    return len(re.findall(rf"(?<!\w){re.escape(hedge)}(?!\w)", phrase.lower()))


def filled(entry: dict, facts) -> list[str]:
    return [phrase.format(**dict(facts)) for phrase in entry["says"]]


@pytest.mark.parametrize("lang, entry", ENTRIES, ids=ENTRY_IDS)
def test_a_hedged_sentence_of_the_article_keeps_its_hedge_on_the_site(site, facts_by_lang, lang, entry):
    facts = facts_by_lang[lang]
    found = [h.lower() for h in ARTICLE_HEDGES.findall(entry["source"])] if is_sentence(entry["source"]) else []
    kept = entry.get("hedges", [])
    assert len(kept) == len(found), (
        f"tests/{FACTS_FILES[lang]}: the article hedges with {found}; record in `hedges` the word the site keeps for each")
    assert set(kept) <= HEDGES_IN[lang], f"{set(kept) - HEDGES_IN[lang]} is not a hedge"
    text = text_of(soup(page_file(site, entry["page"], lang)).article)
    for hedge in set(kept):
        said = sum(uses(phrase, hedge) for phrase in filled(entry, facts))
        assert said >= kept.count(hedge), f"no `says` keeps the hedge {hedge!r} of: {entry['source']}"
        for phrase in filled(entry, facts):
            if uses(phrase, hedge):
                assert phrase in text, (f"{lang}: {entry['page']}: the article's hedge is lost: {phrase!r} is no longer "
                                        f"on the page (article: {entry['source']!r}); keep {hedge!r}")


@pytest.mark.parametrize("lang, entry", ENTRIES, ids=ENTRY_IDS)
def test_no_says_phrase_is_stronger_than_its_article_sentence(facts_by_lang, lang, entry):
    for phrase in filled(entry, facts_by_lang[lang]):
        stronger = [name for name, word in STRONG_IN[lang].items()
                    if word.search(phrase) and not STRONG_WORDS[name].search(entry["source"])]
        assert not stronger, f"{phrase!r} says {stronger} where the article does not: {entry['source']}"


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_no_page_uses_a_strong_word_its_article_sentence_does_not(site, facts_by_lang, lang, page):
    """Every strong word on a page stands in a `says` phrase whose article sentence uses it too."""
    facts = facts_by_lang[lang]
    article = soup(page_file(site, page, lang)).article
    # Crisis help and the footer make no claim of the article; a glossary term is a name, not a claim.
    for element in article.select(".crisis-box, .page-footer, dl.glossary dt"):
        element.decompose()
    text = text_of(article)
    allowed = []  # (start, end, strong words the article sentence allows there)
    for entry in (e for e in ALL_FACTS[lang] if e["page"] == page):
        allows = {name for name, word in STRONG_WORDS.items() if word.search(entry["source"])}
        for phrase in filled(entry, facts):
            allowed += [(m.start(), m.end(), allows) for m in re.finditer(re.escape(phrase), text)]
    for name, word in STRONG_IN[lang].items():
        for match in word.finditer(text):
            covered = any(start <= match.start() and match.end() <= end and name in allows
                          for start, end, allows in allowed)
            context = text[max(0, match.start() - 60):match.end() + 60]
            assert covered, f"{lang}: {page}: {match[0]!r} claims more than the article: …{context}…"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_claim_listed_for_the_clinical_reviewer_is_on_its_page(site, facts_by_lang, lang):
    for entry in facts_by_lang[lang].review_checklist.pages:
        text = text_of(soup(page_file(site, entry.page.removesuffix(".md"), lang)).article)
        for item in entry.items:
            assert item.says in text, f"data/review_checklist.yml: {entry.page} ({lang}) no longer says {item.says!r}"


# --- Pages answer their question first -----------------------------------------------------------------


@pytest.mark.parametrize("lang, page", edition_pages(), ids=edition_ids(edition_pages()))
def test_every_page_opens_with_a_short_summary_before_its_first_sub_heading(site, lang, page):
    article = soup(page_file(site, page, lang)).article
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


# What to have ready when calling, by section (its heading's id) and the words each item holds.
READY = {
    "en": ("verify-your-insurance", ("insurance card", "member ID", "date of birth", "medicines")),
    "es": ("verifique-su-seguro", ("tarjeta del seguro", "número de miembro", "fecha de nacimiento", "medicamentos")),
}
QUESTIONS = {"en": "questions-to-ask-your-care-team", "es": "preguntas-para-su-equipo-medico"}


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_contact_page_says_what_to_have_ready_when_calling_about_insurance(site, lang):
    heading, ready = READY[lang]
    parts = section(soup(page_file(site, "contact", lang)).article, heading)
    items = [text_of(li) for part in parts if part.name == "ul" for li in part.find_all("li")]
    for needed in ready:
        assert any(needed in item for item in items), f"{needed!r} is not in the list: {items}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_treatment_page_lists_questions_to_ask_the_care_team_and_the_contact_page_links_there(site, lang):
    parts = section(soup(page_file(site, "treatment-process", lang)).article, QUESTIONS[lang])
    questions = [text_of(li) for part in parts if part.name == "ul" for li in part.find_all("li")]
    assert len(questions) >= 6 and all(q.endswith("?") for q in questions), questions
    links = soup(page_file(site, "contact", lang)).article.find_all("a", href=re.compile(rf"#{QUESTIONS[lang]}$"))
    assert links


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_404_page_helps_the_visitor_on(site, facts_by_lang, lang):
    facts, folder = facts_by_lang[lang], EDITIONS[lang]
    words = facts.interface.not_found
    html = soup(site / folder / "404.html")
    assert html.h1.get_text() == words.heading
    assert html.find("a", href=facts.clinic.tel)
    article = html.article
    # Crisis help, a search, and every page of the edition (its links are checked at any depth under a
    # sub-path in tests/test_hosting.py).
    assert article.select_one(".crisis-box") and article.find("a", href="tel:988") and article.find("a", href="sms:988")
    form = article.find("form", role="search")
    assert posixpath.normpath(form["action"]) == posixpath.normpath("/" + folder) and form.find("input", attrs={"name": "q"})
    listed = [(a.get_text(), a["href"]) for a in article.find("h2", id="pages").find_next("ul").find_all("a")]
    assert [(label, posixpath.normpath("/" + folder + page.removesuffix(".md").replace("index", ""))) for label, page in MENU[lang]] == \
        [(label, posixpath.normpath(href)) for label, href in listed]
    # And the way to each other edition, in its own language.
    for other, other_folder in EDITIONS.items():
        if other != lang:
            link = article.find("a", hreflang=other)
            assert link is not None and posixpath.normpath(link["href"]) == posixpath.normpath("/" + other_folder), lang
            assert link.find_parent(lang=other) and link.get_text() == facts_by_lang[other].interface.not_found.this_language


def english_wordings() -> set[str]:
    """Every wording the data gives in English and Spanish ({en: …, es: …}), its English side cut at
    its placeholders ({phone}), and every label of Material's own in English that Spanish says otherwise."""
    wordings = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("en"), str) and isinstance(value.get("es"), str) and value["en"] != value["es"]:
                wordings.update(part.strip() for part in re.split(r"\{\w+\}", value["en"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for data in (ROOT / "data").glob("*.yml"):
        walk(yaml.safe_load(data.read_text(encoding="utf-8")))
    languages = ROOT / ".venv" / "lib"
    labels = {}
    for lang in ("en", "es"):
        template = next(languages.glob(f"python3*/site-packages/material/templates/partials/languages/{lang}.html"))
        labels[lang] = dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', template.read_text(encoding="utf-8"), re.M))
    wordings.update(text for key, text in labels["en"].items() if labels["es"].get(key, text) != text)
    return {wording for wording in wordings if len(wording) >= 4 and not wording.isdigit()}


ENGLISH = english_wordings()


@pytest.mark.parametrize("page", [*doc_pages(), "404"])
def test_a_spanish_page_speaks_spanish_all_around_its_text(site, page):
    # The help bar, the crisis box and its link, the review and date lines, the disclaimer, the 404
    # page, the search box and Material's own labels: no English wording is left, bar the language
    # switch's "English", which says its language (lang="en").
    html = soup(site / "es" / "404.html" if page == "404" else page_file(site, page, "es"))
    assert html.html["lang"] == "es"
    for element in html.select('[lang="en"]'):
        element.decompose()
    for element in html(["script", "style"]):
        element.decompose()
    said = [" ".join(html.get_text(" ").split())]
    said += [value for element in html.find_all(True)
             for attribute in ("aria-label", "placeholder", "title", "alt", "content")
             if (value := element.get(attribute))]
    left = sorted({wording for wording in ENGLISH for text in said if re.search(rf"(?<!\w){re.escape(wording)}(?!\w)", text)})
    assert not left, f"es/{page}: still in English: {left}"
