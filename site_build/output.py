"""Write the site to a hidden folder and put it in place only when the whole build succeeded.

An editor's mistake must never leave visitors (or the next deploy) with a wiped or half-written
site. MkDocs cleans `site_dir` first and, in strict mode, counts warnings only after every plugin
has finished, so the build goes to a staging folder beside it, and the swap happens in the last
`on_post_build` if nothing was counted.

A build stopped by Ctrl-C (or SIGTERM) removes its staging folder as Python exits: MkDocs runs no
`on_build_error` then. One killed outright leaves it behind, named after its process, and the next
build removes it.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler


class StagedSite:
    def __init__(self) -> None:
        self.final: Path | None = None
        self.staging: Path | None = None
        self.warnings: CountHandler | None = None
        self.config: MkDocsConfig | None = None
        self.sigterm = None  # the SIGTERM handler to put back

    def begin(self, config: MkDocsConfig) -> None:
        self.config = config
        self.final = Path(config.site_dir)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        _clear_leftovers(self.final)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-{os.getpid()}-", dir=self.final.parent))
        # mkdtemp makes a private folder; the site is public, and a web server reads it as another user.
        self.staging.chmod(0o755)
        config.site_dir = str(self.staging)
        atexit.register(self.abandon)
        if threading.current_thread() is threading.main_thread():
            # SIGTERM (a CI job cancelled, a terminal closed) ends Python without its exit handlers.
            self.sigterm = signal.signal(signal.SIGTERM, _interrupt)
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
        with _signals_held():  # the two renames happen both or not at all
            if self.final.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-old-{os.getpid()}-", dir=self.final.parent))
                self.final.rename(old / self.final.name)
            self.staging.rename(self.final)
            self.staging = None
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
        atexit.unregister(self.abandon)
        if self.sigterm is not None:
            signal.signal(signal.SIGTERM, self.sigterm)
        self.staging = self.warnings = self.sigterm = None


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # as Ctrl-C: the build stops, and Python runs its exit handlers


@contextlib.contextmanager
def _signals_held():
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _clear_leftovers(final: Path) -> None:
    """Remove what builds that were killed left beside the site (their process is gone); a site that
    was being swapped out goes back in place if no new one took it."""
    pattern = re.compile(rf"\.{re.escape(final.name)}-(?P<old>old-)?(?:(?P<pid>\d+)-)?\w+")
    for path in sorted(final.parent.iterdir()):
        match = pattern.fullmatch(path.name)
        if not match or not path.is_dir() or (match["pid"] and _running(int(match["pid"]))):
            continue
        if match["old"] and not final.exists() and (path / final.name).is_dir():
            (path / final.name).rename(final)
        shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's
    return True
