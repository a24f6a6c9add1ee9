"""What pages may use: the checked facts from data/ and the components that show them (mkdocs-macros)."""

import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape

from site_build import editor_errors
from site_build.facts import Glossary, load_facts


def define_env(env) -> None:
    facts = load_facts(Path(env.project_dir) / "data")
    ui = env.conf.theme.get_env().get_template("partials/components.html").module
    explained = _explainer(facts.glossary)
    editor_errors.explain_macro_errors(lambda: {**env.filters, **env.macros, **env.variables})

    env.variables["clinic"] = facts.clinic
    env.variables["crisis"] = facts.crisis

    @env.macro
    def call_link(label: str = "") -> str:
        """The clinic's phone number as a link a phone can dial."""
        return str(ui.call_link(facts.clinic, label))

    @env.macro
    def crisis_box(level: int = 2, search: bool = False) -> str:
        """Where to turn in a crisis: 988 (call or text, and its other options) and 911. Search finds it
        only where `search` is true: on the crisis page, so that it is indexed once."""
        return str(ui.crisis_box(facts.crisis, level, search=search))

    @env.macro
    def routes_table() -> str:
        """The ways ketamine is given, compared."""
        # Each part of "How and where" is a paragraph of its own, read as its own sentences.
        rows = [
            (explained(r.name), [_paragraphs(explained, f"Also called {r.also_called}.", r.how, r.setting),
                                 explained(r.speed or NOT_STATED), explained(r.uses)])
            for r in facts.routes.routes
        ]
        columns = ["Way it is given", "How and where", "How fast it works", "What it is used for"]
        return str(ui.fact_table(facts.routes.caption, columns, rows))

    @env.macro
    def side_effects_table(level: int = 2) -> str:
        """Side effects and risks, each with what to know about it; where one needs medical help right
        away, an urgent-advice box says how to get it (its heading at `level`)."""
        urgent = Markup(ui.urgent_box(facts.crisis.emergency, level))
        rows = [(explained(e.name), [explained(e.detail) + (urgent if e.urgent else "")])
                for e in facts.side_effects.side_effects]
        return str(ui.fact_table(facts.side_effects.caption, ["Side effect or risk", "What to know"], rows))

    @env.macro
    def glossary() -> str:
        """Every term of data/glossary.yml with its meaning."""
        return str(ui.glossary_list(facts.glossary))


# The data file each name a page may use draws on, for the content report (scripts/report).
DRAWS_ON = {
    "clinic": "clinic", "call_link": "clinic", "crisis": "crisis", "crisis_box": "crisis",
    "routes_table": "routes", "side_effects_table": "side_effects", "glossary": "glossary",
}

# Shown where our source says nothing, rather than a guess.
NOT_STATED = "Ask your care team."


def _paragraphs(explained: Callable[[str], Markup], *parts: str | None) -> Markup:
    return Markup("").join(Markup("<p>{}</p>").format(explained(part)) for part in parts if part)


def _explainer(glossary: Glossary) -> Callable[[str], Markup]:
    """Wraps glossary words in <abbr>, as the abbr extension does in the text (see below): tables are
    HTML, which Markdown passes through untouched."""
    titles = {mark: entry.definition for entry in glossary.terms for mark in entry.marks}
    words = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(titles, key=len, reverse=True))) + r")\b")

    def explained(text: str) -> Markup:
        return Markup(words.sub(lambda m: f'<abbr title="{escape(titles[m[0]])}">{m[0]}</abbr>', escape(text)))

    return explained


def on_post_page_macros(env) -> None:
    # Glossary words explain themselves: Markdown's abbr extension turns these definitions into
    # <abbr title="..."> on the page (hooks.py then keeps each term's first use only).
    facts = load_facts(Path(env.project_dir) / "data")
    definitions = [
        f"*[{mark}]: {entry.definition}" for entry in facts.glossary.terms for mark in entry.marks
    ]
    env.markdown += "\n\n" + "\n".join(definitions) + "\n"
