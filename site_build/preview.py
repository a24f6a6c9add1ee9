"""The preview (`mkdocs serve`) shows a failed build where the editor is looking: in the browser.

MkDocs leaves every request waiting while the last build has failed, and only the terminal says why.
Here a failed build's lines (the same the terminal shows) replace every page, and since the preview
then counts as rebuilt, MkDocs' own live reload brings the real page back once a build succeeds.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from site_build import mkdocs_yml

log = logging.getLogger("mkdocs.plugins.site_build")

# Inside the preview's own folder; a dotfile, which MkDocs keeps when it cleans the folder for a build.
PROBLEMS_PAGE = ".build-problems.html"


class BrowserPreview:
    """Wraps the preview server's builder and web app (MkDocs' `on_serve` hands them over)."""

    def __init__(self, server: LiveReloadServer, config_file: Path):
        self.server, self.config_file = server, config_file
        self.build: Callable[[], None] = server.builder
        self.serve = server.get_app()
        self.problems: list[str] = []
        self.building = False
        self.state = threading.Condition()
        server.builder = self.rebuild
        server.set_app(self.respond)

    def rebuild(self) -> None:
        with self.state:
            self.building = True
        problems: list[str] = []
        try:
            problems = self._build()
            if problems:
                (Path(self.server.root) / PROBLEMS_PAGE).write_text(problems_page(problems), encoding="utf-8")
        finally:
            with self.state:
                self.problems, self.building = problems, False
                self.state.notify_all()
        if problems:
            log.info("The page open in the browser shows this too; it comes back by itself once a build succeeds")

    def _build(self) -> list[str]:
        # MkDocs reads mkdocs.yml again for every build, and says what is wrong with it in its own words.
        _, problems = mkdocs_yml.check(self.config_file)
        for line in problems:
            log.error(line)
        if problems:
            return problems
        said = _Said()
        logging.getLogger("mkdocs").addHandler(said)
        try:
            self.build()
        except (Exception, SystemExit) as error:  # MkDocs stops a failed build with Abort, a SystemExit
            if not isinstance(error, MkDocsException):
                traceback.print_exc()  # not an editor's mistake but a fault of the site's code
            return said.lines or [f"{type(error).__name__}: {error}"]
        finally:
            logging.getLogger("mkdocs").removeHandler(said)
        return []

    def respond(self, environ: dict, start_response) -> Iterable[bytes]:
        with self.state:
            self.state.wait_for(lambda: not self.building)  # as MkDocs does: never half a site
            failed = bool(self.problems)
        if failed and _is_page(environ.get("PATH_INFO", "")):
            environ = {**environ, "PATH_INFO": self.server.mount_path + PROBLEMS_PAGE}
        return self.serve(environ, start_response)


class _Said(logging.Handler):
    """The warnings and errors of one build, as the terminal shows them (reworded for editors)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.extend(line for line in record.getMessage().splitlines() if line.strip())


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return not path.startswith("/livereload/") and (not last or last.endswith(".html") or "." not in last)


def problems_page(problems: list[str]) -> str:
    items = "\n".join(f"<li>{escape(line, quote=False)}</li>" for line in problems)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site could not be built</title>
<style>
  :root {{ color-scheme: light dark; }}
  body {{ font: 1.125rem/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }}
  ul {{ padding: 0; }}
  li {{ list-style: none; margin: 0.75rem 0; padding: 0.75rem 1rem; background: #fdecea; border-left: 0.3rem solid #b3261e;
        font-family: ui-monospace, monospace; font-size: 1rem; overflow-wrap: anywhere; }}
  @media (prefers-color-scheme: dark) {{
    body {{ background: #121212; color: #ececec; }}
    li {{ background: #3a1715; border-color: #f2b8b5; }}
  }}
</style>
</head>
<body>
<main>
<h1>The site could not be built</h1>
<p>Open the file, go to the line, fix what it says and save. This page comes back by itself.</p>
<ul>
{items}
</ul>
<p>The terminal that runs the preview says the same.</p>
</main>
</body>
</html>
"""
