"""The reading grade reads a page as a reader does: all the visible prose, whatever holds it, and nothing else."""

from __future__ import annotations

import pytest
import textstat

from site_build.reading import TooDeep, readability, reading_text

HARD = ("Notwithstanding considerable methodological heterogeneity, contemporary investigations "
        "consistently demonstrate pharmacological modulation of glutamatergic neurotransmission.")
EASY = "<p>The nurse sits with you. You can ask her to stop at any time.</p>"


# --- Whatever element holds it, visible prose is read ------------------------------------------------

HOLDERS = {
    "paragraph": "<p>{}</p>",
    "div": "<div>{}</div>",
    "text loose in a div beside a paragraph": "<div><p>Hi there.</p>{}</div>",
    "section": "<section>{}</section>",
    "blockquote": "<blockquote>{}</blockquote>",
    "details": "<details><summary>More</summary>{}</details>",
    "summary": "<details><summary>{}</summary><p>Yes.</p></details>",
    "admonition": '<div class="admonition note"><p class="admonition-title">Note</p><p>{}</p></div>',
    "definition": "<dl><dt>Term</dt><dd>{}</dd></dl>",
    "table cell": "<table><tr><th>Label</th><td>{}</td></tr></table>",
    "list item": "<ul><li>{}</li></ul>",
    "figure caption": "<figure><figcaption>{}</figcaption></figure>",
    "span": "<span>{}</span>",
    "aside": "<aside>{}</aside>",
    "heading written as a sentence": "<h5>{}</h5>",
    "cell outside a table": "<div><td>{}</td></div>",
    "caption outside a table": "<div><caption>{}</caption></div>",
}


@pytest.mark.parametrize("holder", HOLDERS.values(), ids=HOLDERS.keys())
def test_hard_prose_is_read_whatever_element_holds_it(holder):
    html = EASY + holder.format(HARD)
    assert "pharmacological modulation" in reading_text(html)
    assert readability(html).grade > readability(EASY).grade + 4


@pytest.mark.parametrize("level", range(1, 7))
def test_prose_set_as_a_heading_is_read_even_without_a_full_stop(level):
    html = EASY + f"<h{level}>{HARD.rstrip('.')}</h{level}>"
    assert "pharmacological modulation" in reading_text(html)
    assert readability(html).grade > readability(EASY).grade + 4


# --- What is not prose is not read --------------------------------------------------------------------

NOT_PROSE = {
    **{f"h{level} heading": f"<h{level}>Methodological heterogeneity of glutamatergic investigations</h{level}>"
       for level in range(1, 7)},
    "question heading": "<h2>What is glutamatergic neurotransmission?</h2>",
    "admonition title": '<div class="admonition note"><p class="admonition-title">Pharmacological considerations</p></div>',
    "table caption and column headings":
        "<table><caption>Pharmacological heterogeneity</caption><thead><tr><th>Methodological</th>"
        "<th>Considerations</th></tr></thead></table>",
    "list of links": '<ul><li><a href="a.md">Glutamatergic neurotransmission</a></li>'
                     '<li><a href="b.md">Methodological heterogeneity</a></li></ul>',
    "visually hidden": '<p><span class="visually-hidden">Pharmacological heterogeneity considerations</span></p>',
    "hidden": "<div hidden>" + HARD + "</div>",
    "aria-hidden": '<span aria-hidden="true">' + HARD + "</span>",
    "display none": '<div style="display: none">' + HARD + "</div>",
    "script": "<script>var methodological = 'heterogeneity';</script>",
    "style": "<style>.pharmacological { color: red }</style>",
    "comment": "<!-- " + HARD + " -->",
}


@pytest.mark.parametrize("extra", NOT_PROSE.values(), ids=NOT_PROSE.keys())
def test_what_is_not_prose_is_not_read(extra):
    assert reading_text(EASY + extra) == reading_text(EASY)


def test_a_list_with_words_beside_its_links_is_read():
    html = '<ul><li><a href="a.md">Glutamate</a>: how methodological heterogeneity arises</li></ul>'
    assert "methodological heterogeneity" in reading_text(html)


def test_a_tooltip_is_not_read_but_the_word_it_explains_is():
    html = f'<p>The drip goes into a vein through an <abbr title="{HARD}">IV</abbr> line.</p>'
    assert reading_text(html) == "The drip goes into a vein through an IV line."


# --- Lists, tables and definitions read as sentences ---------------------------------------------------


def test_list_items_without_end_punctuation_run_into_the_sentence_that_introduces_them():
    html = "<p>When you call, have these ready:</p><ul><li>your insurance card</li><li>your member ID</li>" \
           "<li>a list of your medicines</li></ul><p>We will help you.</p>"
    text = reading_text(html)
    assert text == ("When you call, have these ready: your insurance card, your member ID, a list of your medicines. "
                    "We will help you.")
    assert textstat.sentence_count(text) == 2


def test_list_items_that_are_sentences_stay_sentences():
    html = "<p>Here is what you need to know:</p><ul><li>Ketamine can be given in several ways.</li>" \
           "<li>Ask your care team.</li><li>Bring a friend</li></ul>"
    assert reading_text(html) == ("Here is what you need to know: Ketamine can be given in several ways. "
                                  "Ask your care team. Bring a friend.")


def test_a_table_row_reads_as_label_and_cell():
    html = ("<table><caption>Ways it is given</caption><thead><tr><th>Way</th><th>How</th><th>Speed</th></tr>"
            "</thead><tbody><tr><th scope='row'>IV infusion</th><td>Into a vein.</td><td>Fast</td></tr></tbody></table>")
    assert reading_text(html) == "IV infusion: Into a vein. IV infusion: Fast."


def test_a_table_without_row_headings_labels_each_cell_with_its_column():
    html = "<table><thead><tr><th>Side effect</th><th>What to know</th></tr></thead>" \
           "<tbody><tr><td>Nausea</td><td>It may pass.</td></tr></tbody></table>"
    assert reading_text(html) == "Side effect: Nausea. What to know: It may pass."


def test_a_definition_reads_as_term_and_meaning():
    html = "<dl><dt>Neuron</dt><dd>A nerve cell.</dd><dt>IV</dt><dt>Intravenous</dt><dd>Into a vein.</dd></dl>"
    assert reading_text(html) == "Neuron: A nerve cell. IV, Intravenous: Into a vein."


def test_a_paragraph_without_end_punctuation_ends_its_sentence():
    text = reading_text("<p>Call us today</p><p>We are here</p>")
    assert text == "Call us today. We are here."
    assert textstat.sentence_count(text) == 2


# --- Text the parser could not see is refused, not skipped ------------------------------------------------


def test_html_nested_too_deeply_to_read_is_refused():
    deep = "<div>" * 3000 + HARD + "</div>" * 3000
    with pytest.raises(TooDeep):
        reading_text(EASY + deep)
    assert "pharmacological" in reading_text("<div>" * 1000 + HARD + "</div>" * 1000)
