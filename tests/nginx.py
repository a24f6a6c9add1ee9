"""A real nginx (Debian's) on a free loopback port, serving a folder under a sub-path with the shipped rules."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from support import ROOT

# The rules a host includes where it serves the site: the file under test, included, never copied.
SHIPPED_RULES = ROOT / "deploy" / "nginx" / "snippets" / "ketamine-therapy.conf"

# Debian puts nginx in /usr/sbin, which is on root's PATH but not on a normal user's.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])

# Debian's own table of types, as a host has it: the rules must work with it (sitemap.xml is text/xml).
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str:
    binary = shutil.which("nginx", path=SEARCH_PATH)
    assert binary, "nginx is not installed: scripts/test installs it"
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main_config(work: Path, body: str) -> str:
    """A whole nginx.conf around `body` (server blocks), writing only inside `work`."""
    temp = "\n".join(f'    {kind}_temp_path "{work / kind}";' for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
    return f"""
# In the foreground and in one process: stopped with the test, and no switch to another user that
# could not read the test's folders.
daemon off;
master_process off;
error_log "{work / 'error.log'}" warn;
pid "{work / 'nginx.pid'}";
events {{ worker_connections 64; }}
http {{
    include "{MIME_TYPES}";
    default_type application/octet-stream;
    access_log off;
{temp}
{body}
}}
"""


class Nginx:
    """`with Nginx(www, "/sub/path/", work) as base:` serves www/sub/path/ at base, as a host would.

    `rules` is the file included where the site is served: the shipped rules unless told otherwise.
    """

    def __init__(self, www: Path, sub_path: str, work: Path, rules: Path = SHIPPED_RULES):
        self.work = work
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{sub_path}"
        server = f"""
    server {{
        listen 127.0.0.1:{self.port};
        root "{www}";
        location {sub_path} {{
            include "{rules}";
            error_page 404 {sub_path}404.html;
        }}
        location {sub_path}es/ {{
            include "{SHIPPED_RULES}";
            error_page 404 {sub_path}es/404.html;
        }}
    }}"""
        work.mkdir(parents=True, exist_ok=True)
        self.config = work / "nginx.conf"
        self.config.write_text(main_config(work, server), encoding="utf-8")
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> str:
        command = [nginx_binary(), "-e", str(self.work / "error.log"), "-p", str(self.work), "-c", str(self.config)]
        with open(self.work / "output.log", "w") as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped:{self._log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self.base
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"nginx did not answer on port {self.port}{self._log()}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _log(self) -> str:
        logs = [self.work / "output.log", self.work / "error.log"]
        return "".join("\n" + log.read_text(encoding="utf-8") for log in logs if log.exists())


def check_config(config: Path, work: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on a whole config file, as an admin runs it before a reload."""
    return subprocess.run(
        [nginx_binary(), "-t", "-e", str(work / "error.log"), "-p", str(work), "-c", str(config)],
        capture_output=True, text=True, timeout=30,
    )
