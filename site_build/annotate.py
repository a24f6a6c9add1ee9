"""Put each problem the checks or the build name on its file and line in GitHub, as an annotation.

    { scripts/check && mkdocs build --strict; } 2>&1 | python -m site_build.annotate

Every line passes through unchanged; a problem line (`file: line N: what; what to do`) is also
written as `::error file=…,line=…::…`, which GitHub shows on that line of a pull request. A line
that only informs (a review falling due) becomes a warning.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

# The files an editor's problem can be in, as the checks name them.
PROBLEM = re.compile(r"(?P<file>(?:docs|data|overrides)/[^:]+|mkdocs\.yml): (?:line (?P<line>\d+): )?(?P<message>.+)")
# MkDocs' log lines; a message's further lines carry no level.
LEVEL = re.compile(r"(?P<level>ERROR|WARNING|INFO|DEBUG) +- +(?P<message>.*)")
KINDS = {"ERROR": "error", "WARNING": "error", "INFO": "warning"}  # strict: a warning stops the build too


def annotations(lines: Iterable[str]) -> Iterator[str]:
    level = "ERROR"  # the checks' own lines come without a level only as further lines of an error
    for line in lines:
        line = line.rstrip("\r\n")
        if said := LEVEL.fullmatch(line):
            level, line = said["level"], said["message"]
        if (problem := PROBLEM.fullmatch(line)) and level in KINDS:
            where = f"file={_property(problem['file'])}" + (f",line={problem['line']}" if problem["line"] else "")
            yield f"::{KINDS[level]} {where}::{_data(problem['message'])}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def main() -> int:
    def passed_on() -> Iterator[str]:
        for line in sys.stdin:
            sys.stdout.write(line)
            yield line

    for annotation in annotations(passed_on()):
        print(annotation, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
