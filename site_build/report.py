"""The content report: for every page of each edition, its words, reading grades, review dates and the
facts it draws on (and, for a translation, whether its English page changed after it); then what a
clinician should check on each page (data/review_checklist.yml)."""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

import lxml.html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority

from site_build import editions, twins
from site_build.checks import Problems, read_text
from site_build.facts import Facts, load_facts
from site_build.languages import FIRST, LANGUAGES
from site_build.pages import FRONT_MATTER, clinic_today, long_date, names_used, read_front_matter, review_of
from site_build.reading import readability

ROOT = Path(__file__).resolve().parents[1]


class _Articles(BasePlugin):
    """Keeps each page's article as the build's reading check measures it."""

    def __init__(self) -> None:
        self.html: dict[str, str] = {}

    @event_priority(-100)
    def on_page_content(self, html: str, *, page, config, files) -> str:
        self.html[page.file.src_uri] = html
        return html


def built_articles(root: Path) -> dict[str, str]:
    """Builds each edition (into a folder that is thrown away) and returns each page's article HTML, by
    the page's file (index.md, index.es.md)."""
    articles = _Articles()
    with tempfile.TemporaryDirectory() as folder:
        for edition in editions.editions(load_config(str(root / "mkdocs.yml"))):
            settings = editions.settings_file(root / "mkdocs.yml", edition)
            config = load_config(str(settings), site_dir=str(Path(folder) / edition.lang))
            config.plugins["content-report"] = articles
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    return articles.html


def checklist_lines(facts: dict[str, Facts], articles: dict[str, str]) -> list[str]:
    """What a clinician should check on each page, as each language's page says it; a sentence that is
    no longer on its page is marked."""
    lines = []
    first = facts[FIRST]
    for number, entry in enumerate(first.review_checklist.pages):
        lines += ["", f"docs/{entry.page}"] if lines else [f"docs/{entry.page}"]
        for place, item in enumerate(entry.items):
            lines += [f'  - "{item.says}"{_on_page(item.says, articles.get(entry.page))}', f"    Check: {item.check}"]
            for lang, wording in facts.items():
                if lang != FIRST:
                    said = wording.review_checklist.pages[number].items[place].says
                    page = editions.twin(entry.page, lang)
                    lines.append(f'    In {LANGUAGES[lang]} (docs/{page}): "{said}"{_on_page(said, articles.get(page))}')
    return lines


def _on_page(says: str, article: str | None) -> str:
    text = " ".join(lxml.html.fragment_fromstring(article or "", create_parent="div").text_content().split())
    return "" if says in text else " [NOT ON THE PAGE: update data/review_checklist.yml]"


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] for row in [header, *rows]]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from macros import DRAWS_ON

    # The build's own lines, as `mkdocs build` prints them; its progress notes are left out.
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING, stream=sys.stderr)
    try:
        articles = built_articles(ROOT)
    except MkDocsException as error:  # the build has printed what is wrong; this is its last word
        print(error, file=sys.stderr)
        print("The report needs a site that builds: fix the line above, then run it again.", file=sys.stderr)
        return 1
    facts = {lang: load_facts(ROOT / "data", lang) for lang in LANGUAGES}
    today = clinic_today(ROOT / "mkdocs.yml")
    standards = facts[FIRST].standards
    tables: dict[str, list[tuple[str, ...]]] = {lang: [] for lang in LANGUAGES}
    for path in sorted((ROOT / "docs").glob("*.md")):
        src = path.name
        lang = editions.page_language(src)
        if src not in articles:  # not a page of any edition
            continue
        shown = f"docs/{src}"
        try:
            review = review_of(read_front_matter(path, shown, facts[lang], today), facts[lang])
        except Problems as found:  # cannot happen after a good build, but say so plainly if it does
            print("\n".join(found.lines), file=sys.stderr)
            return 1
        html = articles[src]
        reading = readability(html, lang)
        source = read_text(path, shown)
        markdown = source[FRONT_MATTER.match(source).end():]
        sources = sorted({DRAWS_ON[name] for name in names_used(markdown) if name in DRAWS_ON})
        abbrs = lxml.html.fragment_fromstring(html, create_parent="div").iter("abbr")
        terms = sorted({abbr.text_content() for abbr in abbrs}, key=str.lower)
        used = [f"{source}.yml" for source in sources]
        if terms:
            used.append(f"glossary.yml terms ({', '.join(terms)})")
        if review is None:
            reviewed, due = "not yet", "-"
        else:
            reviewed = f"{long_date(review.reviewed)} ({review.reviewer.signed})"
            due = long_date(review.due) + (" OVERDUE" if review.overdue(today) else "")
        if lang == FIRST:
            figures = (f"{reading.grade:.1f}", f"{reading.smog:.1f}")
        else:
            english = ROOT / "docs" / editions.twin(src, FIRST)
            update = "UPDATE: English changed after" if twins.needs_update(ROOT, path, english) else "-"
            figures = (f"{reading.inflesz:.1f}", f"{reading.fernandez_huerta:.1f}", update)
        tables[lang].append((shown, str(reading.words), *figures, reviewed, due, "; ".join(used) or "-"))
    print("\n".join(_table(tables[FIRST], ("page", "words", "grade", "SMOG", "reviewed", "due", "facts used"))))
    print(f"\nGrade is the Flesch-Kincaid grade; the limit is {standards.max_reading_grade:g} (data/standards.yml). SMOG, the formula "
          "most used for health material, is shown beside it. Both read the article's prose only. "
          f"Reviews fall due {standards.review_cycle_months} months after 'reviewed:'; "
          "'not yet' means no clinician listed in data/reviewers.yml has reviewed the page.")
    for lang in LANGUAGES:
        if lang == FIRST or not tables[lang]:
            continue
        print(f"\n{LANGUAGES[lang]} edition\n")
        print("\n".join(_table(tables[lang], ("page", "words", "INFLESZ", "F-Huerta", "translation", "reviewed", "due",
                                                "facts used"))))
        print(f"\nINFLESZ is Szigriszt-Pazos's reading ease (0 to 100, higher is easier); pages aim at "
              f"{standards.target_inflesz:g} or more (\"bastante fácil\"), and one below {standards.min_inflesz:g} stops the "
              "build (data/standards.yml). Fernández-Huerta's reading ease is shown beside it. 'UPDATE' marks a "
              "page whose English page changed after it in Git: bring the translation up to date.")
    checklist = checklist_lines(facts, articles)
    if checklist:
        count = sum(len(entry.items) for entry in facts[FIRST].review_checklist.pages)
        print(f"\nFor the clinical reviewer: {count} claims to check (data/review_checklist.yml)\n")
        print("\n".join(checklist))
    return 0


if __name__ == "__main__":
    sys.exit(main())
