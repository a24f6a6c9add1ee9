"""The site's stylesheet as visitors get it: minified, named after its content, Material's dark scheme in it."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import material

from releases import FIRST_COMMIT, ReleaseRepo
from support import ROOT, soup

SOURCE = ROOT / "docs" / "assets" / "site.css"
MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"


def stylesheets(page: Path) -> list[str]:
    return [link["href"] for link in soup(page).find_all("link", rel="stylesheet")]


def site_stylesheet(site: Path) -> Path:
    [published] = (site / "assets" / "stylesheets").glob("site.*.min.css")
    return published


def test_every_page_loads_materials_stylesheet_and_the_sites_own_and_nothing_else(site):
    wanted = ["assets/stylesheets/" + name for name in ("main", "site")]
    for page in sorted(site.rglob("*.html")):
        links = stylesheets(page)
        # Material's palette.css is not among them: the site's stylesheet holds the rules of it that apply.
        assert [re.sub(r"^.*?(?=assets/)|\.[0-9a-f]{8}\.min\.css$", "", link) for link in links] == wanted, page
        # Relative links, or from the root of the site on the 404 page (it answers at any depth).
        assert all((site / link[1:] if link.startswith("/") else page.parent / link).resolve().is_file()
                   for link in links), page


def test_the_stylesheet_is_minified_and_named_after_its_content(site):
    published = site_stylesheet(site)
    css = published.read_text(encoding="utf-8")
    assert published.name == f"site.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.min.css"
    assert "/*" not in css and not re.search(r"\n\s|\s\{|;\}|:\s", css), "comments or spaces left in"
    # Everything the readable source defines is there: its classes and its colours.
    source = SOURCE.read_text(encoding="utf-8")
    for name in set(re.findall(r"(?<![\w-])(?:\.|--)[a-z][\w-]*", re.sub(r"/\*.*?\*/", "", source, flags=re.S))):
        assert name in css, name
    # The source itself is not published: only the minified file is linked and cached.
    assert not (site / "assets" / SOURCE.name).exists()


def test_materials_dark_scheme_is_in_it_and_its_named_colours_are_not(site):
    css = site_stylesheet(site).read_text(encoding="utf-8")
    dark = re.search(r"\[data-md-color-scheme=slate\]\{([^}]*)\}", css)
    assert dark and "--md-default-bg-color:" in dark[1] and "--md-default-fg-color:" in dark[1]
    assert not re.search(r"data-md-color-(primary|accent)=", css), "rules for colours the site does not use"
    # Material's rules come first, so that the site's own colours for the dark scheme win.
    assert css.index("[data-md-color-scheme=slate]{color-scheme:dark") < css.index("--crisis-bg")


def test_the_page_loads_the_stylesheet_of_the_installed_material(site):
    # overrides/main.html names Material's stylesheet as Material's base.html does; after an upgrade,
    # copy the new name from there.
    named = re.search(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", MATERIAL_BASE.read_text(encoding="utf-8"))[0]
    assert stylesheets(site / "index.html")[0] == named


def test_the_tabs_icon_travels_inside_every_page(site):
    source = " ".join((ROOT / "docs" / "assets" / "favicon.svg").read_text(encoding="utf-8").split())
    for page in sorted(site.rglob("*.html")):
        [icon] = soup(page).find_all("link", rel="icon")
        assert icon["href"].startswith("data:image/svg+xml,"), page
        assert unquote(icon["href"].removeprefix("data:image/svg+xml,")).replace("'", '"') == source.replace("'", '"'), page


def test_a_change_to_the_stylesheet_gets_a_new_name(project):
    before = site_stylesheet(project.site).name
    (project.root / "docs" / "assets" / SOURCE.name).open("a", encoding="utf-8").write(
        "\n/* A new rule. */\n.new-component {\n  color: #123456;\n}\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    published = site_stylesheet(project.site)
    assert published.name != before
    assert ".new-component{color:#123456}" in published.read_text(encoding="utf-8")
    assert f'href="assets/stylesheets/{published.name}"' in (project.site / "index.html").read_text(encoding="utf-8")


# Turns the stripping of template indents (hooks.py, on_env) and the collapsing of whitespace between
# tags (site_build/assets.py) off again, after the site's hooks.
UNTRIMMED = '''"""Test probe: the theme's templates as Material writes them, whitespace and all."""
from site_build import assets

assets.collapsed = lambda html: html


def on_env(env, config, files):
    env.lstrip_blocks = False
    return env
'''


def visible(page: Path) -> list[tuple]:
    """Every element as a browser builds it: its name, attributes, and text (runs of spaces as one)."""
    html = soup(page)
    return [(element.name, sorted((name, " ".join(value) if isinstance(value, list) else " ".join(value.split()))
                                  for name, value in element.attrs.items()),
             element.string if element.name == "script" else " ".join(element.get_text().split()))
            for element in html.find_all(True)]


def test_trimming_the_whitespace_between_tags_changes_nothing_on_any_page(project, tmp_path):
    # The same copy built twice, in Git so that both builds give each page the same date.
    repo = ReleaseRepo(project.root, tmp_path)
    repo.git("init", "-q")
    repo.commit("The site as it stands", FIRST_COMMIT)
    assert project.build().returncode == 0
    trimmed = shutil.copytree(project.site, tmp_path / "trimmed")
    (project.root / "untrimmed.py").write_text(UNTRIMMED, encoding="utf-8")
    project.edit("mkdocs.yml", "  - hooks.py\n", "  - hooks.py\n  - untrimmed.py\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    pages = sorted(page.relative_to(trimmed) for page in trimmed.rglob("*.html"))
    assert pages == sorted(page.relative_to(project.site) for page in project.site.rglob("*.html"))
    for page in pages:
        assert len((trimmed / page).read_bytes()) < len((project.site / page).read_bytes()), page
        assert visible(trimmed / page) == visible(project.site / page), page
