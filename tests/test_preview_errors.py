"""While the preview runs, a failed build shows its line in the browser page the editor has open, and
the page comes back by itself once the file is fixed."""

from __future__ import annotations

import os
import re
import signal
import subprocess

from playwright.sync_api import expect

from test_bad_edits import complaints
from test_editing_guide import editor_copy, fetch, free_port, wait_for  # noqa: F401  (editor_copy: fixture)


def test_a_failed_build_shows_in_the_browser_and_the_page_comes_back(editor_copy, browser, tmp_path):  # noqa: F811
    address = f"127.0.0.1:{free_port()}"
    terminal = tmp_path / "terminal.txt"
    with terminal.open("w") as said:
        preview = subprocess.Popen(["scripts/serve", "--dev-addr", address], cwd=editor_copy, start_new_session=True,
                                   stdout=said, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert wait_for(lambda: fetch(f"http://{address}/future/"), 120), terminal.read_text()
        assert "El futuro de la terapia con ketamina" in (fetch(f"http://{address}/es/future/") or "")
        page = browser.new_page()
        page.goto(f"http://{address}/future/")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_text("The future of ketamine therapy")

        for path, old, new in [
            ("docs/future.md", "description:", "descripton:"),  # a page
            ("docs/future.es.md", "description:", "descripton:"),  # its Spanish twin, built with it
            ("mkdocs.yml", "  search:", "  serch:"),  # the settings, which MkDocs reads before any check
        ]:
            file = editor_copy / path
            good = file.read_text()
            file.write_text(good.replace(old, new, 1))
            problem = page.get_by_role("listitem").filter(has_text=path)
            expect(problem).to_have_count(1, timeout=60_000)
            shown = problem.inner_text()
            assert re.match(rf"{re.escape(path)}: line \d+: .*; ", shown), shown
            expect(page).to_have_title("The site could not be built")
            # The same line as in the terminal, where the editor may look too.
            assert wait_for(lambda: shown in complaints(terminal.read_text()), 10), terminal.read_text()

            file.write_text(good)  # fixed: the page comes back without anyone reloading it
            expect(heading).to_have_text("The future of ketamine therapy", timeout=60_000)
            expect(page).not_to_have_title("The site could not be built")
        assert "Traceback" not in terminal.read_text()
    finally:
        os.killpg(preview.pid, signal.SIGTERM)
        preview.wait(timeout=30)
