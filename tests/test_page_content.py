"""A page loads nothing from another website, holds nothing the live site's security rules would block,
describes its images, and links relatively: each mistake is refused on its line.

Many variants are checked on the page's HTML as Markdown makes it (quick); one of each kind goes
through a real build, which must stop with one line and keep the last good site.
"""

from __future__ import annotations

import re

import pytest
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guide import explains
from support import ROOT, copy_project
from test_bad_edits import assert_refused_cleanly, snapshot

# (what the editor wrote, the line added to docs/future.md, what the check must say on that line)
ELSEWHERE = r"the {} '.*' is on another website, and every browser that opens the page would fetch it from there; save the file in docs/assets/"
CSP = r".*the security rules of the live site block"
MISTAKES = [
    # Anything a browser fetches by itself from another website.
    ("Markdown image from another website", "![A nurse with a patient](https://example.com/nurse.png)", ELSEWHERE.format("image")),
    ("Markdown image with no scheme", "![A clinic](//cdn.example.net/clinic.jpg)", ELSEWHERE.format("image")),
    ("reference-style image", "![A clinic][pic]\n\n[pic]: https://cdn.example.net/clinic.jpg", ELSEWHERE.format("image")),
    ("HTML image", '<img src="http://cdn.example.net/a.png" alt="A clinic">', ELSEWHERE.format("image")),
    ("capitals and spaces", '<IMG SRC="  HTTPS://CDN.EXAMPLE.NET/A.PNG " ALT="A clinic">', ELSEWHERE.format("image")),
    ("backslashes read as slashes", r'<img src="\\cdn.example.net\a.png" alt="A clinic">', ELSEWHERE.format("image")),
    ("an address with no slashes", '<img src="https:cdn.example.net/a.png" alt="A clinic">', ELSEWHERE.format("image")),
    ("srcset", '<img src="assets/favicon.svg" srcset="assets/favicon.svg 1x, https://cdn.example.net/b.png 2x" alt="A heart">',
     ELSEWHERE.format("image")),
    ("picture source", '<picture><source srcset="https://cdn.example.net/b.webp"><img src="assets/favicon.svg" alt="A heart"></picture>',
     ELSEWHERE.format("image")),
    ("video", '<video src="https://media.example.net/v.mp4" controls></video>', ELSEWHERE.format("video")),
    ("video's picture", '<video src="assets/v.mp4" poster="https://media.example.net/p.jpg"></video>', ELSEWHERE.format("picture")),
    ("sound", '<audio controls><source src="https://media.example.net/a.mp3"></audio>', ELSEWHERE.format("sound")),
    ("subtitles", '<video src="assets/v.mp4"><track src="https://media.example.net/v.vtt"></video>', ELSEWHERE.format("subtitles")),
    ("embedded page", '<iframe src="https://www.youtube.com/embed/abc" title="A video"></iframe>', ELSEWHERE.format("embedded page")),
    ("stylesheet", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', ELSEWHERE.format("linked file")),
    ("preconnect", '<link rel="preconnect" href="https://fonts.gstatic.com">', ELSEWHERE.format("linked file")),
    ("image button", '<input type="image" src="https://cdn.example.net/go.png" alt="Go">', ELSEWHERE.format("image button")),
    ("SVG image", '<svg aria-label="A heart"><image href="https://cdn.example.net/h.png"/></svg>', ELSEWHERE.format("image")),
    ("SVG use", '<svg aria-hidden="true"><use xlink:href="https://cdn.example.net/icons.svg#heart"></use></svg>',
     ELSEWHERE.format("drawing")),
    ("table background", '<table background="https://cdn.example.net/bg.png"><tr><td>1</td></tr></table>', ELSEWHERE.format("picture")),
    ("style attribute with url()", '<p style="background: url(https://tracker.example.net/p.gif)">Hello</p>',
     r"the style loads 'https://tracker\.example\.net/p\.gif' from another website"),
    ("style block with @import", '<style>@import "https://cdn.example.net/x.css";</style>',
     r"the style loads 'https://cdn\.example\.net/x\.css' from another website"),
    ("form to another website", '<form action="https://forms.example.net/send"><input name="q"></form>',
     r"the form sends what visitors type to 'https://forms\.example\.net/send', outside this site"),
    ("button sending elsewhere", '<form><button formaction="https://forms.example.net/send">Send</button></form>',
     r"the form sends what visitors type to"),
    ("a link that pings", '<a href="contact.md" ping="https://tracker.example.net/p">Contact us</a>',
     r"ping= tells another website \('https://tracker\.example\.net/p'\) each time the link is followed"),
    ("refresh to another website", '<meta http-equiv="refresh" content="0; url=https://www.example.com/">',
     r"<meta http-equiv> can send visitors elsewhere"),
    # What the Content-Security-Policy in deploy/ would silently block on the live site.
    ("inline script", "<script>alert('hi')</script>", r"a <script> would not run on the live site, whose security rules block"),
    ("script from this site", '<script src="assets/x.js"></script>', r"a <script> would not run on the live site"),
    ("script from another website", '<script src="https://cdn.example.net/x.js"></script>', r"a <script> would not run"),
    ("click handler", '<p onclick="track()">Tap here</p>', r"'onclick=' is code inside a tag" + CSP),
    ("image error handler", '<img src="assets/favicon.svg" alt="A heart" onerror="track()">', r"'onerror=' is code inside a tag"),
    ("SVG load handler", '<svg aria-hidden="true" onload="track()"></svg>', r"'onload=' is code inside a tag"),
    ("javascript: link", "[Call us](javascript:call())", r"the address 'javascript:call\(\)' runs code" + CSP),
    ("javascript: hidden by a tab", '<a href="java&#09;script:call()">Call us</a>', r"the address '.*' runs code"),
    ("vbscript: link", '<a href="vbscript:msgbox(1)">Hi</a>', r"the address 'vbscript:msgbox\(1\)' runs code"),
    ("style attribute", '<span style="color: red">Important</span>', r'style="…" would be ignored on the live site'),
    ("style block", "<style>p { color: red }</style>", r"a <style> block would be ignored on the live site"),
    ("object", '<object data="assets/leaflet.pdf"></object>', r"<object> is blocked by the security rules of the live site"),
    ("embed", '<embed src="assets/leaflet.pdf">', r"<embed> is blocked by the security rules of the live site"),
    ("base", '<base href="https://www.example.com/">', r"<base> changes where every link on the page leads"),
    ("srcdoc", '<iframe srcdoc="<p>Hi</p>" title="Hi"></iframe>', r"srcdoc= writes a whole page inside this one"),
    ("data: page in a frame", '<iframe src="data:text/html,hello" title="Hi"></iframe>',
     r"the embedded page is written into the page as a data: address"),
    # Links to this site's own address, or to the editor's computer.
    ("own address", "[Side effects](https://ketamine-therapy.example.org/side-effects/)",
     r"the link '.*' leads to the public address of this site, which is wrong on every other copy and release of it; "
     r"write the relative link 'side-effects\.md' instead"),
    ("own address over http, with www", "[Home](http://www.ketamine-therapy.example.org/)",
     r"the link '.*' leads to the public address of this site.*; write the relative link 'index\.md' instead"),
    ("own address of a release", "[Words](https://ketamine-therapy.example.org/latest/glossary/#ketamine)",
     r"the link .* write the relative link 'glossary\.md#ketamine' instead"),
    ("own address of a page file", '<a href="https://ketamine-therapy.example.org/contact/index.html">Contact</a>',
     r"the link .* write the relative link 'contact\.md' instead"),
    ("own address of an image", '<img src="https://ketamine-therapy.example.org/assets/favicon.svg" alt="A heart">',
     r"the address of the image '.*' leads to the public address of this site.*; write the relative link 'assets/favicon\.svg' instead"),
    ("preview address", "[How it works](http://127.0.0.1:8000/how-it-works/)",
     r"the link '.*' leads to your own computer \(the preview, or a file\), which visitors cannot reach; "
     r"write the relative link 'how-it-works\.md' instead"),
    ("preview by name", "[Who qualifies](http://localhost:8000/who-qualifies/)", r"leads to your own computer.*'who-qualifies\.md'"),
    ("a file on the computer", "[Leaflet](file:///home/editor/Desktop/leaflet.pdf)", r"leads to your own computer"),
    ("a page that is not there", "[Old page](https://ketamine-therapy.example.org/old-page/)",
     r"leads to the public address of this site.*; write a relative link to the file of the page, such as 'side-effects\.md' instead"),
    ("root of the server", "[Words to know](/glossary/)",
     r"the link '/glossary/' starts at the root of the web server, which is wrong on every release of the site; "
     r"write the relative link 'glossary\.md' instead"),
    ("root, in HTML", '<a href="/contact/">Contact</a>', r"the link '/contact/' starts at the root.*'contact\.md'"),
    # Images that a screen reader cannot describe.
    ("Markdown image without alt text", "![](assets/favicon.svg)",
     r"the image 'assets/favicon\.svg' has no alt text \(what a screen reader says instead\); describe what it shows"),
    ("HTML image without alt", '<img src="assets/favicon.svg">', r"the image 'assets/favicon\.svg' has no alt text"),
    ("empty alt", '<img src="assets/favicon.svg" alt="  ">', r"the image 'assets/favicon\.svg' has no alt text"),
    ("alt text that is a file name", "![IMG_1234.JPG](assets/favicon.svg)", r"has the alt text 'IMG_1234\.JPG', which does not say what it shows"),
    ("alt text that is the file's name", "![favicon](assets/favicon.svg)", r"has the alt text 'favicon', which does not say"),
    ("alt text that is a placeholder", '<img src="assets/favicon.svg" alt="image">', r"has the alt text 'image', which does not say"),
    ("image button without alt", '<input type="image" src="assets/favicon.svg">', r"the image button '.*' has no alt text"),
    ("drawing without a name", '<svg viewBox="0 0 1 1"><circle r="1"/></svg>', r"a drawing \(<svg>\) has no text alternative"),
]

# What a page may hold: links to other websites, images described and served from this site.
ALLOWED = [
    '<a href="https://www.nih.gov/">the National Institutes of Health</a>',
    "[the National Institutes of Health](https://www.nih.gov/)",
    '<a href="https://www.nih.gov/" target="_blank" rel="noopener">NIH</a>',
    "![A red heart](assets/favicon.svg)",
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot">',
    '<svg role="img" aria-label="A circle"><circle r="1"/></svg>',
    '<svg aria-hidden="true"><title>x</title><use href="#heart"></use></svg>',
    "[Call 988](tel:988) or [write to us](mailto:info@example.org).",
    "[Side effects](side-effects.md#common-side-effects)",
]


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    from site_build import check, mkdocs_yml

    root = copy_project(tmp_path_factory.mktemp("content") / "project")
    config, problems = mkdocs_yml.check(root / "mkdocs.yml")
    assert not problems
    return check.Sources(config)


def refusals(sources, addition: str) -> tuple[list[str], int]:
    """What the page checks say of docs/future.md with `addition` as its last paragraph, and its line."""
    from site_build import check

    page = next(f for f in sources.pages if f.src_uri == "future.md")
    original = (ROOT / "docs" / "future.md").read_text(encoding="utf-8")
    path = sources.docs / "future.md"
    path.write_text(original + "\n" + addition + "\n", encoding="utf-8")
    # Rendered as MkDocs renders a page (links rewritten from the page's address), without the macros.
    rendered = Page(None, page, sources.config)
    rendered.read_source(sources.config)
    rendered.render(sources.config, Files(sources.files))
    return check.page_problems(check.Article(sources, page, rendered.content)), original.count("\n") + 2


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_page_mistake_is_refused_on_its_line(sources, mistake):
    _, addition, expected = mistake
    shift = addition.count("\n")  # a reference-style image: the line that gives the address
    said, line = refusals(sources, addition)
    assert len(said) == 1, said
    assert said[0].startswith(f"docs/future.md: line {line + shift}: ") and re.search(expected, said[0]), said[0]
    assert "; " in said[0] and explains(said[0]), said[0]


@pytest.mark.parametrize("addition", ALLOWED)
def test_what_a_page_may_hold_passes(sources, addition):
    assert refusals(sources, addition)[0] == []


def test_the_own_address_is_known_with_its_sub_path(tmp_path, monkeypatch):
    from site_build import check, mkdocs_yml

    monkeypatch.setenv("SITE_URL", "https://example.org/ketamine/")
    root = copy_project(tmp_path / "project")
    config, _ = mkdocs_yml.check(root / "mkdocs.yml")
    sub = check.Sources(config)
    for link in ["https://example.org/ketamine/how-it-works/", "https://example.org/how-it-works/",
                 "http://example.org/ketamine/1.0/how-it-works/"]:
        said, _ = refusals(sub, f"[How it works]({link})")
        assert said and said[0].endswith("write the relative link 'how-it-works.md' instead"), (link, said)


def test_the_security_rules_these_checks_follow_are_the_shipped_ones():
    # The CSP refusals hold only while the shipped policy allows no inline script or style.
    headers = (ROOT / "deploy" / "_headers").read_text(encoding="utf-8")
    policy = dict(part.strip().split(" ", 1) for part in re.search(r"Content-Security-Policy: (.*)", headers)[1].split(";"))
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-hashes'" not in policy["script-src"] and policy["object-src"] == "'none'"
    assert policy["img-src"] == "'self' data:"


# One of each kind through a real build: it stops with that one line and keeps the last good site.
BUILT = ["Markdown image from another website", "inline script", "click handler", "javascript: link", "style attribute",
         "embedded page", "own address", "preview address", "root of the server", "Markdown image without alt text"]


@pytest.mark.parametrize("name", BUILT)
def test_the_build_stops_on_a_page_mistake(project, name):
    _, addition, expected = next(m for m in MISTAKES if m[0] == name)
    before = snapshot(project.site)
    page = project.root / "docs" / "future.md"
    line = page.read_text().count("\n") + 2
    page.write_text(page.read_text() + "\n" + addition + "\n")
    result = project.build()
    assert_refused_cleanly(project, result, rf"docs/future\.md: line {line}: {expected}")
    assert snapshot(project.site) == before
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site-")] == []


def test_a_link_to_another_website_with_a_closing_bracket_in_its_title(project):
    # Material's privacy plugin cuts such a tag at the '>' and stopped with a message of several lines.
    page = project.root / "docs" / "future.md"
    line = page.read_text().count("\n") + 2
    page.write_text(page.read_text() + '\n<a href="https://www.nih.gov/" title="NIH > research">NIH</a>\n')
    assert_refused_cleanly(project, project.build(), rf"docs/future\.md: line {line}: the tag that links to "
                                                     r"'https://www\.nih\.gov/' has a '>' inside its quotes")


# Files the theme and the pages load: stylesheets, scripts and drawings of docs/ and overrides/, and
# what mkdocs.yml adds to every page.
FILE_MISTAKES = [
    ("docs/assets/extra.css", '.a { color: red }\n@import "https://cdn.example.net/x.css";\n', 2),
    ("docs/assets/extra.css", ".a {\n  background: url( '//cdn.example.net/b.png' );\n}\n", 2),
    ("docs/assets/extra.js", 'const a = 1;\nload("https://cdn.example.net/lib.js");\n', 2),
    ("overrides/partials/extra.css", "\n\n.b { background-image: url(https://cdn.example.net/c.png) }\n", 3),
    ("docs/assets/drawing.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://cdn.example.net/p.png"/>\n</svg>', 2),
]


@pytest.mark.parametrize("mistake", FILE_MISTAKES, ids=[m[1].strip().splitlines()[-1][:40] for m in FILE_MISTAKES])
def test_a_stylesheet_script_or_drawing_that_loads_from_another_website(sources, mistake):
    from site_build import check

    name, text, line = mistake
    path = sources.root / name
    path.write_text(text, encoding="utf-8")
    try:
        said = check.source_problems(check.Sources(sources.config))
    finally:
        path.unlink()
    assert len(said) == 1 and said[0].startswith(f"{name}: line {line}: "), said
    assert re.search(r"'.*example\.net.*' is on another website", said[0]) and explains(said[0]), said[0]


def test_a_drawing_may_style_itself_but_not_run_code(sources):
    from site_build import check

    path = sources.docs / "assets" / "drawing.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><style>path{fill:red}</style>\n<script>alert(1)</script></svg>')
    try:
        said = check.source_problems(check.Sources(sources.config))
    finally:
        path.unlink()
    assert len(said) == 1 and said[0].startswith("docs/assets/drawing.svg: line 2: a <script> would not run"), said


@pytest.mark.parametrize("setting", [
    ("extra_css:\n  - assets/site.css\n", "extra_css:\n  - assets/site.css\n  - https://fonts.googleapis.com/css?family=Roboto\n"),
    ("extra_css:\n", "extra_javascript:\n  - //cdn.example.net/analytics.js\nextra_css:\n"),
    ("  favicon: assets/favicon.svg", "  favicon: https://cdn.example.net/favicon.ico"),
], ids=["extra_css", "extra_javascript", "favicon"])
def test_a_setting_that_loads_from_another_website(tmp_path, setting):
    from site_build import check, mkdocs_yml

    root = copy_project(tmp_path / "project")
    config_file = root / "mkdocs.yml"
    text = config_file.read_text().replace(*setting, 1)
    config_file.write_text(text)
    url = re.search(r"(https?:)?//\S+", setting[1])[0]
    config, problems = mkdocs_yml.check(config_file)
    said = check.source_problems(check.Sources(config))
    line = text[: text.index(url)].count("\n") + 1
    assert len(said) == 1 and said[0].startswith(f"mkdocs.yml: line {line}: "), said
    assert f"the file '{url}' is on another website" in said[0] and explains(said[0])


def test_a_theme_template_that_loads_from_another_website_is_named_once(project):
    # The privacy plugin tries to download it for every page; it said so in its own words on each.
    template = project.root / "overrides" / "partials" / "source-file.html"
    text = template.read_text()
    template.write_text(text.replace('<footer class="page-footer">',
                                     '<footer class="page-footer"><img src="https://badges.example/b.png" alt="A badge">', 1))
    line = text[: text.index('<footer class="page-footer">')].count("\n") + 1
    said = assert_refused_cleanly(project, project.build(), rf"overrides/partials/source-file\.html: line {line}: the file "
                                                            r"'https://badges\.example/b\.png' is on another website")
    assert said.endswith("(the build could not download it to serve it from this site)")


def test_a_download_that_failed_anyway_stops_the_build_before_the_copy(tmp_path):
    from mkdocs.structure.files import File

    from site_build.third_party import failed_downloads

    (tmp_path / "mkdocs.yml").write_text("extra_css:\n  - https://cdn.example.net/x.css\n")
    missing = File("assets/external/cdn.example.net/x.css", str(tmp_path / "cache"), str(tmp_path / "site"), True)
    missing.url = "https://cdn.example.net/x.css"
    present = File("index.md", str(ROOT / "docs"), str(tmp_path / "site"), True)
    assert failed_downloads(Files([missing, present]), tmp_path) == [
        "mkdocs.yml: line 2: the file 'https://cdn.example.net/x.css' is on another website, and every browser that "
        "opens the page would fetch it from there; save the file in docs/assets/ and use it from there "
        "(the build could not download it to serve it from this site)"]
