"""Write the site to a hidden folder and put it in place only when the whole build succeeded.

An editor's mistake must never leave visitors (or the next deploy) with a wiped or half-written
site. MkDocs cleans `site_dir` first and, in strict mode, counts warnings only after every plugin
has finished, so the build goes to a staging folder beside it, and the swap happens in the last
`on_post_build` if nothing was counted.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler


class StagedSite:
    def __init__(self) -> None:
        self.final: Path | None = None
        self.staging: Path | None = None
        self.warnings: CountHandler | None = None
        self.config: MkDocsConfig | None = None

    def begin(self, config: MkDocsConfig) -> None:
        self.config = config
        self.final = Path(config.site_dir)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-", dir=self.final.parent))
        # mkdtemp makes a private folder; the site is public, and a web server reads it as another user.
        self.staging.chmod(0o755)
        config.site_dir = str(self.staging)
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def commit(self) -> None:
        if self.staging is None:
            return
        if self.warnings and self.warnings.get_counts():
            # MkDocs is about to abort in strict mode: keep the last good site.
            self.abandon()
            return
        old = None
        if self.final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-old-", dir=self.final.parent))
            self.final.rename(old / "site")
        self.staging.rename(self.final)
        if old:
            shutil.rmtree(old)
        self._reset()

    def abandon(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self._reset()

    def _reset(self) -> None:
        # Commands that run after the build (gh-deploy) read site_dir from the same config.
        self.config.site_dir = str(self.final)
        if self.warnings:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.staging = self.warnings = None
