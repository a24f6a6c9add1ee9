"""The content report: for every page, its words, reading grade, review dates and the facts it draws on."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from site_build.checks import Problems
from site_build.facts import load_facts
from site_build.pages import FRONT_MATTER, clinic_today, long_date, names_used, read_front_matter, readability, review_of

ROOT = Path(__file__).resolve().parents[1]


def built_page(site: Path, src_uri: str) -> Path:
    stem = src_uri.removesuffix(".md")
    return site / "index.html" if stem == "index" else site / stem / "index.html"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from macros import DRAWS_ON

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                               cwd=ROOT, capture_output=True, text=True)
        if build.returncode != 0:
            print(build.stderr.strip() or build.stdout.strip(), file=sys.stderr)
            print("The report needs a site that builds: fix the line above, then run it again.", file=sys.stderr)
            return 1
        facts, today = load_facts(ROOT / "data"), clinic_today(ROOT / "mkdocs.yml")
        limit = facts.standards.max_reading_grade
        rows = []
        for path in sorted((ROOT / "docs").glob("*.md")):
            src = path.name
            shown = f"docs/{src}"
            try:
                review = review_of(read_front_matter(path, shown, facts, today), facts)
            except Problems as found:  # cannot happen after a good build, but say so plainly if it does
                print("\n".join(found.lines), file=sys.stderr)
                return 1
            html = built_page(site, src).read_text(encoding="utf-8")
            reading = readability(html)
            source = path.read_text(encoding="utf-8")
            markdown = source[FRONT_MATTER.match(source).end():]
            sources = sorted({DRAWS_ON[name] for name in names_used(markdown) if name in DRAWS_ON})
            terms = sorted({a.get_text() for a in BeautifulSoup(html, "lxml").select("article abbr")}, key=str.lower)
            used = [f"{source}.yml" for source in sources]
            if terms:
                used.append(f"glossary.yml terms ({', '.join(terms)})")
            if review is None:
                reviewed, due = "not yet", "-"
            else:
                reviewed = f"{long_date(review.reviewed)} ({review.reviewer.signed})"
                due = long_date(review.due) + (" OVERDUE" if review.overdue(today) else "")
            rows.append((shown, str(reading.words), f"{reading.grade:.1f}", reviewed, due, "; ".join(used) or "-"))
    header = ("page", "words", "grade", "reviewed", "due", "facts used")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[5])
    print(f"\nReading grade is Flesch-Kincaid; the limit is {limit:g} (data/standards.yml). "
          f"Reviews fall due {facts.standards.review_cycle_months} months after 'reviewed:'; "
          "'not yet' means no clinician listed in data/reviewers.yml has reviewed the page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
