"""Beside each text file of a published folder, a copy gzipped as small as gzip goes, for nginx to send.

    python -m site_build.precompress FOLDER     (scripts/export runs it)

nginx compresses as it sends (level 6, quick); with `gzip_static on` (deploy/nginx) it sends
`main.….min.css.gz` instead when the file is there. Zopfli writes ordinary gzip that any browser
reads, 4-7 % smaller than gzip -9: 3 KB less on a page's first view (Material's stylesheet and script
are most of it), for seconds once per release instead of on every visit. Hosts that compress by
themselves (Netlify, Cloudflare Pages) do not use the .gz files; there they are only extra files.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import zopfli.gzip

# What nginx's gzip_types compresses (deploy/nginx/snippets): pages, styles, scripts, data, pictures.
TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
# Material's search for other languages (1.3 MB): loaded only by a site in one of them, and half a
# minute of Zopfli per release. nginx compresses them as it sends them, if ever asked.
SKIPPED = ("assets/javascripts/lunr/",)


def precompress(folder: Path) -> int:
    """Write FILE.gz beside every text file of `folder` that has none; the number written. A file that is
    in the folder more than once (every release carries Material's) is compressed once."""
    done: dict[bytes, bytes] = {}
    written = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in TEXT or path.is_symlink() or not path.is_file() or path.name.startswith("."):
            continue
        if any(part in path.relative_to(folder).as_posix() for part in SKIPPED):
            continue
        packed = path.with_name(path.name + ".gz")
        if packed.exists():  # MkDocs' own sitemap.xml.gz
            continue
        data = path.read_bytes()
        key = hashlib.sha256(data).digest()
        if key not in done:
            done[key] = zopfli.gzip.compress(data)
        if len(done[key]) >= len(data):  # a tiny file: nginx sends it as it is
            continue
        packed.write_bytes(done[key])
        # nginx answers for FILE.gz with FILE's date (Last-Modified, ETag): keep them the same.
        stat = path.stat()
        os.utime(packed, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: python -m site_build.precompress FOLDER")
    precompress(Path(sys.argv[1]))
