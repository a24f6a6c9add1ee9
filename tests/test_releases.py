"""What a release publishes: every version kept on gh-pages, the latest as the default, page dates from Git."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from releases import FIRST_COMMIT, NEW_IN_1_1, SITE_URL, ReleaseRepo, make_release_repo
from support import ROOT, edition_pages, page_file, soup

DATE = re.compile(r"Last updated \d{1,2} [A-Z][a-z]+ \d{4}")  # Last updated 24 November 2026


def last_updated(html) -> str | None:
    date = html.select_one(".page-dates .md-source-file")
    return " ".join(date.get_text().split()) if date else None


VERSIONS = [{"version": "1.1", "title": "1.1", "aliases": ["latest"]}, {"version": "1.0", "title": "1.0", "aliases": []}]


def test_the_branch_keeps_every_release_and_lands_visitors_on_the_latest(releases):
    assert json.loads(releases.show("versions.json")) == VERSIONS
    entries = releases.branch_entries()
    assert {path.split("/")[0] for path in entries} == {
        "1.0", "1.1", "latest", "index.html", "versions.json", "404.html", "robots.txt", "_headers", ".nojekyll", "es"}
    # The Spanish edition is a project of its own in es/, with its own list of releases (its version
    # selector reads es/versions.json), its own latest/, and its own 404 page.
    assert {path.split("/")[1] for path in entries if path.startswith("es/")} == {
        "1.0", "1.1", "latest", "index.html", "versions.json", "404.html"}
    assert json.loads(releases.show("es/versions.json")) == VERSIONS
    # `latest` is a plain copy of 1.1: object storage and CDNs know no symlinks.
    assert "120000" not in entries.values()
    for edition in ["", "es/"]:
        in_latest = {path.removeprefix(f"{edition}latest/") for path in entries if path.startswith(f"{edition}latest/")}
        assert in_latest == {path.removeprefix(f"{edition}1.1/") for path in entries if path.startswith(f"{edition}1.1/")}
        assert releases.show(f"{edition}latest/index.html") == releases.show(f"{edition}1.1/index.html")
        # The edition's root sends visitors to its latest release; a host answers a missing address with its 404 page.
        assert BeautifulSoup(releases.show(f"{edition}index.html"), "lxml").select_one("a")["href"] == "latest/"
        assert releases.show(f"{edition}404.html") == releases.show(f"{edition}latest/404.html")
    assert NEW_IN_1_1 in releases.show("1.1/index.html")
    assert NEW_IN_1_1 not in releases.show("1.0/index.html")
    # Crawlers read robots.txt only at the root; it sends them to each edition's newest sitemap.
    assert re.findall(r"^Sitemap: (\S+)$", releases.show("robots.txt"), re.M) == [
        f"{SITE_URL}latest/sitemap.xml", f"{SITE_URL}es/latest/sitemap.xml"]
    # The Spanish edition writes none of its own: one robots.txt for the whole site.
    assert not [path for path in entries if path.startswith("es/") and path.endswith("robots.txt")]
    assert releases.show("_headers") == (ROOT / "deploy" / "_headers").read_text(encoding="utf-8")


def test_every_build_of_a_release_requires_current_medical_reviews(releases):
    # Four MkDocs builds per release: the strict check (English, and the Spanish edition inside it),
    # then mike's, one for each edition.
    assert releases.probe_log.read_text().split() == ["1"] * 8


def head_links(html: BeautifulSoup) -> dict[str, str]:
    """The page's canonical address and its twins by language, as its head names them."""
    links = {"canonical": html.find("link", rel="canonical")["href"]}
    links.update({link["hreflang"]: link["href"] for link in html.head.find_all("link", rel="alternate", hreflang=True)})
    return links


@pytest.mark.parametrize("release", ["latest", "1.0"])
def test_a_release_names_each_pages_address_and_twins_in_its_newest_release(releases, release):
    # Search engines are pointed at the newest release of each page, in each language.
    english, spanish = f"{SITE_URL}latest/side-effects/", f"{SITE_URL}es/latest/side-effects/"
    for path, own in [(f"{release}/side-effects/index.html", english), (f"es/{release}/side-effects/index.html", spanish)]:
        assert head_links(BeautifulSoup(releases.show(path), "lxml")) == {
            "canonical": own, "en": english, "es": spanish, "x-default": english}, path


@pytest.mark.parametrize("release", ["latest", "1.0", "1.1"])
def test_the_language_switch_of_a_release_leads_to_the_twin_in_the_same_release(releases, release):
    numbered = "1.1" if release == "latest" else release  # latest/ is a copy of 1.1
    english = BeautifulSoup(releases.show(f"{release}/side-effects/index.html"), "lxml")
    spanish = BeautifulSoup(releases.show(f"es/{release}/side-effects/index.html"), "lxml")
    assert english.select_one('.md-select__link[hreflang="es"]')["href"] == f"../../es/{numbered}/side-effects/"
    assert spanish.select_one('.md-select__link[hreflang="en"]')["href"] == f"../../../{numbered}/side-effects/"


def test_page_dates_are_those_of_their_last_change_in_git(releases):
    # FIRST_COMMIT and SECOND_COMMIT, in New Jersey time; only the home page changed in 1.1.
    assert last_updated(BeautifulSoup(releases.show("1.0/index.html"), "lxml")) == "Last updated 10 January 2025"
    assert last_updated(BeautifulSoup(releases.show("1.1/index.html"), "lxml")) == "Last updated 14 March 2025"
    assert last_updated(BeautifulSoup(releases.show("1.1/side-effects/index.html"), "lxml")) == "Last updated 10 January 2025"
    # Each Spanish page by its own file's history: its English twin changed, it did not.
    assert last_updated(BeautifulSoup(releases.show("es/1.1/index.html"), "lxml")) == "Última actualización: 10 de enero de 2025"


DATE_ES = re.compile(r"Última actualización: \d{1,2} de [a-z]+ de \d{4}")  # Última actualización: 24 de noviembre de 2026


def test_every_page_says_when_it_was_last_updated(site):
    for lang, page in edition_pages():
        date = last_updated(soup(page_file(site, page, lang)))
        assert date and {"en": DATE, "es": DATE_ES}[lang].fullmatch(date), f"{lang}: {page}: {date!r}"


def test_a_copy_that_is_not_in_git_builds_without_a_warning(project):
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert DATE.fullmatch(last_updated(soup(project.site / "index.html")) or "")


def test_a_clone_without_history_builds_without_a_warning_but_is_not_published(releases, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{releases.root}", str(clone)],
                   env=releases.env(), check=True, capture_output=True)
    # On GitHub Actions or GitLab CI the build warns about a shallow checkout on purpose (its dates
    # are wrong), so the workflow fetches the whole history; this is a shallow clone anywhere else.
    env = {k: v for k, v in releases.env().items() if k not in ("GITHUB_ACTIONS", "GITLAB_CI")}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                           cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stdout + build.stderr
    assert last_updated(soup(tmp_path / "site" / "index.html")) == "Last updated 14 March 2025"

    refused = ReleaseRepo(clone, tmp_path).publish("1.1")
    assert refused.returncode != 0
    assert "no history" in refused.stderr


@pytest.mark.parametrize("ci", ["GITHUB_ACTIONS", "GITLAB_CI"])
def test_a_shallow_checkout_on_ci_stops_the_build_with_what_to_fetch(releases, tmp_path, ci):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{releases.root}", str(clone)],
                   env=releases.env(), check=True, capture_output=True)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                           cwd=clone, env={**releases.env(), ci: "true"}, capture_output=True, text=True, timeout=300)
    assert build.returncode != 0
    assert "Traceback" not in build.stderr
    assert "this checkout has only the newest commit" in build.stderr
    assert "fetch-depth: 0" in build.stderr


# --- Nothing is published unless everything passed ------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> ReleaseRepo:
    return make_release_repo(tmp_path / "project", tmp_path)


def test_a_failed_test_publishes_nothing(repo):
    result = repo.publish("1.0", RELEASE_TESTS_EXIT="1")
    assert result.returncode != 0
    assert repo.tests_log.exists()
    assert not repo.has_branch()


def test_a_failed_build_publishes_nothing_and_says_what_to_fix(repo):
    repo.edit("docs/index.md", "# What is ketamine therapy?\n", "# What is ketamine therapy?\n\nSee [our prices](prices.md).\n")
    repo.commit("Link to a page that does not exist", FIRST_COMMIT)
    result = repo.publish("1.0")
    assert result.returncode != 0
    assert "docs/index.md: line" in result.stderr and "'prices.md'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not repo.tests_log.exists(), "the build comes first"
    assert not repo.has_branch()


def test_a_page_without_a_named_review_is_not_published(repo):
    page = repo.root / "docs" / "who-qualifies.md"
    page.write_text(re.sub(r"(?m)^review(er|ed): .*\n", "", page.read_text(encoding="utf-8")), encoding="utf-8")
    repo.commit("A page no clinician has reviewed", FIRST_COMMIT)
    result = repo.publish("1.0")
    assert result.returncode != 0
    said = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(said) == 1, result.stderr
    assert re.fullmatch(r"ERROR\s+-\s+docs/who-qualifies\.md: not yet reviewed by a clinician; .*", said[0]), said[0]
    assert "Traceback" not in result.stderr
    assert not repo.tests_log.exists(), "the build comes first"
    assert not repo.has_branch()


@pytest.mark.parametrize("version, uncommitted, says", [
    ("1", False, "give the release number, such as 1.2"),
    ("2.0", False, "CHANGELOG.md has no '## 2.0' section"),
    ("1.0", True, "changes not committed yet"),
])
def test_publish_refuses_what_cannot_be_a_release(repo, version, uncommitted, says):
    if uncommitted:
        repo.edit("docs/index.md", "\n", "\nA sentence not yet committed.\n")
    result = repo.publish(version)
    assert result.returncode != 0
    assert says in result.stderr
    assert not repo.has_branch()


# --- Export: the branch as a plain folder for any host --------------------------------------------


def test_export_writes_the_branch_as_plain_files(releases, exported):
    files = {path.relative_to(exported).as_posix() for path in exported.rglob("*") if path.is_file()}
    entries = set(releases.branch_entries())
    # Beside the branch's files, only gzipped copies of them for nginx (test_hosting.py: what it sends).
    assert entries <= files
    assert all(path.endswith(".gz") and path[:-3] in entries for path in files - entries), files - entries
    assert not [path for path in exported.rglob("*") if path.is_symlink()]


def test_export_refuses_a_folder_that_has_files(releases, tmp_path):
    (tmp_path / "old.html").write_text("an old page", encoding="utf-8")
    result = releases.run("scripts/export", str(tmp_path))
    assert result.returncode != 0
    assert "is not empty" in result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["old.html"]
