"""Measure the site as visitors get it: first-view weight, Lighthouse mobile scores, and build time.

For every page it prints the gzip size of the first view (the HTML and every stylesheet, script and
image the browser loads for it, recorded in Chromium; Material's search worker and index, which load
in the background for the search box, are counted apart), and Lighthouse's mobile scores (the median
of several runs) with the site served by nginx with the shipped rules (gzip on). Then it compares the build time with a
bare Material build of the same pages. It reports figures; the tests check behaviour.

    .venv/bin/python scripts/bench.py [--runs N]

Needs what scripts/test installs: Chromium, nginx and the npm packages (Lighthouse).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browsing import CHROMIUM_FLAGS, PHONE, url_of  # noqa: E402
from nginx import Nginx  # noqa: E402
from support import copy_project, doc_pages  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUILDS = 3  # each build is timed this many times; the median counts

# The goals, printed beside the figures.
MAX_FIRST_VIEW_KB = 80
MIN_SCORE = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_LCP_S = 1.5

def timed_build(project: Path, site: Path, env: dict[str, str]) -> float:
    times = []
    for _ in range(BUILDS):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                                cwd=project, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"the build of {project} failed:\n{result.stderr}")
    return statistics.median(times)


def bare_project(target: Path) -> Path:
    """The same pages with nothing but Material: the yardstick for build time and weight."""
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("assets"))
    (target / "mkdocs.yml").write_text("site_name: Ketamine Therapy\ntheme:\n  name: material\n", encoding="utf-8")
    return target


def is_search(url: str) -> bool:
    # Material's search worker and its index: fetched in the background for the search box.
    path = urlparse(url).path
    return "/assets/javascripts/workers/" in path or path.endswith("/search/search_index.json")


def first_view_bytes(browser, url: str) -> dict[str, int]:
    """gzip bytes of what the browser loads for a page's first view on a phone, and how many files."""
    context = browser.new_context(viewport=PHONE)
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    sizes = {"page": 0, "search": 0, "files": 0}
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        sizes["search" if is_search(response.url) else "page"] += len(gzip.compress(body, compresslevel=6))
        sizes["files"] += 1
    context.close()
    return sizes


def lighthouse(url: str, chromium: str, runs: int) -> dict:
    """The median of each score over several runs: one run swings with whatever else the machine does."""
    reports = [lighthouse_run(url, chromium) for _ in range(runs)]
    median = {key: statistics.median(r[key] for r in reports) for key in [*CATEGORIES, "lcp"]}
    median["failed"] = sorted({audit for r in reports for audit in r["failed"]})
    return median


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
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["lcp"] = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
    scores["failed"] = sorted(
        audit["id"] for category in CATEGORIES for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and (audit := report["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
        and category != "performance"
    )
    return scores


def flagged(text: str, ok: bool) -> str:
    """The figure, and a '!' beside it when it misses its goal."""
    return text + (" " if ok else "!")


def row(name: str, weight: dict[str, int], scores: dict) -> str:
    kb = weight["page"] / 1024
    cells = [
        f"{name:<18}",
        flagged(f"{kb:>8.1f} KB", kb <= MAX_FIRST_VIEW_KB),
        f"{weight['search'] / 1024:>6.1f} KB",
        f"{weight['files']:>5}",
        *(flagged(f"{scores[c]:>4.0f}", scores[c] >= MIN_SCORE[c]) for c in CATEGORIES),
        flagged(f"{scores['lcp']:>5.2f} s", scores["lcp"] <= MAX_LCP_S),
    ]
    return " ".join(cells)


HEADER = (f"{'page':<18} {'first view':>12} {'+ search':>9} {'files':>5} "
          f"{'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP':>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (default 5)")
    runs = parser.parse_args().runs
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed; run npm ci (scripts/test does)")
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium is not installed; scripts/test installs it")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        # Served as a host serves it: real nginx with the shipped rules (gzip, caching, headers).
        ours_server = Nginx(tmp / "site", "/", tmp / "nginx")
        bare_server = Nginx(tmp / "bare-site", "/", tmp / "nginx-bare")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": ours_server.base}
        print("Building the site and a bare Material site of the same pages ...", flush=True)
        ours = timed_build(copy_project(tmp / "project"), tmp / "site", env)
        bare = timed_build(bare_project(tmp / "bare"), tmp / "bare-site", env)

        with ours_server as ours_url, bare_server as bare_url:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
                weights = {name: first_view_bytes(browser, url_of(ours_url, name)) for name in doc_pages()}
                bare_weight = first_view_bytes(browser, url_of(bare_url, "index"))
                browser.close()
            print(f"Running Lighthouse (mobile) {runs} times on each of {len(doc_pages())} pages ...\n", flush=True)
            # One run to warm up (disk caches, nginx, Chromium's first start); the first page measured
            # otherwise scored worse whichever page it was.
            lighthouse_run(url_of(ours_url, "index"), chromium)
            print(HEADER)
            print("-" * len(HEADER))
            problems = {}
            for name in doc_pages():
                scores = lighthouse(url_of(ours_url, name), chromium, runs)
                print(row(name, weights[name], scores), flush=True)
                if scores["failed"]:
                    problems[name] = scores["failed"]

    print(f"\nbare Material home page: first view {bare_weight['page'] / 1024:.1f} KB gzip "
          f"+ search {bare_weight['search'] / 1024:.1f} KB")
    print(f"build: {ours:.2f} s; bare Material build of the same pages: {bare:.2f} s; "
          f"ratio {ours / bare:.2f} (median of {BUILDS})")
    print(f"Lighthouse scores and LCP: median of {runs} runs per page.")
    print(f"goals: first view <= {MAX_FIRST_VIEW_KB} KB gzip; Lighthouse mobile performance >= "
          f"{MIN_SCORE['performance']}, the others 100; LCP <= {MAX_LCP_S} s. '!' marks a miss.")
    for name, audits in problems.items():
        print(f"Lighthouse audits not passed on {name}: {', '.join(audits)}")


if __name__ == "__main__":
    main()
