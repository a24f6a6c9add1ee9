"""What pages may use: the checked facts from data/ and the components that show them (mkdocs-macros),
in the language of the edition being built."""

import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape

from site_build import editions, editor_errors, page_code
from site_build.facts import Glossary, load_facts


def define_env(env) -> None:
    facts = load_facts(Path(env.project_dir) / "data", editions.language(env.conf))
    words = facts.interface
    theme = env.conf.theme.get_env()
    theme.globals["words"] = words  # the components' own words, as hooks.py gives the theme's templates
    ui = theme.get_template("partials/components.html").module
    explained = _explainer(facts.glossary)
    editor_errors.explain_macro_errors(lambda: {**env.filters, **env.macros, **env.variables})
    # Glossary words explain themselves wherever they appear: Markdown's abbr extension turns them
    # into <abbr title="...">, the definition kept out of the page's Markdown, so it is only ever text.
    definitions = {mark: entry.definition for entry in facts.glossary.terms for mark in entry.marks}
    env.conf["mdx_configs"]["abbr"] = {"glossary": definitions}

    env.variables["clinic"] = facts.clinic
    env.variables["crisis"] = facts.crisis

    @env.macro
    def call_link(label: str = "") -> Markup:
        """The clinic's phone number as a link a phone can dial."""
        return Markup(ui.call_link(facts.clinic, label))

    @env.macro
    def crisis_box(level: page_code.HeadingLevel = 2, search: bool = False) -> Markup:
        """Where to turn in a crisis: 988 (call or text, and its other options) and 911. Search finds it
        only where `search` is true: on the crisis page, so that it is indexed once."""
        return Markup(ui.crisis_box(facts.crisis, level, search=search))

    @env.macro
    def routes_table() -> Markup:
        """The ways ketamine is given, compared."""
        # Each part of "How and where" is a paragraph of its own, read as its own sentences.
        table = words.routes_table
        rows = [
            (explained(r.name), [_paragraphs(explained, table.also_called.format(also_called=r.also_called), r.how, r.setting),
                                 explained(r.speed or table.not_stated), explained(r.uses)])
            for r in facts.routes.routes
        ]
        return Markup(ui.fact_table(facts.routes.caption, table.columns, rows))

    @env.macro
    def side_effects_table(level: page_code.HeadingLevel = 2) -> Markup:
        """Side effects and risks, each with what to know about it; where one needs medical help right
        away, an urgent-advice box says how to get it (its heading at `level`)."""
        urgent = Markup(ui.urgent_box(facts.crisis.emergency, level))
        rows = [(explained(e.name), [explained(e.detail) + (urgent if e.urgent else "")])
                for e in facts.side_effects.side_effects]
        return Markup(ui.fact_table(facts.side_effects.caption, words.side_effects_table.columns, rows))

    @env.macro
    def glossary() -> Markup:
        """Every term of data/glossary.yml with its meaning."""
        return Markup(ui.glossary_list(facts.glossary))


# The data file each name a page may use draws on, for the content report (scripts/report).
DRAWS_ON = {
    "clinic": "clinic", "call_link": "clinic", "crisis": "crisis", "crisis_box": "crisis",
    "routes_table": "routes", "side_effects_table": "side_effects", "glossary": "glossary",
}

def _paragraphs(explained: Callable[[str], Markup], *parts: str | None) -> Markup:
    return Markup("").join(Markup("<p>{}</p>").format(explained(part)) for part in parts if part)


def _explainer(glossary: Glossary) -> Callable[[str], Markup]:
    """Wraps glossary words in <abbr>, as the abbr extension does in the text (see above): tables are
    HTML, which Markdown passes through untouched. Marks match as whole words, exactly as written."""
    titles = {mark: entry.definition for entry in glossary.terms for mark in entry.marks}
    words = re.compile(r"\b(" + "|".join(map(re.escape, sorted(titles, key=len, reverse=True))) + r")\b")

    def explained(text: str) -> Markup:
        # split() with a group gives text, word, text, word, ... : each part is escaped on its own.
        parts = words.split(text)
        return Markup("").join(Markup('<abbr title="{}">{}</abbr>').format(titles[part], part) if index % 2 else escape(part)
                               for index, part in enumerate(parts))

    return explained


def on_pre_page_macros(env) -> None:
    # A page may use only the facts and macros above (site_build/page_code.py), rendered in a sandbox.
    page_code.guard(env)
