"""Load the facts under data/ and check them, so that an editor's slip stops the build with one clear line."""

from __future__ import annotations

import difflib
import functools
import re
import string
from pathlib import Path
from typing import Annotated, ClassVar

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationInfo,
                      field_validator, model_validator)

from site_build.checks import At, Problems, Words, check_yaml, foreign_digit, read_text
from site_build.languages import FIRST, LANGUAGES, in_language


def _plain_text(value: str) -> str:
    """A fact is one paragraph of plain words: line breaks become spaces (in a page's Markdown they could
    start a block of their own), and braces are for pages: a fact is never filled in a second time."""
    for marker in ("{{", "{%", "{#"):
        if marker in value:
            raise ValueError(f'has "{marker}" in it, but braces work only on pages (a fact is plain words); '
                             "write the words themselves")
    return " ".join(value.split())


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain_text)]
# Words visitors read, written in each language of the site ({en: …, es: …}): a model holds the one
# its file was read in (see load_facts). Names, numbers and addresses are Text, written once.
Wording = Annotated[Text, BeforeValidator(in_language)]

# Written the way people in the US read a number; the tel: link is derived from it. Plain ASCII digits
# only: Python's \d also matches full-width and Arabic-Indic digits, which no phone can dial.
PHONE = re.compile(r"\(([0-9]{3})\) ([0-9]{3})-([0-9]{4})")


class Fact(BaseModel):
    # A misspelt key is an error, not a fact silently dropped.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Clinic(Fact):
    name: Text
    phone: Text
    services: Wording
    disclaimer: Wording
    # Facts the client's article does not give: empty until the clinic confirms them, and shown (at
    # the foot of every page) only once filled in. data/clinic.yml says how to write each.
    address: Text | None = None
    opening_hours: Wording | None = None
    email: Text | None = None
    offers_ketamine_therapy: bool | None = None

    @field_validator("email")
    @classmethod
    def _an_email_address(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", value):
            raise ValueError(f'"{value}" is not an email address; write it like info@example.org')
        return value

    @field_validator("phone")
    @classmethod
    def _us_phone(cls, value: str) -> str:
        if digit := foreign_digit(value):
            raise ValueError(f'"{value}" has {digit}; type the number again with the keyboard\'s own digits')
        if not PHONE.fullmatch(value):
            raise ValueError(
                f'"{value}" is not written like (555) 123-4567; write the area code in brackets, '
                "a space, three digits, a dash and four digits"
            )
        return value

    @property
    def tel(self) -> str:
        return "tel:+1" + "".join(PHONE.fullmatch(self.phone).groups())


class Route(Fact):
    name: Wording
    also_called: Wording
    how: Wording
    setting: Wording | None = None
    speed: Wording | None = None
    uses: Wording


class Routes(Fact):
    caption: Wording
    routes: list[Route] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_unique(self) -> Routes:
        each_once(self.routes, "routes", "name", "route")
        return self


class SideEffect(Fact):
    name: Wording
    detail: Wording
    # True where it needs medical help right away: the table then says how (call 911, from crisis.yml).
    urgent: bool = False


class SideEffects(Fact):
    caption: Wording
    side_effects: list[SideEffect] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_unique(self) -> SideEffects:
        each_once(self.side_effects, "side_effects", "name", "side effect")
        return self


# --- Help in a crisis ----------------------------------------------------------------------------
# The crisis lines are national numbers, not the clinic's to change: each is checked against the
# number it must be. Words never type a number: they write {number} (or {press}, {relay}...) where it
# goes, and the build fills it in from the same value as the link, so "Call 988" can only dial 988.

Part = tuple[str, str | None]  # a piece of text, and the address it links to (None: plain text)


def _slots(text: str) -> list[str]:
    """The {names} a text asks to be filled in."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise ValueError("has a { or } that is not part of a {name}; write {number} where the number goes") from None


def _check_words(text: str, allowed: set[str], required: set[str] = frozenset()) -> str:
    # \d matches every script's digits, which is what is wanted here: no number typed in any form.
    if typed := re.search(r"\d+", _strip_slots(text)):
        if allowed and "number" not in allowed:  # the interface's words: a fact goes in its {name}
            raise ValueError(f'types a number ("{typed[0]}"); write the words only, with '
                             f"{', '.join(f'{{{a}}}' for a in sorted(allowed))} where the facts go")
        raise ValueError(f'types a number ("{typed[0]}"); write {{number}} where the number goes, '
                         "so that the words always say what the links dial")
    for name in _slots(text):
        if name not in allowed:
            ways = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "no {name}: write the words only"
            raise ValueError(f"{{{name}}} is not a value this entry has; use {ways}")
    for name in sorted(required - set(_slots(text))):
        raise ValueError(f"never says {{{name}}}; write {{{name}}} where it goes")
    return text


def _strip_slots(text: str) -> str:
    return re.sub(r"\{[^{}]*\}", " ", text)


def _fill(text: str, values: dict[str, str], links: dict[str, str] | None = None) -> list[Part]:
    parts: list[Part] = []
    for literal, name, _, _ in string.Formatter().parse(text):
        if literal:
            parts.append((literal, None))
        if name is not None:
            href = (links or {}).get(name)
            parts.append((values[name], href))
    return parts


def _plain(parts: list[Part]) -> str:
    return "".join(text for text, _ in parts)


class LifelineOption(Fact):
    """Another way to reach the Lifeline. Its values are national facts: each must be what it is."""

    NATIONAL: ClassVar[dict[str, str]] = {}
    NEEDS_NUMBER: ClassVar[bool] = True  # whether `how` must say the Lifeline's number

    who: Wording
    how: Wording
    # The language of `who`, when it is not the page's (a screen reader then reads it right).
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] | None = None

    @classmethod
    def values(cls) -> set[str]:
        return set(cls.NATIONAL)

    @field_validator("who")
    @classmethod
    def _no_number(cls, value: str) -> str:
        return _check_words(value, set())

    @field_validator("how")
    @classmethod
    def _fills_in_its_values(cls, value: str) -> str:
        needed = cls.values() | ({"number"} if cls.NEEDS_NUMBER else set())
        return _check_words(value, {"number", *cls.values()}, needed)

    @field_validator("press", "word", "relay", "link", mode="before", check_fields=False)
    @classmethod
    def _national(cls, value: object, info) -> object:
        if not isinstance(value, str):
            return value  # a number, yes/no or a list: the type explains it in plain words
        expected = cls.NATIONAL[info.field_name]
        if value != expected:
            raise ValueError(f'"{value}" is not what the 988 Lifeline publishes; it never changes here: write "{expected}"')
        return str(value)

    def parts(self, number: str) -> list[Part]:
        values = {"number": number, **{name: getattr(self, name) for name in self.values()}}
        links = {"link": values["link"]} if "link" in values else None
        if links:
            values["link"] = re.sub(r"^https://", "", values["link"])  # a plain link: the address as it reads
        return _fill(self.how, values, links)


class LifelineChat(LifelineOption):
    NATIONAL: ClassVar[dict[str, str]] = {"link": "https://988lifeline.org/chat"}
    NEEDS_NUMBER: ClassVar[bool] = False
    link: str


class LifelineSpanish(LifelineOption):
    NATIONAL: ClassVar[dict[str, str]] = {"press": "2", "word": "AYUDA"}
    press: str
    word: str


class LifelineVeterans(LifelineOption):
    NATIONAL: ClassVar[dict[str, str]] = {"press": "1"}
    press: str


class LifelineTTY(LifelineOption):
    NATIONAL: ClassVar[dict[str, str]] = {"relay": "711"}
    relay: str


class CrisisLine(Fact):
    """A national crisis line: its number, its name and when to use it."""

    NUMBER: ClassVar[str]
    NAMED: ClassVar[str]
    texts: ClassVar[bool] = False  # whether it takes text messages

    number: str
    name: Wording
    when: Wording

    @field_validator("number", mode="before")
    @classmethod
    def _the_national_number(cls, value: object) -> object:
        if type(value) is int:
            value = str(value)  # 911 without quotes is still 911 (yes/no are refused by the type)
        if not isinstance(value, str):
            return value  # yes/no or a list: the type explains it in plain words
        if value != cls.NUMBER:
            raise ValueError(f'"{value}" is not {cls.NUMBER}, the national number of {cls.NAMED}; it never changes: write "{cls.NUMBER}"')
        return cls.NUMBER

    @field_validator("name")
    @classmethod
    def _name_words(cls, value: str) -> str:
        return _check_words(value, {"number"})

    @field_validator("when")
    @classmethod
    def _when_words(cls, value: str) -> str:
        return _check_words(value, {"number"}, {"number"})

    def say(self, field: str) -> str:
        """A text of this line with its number filled in."""
        return _plain(_fill(getattr(self, field), {"number": self.number}))

    @property
    def title(self) -> str:
        return self.say("name")

    @property
    def advice(self) -> str:
        return self.say("when")

    @property
    def options(self) -> list[LifelineOption]:
        return []


class Lifeline(CrisisLine):
    NUMBER: ClassVar[str] = "988"
    NAMED: ClassVar[str] = "the Suicide & Crisis Lifeline"
    texts: ClassVar[bool] = True

    chat: LifelineChat
    spanish: LifelineSpanish
    veterans: LifelineVeterans
    tty: LifelineTTY

    @property
    def options(self) -> list[LifelineOption]:
        return [self.chat, self.spanish, self.veterans, self.tty]


class Emergency(CrisisLine):
    NUMBER: ClassVar[str] = "911"
    NAMED: ClassVar[str] = "emergency services"

    # Where a side effect needs medical help right away (the urgent-advice box).
    urgent: Wording
    # At the foot of every page.
    footer: Wording

    @field_validator("urgent", "footer")
    @classmethod
    def _says_the_number(cls, value: str) -> str:
        return _check_words(value, {"number"}, {"number"})


class Crisis(Fact):
    heading: Wording
    message: Wording
    lifeline: Lifeline
    emergency: Emergency

    @field_validator("heading", "message")
    @classmethod
    def _no_number(cls, value: str) -> str:
        return _check_words(value, set())

    @property
    def lines(self) -> list[CrisisLine]:
        return [self.lifeline, self.emergency]


class Term(Fact):
    term: Wording
    marks: Annotated[list[Text], BeforeValidator(in_language)] = Field(min_length=1)
    definition: Wording

    @field_validator("marks")
    @classmethod
    def _real_terms(cls, marks: list[str], info: ValidationInfo) -> list[str]:
        lang = (info.context or {}).get("lang", FIRST)
        for index, mark in enumerate(marks):
            if problem := _not_a_mark(mark, lang):
                raise At((index,), f'"{mark}" {problem}')
        return marks

    @property
    def anchor(self) -> str:
        """The term's id on the glossary page: its words in lower case, joined by dashes."""
        return re.sub(r"[\W_]+", "-", self.term.lower()).strip("-")


class Glossary(Fact):
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _terms_and_marks_unique(self) -> Glossary:
        each_once(self.terms, "terms", "term", "glossary entry", key=lambda entry: entry.anchor)
        # A word on a page explains one term only, whatever its capitals: "IV" and "iv" would read as one.
        seen: dict[str, tuple[str, str]] = {}
        for index, entry in enumerate(self.terms):
            for place, mark in enumerate(entry.marks):
                first, term = seen.setdefault(mark.casefold(), (mark, entry.term))
                if term != entry.term:
                    spelt = "" if first == mark else f' (as "{first}")'
                    raise At(("terms", index, "marks", place),
                             f'the mark "{mark}" is listed under both "{term}"{spelt} and "{entry.term}"; keep it under one')
        return self


# A mark explains a word wherever it appears: a common word would be "explained" all over the site.
# Short, everyday words only; a medical word is never among them. Capitals (US, OR) are acronyms.
COMMON_WORDS = {
    "en": frozenset("""
        a about after all also am an and any are as at be because been before being but by can could
        day did do does done down each even every few for from get go good had has have he her here him
        his how i if in into is it its just know like little long made make man many may me more most
        much must my new no not now of off often on one only or other our out over own part people said
        same see she should so some such take than that the their them then there these they thing this
        those through time to too two up us use used very was way we well were what when where which
        while who why will with would yes yet you your
    """.split()),
    "es": frozenset("""
        a al algo algunas algunos ante antes así aun aunque bien bajo cada casa como con contra cosa cual
        cuando de del desde después día donde dos durante e el ella ellas ellos en entre era es esa ese eso
        esta está este esto estos ha hace hacer hasta hay la las le les lo los más me mi mismo mucho muy
        nada ni no nos o otra otro para parte pero poco por porque puede qué que quien se sea según ser si
        sí sin sobre solo son su sus también tan tanto tiene todo todos tres tu tú un una uno usted vez y ya
    """.split()),
}


def _not_a_mark(mark: str, lang: str = FIRST) -> str | None:
    """Why a glossary mark would not work as one: it must be a real term, matched as a whole word."""
    if sum(char.isalpha() for char in mark) < 2:
        return "is too short to be a term; a mark needs at least two letters"
    if not (mark[0].isalnum() and mark[-1].isalnum()):
        return "must start and end with a letter or a digit; write the word itself, without brackets or marks around it"
    if mark.casefold() in COMMON_WORDS[lang] and not mark.isupper():
        return "is an everyday word, so it would be explained all over the site; mark only medical terms"
    return None


def each_once(entries: list, field: str, name: str, what: str, *, key=None) -> None:
    """Refuse two entries with the same `name` (capitals and spaces aside): they would show as one."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        value = getattr(entry, name)
        first = seen.setdefault(key(entry) if key else " ".join(value.casefold().split()), index)
        if first != index:
            raise At((field, index, name), f'"{value}" is also the {name} of entry {first + 1}; '
                                           f"give each {what} its own {name}, or merge the two")


class Reviewer(Fact):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    name: Text
    # The letters after the name that say what kind of clinician they are: MD, DO, PMHNP-BC...
    credentials: Text
    role: Text | None = None

    @field_validator("credentials")
    @classmethod
    def _letters(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z][A-Za-z.\-]*(?:,? [A-Za-z][A-Za-z.\-]*)*", value):
            raise ValueError(f'"{value}" is not written like credentials; write the letters only, such as MD or PMHNP-BC')
        return value

    @property
    def signed(self) -> str:
        """The name as a review is signed: Jane Doe, MD."""
        return f"{self.name}, {self.credentials}"


class Reviewers(Fact):
    reviewers: list[Reviewer] = []

    @model_validator(mode="after")
    def _ids_unique(self) -> Reviewers:
        each_once(self.reviewers, "reviewers", "id", "reviewer")
        return self

    def get(self, reviewer_id: str) -> Reviewer | None:
        return next((r for r in self.reviewers if r.id == reviewer_id), None)


class Standards(Fact):
    # Strict: YAML reads `yes` as true, which would otherwise pass for the number 1.
    review_cycle_months: int = Field(ge=1, le=60, strict=True)
    max_reading_grade: float = Field(ge=1, le=20, strict=True, allow_inf_nan=False)
    # Spanish pages: the INFLESZ scale (0 to 100, higher is easier), aimed at and refused below.
    target_inflesz: float = Field(ge=0, le=100, strict=True, allow_inf_nan=False)
    min_inflesz: float = Field(ge=0, le=100, strict=True, allow_inf_nan=False)
    max_image_kb: int = Field(ge=1, le=10_000, strict=True)

    @model_validator(mode="after")
    def _aim_above_the_limit(self) -> Standards:
        if self.min_inflesz > self.target_inflesz:
            raise At(("target_inflesz",), f"{self.target_inflesz:g} is below min_inflesz ({self.min_inflesz:g}), the "
                                          "lowest a page may read at; aim at that score or above it")
        return self


# --- The interface's own words -------------------------------------------------------------------
# Labels of the help bar, the boxes, the tables, the date line, the foot of every page, the notice on
# an older release and the page for an address that does not exist. Facts are never typed in them:
# each says {phone}, {date}... where the build puts one, the same in every language.


def _says(*names: str):
    return AfterValidator(lambda value: _check_words(value, set(names), set(names)))


Label = Annotated[Wording, _says()]


class Actions(Fact):
    call: Annotated[Wording, _says("number")]  # "Call 988"
    text: Annotated[Wording, _says("number")]  # "Text 988"


class HelpBarWords(Fact):
    name: Label  # what screen readers call the bar
    questions: Label
    call_clinic: Annotated[Wording, _says("phone")]
    call: Annotated[Wording, _says("number")]  # shorter than the boxes' if need be: a phone shows one row
    text: Annotated[Wording, _says("number")]


class TableWords(Fact):
    columns: Annotated[list[Annotated[Text, _says()]], BeforeValidator(in_language)] = Field(min_length=2)


class RoutesTableWords(TableWords):
    also_called: Annotated[Wording, _says("also_called")]
    not_stated: Label  # where the source says nothing, rather than a guess


class FooterWords(Fact):
    call: Annotated[Wording, _says("phone")]
    opening_hours: Annotated[Wording, _says("opening_hours")]
    email: Annotated[Wording, _says("email")]
    offers: Annotated[Wording, _says("name")]
    does_not_offer: Annotated[Wording, _says("name")]


class DateLineWords(Fact):
    reviewed: Annotated[Wording, _says("date", "reviewer")]
    due: Annotated[Wording, _says("date")]
    not_reviewed: Label
    updated: Annotated[Wording, _says("date")]


class OlderReleaseWords(Fact):
    notice: Label
    link: Label


class NotFoundWords(Fact):
    heading: Label
    intro: Label
    search_name: Label
    search_label: Label
    search_button: Label
    pages: Label
    home: Annotated[Wording, _says("link")]
    home_link: Label
    call: Annotated[Wording, _says("phone")]
    # Written in this language for the readers of the other edition's page: "Este sitio en español".
    this_language: Label


class Interface(Fact):
    language_name: Label  # the language's name in itself: English, Español
    actions: Actions
    help_bar: HelpBarWords
    support: Label  # read out before the crisis box's heading
    urgent_advice: Label  # read out before the urgent-advice box's heading
    routes_table: RoutesTableWords
    side_effects_table: TableWords
    footer: FooterWords
    date_line: DateLineWords
    older_release: OlderReleaseWords
    not_found: NotFoundWords

    def fill(self, text: str, **values: str) -> list[Part]:
        """A text of the interface with its {names} filled in: (text, None) parts, for a template that
        marks up its words apart from its facts."""
        return _fill(text, values)

    def html(self, text: str, **values: object) -> Markup:
        """A text of the interface with its {names} filled in, as HTML: its words escaped, and each
        value escaped too unless a template gives it as markup (`call_link(clinic) | safe`)."""
        return Markup("").join(escape(part) for part, _ in _fill(text, values))


class ReviewItem(Fact):
    says: Wording  # the site's sentence, quoted exactly as each language's page says it
    check: Text  # what a clinician should check (in English)


class PageReview(Fact):
    page: Text
    items: list[ReviewItem] = Field(min_length=1)

    @field_validator("page")
    @classmethod
    def _a_page(cls, value: str, info: ValidationInfo) -> str:
        pages = (info.context or {}).get("pages")  # known to the build only: see pages.unknown_pages_in_checklist
        if pages is not None and value not in pages:
            close = difflib.get_close_matches(value, pages, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"write a page's file name, such as '{min(pages)}'"
            raise ValueError(f"'{value}' is not a page in docs/; {hint}")
        return value


class ReviewChecklist(Fact):
    """What a clinician should check on each page before it is marked reviewed."""

    pages: list[PageReview] = []

    @field_validator("pages")
    @classmethod
    def _each_page_once(cls, value: list[PageReview]) -> list[PageReview]:
        names = [entry.page for entry in value]
        if twice := sorted({name for name in names if names.count(name) > 1}):
            raise ValueError(f"'{twice[0]}' is listed twice; put all of its items under one entry")
        return value


class Facts(Fact):
    clinic: Clinic
    routes: Routes
    side_effects: SideEffects
    crisis: Crisis
    glossary: Glossary
    reviewers: Reviewers
    standards: Standards
    review_checklist: ReviewChecklist
    interface: Interface
    lang: str = FIRST  # the language this copy of the facts is in


# Each data file and the model it must match; the file name is the fact's name.
FILES: dict[str, type[Fact]] = {
    "clinic": Clinic,
    "routes": Routes,
    "side_effects": SideEffects,
    "crisis": Crisis,
    "glossary": Glossary,
    "reviewers": Reviewers,
    "standards": Standards,
    "review_checklist": ReviewChecklist,
    "interface": Interface,
}


def load_facts(data_dir: Path, lang: str = FIRST) -> Facts:
    """All facts, checked in every language, as `lang` words them; cached until a data file changes
    (so `mkdocs serve` sees edits)."""
    paths = [data_dir / f"{name}.yml" for name in FILES]
    stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None for p in paths)
    return _load(data_dir, stamp)[lang]


@functools.lru_cache(maxsize=4)
def _load(data_dir: Path, _stamp: tuple) -> dict[str, Facts]:
    """Each file is read once per language: every rule holds for the English words and the Spanish alike."""
    problems: list[str] = []
    loaded: dict[str, dict[str, Fact]] = {lang: {} for lang in LANGUAGES}
    for name, model in FILES.items():
        path = data_dir / f"{name}.yml"
        shown = f"{data_dir.name}/{path.name}"
        if not path.exists():
            problems.append(f"{shown}: the file is missing; restore it from the last good version in Git")
            continue
        try:
            text = read_text(path, shown)
        except Problems as found:
            problems.extend(found.lines)
            continue
        try:
            for lang, fact in check_languages(text, shown, model, WORDS).items():
                loaded[lang][name] = fact
        except Problems as found:
            problems.extend(found.lines)
    if problems:
        raise PluginError("\n".join(problems))
    return {lang: Facts(**parts, lang=lang) for lang, parts in loaded.items()}


def check_languages(text: str, shown: str, model: type[Fact], words: Words, *, first_line: int = 1,
                    context: dict | None = None) -> dict[str, Fact]:
    """`text` checked as `model` once in each language (the wording a text has in it), every problem
    said once: each rule holds for the English words and the Spanish alike."""
    checked, problems = {}, []
    for lang in LANGUAGES:
        try:
            checked[lang] = check_yaml(text, shown, model, words, first_line=first_line, context={**(context or {}), "lang": lang})
        except Problems as found:  # a problem both languages share is said once
            problems.extend(line for line in found.lines if line not in problems)
    if problems:
        raise Problems(problems)
    return checked


WORDS = Words(name="fact name", missing="this fact is missing; add it (the comments at the top of the file show the shape)")
