"""The releases on a real host: nginx with the shipped rules, under a sub-path; links, 404 page, headers, CSP."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import shutil
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from nginx import SHIPPED_RULES, Nginx, check_config, main_config
from releases import SUB_PATH
from support import ROOT

HEADERS_FILE = ROOT / "deploy" / "_headers"
SERVER_BLOCK = ROOT / "deploy" / "nginx" / "ketamine-therapy.conf"

# Material names its stylesheets and scripts after a hash of their content: main.57a0d79d.min.css.
FINGERPRINTED = re.compile(r"/assets/.+\.[0-9a-f]{8}\.min\.(css|js)(\.map|\.gz)?$")
A_YEAR = "public, max-age=31536000, immutable"
CHECK_EACH_TIME = "no-cache"
# What every response carries; the Content-Security-Policy goes with pages only.
SECURITY = ["X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"]
POLICY = "Content-Security-Policy"

# Where HTML names another file.
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def fetch(url: str, method: str = "GET", **headers: str):
    """(status, headers, body) of a request, following redirects; 4xx and 5xx are answers, not errors."""
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def heading_of(body: bytes) -> str:
    """The page's heading as a visitor reads it (the HTML escapes its apostrophe)."""
    return BeautifulSoup(body, "lxml").h1.get_text(strip=True)


def shipped_headers() -> dict[str, str]:
    """The headers the shipped nginx rules add to a page, by name: those of every response, and the policy."""
    rules = SHIPPED_RULES.read_text(encoding="utf-8")
    headers = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', rules, re.M))
    headers["Content-Security-Policy"] = re.search(r'^set \$site_csp "([^"]+)";$', rules, re.M)[1]
    return headers


def headers_file_rules() -> dict[str, dict[str, str]]:
    """deploy/_headers as {path pattern: {name: value}}."""
    rules: dict[str, dict[str, str]] = {}
    pattern = None
    for line in HEADERS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = line.strip()
            rules[pattern] = {}
        else:
            name, value = line.strip().split(":", 1)
            rules[pattern][name] = value.strip()
    return rules


def matches(pattern: str, path: str) -> bool:
    """Netlify's and Cloudflare's rule: `:name` is one path segment, `*` is anything."""
    regex = "".join("[^/]+" if part.startswith(":") else ".*" if part == "*" else re.escape(part)
                    for part in re.split(r"(:\w+|\*)", pattern))
    return re.fullmatch(regex, path) is not None


def inline_scripts(html: BeautifulSoup):
    """Scripts the browser runs from the page itself (a JSON data block is not run)."""
    for script in html.find_all("script"):
        if not script.get("src") and script.get("type", "text/javascript") in ("text/javascript", "module"):
            yield script.string or ""


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


# --- Every link, asset and anchor -------------------------------------------------------------------


def crawl(base: str, starts: list[str]) -> list[str]:
    """Follow every link and asset from `starts`, on this host and under the sub-path; what is broken."""
    host = urlsplit(base).netloc
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []
    queue, seen = deque(starts), set()
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url)
        if status != 200 and not url.endswith("/no/such/page/"):
            problems.append(f"{url}: HTTP {status}")
            continue
        found: list[str] = []
        if headers.get_content_type() == "text/html":
            html = BeautifulSoup(body, "lxml")
            ids[url] = {tag["id"] for tag in html.find_all(id=True)}
            found += [tag[attr] for name, attr in LINKING.items() for tag in html.find_all(name) if tag.get(attr)]
            found += [re.sub(r"^\d+;\s*url=", "", meta["content"]) for meta in html.find_all("meta", attrs={"http-equiv": "refresh"})]
        elif headers.get_content_type() == "text/css":
            found += re.findall(r"url\(\s*['\"]?(?!data:)([^'\")]+)", body.decode("utf-8"))
        for link in found:
            target, fragment = urldefrag(urljoin(url, link))
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue  # a phone number, or another site
            if not parts.path.startswith(SUB_PATH):
                problems.append(f"{url}: {link!r} leaves {SUB_PATH}")
                continue
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)
    problems += [f"{page}: #{fragment} is not on {target}" for page, target, fragment in anchors
                 if target in ids and fragment not in ids[target]]
    return problems


def test_every_link_asset_and_anchor_works_under_a_sub_path(hosted):
    # From each edition's home page (its root redirects to its latest/), its older release, and its
    # 404 page, which answers for an address at any depth.
    starts = [hosted + folder + path for folder in ["", "es/"] for path in ["", "1.0/", "no/such/page/"]]
    problems = crawl(hosted, starts)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("folder, heading", [("", "We can't find that page"), ("es/", "No encontramos esa página")])
def test_a_missing_address_gets_its_editions_404_page_at_any_depth(hosted, folder, heading):
    status, headers, body = fetch(hosted + folder + "no/such/page/")
    assert status == 404
    assert heading_of(body) == heading


# --- Headers --------------------------------------------------------------------------------------


def published(exported) -> list[str]:
    """Every address of the releases as a visitor asks for it: each file, and each page's folder."""
    files = [path.relative_to(exported).as_posix() for path in exported.rglob("*") if path.is_file()]
    folders = [file.removesuffix("index.html") for file in files if file.endswith("index.html")]
    # Files whose name starts with a dot are never served (test_nothing_hidden_is_served...); the hosts
    # that read _headers do not serve it either.
    return sorted(path for path in files + folders if not re.search(r"(^|/)\.", path) and path != "_headers")


def test_pages_carry_the_policy_and_every_response_the_security_headers(hosted, exported):
    shipped = shipped_headers()
    assert shipped["X-Content-Type-Options"] == "nosniff" and shipped["Referrer-Policy"] == "no-referrer"
    stylesheet = next((exported / "latest" / "assets" / "stylesheets").glob("site.*.min.css")).name
    pages = [("", 200), ("latest/", 200), ("1.0/side-effects/", 200), ("latest/404.html", 200), ("no/such/page", 404),
             ("es/", 200), ("es/latest/", 200), ("es/1.0/side-effects/", 200), ("es/no/such/page", 404)]
    files = [f"latest/assets/stylesheets/{stylesheet}", "latest/search/search_index.json", "latest/sitemap.xml",
             "versions.json", "latest/assets/favicon.svg"]
    for path, expected in pages + [(file, 200) for file in files]:
        status, headers, _ = fetch(hosted + path)
        assert status == expected, path
        for name in SECURITY:
            assert headers[name] == shipped[name], f"{path}: {name}"
        # The policy guards what a page may run; a style sheet or script never reads it (400 bytes each).
        assert headers[POLICY] == (shipped[POLICY] if (path, expected) in pages else None), path


def test_fingerprinted_files_are_kept_a_year_and_everything_else_is_checked_each_time(hosted, exported):
    paths = published(exported)
    assert any(FINGERPRINTED.search("/" + path) for path in paths)
    assert any(re.search(r"/site\.[0-9a-f]{8}\.min\.css$", path) for path in paths), "the site's stylesheet"
    for path in paths:
        _, headers, _ = fetch(hosted + path, method="HEAD")
        wanted = A_YEAR if FINGERPRINTED.search("/" + path) else CHECK_EACH_TIME
        assert headers["Cache-Control"] == wanted, path


def test_text_is_compressed_as_debian_types_it(hosted, exported):
    stylesheet = next((exported / "latest" / "assets" / "stylesheets").glob("main.*.min.css")).name
    # sitemap.xml is text/xml in Debian's /etc/nginx/mime.types (tests/nginx.py serves with that table).
    for path, kind in [("latest/", "text/html"), (f"latest/assets/stylesheets/{stylesheet}", "text/css"),
                       ("versions.json", "application/json"), ("latest/sitemap.xml", "text/xml"),
                       ("latest/search/search_index.json", "application/json")]:
        _, headers, _ = fetch(hosted + path, **{"Accept-Encoding": "gzip"})
        assert headers.get_content_type() == kind, path
        assert headers["Content-Encoding"] == "gzip", path
        assert headers["Vary"] == "Accept-Encoding", path


def test_nginx_sends_the_copies_gzipped_at_export_which_are_smaller(hosted, exported):
    stylesheet = next((exported / "latest" / "assets" / "stylesheets").glob("main.*.min.css")).relative_to(exported)
    script = next((exported / "latest" / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(exported)
    for path in ["latest/index.html", "1.0/side-effects/index.html", stylesheet.as_posix(), script.as_posix()]:
        plain, packed = (exported / path).read_bytes(), (exported / (path + ".gz")).read_bytes()
        assert gzip.decompress(packed) == plain, path
        assert len(packed) < len(gzip.compress(plain, compresslevel=9)), path
        address = path.removesuffix("index.html")
        _, headers, body = fetch(hosted + address, **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip" and body == packed, address
        # A browser that takes no gzip gets the file itself.
        _, headers, body = fetch(hosted + address)
        assert headers["Content-Encoding"] is None and body == plain, address


def test_the_headers_file_says_what_nginx_says(hosted, exported):
    rules = headers_file_rules()
    # Cloudflare Pages ignores a line longer than 2,000 characters.
    assert max(map(len, HEADERS_FILE.read_text(encoding="utf-8").splitlines())) < 2000
    for path in published(exported):
        # Rules that match an address add up (the headers file sits at the root of the host).
        said: dict[str, str] = {}
        for pattern, headers in rules.items():
            if matches(pattern, "/" + path):
                assert not set(said) & set(headers), f"/{path}: two rules set {set(said) & set(headers)}"
                said.update(headers)
        said.setdefault("Cache-Control", CHECK_EACH_TIME)  # the hosts' default: check each time
        _, headers, _ = fetch(hosted + path, method="HEAD")
        sent = {name: headers[name] for name in [*SECURITY, POLICY, "Cache-Control"] if headers[name] is not None}
        assert said == sent, f"/{path}"


def test_nothing_hidden_is_served_and_a_folder_without_a_page_is_not_found(exported, tmp_path):
    # A copy of the releases with what a careless upload could put beside them.
    www = tmp_path / "www"
    shutil.copytree(exported, www / SUB_PATH.strip("/"))
    site = www / SUB_PATH.strip("/")
    for stray in [".git/HEAD", ".git/config", ".env", "latest/.env.local", "latest/assets/.DS_Store", ".hidden/notes.txt"]:
        (site / stray).parent.mkdir(parents=True, exist_ok=True)
        (site / stray).write_text("not for visitors", encoding="utf-8")
    with Nginx(www, SUB_PATH, tmp_path / "nginx") as base:
        hidden = [".git/HEAD", ".git/config", ".git/", ".env", "latest/.env.local", "latest/assets/.DS_Store",
                  ".hidden/notes.txt", ".hidden/", ".nojekyll"]
        # Folders that hold files but no page: never a list of their files, nor a 403.
        folders = ["latest/assets/", "latest/assets/javascripts/", "latest/search/", "1.0/assets/stylesheets/"]
        for path in hidden + folders:
            status, headers, body = fetch(base + path)
            assert status == 404, path
            assert heading_of(body) == "We can't find that page", path
            assert headers[POLICY] == shipped_headers()[POLICY], path
        # A folder asked for without its slash is sent to it first, as any folder is.
        status, _, body = fetch(base + "latest/assets")
        assert status == 404 and heading_of(body) == "We can't find that page"


def test_the_shipped_server_block_passes_nginx_t(tmp_path):
    # As on a Debian host: the server block included in http {}, the rules in snippets/ beside nginx.conf.
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / SHIPPED_RULES.name).symlink_to(SHIPPED_RULES)
    config = tmp_path / "nginx.conf"
    config.write_text(main_config(tmp_path, f'    include "{SERVER_BLOCK}";'), encoding="utf-8")
    result = check_config(config, tmp_path)
    assert result.returncode == 0, result.stderr


# --- Content-Security-Policy ----------------------------------------------------------------------


def test_the_csp_is_strict_and_allows_exactly_the_inline_scripts_published(exported):
    policy = shipped_headers()["Content-Security-Policy"]
    directives = {words[0]: words[1:] for words in (part.split() for part in policy.split(";")) if words}
    assert directives["default-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    allowed = {source[len("'sha256-"):-1] for source in directives["script-src"] if source.startswith("'sha256-")}

    found: dict[str, str] = {}
    for page in sorted(exported.rglob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for script in inline_scripts(html):
            found.setdefault(sha256(script), f"{page.relative_to(exported)}: {script.strip()[:60]!r}")
        assert not html.find("style") and not html.find(style=True), f"{page}: inline style"
    to_add = [f"'sha256-{digest}' for {where}" for digest, where in found.items() if digest not in allowed]
    unused = [f"'sha256-{digest}'" for digest in allowed - set(found)]
    assert not to_add, f"add to script-src in {SHIPPED_RULES.name} and _headers: " + "; ".join(to_add)
    assert not unused, "no published page has these scripts any more; remove them from script-src: " + ", ".join(unused)


# --- In a real browser ----------------------------------------------------------------------------

# Runs before the page's own scripts, so that no violation goes unseen.
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ${event.sample || ""}`));
"""


def test_no_page_reports_a_csp_violation_or_an_error(browser, hosted, exported):
    pages = sorted(path.relative_to(exported).as_posix().removesuffix("index.html")
                   for version in ["latest", "1.0", "es/latest", "es/1.0"] for path in (exported / version).rglob("index.html"))
    missing = [hosted + "no/such/page/", hosted + "es/no/such/page/"]
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    errors: list[str] = []

    def note(message) -> None:
        # The one expected error: the 404 page's own status.
        if message.type == "error" and message.location.get("url") not in missing:
            errors.append(f"{page.url}: {message.text}")

    page.on("console", note)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    # The root redirects with mike's inline script; a missing address gets the 404 page.
    for url in [hosted, hosted + "es/", *(hosted + path for path in pages), *missing]:
        page.goto(url)
        page.wait_for_selector(".md-version__current")  # the list of releases has been fetched and shown
        assert page.evaluate("window.__violations") == [], page.url
    assert not errors, "\n".join(errors)
    context.close()


def test_the_404_page_under_a_sub_path_is_styled_and_leads_home(browser, hosted):
    page = browser.new_page()
    response = page.goto(hosted + "no/such/page/")
    assert response.status == 404
    # Material's stylesheet loaded (its header is sticky) and the site's own (its colours).
    header = page.locator(".md-header")
    assert header.evaluate("element => getComputedStyle(element).position") == "sticky"
    assert header.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(0, 84, 110)"
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_url(hosted + "latest/")
    assert page.locator("h1").first.inner_text() == "What is ketamine therapy?"
    page.close()


@pytest.mark.parametrize("folder", ["", "es/"], ids=["English", "Spanish"])
def test_the_root_lands_on_the_latest_and_the_selector_lists_every_release(browser, hosted, folder):
    page = browser.new_page()
    page.goto(hosted + folder)
    page.wait_for_url(hosted + folder + "latest/")
    assert page.locator(".md-version__current").inner_text() == "1.1"
    listed = page.locator(".md-version__list .md-version__link").all_text_contents()
    assert [text.strip() for text in listed] == ["1.1", "1.0"]
    assert page.locator("[data-md-component=outdated]").is_hidden()
    # Choosing a release leads to the same page in it, in the same language.
    page.goto(hosted + folder + "latest/side-effects/")
    page.locator(".md-version").hover()
    page.locator(".md-version__list .md-version__link", has_text="1.0").click()
    page.wait_for_url(hosted + folder + "1.0/side-effects/")
    page.close()


@pytest.mark.parametrize("folder, says, link", [("", "older version", "Read the current version"),
                                                ("es/", "versión anterior", "Lea la versión actual")], ids=["English", "Spanish"])
def test_an_older_release_says_so_and_links_to_the_latest(browser, hosted, folder, says, link):
    page = browser.new_page()
    page.goto(hosted + folder + "1.0/side-effects/")
    notice = page.locator("[data-md-component=outdated]")
    notice.wait_for(state="visible")
    assert says in notice.inner_text()
    notice.get_by_role("link", name=link).click()
    page.wait_for_url(hosted + folder + "latest/")
    page.close()


@pytest.mark.parametrize("release", ["latest", "1.0"])
def test_the_language_switch_leads_to_the_pages_twin_in_the_same_release(browser, hosted, release):
    page = browser.new_page()
    page.goto(hosted + f"{release}/side-effects/")
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(hosted + f"es/{'1.1' if release == 'latest' else release}/side-effects/")
    assert page.locator("h1").first.inner_text() == "Efectos secundarios y riesgos"
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(hosted + f"{'1.1' if release == 'latest' else release}/side-effects/")
    assert page.locator("h1").first.inner_text() == "Side effects and risks"
    page.close()
