"""The site's languages: English, the first, and Spanish. A text visitors read is written in each of them,
side by side in data/ ({en: …, es: …}) and in its own page file (docs/page.md, docs/page.es.md)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from pydantic import ValidationInfo

# Each language by its code (as theme.language and <html lang> write it) and its name in an editor's words.
LANGUAGES = {"en": "English", "es": "Spanish"}
FIRST = "en"

# How a page writes a date in each language: 24 November 2026 (the NHS way, unambiguous on both sides
# of the Atlantic) and 24 de noviembre de 2026. Babel's patterns: its own month names, lower case in Spanish.
DATE_FORMATS = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}


def long_date(day: date, lang: str = FIRST) -> str:
    return format_date(day, DATE_FORMATS[lang], locale=lang)


class LanguageProblem(ValueError):
    """What is wrong with the languages of a text (one missing, one unknown): said at the text's own name."""


def in_language(value: object, info: ValidationInfo) -> object:
    """A text visitors read, as the language being checked has it: the `lang` of the validation's context.

    Written `{en: …, es: …}`, both languages present and no other; the data is checked once per
    language, so that every rule of the text (its type, its {number}, its characters) holds for each."""
    if value is None:
        return None  # an optional fact left empty, or a required one the type says is empty
    if not isinstance(value, dict):
        raise LanguageProblem("is written in one language only; write it on two lines below its name: "
                              "en: with the English words and es: with the Spanish, as the other texts of the file are")
    for code in value:
        if code not in LANGUAGES:
            raise LanguageProblem(f"'{code}' is not a language of this site; write en: with the English words and "
                                  "es: with the Spanish")
    for code, name in LANGUAGES.items():
        if code not in value:
            raise LanguageProblem(f"has no {name} wording; add a line {code}: with the {name} words below "
                                  f"{'en:' if code != 'en' else 'its name'}, indented like it")
    return value[(info.context or {}).get("lang", FIRST)]
