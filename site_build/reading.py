"""How hard a page is to read: the article's prose as a reader meets it, graded in the page's language:
Flesch-Kincaid and SMOG for English, INFLESZ (Szigriszt-Pazos's reading ease) and Fernández-Huerta for
Spanish.

The measure reads the article's HTML only (what MkDocs' `on_page_content` gives: no menu, no footer),
parses it once with lxml and walks it once, so its cost grows with the page and nothing else.
What it reads, and how:
- every visible word, whatever element holds it (a paragraph, a `<div>`, `<details>`, a quote, an
  admonition, a definition list);
- not what is no sentence: headings and titles (unless written as sentences, or too long to be a
  heading), table captions and
  column headings, lists whose items are only links;
- list items without end punctuation run into the sentence that introduces them ("Bring: a, b, c.");
- a table cell reads as "label: cell", the label being its row's heading (else its column's), and a
  definition list's term reads as the label of its definition;
- hidden text (`hidden`, `aria-hidden`, visually hidden) and tooltips (`title`) are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree
from textstat.textstat import textstatistics

from site_build.languages import FIRST

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that start and end a block of text: the words on either side never run together.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "div", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hr", "legend", "main", "nav", "p", "pre",
    "section", "summary",
})
# Elements whose content is never read: code that runs, drawings (a table's caption is a title: see below).
NOT_READ = frozenset({"script", "style", "template", "svg", "math", "head", "title"})
HIDDEN_CLASSES = frozenset({"visually-hidden", "md-visually-hidden", "sr-only"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
TITLE_CLASSES = frozenset({"admonition-title"})  # an admonition's title is a heading in a box

# A sentence has ended when its last character (before closing quotes or brackets) is one of these.
ENDED = re.compile(r"[.!?][\"'’”)\]]*$")
# A heading written as prose: it ends with a full stop or holds more than one sentence.
PROSE_HEADING = re.compile(r"[.!][\"'’”)\]]*$|[.!?][\"'’”)\]]*\s+\S")
# A real heading names a section in a few words; text longer than this is prose set as a heading
# (an <h5> holding a paragraph), and is read like any other sentence.
HEADING_WORDS = 12


@dataclass
class _Unit:
    text: str
    item: bool = False  # from a list item: may run into the sentence before it


@dataclass
class _Table:
    columns: list[str] = field(default_factory=list)
    row: list[tuple[bool, str]] = field(default_factory=list)  # (is a heading cell, its text)


class _Reader:
    """Walks the article once, gathering the text a reader reads as units: sentences or list items."""

    def __init__(self) -> None:
        self.units: list[_Unit] = []
        # The text being gathered; a heading, cell or definition list part gathers into its own buffer.
        self.buffers: list[list[str]] = [[]]
        self.items: list[int] = []  # where each open list item's units start
        self.tables: list[_Table] = []
        self.terms: list[str] = []  # a definition list's terms waiting for their definition

    # --- Text -------------------------------------------------------------------------------------

    def add(self, text: str | None) -> None:
        if text:
            self.buffers[-1].append(text)

    def end_block(self) -> None:
        if len(self.buffers) > 1:  # inside a heading or cell: its blocks are one text
            self.add(" ")
            return
        if text := _words(self.buffers[0]):
            self.units.append(_Unit(text))
        self.buffers[0].clear()

    def gather(self) -> None:
        self.end_block()
        self.buffers.append([])

    def gathered(self) -> str:
        return _words(self.buffers.pop())

    # --- Elements ---------------------------------------------------------------------------------

    def start(self, element: etree._Element) -> bool:
        """Reads the start of `element`; False when nothing inside it is read."""
        tag = element.tag
        if not isinstance(tag, str) or tag in NOT_READ or _hidden(element):
            return False
        if tag == "caption" and self.tables:  # a table's title, not a sentence
            return False
        classes = set(element.get("class", "").split())
        if tag in ("ul", "ol") and _links_only(element):
            return False
        if tag in HEADINGS or classes & TITLE_CLASSES or tag in ("td", "th", "dt", "dd"):
            self.gather()
        elif tag == "li":
            self.end_block()
            self.items.append(len(self.units))
        elif tag == "table":
            self.end_block()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].row = []
        elif tag in BLOCKS:
            self.end_block()
        elif tag == "br":
            self.add(" ")
        self.add(element.text)
        return True

    def end(self, element: etree._Element) -> None:
        tag = element.tag
        classes = set(element.get("class", "").split())
        if tag in HEADINGS or classes & TITLE_CLASSES:
            heading = self.gathered()
            if PROSE_HEADING.search(heading) or len(heading.split()) > HEADING_WORDS:
                self.units.append(_Unit(heading))
        elif tag in ("td", "th"):
            text = self.gathered()
            if self.tables:
                self.tables[-1].row.append((tag == "th", text))
            elif text:  # a cell outside any table: a browser shows its words as text
                self.units.append(_Unit(text))
        elif tag == "tr" and self.tables:
            self._read_row(self.tables[-1])
        elif tag == "table" and self.tables:
            self.tables.pop()
        elif tag == "dt":
            self.terms.append(self.gathered())
        elif tag == "dd":
            definition, terms = self.gathered(), [t for t in self.terms if t]
            self.terms.clear()
            self.units.append(_Unit(f"{', '.join(terms)}: {definition}" if terms else definition))
        elif tag == "dl":
            self.units.extend(_Unit(term) for term in self.terms if term)
            self.terms.clear()
        elif tag == "li" and self.items:
            self.end_block()
            for unit in self.units[self.items.pop():]:
                unit.item = True
        elif tag in BLOCKS:
            self.end_block()

    def _read_row(self, table: _Table) -> None:
        cells = table.row
        if cells and all(heading for heading, _ in cells):
            table.columns = [text for _, text in cells]  # the column headings: labels, not sentences
            return
        label = next((text for heading, text in cells if heading), "")
        for index, (heading, text) in enumerate(cells):
            if heading and text == label or not text:
                continue
            name = label or (table.columns[index] if index < len(table.columns) else "")
            self.units.append(_Unit(f"{name}: {text}" if name else text))

    # --- Sentences --------------------------------------------------------------------------------

    def sentences(self) -> list[str]:
        self.end_block()
        sentences: list[str] = []
        last: _Unit | None = None
        for unit in self.units:
            # An unended sentence introduces the list after it; unended items run on, one after another.
            if unit.item and last and not ENDED.search(last.text):
                sentences[-1] += (", " if last.item else " ") + unit.text
            else:
                sentences.append(unit.text)
            last = unit
        return [s if ENDED.search(s) else f"{s.rstrip(':')}." for s in sentences]


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _hidden(element: etree._Element) -> bool:
    return (element.get("hidden") is not None
            or element.get("aria-hidden", "").strip().lower() == "true"
            or bool(HIDDEN_CLASSES & set(element.get("class", "").split()))
            or bool(HIDDEN_STYLE.search(element.get("style", ""))))


def _links_only(listing: etree._Element) -> bool:
    """A list whose items are only links (a menu of pages): every word in it is inside a link."""
    items = [child for child in listing if child.tag == "li"]
    if not items:
        return False
    for item in items:
        links = [link.text_content() for link in item.iter("a")]
        if not links or len("".join(item.text_content().split())) != len("".join("".join(links).split())):
            return False
    return True


class TooDeep(ValueError):
    """HTML nested deeper than the parser reads: a browser shows the text, the measure would not see it."""


def reading_text(article: str | etree._Element) -> str:
    """The article's prose as a reader reads it: one sentence after another, each ended. `article` is its
    HTML, or that HTML already parsed by lxml (`fragment_fromstring(..., create_parent="div")`)."""
    if isinstance(article, str):
        if not article.strip():
            return ""
        parser = lxml.html.HTMLParser(huge_tree=True)  # huge: 2048 levels of nesting, not 256
        root = lxml.html.fragment_fromstring(article, create_parent="div", parser=parser)
        if any("Excessive depth" in error.message for error in parser.error_log):
            raise TooDeep("its HTML is nested too deeply to be read (more than 2048 tags inside one another); "
                          "remove the extra tags around the text")
    else:
        root = article
    reader = _Reader()
    walk = etree.iterwalk(root, events=("start", "end"))
    skipped = None  # an element not read: its end comes next, and reads nothing but the text after it
    for event, element in walk:
        if event == "start":
            if not reader.start(element):
                walk.skip_subtree()
                skipped = element
            continue
        if element is skipped:
            skipped = None
        else:
            reader.end(element)
        reader.add(element.tail)
    return " ".join(reader.sentences())


@dataclass(frozen=True)
class Readability:
    words: int
    grade: float | None = None  # English: Flesch-Kincaid grade
    smog: float | None = None  # English: SMOG index, the formula most used for health material
    inflesz: float | None = None  # Spanish: Szigriszt-Pazos's reading ease, read on the INFLESZ scale (0-100)
    fernandez_huerta: float | None = None  # Spanish: Fernández-Huerta's reading ease, beside it


# textstat counts syllables by the rules of one language. Its module-level functions share one
# language for the whole process (textstat.set_lang), so each language has a measure of its own.
_MEASURES: dict[str, textstatistics] = {}


def _measure(lang: str) -> textstatistics:
    if lang not in _MEASURES:
        measure = textstatistics()
        measure.set_lang("en_US" if lang == FIRST else lang)
        _MEASURES[lang] = measure
    return _MEASURES[lang]


def readability(article: str | etree._Element, lang: str = FIRST) -> Readability:
    text = reading_text(article)
    measure = _measure(lang)
    words = measure.lexicon_count(text)
    if lang == "es":
        return Readability(words, inflesz=round(measure.szigriszt_pazos(text), 1),
                           fernandez_huerta=round(measure.fernandez_huerta(text), 1))
    return Readability(words, grade=round(measure.flesch_kincaid_grade(text), 1), smog=round(measure.smog_index(text), 1))


def too_hard(shown: str, article: str | etree._Element, standards, lang: str = FIRST) -> str | None:
    """The problem line for a page that reads harder than data/standards.yml allows (or cannot be read), or None."""
    try:
        reading = readability(article, lang)
    except TooDeep as error:
        return f"{shown}: {error}"
    advice = "use shorter sentences and everyday words, and let the glossary explain hard terms"
    if reading.inflesz is not None:
        if reading.inflesz >= standards.min_inflesz:
            return None
        return (f"{shown}: reads at INFLESZ {reading.inflesz}, below the limit of {standards.min_inflesz:g} "
                f"(data/standards.yml; aim at {standards.target_inflesz:g} or more); {advice}")
    if reading.grade <= standards.max_reading_grade:
        return None
    return f"{shown}: reads at grade {reading.grade}, above the limit of {standards.max_reading_grade:g} (data/standards.yml); {advice}"
