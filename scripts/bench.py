"""Measure the site as visitors get it and as CI builds it, each figure beside bare Material's.

Bare Material is the same pages built with nothing but `theme: material`, served without the site's
Content-Security-Policy (Material's inline scripts must run). Figures, with the aim beside each and
'!' where one is missed:

- build: time and peak memory of `mkdocs build` at about 9, 90 and 900 pages (synthetic copies of
  the site, in a Git repository as CI builds it), project and bare interleaved, medians and ratios;
- first view: for every page of the built site (found in the built site, so a new section or
  language is measured without a change here), the bytes a phone receives from nginx with the
  shipped rules and files gzipped as scripts/export ships them (both sites): HTML, styles, scripts and images, gzip as sent (1 KB = 1,024 bytes); search's
  worker and index, loaded in the background, apart; and the response headers;
- Lighthouse mobile (its default: simulated slow 4G, 4x CPU): scores and Largest Contentful Paint
  per page, medians; any audit that errored is named, and a figure that came from one fails the run;
- search: from the first keystroke to the first result on screen, 4x CPU throttling, median and max.

    .venv/bin/python scripts/bench.py            # everything: about 10-15 minutes on a quiet machine
    .venv/bin/python scripts/bench.py --quick    # a few minutes: fewer sizes, runs and tries
    .venv/bin/python scripts/bench.py --sizes 9,90 --builds 3 --runs 1 --searches 10 --skip lighthouse

Exit status 1 when a measurement is not to be trusted (a build failed, Lighthouse errored on an audit
behind a figure, a search found nothing); a missed aim is marked, not an error. Needs what
scripts/test installs: Chromium, nginx, the npm packages.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browsing import CHROMIUM_FLAGS, PHONE  # noqa: E402
from nginx import SHIPPED_RULES, Nginx  # noqa: E402
from support import copy_project  # noqa: E402

sys.path.insert(0, str(ROOT))
from site_build.precompress import precompress  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

# The aims, printed beside the figures.
MAX_BUILD_RATIO = 1.3  # project / bare Material, at every size
MAX_FIRST_VIEW_KB = 64  # every page
MIN_SCORE = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_LCP_S = 1.2  # every page

SEARCH_QUERY = "side effects"  # typed into both sites, a key every 100 ms
CPU_SLOWDOWN = 4

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}

untrusted: list[str] = []  # why a figure cannot be trusted; the run fails if any


def say(text: str = "") -> None:
    print(text, flush=True)


class Phase:
    """`with Phase("Building ..."):` says what starts, and how long it took."""

    def __init__(self, what: str):
        self.what = what

    def __enter__(self):
        say(self.what)
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        say(f"  ({(time.perf_counter() - self.start) / 60:.1f} min)")


def flagged(text: str, ok: bool) -> str:
    """The figure, and a '!' beside it when it misses its aim."""
    return text + (" " if ok else "!")


def median(values: list[float]) -> float:
    return statistics.median(values)


# --- Build time and memory --------------------------------------------------------------------------


def nav_lines(config: str) -> list[str]:
    """The `nav:` block of a mkdocs.yml, line by line (read as text: the file has !ENV tags)."""
    block = re.search(r"^nav:\n((?:[ \t]+.*\n|\n)+)", config, re.M)
    return [line for line in block[1].splitlines() if line.strip()]


def multiply(project: Path, size: int) -> int:
    """About `size` pages: copies 2..N of every page under docs/copy-N/, each a section of the menu."""
    docs = project / "docs"
    pages = [page.relative_to(docs) for page in sorted(docs.rglob("*.md")) if page.parts[len(docs.parts)] != "templates"]
    copies = max(1, round(size / len(pages)))
    for copy in range(2, copies + 1):
        for page in pages:
            (docs / f"copy-{copy}" / page).parent.mkdir(parents=True, exist_ok=True)
            (docs / f"copy-{copy}" / page).write_text(retitled(docs / page, f"copy {copy}"), encoding="utf-8")
    # Each edition's menu (mkdocs.yml, and mkdocs.es.yml for the Spanish pages) lists the copies.
    for config_file in [project / "mkdocs.yml", *sorted(project.glob("mkdocs.*.yml"))]:
        config = config_file.read_text(encoding="utf-8")
        original = nav_lines(config)
        nav = ["nav:", *original]
        for copy in range(2, copies + 1):
            nav.append(f"  - Copy {copy}:")
            # The same menu one level down, every page's path under the copy's folder.
            nav += ["  " + re.sub(r"(?<=[:-] )([^\s:]+\.md)$", rf"copy-{copy}/\1", line) for line in original]
        config_file.write_text(re.sub(r"^nav:\n(?:[ \t]+.*\n|\n)+", "\n".join(nav) + "\n\n", config, count=1, flags=re.M),
                               encoding="utf-8")
    return len(pages) * copies


def retitled(page: Path, suffix: str) -> str:
    """A page's text with its front matter's title made its own (the build refuses two pages of one title)."""
    def title(match: re.Match) -> str:
        value = match[1].strip()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            return f"title: {value[:-1]} ({suffix}){value[-1]}"
        return f"title: {value} ({suffix})"
    return re.sub(r"^title:(.*)$", title, page.read_text(encoding="utf-8"), count=1, flags=re.M)


def bare_project(project: Path, target: Path) -> Path:
    """The same pages and menu with nothing but Material: the yardstick."""
    shutil.copytree(project / "docs", target / "docs", ignore=shutil.ignore_patterns("assets", "templates"))
    nav = "\n".join(["nav:", *nav_lines((project / "mkdocs.yml").read_text(encoding="utf-8"))])
    (target / "mkdocs.yml").write_text(f"site_name: Ketamine Therapy\ntheme:\n  name: material\n{nav}\n", encoding="utf-8")
    return target


def in_git(project: Path) -> None:
    """One commit, as CI checks the site out: the build reads each page's date from Git."""
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Benchmark copy"]):
        subprocess.run(["git", *command], cwd=project, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


@dataclass
class Build:
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)


def timed_build(project: Path, site: Path, env: dict[str, str], into: Build | None) -> None:
    """One `mkdocs build`, its wall time and the peak memory of the build (or of a process it ran)."""
    log = project.parent / f"{project.name}.log"
    with open(log, "w") as output:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                                   cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"the build of {project.name} failed:\n{log.read_text()[-3000:]}")
    if into is not None:
        into.seconds.append(elapsed)
        into.peak_mb.append(usage.ru_maxrss / 1024)  # Linux gives kilobytes


def measure_builds(tmp: Path, sizes: list[int], rounds: int, env: dict[str, str]) -> list[tuple[int, Build, Build]]:
    results = []
    for number, size in enumerate(sizes):
        project = copy_project(tmp / f"project-{size}")
        pages = multiply(project, size)
        bare = bare_project(project, tmp / f"bare-{size}")
        in_git(project)
        ours, theirs = Build(), Build()
        say(f"  about {size} pages ({pages}): {rounds} builds each, interleaved ...")
        if number == 0:  # Python's caches, the disk's: the first build of each pays for them
            timed_build(project, tmp / "site-warm", env, None)
            timed_build(bare, tmp / "bare-site-warm", env, None)
        for turn in range(rounds):
            pair = [(project, tmp / f"site-{size}", ours), (bare, tmp / f"bare-site-{size}", theirs)]
            for source, site, into in pair if turn % 2 == 0 else reversed(pair):
                timed_build(source, site, env, into)
        results.append((pages, ours, theirs))
        shutil.rmtree(project)
        shutil.rmtree(bare)
    return results


def print_builds(results: list[tuple[int, Build, Build]], rounds: int) -> list[str]:
    say(f"{'build':<12} {'pages':>6} {'project':>9} {'bare':>9} {'ratio':>7}   "
        f"{'peak MB':>8} {'bare':>6} {'ratio':>6}")
    misses = []
    for pages, ours, bare in results:
        ratio = median(ours.seconds) / median(bare.seconds)
        memory = median(ours.peak_mb) / median(bare.peak_mb)
        say(f"{'':<12} {pages:>6} {median(ours.seconds):>7.2f} s {median(bare.seconds):>7.2f} s "
            f"{flagged(f'{ratio:>6.2f}', ratio <= MAX_BUILD_RATIO)}  {median(ours.peak_mb):>8.0f} "
            f"{median(bare.peak_mb):>6.0f} {memory:>6.2f}")
        if ratio > MAX_BUILD_RATIO:
            misses.append(f"build at {pages} pages: {ratio:.2f} x bare Material (aim <= {MAX_BUILD_RATIO})")
    say(f"  medians of {rounds} builds each, project and bare interleaved; the project in a Git repository.")
    return misses


# --- What the browser receives --------------------------------------------------------------------


def built_pages(site: Path) -> list[str]:
    """Every page of a built site, each edition's, as the path of its address: each folder's index.html,
    and each 404.html."""
    paths = ["/" + p.relative_to(site).parent.as_posix() + "/" for p in site.rglob("index.html")]
    paths = [path.replace("/./", "/") for path in paths]
    # Each edition's page for an address that does not exist: 404.html, es/404.html.
    return sorted(paths) + sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("404.html"))


def is_search(url: str) -> bool:
    # Material's search worker, its index, and the stemmers the worker loads for a language other than
    # English (lunr.es): fetched in the background for the search box.
    path = urlparse(url).path
    return any(part in path for part in ("/assets/javascripts/workers/", "/assets/javascripts/lunr/")) or \
        path.endswith("/search/search_index.json")


def on_the_wire(url: str) -> tuple[int, int]:
    """(body, headers): bytes nginx sends for one file to a browser that takes gzip."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:  # the 404 page is an answer too
        response = error
    with response:
        body = response.read()
        headers = sum(len(f"{name}: {value}\r\n") for name, value in response.headers.items())
        return len(body), headers + len(f"HTTP/1.1 {response.status} {response.reason}\r\n\r\n")


@dataclass
class Weight:
    page: int = 0  # the first view: everything but search
    search: int = 0
    headers: int = 0
    files: int = 0


def first_view(browser, url: str) -> Weight:
    """What a phone loads for a page, fresh: the browser says which files, nginx how many bytes."""
    context = browser.new_context(viewport=PHONE)
    urls: list[str] = []
    context.on("requestfinished", lambda request: urls.append(request.url))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    context.close()
    weight = Weight()
    for loaded in dict.fromkeys(urls):
        body, headers = on_the_wire(loaded)
        if is_search(loaded):
            weight.search += body
        else:
            weight.page += body
        weight.headers += headers
        weight.files += 1
    return weight


def print_weights(weights: dict[str, Weight], bare: dict[str, Weight]) -> list[str]:
    say(f"{'first view':<24} {'KB gzip':>9} {'+ search':>9} {'headers':>8} {'files':>5}")
    misses = []
    for path, weight in weights.items():
        kb = weight.page / 1024
        say(f"{path:<24} {flagged(f'{kb:>9.1f}', kb <= MAX_FIRST_VIEW_KB)}{weight.search / 1024:>9.1f} "
            f"{weight.headers / 1024:>8.1f} {weight.files:>5}")
        if kb > MAX_FIRST_VIEW_KB:
            misses.append(f"first view of {path}: {kb:.1f} KB (aim <= {MAX_FIRST_VIEW_KB} KB)")
    heaviest = max(weights, key=lambda path: weights[path].page)
    bare_heaviest = max(bare, key=lambda path: bare[path].page)
    ours, theirs = weights[heaviest].page / 1024, bare[bare_heaviest].page / 1024
    say(f"  heaviest: {heaviest} {ours:.1f} KB; bare Material's: {bare_heaviest} {theirs:.1f} KB "
        f"(+ search {bare[bare_heaviest].search / 1024:.1f} KB); ratio {ours / theirs:.2f}")
    return misses


# --- Lighthouse -----------------------------------------------------------------------------------


def lighthouse_run(url: str, chromium: str) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        sys.exit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        untrusted.append(f"Lighthouse could not measure {url}: {report['runtimeError'].get('message')}")
    audits = report["audits"]
    errored = {name: audit.get("errorMessage", "") for name, audit in audits.items() if audit["scoreDisplayMode"] == "error"}
    run = {"errored": errored, "lcp": audits["largest-contentful-paint"].get("numericValue", float("nan")) / 1000}
    # A figure printed below is untrusted when an audit it is made of errored.
    run["untrusted"] = [f"LCP ({', '.join(errored)})"] if "largest-contentful-paint" in errored else []
    for name in CATEGORIES:
        category = report["categories"][name]
        run[name] = round((category["score"] or 0) * 100)
        behind = [ref["id"] for ref in category["auditRefs"] if ref["weight"] > 0 and ref["id"] in errored]
        if behind or category["score"] is None:
            run["untrusted"].append(f"{name} score ({', '.join(behind) or 'no score'})")
    run["failed"] = sorted(
        ref["id"] for name in CATEGORIES if name != "performance" for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    )
    element = audits.get("largest-contentful-paint-element", {}).get("details", {}).get("items", [])
    phases = [item for table in element if table.get("type") == "table" for item in table.get("items", []) if "phase" in item]
    run["phases"] = {item["phase"]: item["timing"] for item in phases}
    return run


@dataclass
class Scores:
    runs: list[dict] = field(default_factory=list)

    def median(self, key: str) -> float:
        return median([run[key] for run in self.runs])

    def errored(self) -> dict[str, str]:
        return {name: message for run in self.runs for name, message in run["errored"].items()}


def print_lighthouse(scores: dict[str, Scores], bare_home: Scores, runs: int) -> list[str]:
    header = f"{'Lighthouse mobile':<24} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP':>8}"
    say(header)
    misses = []
    for path, page in scores.items():
        lcp = page.median("lcp")
        cells = [flagged(f"{page.median(c):>4.0f}", page.median(c) >= MIN_SCORE[c]) for c in CATEGORIES]
        say(f"{path:<24} {' '.join(cells)} {flagged(f'{lcp:>6.2f} s', lcp <= MAX_LCP_S)}")
        if lcp > MAX_LCP_S:
            misses.append(f"LCP of {path}: {lcp:.2f} s (aim <= {MAX_LCP_S} s)")
        misses += [f"{path}: {c} {page.median(c):.0f} (aim >= {MIN_SCORE[c]})" for c in CATEGORIES if page.median(c) < MIN_SCORE[c]]
        for run in page.runs:
            untrusted.extend(f"{path}: {figure} came from an audit that errored" for figure in run["untrusted"])
        failed = sorted({audit for run in page.runs for audit in run["failed"]})
        if failed:
            say(f"  audits not passed on {path}: {', '.join(failed)}")
    home = next(iter(scores.values()))
    say(f"  bare Material's home page: LCP {bare_home.median('lcp'):.2f} s, performance {bare_home.median('performance'):.0f}; "
        f"ratio {home.median('lcp') / bare_home.median('lcp'):.2f}")
    phases = {phase: median([run["phases"].get(phase, 0) for run in home.runs]) for phase in home.runs[0]["phases"]}
    if phases:
        say("  home page LCP, the paragraph's phases: " + ", ".join(f"{phase} {ms:.0f} ms" for phase, ms in phases.items()))
    errored: dict[str, str] = {}
    for page in [*scores.values(), bare_home]:
        errored.update(page.errored())
    for name, message in sorted(errored.items()):
        say(f"  Lighthouse errored on the audit {name}: {message[:160]}")
    say(f"  medians of {runs} runs; home pages interleaved with bare Material's.")
    return misses


# --- Search ---------------------------------------------------------------------------------------

# From the first keystroke in the search box to the frame that shows the first result.
TIME_SEARCH = """() => {
  window.__search = {key: null, result: null};
  addEventListener("keydown", () => { __search.key ??= performance.now(); }, true);
  new MutationObserver(() => {
    if (__search.result === null && document.querySelector(".md-search-result__item"))
      requestAnimationFrame(() => { __search.result ??= performance.now(); });
  }).observe(document.querySelector(".md-search-result__list"), {childList: true, subtree: true});
}"""
READY = "() => !/initializ/i.test(document.querySelector('.md-search-result__meta')?.textContent ?? 'initializing')"


def search_time(browser, url: str) -> float:
    """Milliseconds from the first keystroke to the first result, on a fresh visit, the CPU slowed down."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url)
    page.wait_for_function(READY, timeout=30_000)  # the worker has loaded the index: a visitor who has read a line
    page.keyboard.press("/")
    page.evaluate(TIME_SEARCH)
    # A key every 100 ms, as a quick typist: each key starts a new search, so the cadence counts.
    page.keyboard.type(SEARCH_QUERY, delay=100)
    try:
        page.wait_for_function("() => window.__search.result !== null", timeout=30_000)
        timing = page.evaluate("() => window.__search")
        elapsed = timing["result"] - timing["key"]
    except Exception:
        untrusted.append(f"searching {url} for {SEARCH_QUERY!r} showed no result")
        elapsed = float("nan")
    context.close()
    return elapsed


def print_search(ours: list[float], bare: list[float]) -> None:
    say(f"{'search, key to result':<24} {'median':>8} {'max':>8}   ({len(ours)} tries each, {CPU_SLOWDOWN}x CPU, '{SEARCH_QUERY}')")
    for name, times in (("project", ours), ("bare Material", bare)):
        say(f"{name:<24} {median(times):>5.0f} ms {max(times):>5.0f} ms")
    say(f"  ratio: median {median(ours) / median(bare):.2f}, max {max(ours) / max(bare):.2f}")


# --- The run --------------------------------------------------------------------------------------


def bare_rules(work: Path) -> Path:
    """The shipped rules without the Content-Security-Policy, which would block Material's inline scripts."""
    rules = work / "bare-rules.conf"
    shipped = SHIPPED_RULES.read_text(encoding="utf-8")
    rules.write_text(re.sub(r"^\s*add_header Content-Security-Policy .*$", "", shipped, flags=re.M), encoding="utf-8")
    return rules


def measure_served(ours_url: str, bare_url: str, tmp: Path, chromium: str, runs: int, searches: int,
                   skip: set[str]) -> list[str]:
    misses = []
    pages, bare_pages = built_pages(tmp / "site"), built_pages(tmp / "bare-site")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        if "weight" not in skip:
            with Phase(f"\nLoading each of {len(pages)} pages, and bare Material's, as a phone does ..."):
                weights = {path: first_view(browser, ours_url + path) for path in pages}
                bare_weights = {path: first_view(browser, bare_url + path) for path in bare_pages}
            misses += print_weights(weights, bare_weights)
        if "search" not in skip:
            with Phase(f"\nSearching {searches} times on each site ..."):
                ours_times, bare_times = [], []
                for _ in range(searches):
                    ours_times.append(search_time(browser, ours_url + "/"))
                    bare_times.append(search_time(browser, bare_url + "/"))
            print_search(ours_times, bare_times)
        browser.close()
    if "lighthouse" not in skip:
        measured = [path for path in pages if path.endswith("/")]  # the 404 page answers with an error
        with Phase(f"\nRunning Lighthouse (mobile) {runs} times on each of {len(measured)} pages ..."):
            lighthouse_run(ours_url + "/", chromium)  # to warm up: the first run otherwise scores worse
            scores = {path: Scores() for path in measured}
            bare_home = Scores()
            for _ in range(runs):
                for path in measured:
                    scores[path].runs.append(lighthouse_run(ours_url + path, chromium))
                    if path == "/":
                        bare_home.runs.append(lighthouse_run(bare_url + "/", chromium))
        misses += print_lighthouse(scores, bare_home, runs)
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 9,90; 1 build, 1 Lighthouse run, 10 searches")
    parser.add_argument("--sizes", help="pages to build, about (default 9,90,900)")
    parser.add_argument("--builds", type=int, help="timed builds of each, per size (default 3)")
    parser.add_argument("--runs", type=int, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--searches", type=int, help="searches on each site (default 30)")
    parser.add_argument("--skip", default="", help="parts to leave out: build, weight, lighthouse, search")
    args = parser.parse_args()
    quick = args.quick
    sizes = [int(n) for n in (args.sizes or ("9,90" if quick else "9,90,900")).split(",")]
    rounds = args.builds or (1 if quick else 3)
    runs = args.runs or (1 if quick else 3)
    searches = args.searches or (10 if quick else 30)
    skip = set(filter(None, args.skip.split(",")))
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed; run npm ci (scripts/test does)")
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium is not installed; scripts/test installs it")

    started = time.perf_counter()
    say(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min) on {os.cpu_count()} cores")
    misses: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        ours_server = Nginx(tmp / "site", "/", tmp / "nginx")
        bare_server = Nginx(tmp / "bare-site", "/", tmp / "nginx-bare", rules=bare_rules(tmp))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ours_server.base}
        if "build" not in skip:
            with Phase("Building synthetic copies of the site, and bare Material builds of the same pages ..."):
                results = measure_builds(tmp / "builds", sizes, rounds, env)
            say()
            misses += print_builds(results, rounds)
            say()
        if not {"weight", "lighthouse", "search"} <= skip:
            say("Building the site and bare Material's, served by nginx with the shipped rules ...")
            project = copy_project(tmp / "project")
            in_git(project)
            timed_build(project, tmp / "site", env, None)
            timed_build(bare_project(project, tmp / "bare"), tmp / "bare-site", env, None)
            # As scripts/export ships a release to nginx: each text file also gzipped once (gzip_static).
            for site in (tmp / "site", tmp / "bare-site"):
                precompress(site)
            with ours_server as ours_url, bare_server as bare_url:
                misses += measure_served(ours_url.rstrip("/"), bare_url.rstrip("/"), tmp, chromium, runs, searches, skip)

    say(f"\nload: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min); "
        f"the whole run took {(time.perf_counter() - started) / 60:.1f} min")
    say(f"aims: build <= {MAX_BUILD_RATIO} x bare at every size; first view <= {MAX_FIRST_VIEW_KB} KB on every page; "
        f"LCP <= {MAX_LCP_S} s; Lighthouse performance >= {MIN_SCORE['performance']}, the others 100.")
    say(f"aims missed: {len(misses)}" + "".join(f"\n  {miss}" for miss in misses))
    if untrusted:
        say("\n".join(["", *untrusted]))
        sys.exit(f"FAILED: {len(untrusted)} figure(s) above cannot be trusted (see the lines before this one)")


if __name__ == "__main__":
    main()
