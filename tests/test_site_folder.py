"""The built site folder is ready to publish: a web server running as another user can read all of it."""

from __future__ import annotations

import stat


def test_everyone_may_read_the_built_site(site):
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        wanted = 0o755 if path.is_dir() else 0o644
        assert mode & wanted == wanted, f"{path.relative_to(site.parent)}: {oct(mode)}"
